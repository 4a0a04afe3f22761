/** The Secrets Manager model's records. Timestamps are epoch ms. */
export interface SecretScope {
  accountId: string;
  region: string;
}

export interface SecretTag {
  Key: string;
  Value: string;
}

export interface SecretRecord extends SecretScope {
  name: string;
  arn: string;
  description: string | null;
  /** As given; null means the AWS managed key alias/aws/secretsmanager. */
  kmsKeyId: string | null;
  tags: SecretTag[];
  resourcePolicy: string | null;
  createdAt: number;
  lastChangedAt: number;
  lastAccessedAt: number | null;
  /** When DeleteSecret was called; null unless scheduled for deletion. */
  deletedAt: number | null;
  /** When the scheduled deletion is due. */
  purgeAt: number | null;
  /** On a replica: the Region of its primary (the replica is read-only there). Null for a primary or standalone secret. */
  primaryRegion: string | null;
}

export type ReplicationStatus = 'InSync' | 'Failed' | 'InProgress';

/** A replica Region of a primary secret, as the primary records it. */
export interface ReplicaEntry {
  region: string;
  /** As given; null means that Region's AWS managed key alias/aws/secretsmanager. */
  kmsKeyId: string | null;
  status: ReplicationStatus;
  statusMessage: string | null;
  addedAt: number;
}

export interface VersionRecord {
  versionId: string;
  stages: string[];
  createdAt: number;
  lastAccessedAt: number | null;
  kmsKeyArn: string;
}

/** A version's value: exactly one of the two. */
export interface SecretValue {
  string?: string;
  binary?: Uint8Array;
}
