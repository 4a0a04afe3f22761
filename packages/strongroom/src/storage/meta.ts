/** Reads and writes of strongroom_meta, the store's small key/value table. */
import type { Kysely } from 'kysely';
import type { Database } from './types.ts';

export async function getMeta(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('strongroom_meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/**
 * Inserts `value` unless the key already has one, and returns the value that
 * is stored afterwards: the caller's, or the one a concurrent writer won with.
 */
export async function putMetaIfAbsent(db: Kysely<Database>, key: string, value: string): Promise<string> {
  await db
    .insertInto('strongroom_meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const stored = await getMeta(db, key);
  if (stored === undefined) throw new Error(`strongroom_meta "${key}" vanished after insert`);
  return stored;
}

export async function setMeta(db: Kysely<Database>, key: string, value: string): Promise<void> {
  await db
    .insertInto('strongroom_meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
