/**
 * What every Secrets Manager operation must be authorized for:
 * secretsmanager:<Op> on the secret's ARN (or "*" for ListSecrets,
 * GetRandomPassword, BatchGetSecretValue), with the secret's resource policy
 * and the condition keys secretsmanager:SecretId, secretsmanager:Name,
 * secretsmanager:ResourceTag/<k> (and aws:ResourceTag/<k>),
 * secretsmanager:VersionId / VersionStage, secretsmanager:KmsKeyId,
 * secretsmanager:Description, aws:RequestTag/<k>, aws:TagKeys and
 * secretsmanager:BlockPublicPolicy, secretsmanager:AddReplicaRegions and
 * secretsmanager:ForceOverwriteReplicaSecret. CreateSecret with
 * AddReplicaRegions also needs secretsmanager:ReplicateSecretToRegions, as
 * on AWS; the replicas' KMS keys are used as the caller in their Regions
 * (kms:GenerateDataKey there), through the in-process client. BatchGetSecretValue reads each secret
 * through GetSecretValue as the caller (its own check per secret). An unknown secret is authorized against
 * the ARN its name would have (without the suffix), so a caller without
 * permission gets AccessDenied rather than learning whether it exists.
 */
import type { AuthzCheck, AuthzContext, ServiceAuthz } from '../../authz/types.ts';
import type { ContextKeys, ResourcePolicy } from '../../iam/policy/index.ts';
import type * as S from '../../protocol/spec/generated/secretsmanager.types.ts';
import { storedPolicy } from './model/resource-policy.ts';
import { scopeOf, type SecretsModel } from './model/secrets-model.ts';
import type { SecretRecord } from './model/types.ts';

type Keys = Record<string, string | readonly string[]>;

const compiled = new WeakMap<SecretRecord, ResourcePolicy | null>();

function policyOf(secret: SecretRecord): ResourcePolicy | undefined {
  let policy = compiled.get(secret);
  if (policy === undefined) {
    const c = secret.resourcePolicy === null ? undefined : storedPolicy(secret.resourcePolicy);
    policy = c ? { name: `secret-policy:${secret.arn}`, policy: c } : null;
    compiled.set(secret, policy);
  }
  return policy ?? undefined;
}

function requestTags(tags: readonly S.Tag[] | undefined): Keys {
  if (!tags?.length) return {};
  const keys: Keys = { 'aws:TagKeys': tags.map((t) => t.Key ?? '') };
  for (const t of tags) if (t.Key !== undefined) keys[`aws:RequestTag/${t.Key}`] = t.Value ?? '';
  return keys;
}

export function secretsAuthz(model: SecretsModel): ServiceAuthz {
  const onSecret = async (ctx: AuthzContext, action: string, secretId: string, extra: Keys = {}, request?: { SecretId: string }): Promise<AuthzCheck> => {
    const scope = scopeOf(ctx);
    const secret = request ? await model.findFor(scope, request) : await model.find(scope, secretId);
    const resource = secret?.arn ?? (secretId.startsWith('arn:') ? secretId : `arn:aws:secretsmanager:${scope.region}:${scope.accountId}:secret:${secretId}`);
    const context: Keys = { 'secretsmanager:SecretId': resource, ...extra };
    for (const t of secret?.tags ?? []) {
      context[`secretsmanager:ResourceTag/${t.Key}`] = t.Value;
      context[`aws:ResourceTag/${t.Key}`] = t.Value;
    }
    const resourcePolicy = secret ? policyOf(secret) : undefined;
    return resourcePolicy ? { action, resource, context: context as ContextKeys, resourcePolicy } : { action, resource, context: context as ContextKeys };
  };
  const simple = (action: string) => (ctx: AuthzContext, input: { SecretId: string }) => onSecret(ctx, action, input.SecretId);
  const global = (action: string) => (): AuthzCheck => ({ action, resource: '*' });
  const optional = (keys: Record<string, string | undefined>): Keys => Object.fromEntries(Object.entries(keys).filter(([, v]) => v !== undefined)) as Keys;

  const replicaKeys = (input: { AddReplicaRegions?: readonly S.ReplicaRegionType[]; ForceOverwriteReplicaSecret?: boolean }): Keys => {
    if (!input.AddReplicaRegions?.length) return {};
    return {
      'secretsmanager:AddReplicaRegions': input.AddReplicaRegions.map((r) => r.Region ?? ''),
      'secretsmanager:ForceOverwriteReplicaSecret': String(input.ForceOverwriteReplicaSecret === true),
    };
  };

  return {
    CreateSecret: (ctx, input: S.CreateSecretRequest) => {
      const scope = scopeOf(ctx);
      const resource = `arn:aws:secretsmanager:${scope.region}:${scope.accountId}:secret:${input.Name}`;
      const context = { 'secretsmanager:Name': input.Name, ...optional({ 'secretsmanager:KmsKeyId': input.KmsKeyId, 'secretsmanager:Description': input.Description }), ...requestTags(input.Tags), ...replicaKeys(input) } as ContextKeys;
      const create: AuthzCheck = { action: 'secretsmanager:CreateSecret', resource, context };
      return input.AddReplicaRegions?.length ? [create, { action: 'secretsmanager:ReplicateSecretToRegions', resource, context }] : create;
    },
    ReplicateSecretToRegions: (ctx, input: S.ReplicateSecretToRegionsRequest) => onSecret(ctx, 'secretsmanager:ReplicateSecretToRegions', input.SecretId, replicaKeys(input)),
    RemoveRegionsFromReplication: simple('secretsmanager:RemoveRegionsFromReplication'),
    StopReplicationToReplica: simple('secretsmanager:StopReplicationToReplica'),
    GetSecretValue: (ctx, input: S.GetSecretValueRequest) =>
      onSecret(ctx, 'secretsmanager:GetSecretValue', input.SecretId, optional({ 'secretsmanager:VersionId': input.VersionId, 'secretsmanager:VersionStage': input.VersionStage }), input),
    PutSecretValue: simple('secretsmanager:PutSecretValue'),
    UpdateSecret: (ctx, input: S.UpdateSecretRequest) =>
      onSecret(ctx, 'secretsmanager:UpdateSecret', input.SecretId, optional({ 'secretsmanager:KmsKeyId': input.KmsKeyId, 'secretsmanager:Description': input.Description })),
    UpdateSecretVersionStage: (ctx, input: S.UpdateSecretVersionStageRequest) =>
      onSecret(ctx, 'secretsmanager:UpdateSecretVersionStage', input.SecretId, { 'secretsmanager:VersionStage': input.VersionStage }),
    DescribeSecret: simple('secretsmanager:DescribeSecret'),
    ListSecretVersionIds: simple('secretsmanager:ListSecretVersionIds'),
    DeleteSecret: simple('secretsmanager:DeleteSecret'),
    RestoreSecret: simple('secretsmanager:RestoreSecret'),
    TagResource: (ctx, input: S.TagResourceRequest) => onSecret(ctx, 'secretsmanager:TagResource', input.SecretId, requestTags(input.Tags)),
    UntagResource: (ctx, input: S.UntagResourceRequest) => onSecret(ctx, 'secretsmanager:UntagResource', input.SecretId, { 'aws:TagKeys': input.TagKeys }),
    PutResourcePolicy: (ctx, input: S.PutResourcePolicyRequest) =>
      onSecret(ctx, 'secretsmanager:PutResourcePolicy', input.SecretId, { 'secretsmanager:BlockPublicPolicy': String(input.BlockPublicPolicy !== false) }),
    GetResourcePolicy: simple('secretsmanager:GetResourcePolicy'),
    DeleteResourcePolicy: simple('secretsmanager:DeleteResourcePolicy'),
    ValidateResourcePolicy: (ctx, input: S.ValidateResourcePolicyRequest) =>
      input.SecretId === undefined ? { action: 'secretsmanager:ValidateResourcePolicy', resource: '*' } : onSecret(ctx, 'secretsmanager:ValidateResourcePolicy', input.SecretId),
    ListSecrets: global('secretsmanager:ListSecrets'),
    GetRandomPassword: global('secretsmanager:GetRandomPassword'),
    BatchGetSecretValue: (_ctx, input: S.BatchGetSecretValueRequest) =>
      input.Filters === undefined
        ? { action: 'secretsmanager:BatchGetSecretValue', resource: '*' }
        : [
            { action: 'secretsmanager:BatchGetSecretValue', resource: '*' },
            { action: 'secretsmanager:ListSecrets', resource: '*' },
          ],
  };
}
