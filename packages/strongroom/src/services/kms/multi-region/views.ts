/** The multi-Region part of KeyMetadata. */
import type { KeyMetadata } from '../../../protocol/spec/generated/kms.types.ts';
import { keyArn } from '../model/arns.ts';
import type { LoadedKey } from '../model/types.ts';

export function multiRegionMetadata(key: LoadedKey): Pick<KeyMetadata, 'MultiRegion' | 'MultiRegionConfiguration' | 'PendingDeletionWindowInDays'> {
  const info = key.multiRegion;
  if (!info) return { MultiRegion: false };
  const { accountId, keyId } = key.record;
  const entry = (region: string) => ({ Arn: keyArn({ accountId, region }, keyId), Region: region });
  const metadata: ReturnType<typeof multiRegionMetadata> = {
    MultiRegion: true,
    MultiRegionConfiguration: {
      MultiRegionKeyType: info.keyType,
      PrimaryKey: entry(info.primaryRegion),
      ReplicaKeys: info.replicaRegions.map(entry),
    },
  };
  if (key.record.keyState === 'PendingReplicaDeletion' && info.pendingWindowDays !== null) metadata.PendingDeletionWindowInDays = info.pendingWindowDays;
  return metadata;
}
