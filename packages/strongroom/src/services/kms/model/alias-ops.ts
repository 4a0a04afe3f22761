/**
 * CreateAlias, UpdateAlias and DeleteAlias: alias names start with "alias/";
 * "alias/aws/" names belong to AWS managed keys and customers cannot create,
 * retarget or delete them. Targets are keys (by id or ARN), never aliases,
 * and not keys pending deletion.
 */
import { aliasExists, aliasNotFound, aliasPrefixRequired, aliasTargetsAlias, reservedAlias } from '../errors.ts';
import { aliasArn, isAliasName } from './arns.ts';
import { assertKeyState } from './key-states.ts';
import type { Caller, KmsModel } from './kms-model.ts';
import type { KeyRecord } from './types.ts';

export function assertCustomerAliasName(aliasName: string): void {
  if (!isAliasName(aliasName)) throw aliasPrefixRequired();
  if (aliasName.startsWith('alias/aws/')) throw reservedAlias();
}

async function lockTarget(model: KmsModel, caller: Caller, targetKeyId: string, action: string): Promise<KeyRecord> {
  if (isAliasName(targetKeyId) || /^arn:[^:]*:kms:[^:]*:[^:]*:alias\//.test(targetKeyId)) throw aliasTargetsAlias();
  const record = await model.lockKey(caller.scope, targetKeyId);
  model.denyIfAwsManaged(caller, record, action);
  assertKeyState(record, 'manage');
  return record;
}

export async function createAlias(model: KmsModel, caller: Caller, aliasName: string, targetKeyId: string): Promise<void> {
  assertCustomerAliasName(aliasName);
  return model.store.transaction(async () => {
    if (await model.aliases.get(caller.scope, aliasName)) throw aliasExists(aliasArn(caller.scope, aliasName));
    const target = await lockTarget(model, caller, targetKeyId, 'CreateAlias');
    await model.aliases.create(caller.scope, aliasName, target.keyId, model.now());
    model.changed(caller.scope, aliasName);
  });
}

export async function updateAlias(model: KmsModel, caller: Caller, aliasName: string, targetKeyId: string): Promise<void> {
  assertCustomerAliasName(aliasName);
  return model.store.transaction(async () => {
    if (!(await model.aliases.get(caller.scope, aliasName))) throw aliasNotFound(aliasArn(caller.scope, aliasName));
    const target = await lockTarget(model, caller, targetKeyId, 'UpdateAlias');
    await model.aliases.retarget(caller.scope, aliasName, target.keyId, model.now());
    model.changed(caller.scope, aliasName);
  });
}

export async function deleteAlias(model: KmsModel, caller: Caller, aliasName: string): Promise<void> {
  assertCustomerAliasName(aliasName);
  return model.store.transaction(async () => {
    if (!(await model.aliases.delete(caller.scope, aliasName))) throw aliasNotFound(aliasArn(caller.scope, aliasName));
    model.changed(caller.scope, aliasName);
  });
}
