/** DescribeSecret: metadata, tags, dates and VersionIdsToStages (also while scheduled for deletion). */
import type { DescribeSecretRequest, DescribeSecretResponse } from '../../../protocol/spec/generated/secretsmanager.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { scopeOf, type SecretsModel } from '../model/secrets-model.ts';
import { describeSecret as view, versionIdsToStages } from '../views.ts';
import { replicationStatus } from './replication.ts';

export function describeSecret(model: SecretsModel): OperationHandler<DescribeSecretRequest, DescribeSecretResponse> {
  return async (ctx, input) => {
    const secret = await model.get(scopeOf(ctx), input.SecretId, { allowDeleted: true });
    const versions = await model.repo.versions(secret);
    const out: DescribeSecretResponse = { ...view(secret, versions), VersionIdsToStages: versionIdsToStages(versions) };
    // A multi-Region secret shows its primary Region; the primary also each replica's status.
    const replicas = secret.primaryRegion === null ? await replicationStatus(model, secret) : [];
    if (secret.primaryRegion === null && replicas.length) {
      out.PrimaryRegion = secret.region;
      out.ReplicationStatus = replicas;
    }
    return out;
  };
}
