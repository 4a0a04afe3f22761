/**
 * Authorization of the multi-Region operations, as AWS documents it:
 *   ReplicateKey         kms:ReplicateKey on the primary key (its key policy,
 *                        with kms:ReplicaRegion), kms:CreateKey in an IAM
 *                        policy for the replica region (aws:RequestedRegion is
 *                        the replica region there), and kms:TagResource when
 *                        Tags are given.
 *   UpdatePrimaryRegion  kms:UpdatePrimaryRegion on the current primary and
 *                        on the replica that becomes primary (each checked
 *                        against its own key policy, with kms:PrimaryRegion).
 */
import type { AuthzCheck, AuthzContext } from '../../../authz/types.ts';
import type * as K from '../../../protocol/spec/generated/kms.types.ts';
import type { KmsAuthz } from '../authz.ts';
import { isMultiRegionKeyId } from './ids.ts';

type KeyChecker = Pick<KmsAuthz, 'keyCheck'>;
type Keys = Record<string, string | readonly string[]>;

export async function replicateKeyChecks(authz: KeyChecker, ctx: AuthzContext, input: K.ReplicateKeyRequest): Promise<AuthzCheck[]> {
  const primary = await authz.keyCheck(ctx, 'kms:ReplicateKey', input.KeyId, false, { keys: { 'kms:ReplicaRegion': input.ReplicaRegion } });
  const source = primary.context as Keys;
  const keys: Keys = {
    'aws:RequestedRegion': input.ReplicaRegion,
    'kms:CallerAccount': ctx.principal.accountId,
    'kms:KeySpec': source['kms:KeySpec'],
    'kms:KeyUsage': source['kms:KeyUsage'],
    'kms:KeyOrigin': source['kms:KeyOrigin'],
    'kms:MultiRegion': 'true',
    'kms:MultiRegionKeyType': 'REPLICA',
    'kms:BypassPolicyLockoutSafetyCheck': String(input.BypassPolicyLockoutSafetyCheck === true),
  };
  if (ctx.viaService !== undefined) keys['kms:ViaService'] = ctx.viaService;
  if (input.Tags?.length) {
    keys['aws:TagKeys'] = input.Tags.map((t) => t.TagKey);
    for (const tag of input.Tags) keys[`aws:RequestTag/${tag.TagKey}`] = tag.TagValue;
  }
  const checks: AuthzCheck[] = [primary, { action: 'kms:CreateKey', resource: '*', context: keys }];
  if (input.Tags?.length) checks.push({ action: 'kms:TagResource', resource: '*', context: keys });
  return checks;
}

export async function updatePrimaryRegionChecks(authz: KeyChecker, ctx: AuthzContext, input: K.UpdatePrimaryRegionRequest): Promise<AuthzCheck[]> {
  const use = { keys: { 'kms:PrimaryRegion': input.PrimaryRegion } };
  const primary = await authz.keyCheck(ctx, 'kms:UpdatePrimaryRegion', input.KeyId, false, use);
  const keyId = primary.resource.slice(primary.resource.indexOf(':key/') + ':key/'.length);
  if (!isMultiRegionKeyId(keyId) || input.PrimaryRegion === ctx.region) return [primary];
  try {
    return [primary, await authz.keyCheck({ ...ctx, region: input.PrimaryRegion }, 'kms:UpdatePrimaryRegion', keyId, false, use)];
  } catch (error) {
    // No replica there: the operation answers NotFoundException itself.
    if ((error as Error).name === 'NotFoundException') return [primary];
    throw error;
  }
}
