/**
 * The STS service definition: its model, the operations Strongroom
 * implements, and what each needs to be allowed (authz.ts).
 */
import type { ServiceDefinition } from '../../protocol/types.ts';
import { stsSpec } from '../../protocol/spec/generated/sts.spec.ts';
import { stsAuthz } from './authz.ts';
import { assumeRole } from './operations/assume-role.ts';
import { getAccessKeyInfo } from './operations/get-access-key-info.ts';
import { getCallerIdentity } from './operations/get-caller-identity.ts';
import { getSessionToken } from './operations/get-session-token.ts';
import type { StsDeps } from './sts-deps.ts';

export type { StsDeps } from './sts-deps.ts';
export { stsAuthz } from './authz.ts';

export function stsService(deps: StsDeps): ServiceDefinition {
  return {
    spec: stsSpec,
    handlers: {
      GetCallerIdentity: getCallerIdentity,
      AssumeRole: assumeRole(deps),
      GetSessionToken: getSessionToken(deps),
      GetAccessKeyInfo: getAccessKeyInfo(deps),
    },
    authz: stsAuthz(deps),
  };
}
