/**
 * 009: multi-Region keys. A multi-Region key is one kms_keys row per region
 * with the same `mrk-…` key id; this table marks each of those rows as the
 * PRIMARY or a REPLICA (exactly one PRIMARY per account and key id, enforced
 * by the partial unique index). `pending_window_days` holds the waiting
 * period of a primary in PendingReplicaDeletion: its deletion date is only
 * set once its last replica is gone. Rows go with their key (ON DELETE
 * CASCADE). The (account, key id) index serves "every region of this key".
 */
import { sql } from 'kysely';
import type { Migration } from './migration.ts';

export const migration009: Migration = {
  version: 9,
  name: 'kms-multi-region',
  async up(db, { types: t, createTable }) {
    await createTable('kms_multi_region_keys')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('region', t.text, (c) => c.notNull())
      .addColumn('key_id', t.text, (c) => c.notNull())
      .addColumn('key_type', t.text, (c) => c.notNull().check(sql`key_type in ('PRIMARY', 'REPLICA')`))
      .addColumn('pending_window_days', t.int)
      .addPrimaryKeyConstraint('kms_multi_region_keys_pk', ['account_id', 'region', 'key_id'])
      .addForeignKeyConstraint('kms_multi_region_keys_key_fk', ['account_id', 'region', 'key_id'], 'kms_keys', ['account_id', 'region', 'key_id'], (fk) =>
        fk.onDelete('cascade'),
      )
      .execute();
    await db.schema.createIndex('kms_multi_region_keys_key_idx').on('kms_multi_region_keys').columns(['account_id', 'key_id']).execute();
    await db.schema
      .createIndex('kms_multi_region_keys_primary_idx')
      .unique()
      .on('kms_multi_region_keys')
      .columns(['account_id', 'key_id'])
      .where(sql.ref('key_type'), '=', sql.lit('PRIMARY'))
      .execute();
  },
};
