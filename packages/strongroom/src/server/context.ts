/**
 * What a handler knows about the request it serves: who is calling, for which
 * account and region, and the request id. No HTTP in here.
 */
import type { Logger } from 'pino';

export type PrincipalKind = 'root' | 'user' | 'assumed-role' | 'internal';

export interface Principal {
  kind: PrincipalKind;
  accountId: string;
  /** The ARN GetCallerIdentity returns, e.g. arn:aws:iam::000000000000:user/admin */
  arn: string;
  /** The UserId GetCallerIdentity returns (AIDA... for users, the account id for root). */
  userId: string;
  /** The access key that signed the request, when there was one. */
  accessKeyId?: string;
}

export interface RequestContext {
  requestId: string;
  /** Service signing name, e.g. "kms", "sts". */
  service: string;
  operation: string;
  region: string;
  principal: Principal;
  sourceIp: string;
  secureTransport: boolean;
  receivedAt: Date;
  log: Logger;
}
