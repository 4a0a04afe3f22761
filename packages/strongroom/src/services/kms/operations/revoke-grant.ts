/** KMS RevokeGrant: deletes a grant of a key (key id or key ARN), for principals the key policy and IAM allow kms:RevokeGrant. */
import type { RevokeGrantRequest } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { dryRunSucceeded } from '../errors.ts';
import { assertGrantIdFormat, deleteGrant, loadGrant } from '../grants/grant-ops.ts';
import type { KmsGrants } from '../grants/kms-grants.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { scopeOf } from '../views.ts';

export function revokeGrant(kms: KmsModel, grants: KmsGrants): OperationHandler<RevokeGrantRequest, Record<string, never>> {
  return async (ctx, input) => {
    const scope = scopeOf(ctx);
    const key = await kms.findKey(scope, input.KeyId, { aliases: false });
    assertGrantIdFormat(input.GrantId);
    await loadGrant(grants, scope, key.record.keyId, input.GrantId);
    if (input.DryRun) throw dryRunSucceeded();
    await deleteGrant(kms, grants, scope, key.record.keyId, input.GrantId);
    return {};
  };
}
