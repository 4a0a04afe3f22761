/** Model records → the typed output shapes the handlers return, and the request's caller. */
import type { RequestContext } from '../../server/context.ts';
import type { AliasListEntry, KeyMetadata } from '../../protocol/spec/generated/kms.types.ts';
import { importedMaterialMetadata } from './imports/views.ts';
import { keySpecProfile } from './model/key-specs.ts';
import type { Caller } from './model/kms-model.ts';
import type { AliasRecord, KeyScope, LoadedKey, Page } from './model/types.ts';
import { multiRegionMetadata } from './multi-region/views.ts';

export function scopeOf(ctx: RequestContext): KeyScope {
  return { accountId: ctx.principal.accountId, region: ctx.region };
}

export function callerOf(ctx: RequestContext): Caller {
  return { scope: scopeOf(ctx), principalArn: ctx.principal.arn };
}

/** KeyMetadata as DescribeKey and CreateKey return it. */
export function toKeyMetadata(key: LoadedKey): KeyMetadata {
  const { record } = key;
  const profile = keySpecProfile(record.keySpec, record.keyUsage);
  const metadata: KeyMetadata = {
    AWSAccountId: record.accountId,
    KeyId: record.keyId,
    Arn: record.arn,
    CreationDate: new Date(record.createdAt),
    Enabled: record.keyState === 'Enabled',
    Description: record.description,
    KeyUsage: record.keyUsage,
    KeyState: record.keyState,
  };
  if (record.keyState === 'PendingDeletion' && record.deletionDate !== null) metadata.DeletionDate = new Date(record.deletionDate);
  Object.assign(metadata, {
    Origin: record.origin,
    KeyManager: record.keyManager,
    CustomerMasterKeySpec: record.keySpec,
    KeySpec: record.keySpec,
  });
  if (record.origin === 'EXTERNAL') Object.assign(metadata, importedMaterialMetadata(record));
  if (profile.encryptionAlgorithms) metadata.EncryptionAlgorithms = [...profile.encryptionAlgorithms];
  if (profile.signingAlgorithms) metadata.SigningAlgorithms = [...profile.signingAlgorithms];
  if (profile.keyAgreementAlgorithms) metadata.KeyAgreementAlgorithms = [...profile.keyAgreementAlgorithms];
  if (profile.macAlgorithms) metadata.MacAlgorithms = [...profile.macAlgorithms];
  Object.assign(metadata, multiRegionMetadata(key));
  // AWS reports CurrentKeyMaterialId for symmetric encryption keys only.
  if (profile.rotatable) metadata.CurrentKeyMaterialId = key.materials.get(record.currentMaterialVersion)?.materialId;
  return metadata;
}

export function toAliasEntry(alias: AliasRecord): AliasListEntry {
  return {
    AliasName: alias.aliasName,
    AliasArn: alias.aliasArn,
    TargetKeyId: alias.targetKeyId,
    CreationDate: new Date(alias.createdAt),
    LastUpdatedDate: new Date(alias.updatedAt),
  };
}

/** NextMarker only when truncated; Truncated always, as AWS answers. */
export function pageInfo(page: Page<unknown>): { NextMarker?: string; Truncated: boolean } {
  return page.nextMarker === undefined ? { Truncated: false } : { NextMarker: page.nextMarker, Truncated: true };
}
