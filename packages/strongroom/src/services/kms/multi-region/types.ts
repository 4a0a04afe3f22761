/** What a multi-Region key's row knows about its related keys in other regions. */
export type MultiRegionKeyType = 'PRIMARY' | 'REPLICA';

export interface MultiRegionInfo {
  /** This region's role. */
  keyType: MultiRegionKeyType;
  primaryRegion: string;
  /** Every live replica's region (this one included when it is a replica), oldest first. */
  replicaRegions: string[];
  /** A primary in PendingReplicaDeletion: the waiting period that starts once its last replica is deleted. */
  pendingWindowDays: number | null;
}
