/** Grant records → the GrantListEntry shape ListGrants and ListRetirableGrants return. */
import type { GrantListEntry } from '../../../protocol/spec/generated/kms.types.ts';
import { keyArn } from '../model/arns.ts';
import type { GrantRecord } from './types.ts';

export function toGrantListEntry(grant: GrantRecord): GrantListEntry {
  const entry: GrantListEntry = {
    KeyId: keyArn(grant, grant.keyId),
    GrantId: grant.grantId,
  };
  if (grant.name !== undefined) entry.Name = grant.name;
  entry.CreationDate = new Date(grant.createdAt);
  if (grant.granteePrincipal !== undefined) entry.GranteePrincipal = grant.granteePrincipal;
  if (grant.granteeServicePrincipal !== undefined) entry.GranteeServicePrincipal = grant.granteeServicePrincipal;
  if (grant.retiringPrincipal !== undefined) entry.RetiringPrincipal = grant.retiringPrincipal;
  if (grant.retiringServicePrincipal !== undefined) entry.RetiringServicePrincipal = grant.retiringServicePrincipal;
  entry.IssuingAccount = grant.issuingAccount;
  entry.Operations = [...grant.operations];
  if (grant.constraints) {
    entry.Constraints = {};
    if (grant.constraints.encryptionContextEquals) entry.Constraints.EncryptionContextEquals = { ...grant.constraints.encryptionContextEquals };
    if (grant.constraints.encryptionContextSubset) entry.Constraints.EncryptionContextSubset = { ...grant.constraints.encryptionContextSubset };
  }
  return entry;
}
