/** PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy, ValidateResourcePolicy. */
import type * as S from '../../../protocol/spec/generated/secretsmanager.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { AwsError } from '../../../errors/aws-error.ts';
import { secretNotFound } from '../errors.ts';
import { assertNotPublic, compileSecretPolicy, isPublic } from '../model/resource-policy.ts';
import { scopeOf, type SecretsModel } from '../model/secrets-model.ts';

export function putResourcePolicy(model: SecretsModel): OperationHandler<S.PutResourcePolicyRequest, S.PutResourcePolicyResponse> {
  return async (ctx, input) => {
    const policy = compileSecretPolicy(input.ResourcePolicy);
    if (input.BlockPublicPolicy !== false) assertNotPublic(policy);
    const found = await model.get(scopeOf(ctx), input.SecretId, { primaryOnly: true });
    return model.changeReplicated(ctx, found, async () => {
      const secret = await model.get(scopeOf(ctx), input.SecretId, { lock: true, primaryOnly: true });
      if (secret.arn !== found.arn) throw secretNotFound();
      await model.repo.update(secret, { resourcePolicy: input.ResourcePolicy });
      return { ARN: secret.arn, Name: secret.name };
    });
  };
}

export function getResourcePolicy(model: SecretsModel): OperationHandler<S.GetResourcePolicyRequest, S.GetResourcePolicyResponse> {
  return async (ctx, input) => {
    const secret = await model.get(scopeOf(ctx), input.SecretId, { allowDeleted: true, primaryOnly: true });
    const out: S.GetResourcePolicyResponse = { ARN: secret.arn, Name: secret.name };
    if (secret.resourcePolicy !== null) out.ResourcePolicy = secret.resourcePolicy;
    return out;
  };
}

export function deleteResourcePolicy(model: SecretsModel): OperationHandler<S.DeleteResourcePolicyRequest, S.DeleteResourcePolicyResponse> {
  return async (ctx, input) => {
    const found = await model.get(scopeOf(ctx), input.SecretId, { primaryOnly: true });
    return model.changeReplicated(ctx, found, async () => {
      const secret = await model.get(scopeOf(ctx), input.SecretId, { lock: true, primaryOnly: true });
      if (secret.arn !== found.arn) throw secretNotFound();
      await model.repo.update(secret, { resourcePolicy: null });
      return { ARN: secret.arn, Name: secret.name };
    });
  };
}

export function validateResourcePolicy(model: SecretsModel): OperationHandler<S.ValidateResourcePolicyRequest, S.ValidateResourcePolicyResponse> {
  return async (ctx, input) => {
    if (input.SecretId !== undefined) await model.get(scopeOf(ctx), input.SecretId, { allowDeleted: true });
    try {
      const policy = compileSecretPolicy(input.ResourcePolicy);
      if (isPublic(policy)) {
        return { PolicyValidationPassed: false, ValidationErrors: [{ CheckName: 'BLOCK_PUBLIC_POLICY', ErrorMessage: 'The resource policy grants public access to the secret.' }] };
      }
      return { PolicyValidationPassed: true, ValidationErrors: [] };
    } catch (error) {
      if (error instanceof AwsError && error.code === 'MalformedPolicyDocumentException') {
        return { PolicyValidationPassed: false, ValidationErrors: [{ CheckName: 'SYNTAX_CHECK', ErrorMessage: error.message }] };
      }
      throw error;
    }
  };
}
