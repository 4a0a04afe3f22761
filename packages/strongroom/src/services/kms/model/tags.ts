/**
 * Key tags (kms_key_tags) and AWS's rules for them: at most 50 per key, no
 * duplicate keys in one request, no "aws:" prefix. Lengths (key 1–128,
 * value 0–256) are model constraints, checked before a handler runs.
 */
import type { Store } from '../../../storage/store.ts';
import { tagError } from '../errors.ts';
import type { KeyScope } from './types.ts';

export const MAX_TAGS_PER_KEY = 50;

export interface KeyTag {
  key: string;
  value: string;
}

/** Checks tags as given in CreateKey or TagResource. */
export function validateNewTags(tags: readonly KeyTag[]): void {
  const keys = new Set<string>();
  for (const tag of tags) {
    if (keys.has(tag.key)) throw tagError('Duplicate tag keys');
    keys.add(tag.key);
  }
  if (tags.length > MAX_TAGS_PER_KEY) throw tagError('Too many tags');
  for (const tag of tags) {
    if (tag.key.toLowerCase().startsWith('aws:')) throw tagError('Tags beginning with aws: are reserved');
  }
}

export class TagRepository {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  /** Tags in tag-key order after `afterTagKey`. */
  async list(scope: KeyScope, keyId: string, afterTagKey?: string, limit?: number): Promise<KeyTag[]> {
    let query = this.#store
      .current()
      .selectFrom('kms_key_tags')
      .select(['tag_key', 'tag_value'])
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('key_id', '=', keyId)
      .orderBy('tag_key');
    if (afterTagKey !== undefined) query = query.where('tag_key', '>', afterTagKey);
    if (limit !== undefined) query = query.limit(limit);
    const rows = await query.execute();
    return rows.map((r) => ({ key: r.tag_key, value: r.tag_value }));
  }

  /** Adds or overwrites `tags`; throws TagException when the key would end up with more than 50. Run in a transaction. */
  async put(scope: KeyScope, keyId: string, tags: readonly KeyTag[]): Promise<void> {
    validateNewTags(tags);
    if (tags.length === 0) return;
    const existing = new Set((await this.list(scope, keyId)).map((t) => t.key));
    for (const tag of tags) existing.add(tag.key);
    if (existing.size > MAX_TAGS_PER_KEY) throw tagError('Too many tags');
    await this.#store
      .current()
      .insertInto('kms_key_tags')
      .values(tags.map((t) => ({ account_id: scope.accountId, region: scope.region, key_id: keyId, tag_key: t.key, tag_value: t.value })))
      .onConflict((oc) => oc.columns(['account_id', 'region', 'key_id', 'tag_key']).doUpdateSet((eb) => ({ tag_value: eb.ref('excluded.tag_value') })))
      .execute();
  }

  /** Removes the tags; keys that are not there are ignored, as AWS does. */
  async remove(scope: KeyScope, keyId: string, tagKeys: readonly string[]): Promise<void> {
    if (tagKeys.length === 0) return;
    await this.#store
      .current()
      .deleteFrom('kms_key_tags')
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('key_id', '=', keyId)
      .where('tag_key', 'in', [...tagKeys])
      .execute();
  }
}
