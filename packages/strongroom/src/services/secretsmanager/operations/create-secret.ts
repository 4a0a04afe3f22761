/** CreateSecret: a new secret (ARN name-XXXXXX), with a first version labelled AWSCURRENT when a value is given. */
import type { CreateSecretRequest, CreateSecretResponse } from '../../../protocol/spec/generated/secretsmanager.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { alreadyExists, scheduledNameTaken } from '../errors.ts';
import { applyReplicas, planReplicas, replicaRequests } from '../model/add-replicas.ts';
import { assertSecretName, newVersionId, valueOf } from '../model/inputs.ts';
import { randomChars } from '../model/random-chars.ts';
import { sameValue, scopeOf, type SecretsModel } from '../model/secrets-model.ts';
import { AWSCURRENT } from '../model/stages.ts';
import type { SecretRecord } from '../model/types.ts';
import { validateTags } from '../model/tags.ts';
import { replicationStatus } from './replication.ts';

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function secretArn(region: string, accountId: string, name: string): string {
  return `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}-${randomChars(SUFFIX_ALPHABET, 6)}`;
}

export function createSecret(model: SecretsModel): OperationHandler<CreateSecretRequest, CreateSecretResponse> {
  return async (ctx, input) => {
    assertSecretName(input.Name);
    const value = valueOf(input);
    const tags = validateTags(input.Tags ?? []);
    const scope = scopeOf(ctx);
    const replicas = replicaRequests(scope.region, input.AddReplicaRegions ?? []);
    const force = input.ForceOverwriteReplicaSecret === true;
    const versionId = value ? newVersionId(input.ClientRequestToken) : undefined;
    const existing = await model.repo.byName(scope, input.Name);
    if (existing) return retried(model, ctx, existing, versionId, value);

    const now = model.now();
    const secret: SecretRecord = {
      ...scope,
      name: input.Name,
      arn: secretArn(scope.region, scope.accountId, input.Name),
      description: input.Description ?? null,
      kmsKeyId: input.KmsKeyId ?? null,
      tags,
      resourcePolicy: null,
      createdAt: now,
      lastChangedAt: now,
      lastAccessedAt: null,
      deletedAt: null,
      purgeAt: null,
      primaryRegion: null,
    };
    const encrypted = value && versionId ? await model.encrypt(ctx, secret, versionId, value) : undefined;
    const plans = replicas.length ? await planReplicas(model, ctx, secret, replicas, force, new Map(value && versionId ? [[versionId, value]] : [])) : [];
    let status: CreateSecretResponse['ReplicationStatus'];
    try {
      await model.store.transaction(async () => {
        await model.repo.insert(secret);
        if (encrypted && versionId) {
          await model.repo.insertVersion(secret, { versionId, stages: [AWSCURRENT], createdAt: now, lastAccessedAt: null, kmsKeyArn: encrypted.kmsKeyArn }, encrypted.sealed);
        }
        if (plans.length) {
          await applyReplicas(model, secret, plans, force);
          status = await replicationStatus(model, secret);
        }
      });
    } catch (error) {
      const raced = await model.repo.byName(scope, input.Name);
      if (raced) return retried(model, ctx, raced, versionId, value);
      throw error;
    }
    const out: CreateSecretResponse = versionId ? { ARN: secret.arn, Name: secret.name, VersionId: versionId } : { ARN: secret.arn, Name: secret.name };
    if (status) out.ReplicationStatus = status;
    return out;
  };
}

/** The name exists: a retry of the same request (same token, same value) answers as the first did. */
async function retried(model: SecretsModel, ctx: Parameters<OperationHandler>[0], existing: SecretRecord, versionId: string | undefined, value: ReturnType<typeof valueOf>): Promise<CreateSecretResponse> {
  if (existing.deletedAt !== null) throw scheduledNameTaken();
  if (versionId && value) {
    const version = (await model.repo.versions(existing)).find((v) => v.versionId === versionId);
    if (version && sameValue(await model.decrypt(ctx, existing, version), value)) return { ARN: existing.arn, Name: existing.name, VersionId: versionId };
  }
  throw alreadyExists(existing.name);
}
