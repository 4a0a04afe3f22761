/** The STS service definition: its model and the operations Strongroom implements. */
import type { ServiceDefinition } from '../../protocol/types.ts';
import { stsSpec } from '../../protocol/spec/generated/sts.spec.ts';
import { getCallerIdentity } from './operations/get-caller-identity.ts';

export function stsService(): ServiceDefinition {
  return {
    spec: stsSpec,
    handlers: {
      GetCallerIdentity: getCallerIdentity,
    },
  };
}
