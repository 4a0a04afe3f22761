/** TagResource / UntagResource: add or overwrite tags; remove tags by key. */
import type { TagResourceRequest, UntagResourceRequest } from '../../../protocol/spec/generated/secretsmanager.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import type { RequestContext } from '../../../server/context.ts';
import { secretNotFound } from '../errors.ts';
import { scopeOf, type SecretsModel } from '../model/secrets-model.ts';
import { mergeTags, validateTags } from '../model/tags.ts';
import type { SecretTag } from '../model/types.ts';

async function changeTags(model: SecretsModel, ctx: RequestContext, secretId: string, change: (tags: SecretTag[]) => SecretTag[]): Promise<void> {
  const found = await model.get(scopeOf(ctx), secretId, { primaryOnly: true });
  await model.changeReplicated(ctx, found, async () => {
    const secret = await model.get(scopeOf(ctx), secretId, { lock: true, primaryOnly: true });
    if (secret.arn !== found.arn) throw secretNotFound();
    await model.repo.update(secret, { tags: change(secret.tags) });
  });
}

export function tagResource(model: SecretsModel): OperationHandler<TagResourceRequest, Record<string, never>> {
  return async (ctx, input) => {
    const added = validateTags(input.Tags);
    await changeTags(model, ctx, input.SecretId, (tags) => mergeTags(tags, added));
    return {};
  };
}

export function untagResource(model: SecretsModel): OperationHandler<UntagResourceRequest, Record<string, never>> {
  return async (ctx, input) => {
    await changeTags(model, ctx, input.SecretId, (tags) => tags.filter((t) => !input.TagKeys.includes(t.Key)));
    return {};
  };
}
