/**
 * Which grant RetireGrant names: its token (which carries the key's account
 * and region, so a grant on another account's key can be retired), or KeyId
 * (key id or key ARN) with GrantId.
 */
import type { RetireGrantRequest } from '../../../protocol/spec/generated/kms.types.ts';
import type { KmsModel } from '../model/kms-model.ts';
import type { KeyScope } from '../model/types.ts';
import { grantValidation } from './errors.ts';
import { assertGrantIdFormat, grantFromToken } from './grant-ops.ts';

export interface GrantLocation {
  scope: KeyScope;
  keyId: string;
  grantId: string;
}

export async function locateRetiredGrant(kms: KmsModel, callerScope: KeyScope, input: RetireGrantRequest): Promise<GrantLocation> {
  if (input.GrantToken !== undefined) return grantFromToken(input.GrantToken);
  if (input.KeyId === undefined || input.GrantId === undefined) {
    throw grantValidation('Either GrantToken, or both KeyId and GrantId, must be specified.');
  }
  assertGrantIdFormat(input.GrantId);
  const key = await kms.findKey(callerScope, input.KeyId, { aliases: false });
  return { scope: callerScope, keyId: key.record.keyId, grantId: input.GrantId };
}
