/**
 * What every Parameter Store operation must be authorized for: the action
 * ssm:<Operation> on the parameter's ARN
 * (arn:aws:ssm:<region>:<account>:parameter/<name without leading slash>),
 * the path's ARN for GetParametersByPath, one check per name for the batch
 * operations, and aws:RequestTag/… / aws:TagKeys where tags are written.
 * SecureString values are further guarded by KMS: the in-process Encrypt and
 * Decrypt calls are authorized as the caller.
 */
import type { AuthzCheck, AuthzContext, ServiceAuthz } from '../../authz/types.ts';
import type * as S from '../../protocol/spec/generated/ssm.types.ts';
import { nameFromReference, parameterArn, parseSelector } from './model/names.ts';
import { scopeOf } from './views.ts';

type Tags = ReadonlyArray<{ Key: string; Value: string }> | undefined;

function onParameter(ctx: AuthzContext, action: string, reference: string, context?: Record<string, string | readonly string[]>): AuthzCheck {
  const { name } = parseSelector(reference);
  return { action, resource: parameterArn(scopeOf(ctx), name), ...(context ? { context } : {}) };
}

function requestTags(tags: Tags): Record<string, string | readonly string[]> | undefined {
  if (!tags || tags.length === 0) return undefined;
  const keys: Record<string, string | readonly string[]> = { 'aws:TagKeys': tags.map((t) => t.Key) };
  for (const tag of tags) keys[`aws:RequestTag/${tag.Key}`] = tag.Value;
  return keys;
}

export function ssmAuthz(): ServiceAuthz {
  const one =
    (action: string) =>
    (ctx: AuthzContext, input: { Name: string }): AuthzCheck =>
      onParameter(ctx, action, input.Name);
  const each =
    (action: string) =>
    (ctx: AuthzContext, input: { Names: string[] }): AuthzCheck[] =>
      [...new Set(input.Names)].map((name) => onParameter(ctx, action, name));
  const tagging = (action: string, context?: (input: any) => Record<string, string | readonly string[]> | undefined) => (ctx: AuthzContext, input: { ResourceType: string; ResourceId: string }) => {
    const scope = scopeOf(ctx);
    const resource = input.ResourceType === 'Parameter' ? parameterArn(scope, nameFromReference(input.ResourceId)) : `arn:aws:ssm:${scope.region}:${scope.accountId}:*`;
    const keys = context?.(input);
    return { action, resource, ...(keys ? { context: keys } : {}) };
  };
  return {
    PutParameter: (ctx, input: S.PutParameterRequest) => onParameter(ctx, 'ssm:PutParameter', input.Name, requestTags(input.Tags)),
    GetParameter: one('ssm:GetParameter'),
    GetParameters: each('ssm:GetParameters'),
    GetParametersByPath: (ctx, input: S.GetParametersByPathRequest) => {
      const path = input.Path.length > 1 ? input.Path.replace(/\/$/, '') : input.Path;
      return { action: 'ssm:GetParametersByPath', resource: parameterArn(scopeOf(ctx), path) };
    },
    GetParameterHistory: one('ssm:GetParameterHistory'),
    DeleteParameter: one('ssm:DeleteParameter'),
    DeleteParameters: each('ssm:DeleteParameters'),
    DescribeParameters: (ctx) => {
      const scope = scopeOf(ctx);
      return { action: 'ssm:DescribeParameters', resource: `arn:aws:ssm:${scope.region}:${scope.accountId}:*` };
    },
    LabelParameterVersion: one('ssm:LabelParameterVersion'),
    UnlabelParameterVersion: one('ssm:UnlabelParameterVersion'),
    AddTagsToResource: tagging('ssm:AddTagsToResource', (input: S.AddTagsToResourceRequest) => requestTags(input.Tags)),
    RemoveTagsFromResource: tagging('ssm:RemoveTagsFromResource', (input: S.RemoveTagsFromResourceRequest) => ({ 'aws:TagKeys': input.TagKeys })),
    ListTagsForResource: tagging('ssm:ListTagsForResource'),
  };
}
