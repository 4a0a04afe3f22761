import type { Exchange } from '../exchange.ts';

/** One named stage of the request pipeline; throws AwsError to end the request. */
export interface Step {
  name: string;
  run(exchange: Exchange): void | Promise<void>;
}
