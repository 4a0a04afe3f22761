/** Model rows → the output shapes, and the request's scope. */
import type { Parameter, ParameterHistory, ParameterMetadata } from '../../protocol/spec/generated/ssm.types.ts';
import type { RequestContext } from '../../server/context.ts';
import { parameterArn } from './model/names.ts';
import { inlinePolicies } from './model/policies.ts';
import type { ParameterRow, ParameterScope, VersionRow } from './model/types.ts';

export function scopeOf(ctx: RequestContext): ParameterScope {
  return { accountId: ctx.principal.accountId, region: ctx.region };
}

export function toParameter(version: VersionRow, value: string, selector?: string): Parameter {
  const scope = { accountId: version.account_id, region: version.region };
  const parameter: Parameter = {
    Name: version.name,
    Type: version.type as Parameter['Type'],
    Value: value,
    Version: version.version,
    LastModifiedDate: new Date(version.last_modified),
    ARN: parameterArn(scope, version.name),
    DataType: version.data_type,
  };
  if (selector !== undefined) parameter.Selector = selector;
  return parameter;
}

export function toMetadata(row: ParameterRow): ParameterMetadata {
  const metadata: ParameterMetadata = {
    Name: row.name,
    ARN: parameterArn({ accountId: row.account_id, region: row.region }, row.name),
    Type: row.type as ParameterMetadata['Type'],
    LastModifiedDate: new Date(row.last_modified),
    LastModifiedUser: row.last_modified_user,
    Version: row.version,
    Tier: row.tier as ParameterMetadata['Tier'],
    Policies: inlinePolicies(row.policies) ?? [],
    DataType: row.data_type,
  };
  if (row.key_id !== null) metadata.KeyId = row.key_id;
  if (row.description !== null) metadata.Description = row.description;
  if (row.allowed_pattern !== null) metadata.AllowedPattern = row.allowed_pattern;
  return metadata;
}

export function toHistory(version: VersionRow, value: string, labels: string[]): ParameterHistory {
  const history: ParameterHistory = {
    Name: version.name,
    Type: version.type as ParameterHistory['Type'],
    LastModifiedDate: new Date(version.last_modified),
    LastModifiedUser: version.last_modified_user,
    Value: value,
    Version: version.version,
    Labels: labels,
    Tier: version.tier as ParameterHistory['Tier'],
    Policies: inlinePolicies(version.policies) ?? [],
    DataType: version.data_type,
  };
  if (version.key_id !== null) history.KeyId = version.key_id;
  if (version.description !== null) history.Description = version.description;
  if (version.allowed_pattern !== null) history.AllowedPattern = version.allowed_pattern;
  return history;
}
