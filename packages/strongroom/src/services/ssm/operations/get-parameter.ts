/** SSM GetParameter: the latest version, or `name:<version>` / `name:<label>`; SecureString decrypted only WithDecryption. */
import type { GetParameterRequest, GetParameterResult } from '../../../protocol/spec/generated/ssm.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { isSecretsReference, readSecretsReference } from '../model/secrets-reference.ts';
import { isPublicName, publicParameter } from '../model/public-parameters.ts';
import type { SsmModel } from '../model/ssm-model.ts';
import { parameterNotFound } from '../errors.ts';
import { scopeOf, toParameter } from '../views.ts';

export function getParameter(model: SsmModel): OperationHandler<GetParameterRequest, GetParameterResult> {
  return async (ctx, input) => {
    if (isSecretsReference(input.Name)) return { Parameter: await readSecretsReference(model.secrets, ctx, input.Name, input.WithDecryption) };
    if (isPublicName(input.Name)) {
      const parameter = publicParameter(ctx.region, input.Name);
      if (!parameter) throw parameterNotFound();
      return { Parameter: parameter };
    }
    const { version, selector } = await model.resolveOrThrow(scopeOf(ctx), input.Name);
    return { Parameter: toParameter(version, await model.valueFor(ctx, version, input.WithDecryption), selector) };
  };
}
