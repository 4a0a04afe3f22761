/**
 * PutParameter's rules: names, types, tiers and their value sizes, data
 * types, AllowedPattern (enforced on every write), Overwrite, tags (not with
 * Overwrite), the 100-version limit (the oldest version goes unless it is
 * labelled), and SecureString encryption through KMS before the write.
 */
import {
  InvalidAllowedPatternException,
  ParameterLimitExceeded,
  ParameterMaxVersionLimitExceeded,
  ParameterPatternMismatchException,
  TooManyTagsError,
} from '../../../protocol/spec/generated/ssm.errors.ts';
import type { PutParameterRequest, PutParameterResult } from '../../../protocol/spec/generated/ssm.types.ts';
import { translateJavaPattern } from '../../../protocol/spec/java-regex.ts';
import type { RequestContext } from '../../../server/context.ts';
import { parameterAlreadyExists, validation } from '../errors.ts';
import { assertWritableName, parameterArn, parentPath } from './names.ts';
import { DEFAULT_KEY_ALIAS } from './parameter-kms.ts';
import { expirationOf, parsePolicies, type ParsedPolicies } from './policies.ts';
import { UniqueViolationError } from '../../../storage/errors.ts';
import { isExpired, type SsmModel } from './ssm-model.ts';
import type { ParameterRow, ParameterScope, Tier } from './types.ts';

export const MAX_VERSIONS = 100;
export const MAX_TAGS = 50;
const STANDARD_LIMIT = 4096;
const ADVANCED_LIMIT = 8192;
const DATA_TYPES = new Set(['text', 'aws:ec2:image', 'aws:ssm:integration']);

export async function putParameter(model: SsmModel, ctx: RequestContext, scope: ParameterScope, input: PutParameterRequest): Promise<PutParameterResult> {
  const name = input.Name;
  assertWritableName(name);
  if (input.Overwrite === true && input.Tags !== undefined && input.Tags.length > 0) {
    throw validation(
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.",
    );
  }
  if (input.Value.length === 0) throw validation("1 validation error detected: Value '' at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1.");
  if ((input.Tags?.length ?? 0) > MAX_TAGS) throw new TooManyTagsError('The Tags parameter contains more than the maximum number of tags (50) allowed for a resource.');

  const found = await model.repo.get(scope, name);
  const existing = found && !isExpired(found, model.now()) ? found : undefined;
  if (existing && input.Overwrite !== true) throw parameterAlreadyExists();
  const type = input.Type ?? existing?.type;
  if (type === undefined) throw validation('A parameter type is required when you create a parameter.');
  if (input.KeyId !== undefined && type !== 'SecureString') throw validation('KeyId is required for SecureString type parameter only.');
  const dataType = input.DataType ?? existing?.data_type ?? 'text';
  checkDataType(dataType, type, input.Value);
  const allowedPattern = input.AllowedPattern ?? existing?.allowed_pattern ?? undefined;
  if (allowedPattern !== undefined) checkPattern(allowedPattern, input.Value);
  // Policies stay with the parameter until a write replaces them.
  const parsed = input.Policies !== undefined ? parsePolicies(input.Policies, model.now()) : undefined;
  const policies = input.Policies !== undefined ? parsed?.json : (existing?.policies ?? undefined);
  const tier = chooseTier(input.Tier, existing?.tier as Tier | undefined, input.Value.length, policies !== undefined);

  const arn = parameterArn(scope, name);
  const keyId = type === 'SecureString' ? (input.KeyId ?? (existing?.type === 'SecureString' ? existing.key_id : null) ?? DEFAULT_KEY_ALIAS) : null;
  const stored = type === 'SecureString' ? await model.kms.encrypt(ctx, keyId ?? undefined, input.Value, arn) : input.Value;

  // Two creates of one name race: the loser's insert hits the primary key; with Overwrite it retries as an overwrite.
  for (let attempt = 0; ; attempt++) {
    try {
      return await write(model, ctx, scope, input, { type, tier, dataType, keyId, allowedPattern, policies, parsed, stored });
    } catch (error) {
      if (!(error instanceof UniqueViolationError)) throw error;
      if (input.Overwrite !== true || attempt > 0) throw parameterAlreadyExists();
    }
  }
}

interface Prepared {
  type: string;
  tier: Tier;
  dataType: string;
  keyId: string | null;
  allowedPattern: string | undefined;
  policies: string | undefined;
  parsed: ParsedPolicies | undefined;
  stored: string;
}

function write(model: SsmModel, ctx: RequestContext, scope: ParameterScope, input: PutParameterRequest, prepared: Prepared): Promise<PutParameterResult> {
  const { type, tier, dataType, keyId, allowedPattern, policies, parsed, stored } = prepared;
  const name = input.Name;
  return model.store.transaction(async () => {
    let current = await model.repo.get(scope, name, true);
    // Expired but not yet swept: it is gone, and the name is free.
    if (current && isExpired(current, model.now())) {
      await model.repo.delete(scope, name);
      current = undefined;
    }
    if (current && input.Overwrite !== true) throw parameterAlreadyExists();
    if ((!current || current.tier !== tier) && (await model.repo.countInTier(scope, tier)) >= model.limits[tier]) {
      throw new ParameterLimitExceeded('You have exceeded the number of parameters for this AWS account. Delete unnecessary parameters and try again.');
    }
    const version = (current?.version ?? 0) + 1;
    if (current) await makeRoomForVersion(model, scope, name);
    const now = model.now();
    const row: ParameterRow = {
      account_id: scope.accountId,
      region: scope.region,
      name,
      parent_path: parentPath(name),
      type,
      tier,
      data_type: dataType,
      key_id: keyId,
      version,
      description: input.Description ?? current?.description ?? null,
      allowed_pattern: allowedPattern ?? null,
      policies: policies ?? null,
      expires_at: input.Policies !== undefined ? (parsed?.expiresAt ?? null) : expirationOf(current?.policies ?? null),
      last_modified: now,
      last_modified_user: ctx.principal.arn,
    };
    if (current) await model.repo.update(row);
    else await model.repo.insert(row);
    const { parent_path: _p, version: _v, expires_at: _e, ...meta } = row;
    await model.repo.insertVersion({ ...meta, version, value_sealed: model.seal(scope, name, version, stored) });
    if (!current && input.Tags) await model.repo.putTags(scope, name, input.Tags);
    return { Version: version, Tier: tier };
  });
}

function chooseTier(requested: string | undefined, existing: Tier | undefined, length: number, hasPolicies: boolean): Tier {
  let tier: Tier;
  if (requested === 'Intelligent-Tiering') tier = existing === 'Advanced' || length > STANDARD_LIMIT || hasPolicies ? 'Advanced' : 'Standard';
  else tier = (requested as Tier | undefined) ?? existing ?? 'Standard';
  if (existing === 'Advanced' && tier === 'Standard') {
    throw validation(
      "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced parameter and recreate it as a standard parameter.",
    );
  }
  if (tier === 'Standard' && length > STANDARD_LIMIT) {
    throw validation(
      `Standard tier parameters support a maximum parameter value of ${STANDARD_LIMIT} characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html`,
    );
  }
  if (length > ADVANCED_LIMIT) {
    throw validation(`1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length less than or equal to ${ADVANCED_LIMIT}`);
  }
  if (tier === 'Standard' && hasPolicies) throw validation('Parameter policies are supported only for parameters in the advanced tier.');
  return tier;
}

function checkDataType(dataType: string, type: string, value: string): void {
  if (!DATA_TYPES.has(dataType)) throw validation(`The following data type is not supported: ${dataType} (Data type names are all lowercase.)`);
  if (dataType !== 'text' && type !== 'String') throw validation(`Data type ${dataType} is only supported for String parameters.`);
  if (dataType === 'aws:ec2:image' && !/^ami-[0-9a-f]{8}([0-9a-f]{9})?$/.test(value)) {
    throw validation(`Parameter value, ${value}, is not a valid AMI ID. AMI ID must begin with 'ami-' followed by 8 or 17 hexadecimal characters.`);
  }
}

function checkPattern(pattern: string, value: string): void {
  let regex: RegExp;
  try {
    const { source, flags } = translateJavaPattern(pattern);
    regex = new RegExp(`^(?:${source})$`, flags);
  } catch {
    throw new InvalidAllowedPatternException(`The allowed pattern ${pattern} is not a valid regular expression.`);
  }
  if (!regex.test(value)) throw new ParameterPatternMismatchException(`Parameter value, cannot be validated against allowedPattern: ${pattern}`);
}

/** At 100 versions the oldest goes, unless a label holds it. */
async function makeRoomForVersion(model: SsmModel, scope: ParameterScope, name: string): Promise<void> {
  const oldest = await model.repo.oldestVersion(scope, name);
  if (!oldest || oldest.count < MAX_VERSIONS) return;
  const labels = await model.repo.labels(scope, name, [oldest.version]);
  if ((labels.get(oldest.version)?.length ?? 0) > 0) {
    throw new ParameterMaxVersionLimitExceeded(
      `You attempted to create a new version of ${name} by calling the PutParameter API with the overwrite flag. Version ${oldest.version}, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.`,
    );
  }
  await model.repo.deleteVersion(scope, name, oldest.version);
}
