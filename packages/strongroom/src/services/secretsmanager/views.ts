/** Records → the output shapes DescribeSecret and ListSecrets return. */
import type { DescribeSecretResponse, SecretListEntry } from '../../protocol/spec/generated/secretsmanager.types.ts';
import type { SecretRecord, VersionRecord } from './model/types.ts';

export function versionIdsToStages(versions: readonly VersionRecord[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const v of versions) if (v.stages.length) out[v.versionId] = [...v.stages];
  return out;
}

export function describeSecret(secret: SecretRecord, versions: readonly VersionRecord[]): DescribeSecretResponse & SecretListEntry {
  const out: DescribeSecretResponse & SecretListEntry = { ARN: secret.arn, Name: secret.name };
  if (secret.description !== null) out.Description = secret.description;
  if (secret.kmsKeyId !== null) out.KmsKeyId = secret.kmsKeyId;
  out.LastChangedDate = new Date(secret.lastChangedAt);
  if (secret.lastAccessedAt !== null) out.LastAccessedDate = new Date(secret.lastAccessedAt);
  if (secret.deletedAt !== null) out.DeletedDate = new Date(secret.deletedAt);
  if (secret.tags.length) out.Tags = secret.tags.map((t) => ({ Key: t.Key, Value: t.Value }));
  out.CreatedDate = new Date(secret.createdAt);
  if (secret.primaryRegion !== null) out.PrimaryRegion = secret.primaryRegion;
  return out;
}

export function listEntry(secret: SecretRecord, versions: readonly VersionRecord[]): SecretListEntry {
  const entry: SecretListEntry = describeSecret(secret, versions);
  const stages = versionIdsToStages(versions);
  if (Object.keys(stages).length) entry.SecretVersionsToStages = stages;
  return entry;
}
