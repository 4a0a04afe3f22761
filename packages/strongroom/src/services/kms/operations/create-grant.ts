/** KMS CreateGrant: a grant on a key (key id or key ARN) for a grantee, a list of operations and optional constraints. */
import type { CreateGrantRequest, CreateGrantResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { createGrant as create } from '../grants/grant-ops.ts';
import type { KmsGrants } from '../grants/kms-grants.ts';
import { assertKeyState } from '../model/key-states.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { scopeOf } from '../views.ts';

export function createGrant(kms: KmsModel, grants: KmsGrants): OperationHandler<CreateGrantRequest, CreateGrantResponse> {
  return async (ctx, input) => {
    const key = await kms.findKey(scopeOf(ctx), input.KeyId, { aliases: false });
    // Enabled or Disabled: AWS refuses grants on keys pending import.
    assertKeyState(key.record, 'enable');
    const { grantId, grantToken } = await create(kms, grants, ctx.principal.accountId, key.record, {
      granteePrincipal: input.GranteePrincipal,
      granteeServicePrincipal: input.GranteeServicePrincipal,
      retiringPrincipal: input.RetiringPrincipal,
      retiringServicePrincipal: input.RetiringServicePrincipal,
      operations: input.Operations,
      constraints: input.Constraints,
      grantTokens: input.GrantTokens,
      name: input.Name,
      dryRun: input.DryRun,
    });
    return { GrantToken: grantToken, GrantId: grantId };
  };
}
