/** SSM AddTagsToResource / RemoveTagsFromResource / ListTagsForResource, for ResourceType Parameter (at most 50 tags). */
import { InvalidResourceId, InvalidResourceType, TooManyTagsError } from '../../../protocol/spec/generated/ssm.errors.ts';
import type * as S from '../../../protocol/spec/generated/ssm.types.ts';
import type { OperationHandler } from '../../../protocol/types.ts';
import { nameFromReference, type ParameterScope } from '../model/names.ts';
import { MAX_TAGS } from '../model/put.ts';
import type { SsmModel } from '../model/ssm-model.ts';
import { scopeOf } from '../views.ts';

/** The parameter a tagging request names; AWS's errors for another resource type or an unknown parameter. */
export async function taggedParameter(model: SsmModel, scope: ParameterScope, resourceType: string, resourceId: string): Promise<string> {
  if (resourceType !== 'Parameter') throw new InvalidResourceType('The resource type is not valid. Strongroom supports tagging resources of type Parameter.');
  const name = nameFromReference(resourceId);
  if (!(await model.repo.get(scope, name, true))) throw new InvalidResourceId('The resource ID is not valid. Verify the ID and try again.');
  return name;
}

export function addTagsToResource(model: SsmModel): OperationHandler<S.AddTagsToResourceRequest, S.AddTagsToResourceResult> {
  return (ctx, input) =>
    model.store.transaction(async () => {
      const scope = scopeOf(ctx);
      const name = await taggedParameter(model, scope, input.ResourceType, input.ResourceId);
      const keys = new Set((await model.repo.tags(scope, name)).map((t) => t.Key));
      for (const tag of input.Tags) keys.add(tag.Key);
      if (keys.size > MAX_TAGS) throw new TooManyTagsError('The Tags parameter contains more than the maximum number of tags (50) allowed for a resource.');
      await model.repo.putTags(scope, name, input.Tags);
      return {};
    });
}

export function removeTagsFromResource(model: SsmModel): OperationHandler<S.RemoveTagsFromResourceRequest, S.RemoveTagsFromResourceResult> {
  return (ctx, input) =>
    model.store.transaction(async () => {
      const scope = scopeOf(ctx);
      const name = await taggedParameter(model, scope, input.ResourceType, input.ResourceId);
      await model.repo.removeTags(scope, name, input.TagKeys);
      return {};
    });
}

export function listTagsForResource(model: SsmModel): OperationHandler<S.ListTagsForResourceRequest, S.ListTagsForResourceResult> {
  return async (ctx, input) => {
    const scope = scopeOf(ctx);
    const name = await taggedParameter(model, scope, input.ResourceType, input.ResourceId);
    return { TagList: await model.repo.tags(scope, name) };
  };
}
