/**
 * 002: KMS keys, their material versions (sealed by the barrier), aliases
 * and tags. Every table is keyed by account and region. Deleting a key row
 * deletes its materials, aliases and tags (ON DELETE CASCADE), so the
 * deletion sweep is one conditional DELETE.
 */
import { sql } from 'kysely';
import type { Migration } from './migration.ts';

export const migration002: Migration = {
  version: 2,
  name: 'kms',
  async up(db, { types: t, createTable }) {
    await createTable('kms_keys')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('region', t.text, (c) => c.notNull())
      .addColumn('key_id', t.text, (c) => c.notNull())
      .addColumn('description', t.text, (c) => c.notNull())
      .addColumn('key_spec', t.text, (c) => c.notNull())
      .addColumn('key_usage', t.text, (c) => c.notNull())
      .addColumn('origin', t.text, (c) => c.notNull())
      .addColumn('key_manager', t.text, (c) => c.notNull().check(sql`key_manager in ('AWS', 'CUSTOMER')`))
      .addColumn('key_state', t.text, (c) => c.notNull())
      .addColumn('policy', t.text, (c) => c.notNull())
      .addColumn('created_at', t.epochMs, (c) => c.notNull())
      .addColumn('updated_at', t.epochMs, (c) => c.notNull())
      .addColumn('deletion_date', t.epochMs)
      .addColumn('rotation_enabled', t.bool, (c) => c.notNull())
      .addColumn('rotation_period_days', t.int)
      .addColumn('next_rotation_at', t.epochMs)
      .addColumn('on_demand_rotations', t.int, (c) => c.notNull())
      .addColumn('current_material_version', t.int, (c) => c.notNull())
      .addPrimaryKeyConstraint('kms_keys_pk', ['account_id', 'region', 'key_id'])
      .execute();

    await createTable('kms_key_materials')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('region', t.text, (c) => c.notNull())
      .addColumn('key_id', t.text, (c) => c.notNull())
      .addColumn('version', t.int, (c) => c.notNull())
      .addColumn('material_id', t.text, (c) => c.notNull())
      .addColumn('material_sealed', t.binary, (c) => c.notNull())
      .addColumn('created_at', t.epochMs, (c) => c.notNull())
      .addColumn('rotation_type', t.text)
      .addPrimaryKeyConstraint('kms_key_materials_pk', ['account_id', 'region', 'key_id', 'version'])
      .addForeignKeyConstraint('kms_key_materials_key_fk', ['account_id', 'region', 'key_id'], 'kms_keys', ['account_id', 'region', 'key_id'], (fk) =>
        fk.onDelete('cascade'),
      )
      .execute();

    await createTable('kms_aliases')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('region', t.text, (c) => c.notNull())
      .addColumn('alias_name', t.text, (c) => c.notNull())
      .addColumn('target_key_id', t.text, (c) => c.notNull())
      .addColumn('created_at', t.epochMs, (c) => c.notNull())
      .addColumn('updated_at', t.epochMs, (c) => c.notNull())
      .addPrimaryKeyConstraint('kms_aliases_pk', ['account_id', 'region', 'alias_name'])
      .addForeignKeyConstraint('kms_aliases_key_fk', ['account_id', 'region', 'target_key_id'], 'kms_keys', ['account_id', 'region', 'key_id'], (fk) =>
        fk.onDelete('cascade'),
      )
      .execute();

    await createTable('kms_key_tags')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('region', t.text, (c) => c.notNull())
      .addColumn('key_id', t.text, (c) => c.notNull())
      .addColumn('tag_key', t.text, (c) => c.notNull())
      .addColumn('tag_value', t.text, (c) => c.notNull())
      .addPrimaryKeyConstraint('kms_key_tags_pk', ['account_id', 'region', 'key_id', 'tag_key'])
      .addForeignKeyConstraint('kms_key_tags_key_fk', ['account_id', 'region', 'key_id'], 'kms_keys', ['account_id', 'region', 'key_id'], (fk) =>
        fk.onDelete('cascade'),
      )
      .execute();

    await db.schema.createIndex('kms_aliases_target_idx').on('kms_aliases').columns(['account_id', 'region', 'target_key_id']).execute();
    // The scheduler's sweeps: keys due for deletion, keys due for rotation.
    await db.schema.createIndex('kms_keys_deletion_idx').on('kms_keys').column('deletion_date').execute();
    await db.schema.createIndex('kms_keys_rotation_idx').on('kms_keys').column('next_rotation_at').execute();
  },
};
