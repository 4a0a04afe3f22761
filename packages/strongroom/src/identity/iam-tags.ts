/**
 * Tags on IAM users and roles: at most 50 per entity, keys unique regardless
 * of case ("tag keys for IAM users and roles aren't case sensitive, but case
 * is preserved"), no "aws:" prefix. Lengths and character sets are model
 * constraints, checked before a handler runs. Stored in iam_user_tags /
 * iam_role_tags, both keyed (account_id, <owner>_name, tag_key).
 */
import { AwsError } from '../errors/aws-error.ts';
import type { Store } from '../storage/store.ts';

export const MAX_TAGS_PER_ENTITY = 50;

export interface IamTag {
  key: string;
  value: string;
}

export type TaggedEntity = { table: 'iam_user_tags'; column: 'user_name' } | { table: 'iam_role_tags'; column: 'role_name' };

export const USER_TAGS: TaggedEntity = { table: 'iam_user_tags', column: 'user_name' };
export const ROLE_TAGS: TaggedEntity = { table: 'iam_role_tags', column: 'role_name' };

/** Checks tags as given in Create*, Tag*. */
export function validateTags(tags: readonly IamTag[]): void {
  const keys = new Set<string>();
  for (const tag of tags) {
    const lower = tag.key.toLowerCase();
    if (keys.has(lower)) throw new AwsError('InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.', 400);
    keys.add(lower);
    if (lower.startsWith('aws:')) throw new AwsError('InvalidInput', 'Tag keys starting with aws: are reserved.', 400);
  }
  if (tags.length > MAX_TAGS_PER_ENTITY) throw tooManyTags();
}

function tooManyTags(): AwsError {
  return new AwsError('LimitExceeded', `Cannot exceed quota for TagsPerEntity: ${MAX_TAGS_PER_ENTITY}`, 409);
}

export async function listTags(store: Store, entity: TaggedEntity, accountId: string, name: string): Promise<IamTag[]> {
  const rows = await store
    .current()
    .selectFrom(entity.table)
    .select(['tag_key', 'tag_value'])
    .where('account_id', '=', accountId)
    .where(entity.column as 'user_name', '=', name)
    .orderBy('tag_key')
    .execute();
  return rows.map((r) => ({ key: r.tag_key, value: r.tag_value }));
}

/** Adds or overwrites tags (an existing key of another case is replaced). Run inside a transaction. */
export async function putTags(store: Store, entity: TaggedEntity, accountId: string, name: string, tags: readonly IamTag[]): Promise<void> {
  validateTags(tags);
  if (tags.length === 0) return;
  const existing = await listTags(store, entity, accountId, name);
  const keys = new Map(existing.map((t) => [t.key.toLowerCase(), t.key]));
  const db = store.current();
  for (const tag of tags) {
    const old = keys.get(tag.key.toLowerCase());
    if (old !== undefined) {
      await db
        .deleteFrom(entity.table)
        .where('account_id', '=', accountId)
        .where(entity.column as 'user_name', '=', name)
        .where('tag_key', '=', old)
        .execute();
    }
    keys.set(tag.key.toLowerCase(), tag.key);
  }
  if (keys.size > MAX_TAGS_PER_ENTITY) throw tooManyTags();
  await db
    .insertInto(entity.table)
    .values(tags.map((t) => ({ account_id: accountId, [entity.column]: name, tag_key: t.key, tag_value: t.value }) as never))
    .execute();
}

/** Removes the named keys (matched regardless of case); unknown keys are ignored, as AWS does. */
export async function removeTags(store: Store, entity: TaggedEntity, accountId: string, name: string, tagKeys: readonly string[]): Promise<void> {
  if (tagKeys.length === 0) return;
  const lower = tagKeys.map((k) => k.toLowerCase());
  await store
    .current()
    .deleteFrom(entity.table)
    .where('account_id', '=', accountId)
    .where(entity.column as 'user_name', '=', name)
    .where((eb) => eb(eb.fn('lower', ['tag_key']), 'in', lower))
    .execute();
}

export function tagsToRecord(tags: readonly IamTag[]): Record<string, string> {
  return Object.fromEntries(tags.map((t) => [t.key, t.value]));
}
