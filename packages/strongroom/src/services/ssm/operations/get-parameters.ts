/** SSM GetParameters: up to 10 references; those that name nothing come back in InvalidParameters. */
import type { GetParametersRequest, GetParametersResult, Parameter } from '../../../protocol/spec/generated/ssm.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { AwsError } from '../../../errors/aws-error.ts';
import { isSecretsReference, readSecretsReference } from '../model/secrets-reference.ts';
import { isPublicName, publicParameter } from '../model/public-parameters.ts';
import type { SsmModel } from '../model/ssm-model.ts';
import { scopeOf, toParameter } from '../views.ts';

export function getParameters(model: SsmModel): OperationHandler<GetParametersRequest, GetParametersResult> {
  return async (ctx, input) => {
    const scope = scopeOf(ctx);
    const parameters: Parameter[] = [];
    const invalid: string[] = [];
    for (const reference of new Set(input.Names)) {
      if (isSecretsReference(reference)) {
        try {
          parameters.push(await readSecretsReference(model.secrets, ctx, reference, input.WithDecryption));
        } catch (error) {
          if (!(error instanceof AwsError && error.code === 'ParameterNotFound')) throw error;
          invalid.push(reference);
        }
        continue;
      }
      if (isPublicName(reference)) {
        const found = publicParameter(ctx.region, reference);
        if (found) parameters.push(found);
        else invalid.push(reference);
        continue;
      }
      let resolved;
      try {
        resolved = await model.resolve(scope, reference);
      } catch (error) {
        if (error instanceof AwsError && error.code === 'ParameterVersionNotFound') resolved = undefined;
        else throw error;
      }
      if (!resolved) {
        invalid.push(reference);
        continue;
      }
      parameters.push(toParameter(resolved.version, await model.valueFor(ctx, resolved.version, input.WithDecryption), resolved.selector));
    }
    return { Parameters: parameters, InvalidParameters: invalid };
  };
}
