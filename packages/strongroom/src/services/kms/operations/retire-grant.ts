/**
 * KMS RetireGrant: deletes a grant named by its token or by KeyId and
 * GrantId. Who may retire it (its retiring principal, its grantee when it
 * allows RetireGrant, the account that created it) is checked before this
 * runs, by the operation's authorization declaration.
 */
import type { RetireGrantRequest } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { dryRunSucceeded } from '../errors.ts';
import { deleteGrant, loadGrant } from '../grants/grant-ops.ts';
import type { KmsGrants } from '../grants/kms-grants.ts';
import { locateRetiredGrant } from '../grants/locate.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { scopeOf } from '../views.ts';

export function retireGrant(kms: KmsModel, grants: KmsGrants): OperationHandler<RetireGrantRequest, Record<string, never>> {
  return async (ctx, input) => {
    const where = await locateRetiredGrant(kms, scopeOf(ctx), input);
    await loadGrant(grants, where.scope, where.keyId, where.grantId);
    if (input.DryRun) throw dryRunSucceeded();
    await deleteGrant(kms, grants, where.scope, where.keyId, where.grantId);
    return {};
  };
}
