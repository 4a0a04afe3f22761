/**
 * 006: SSM Parameter Store. A parameter's current metadata lives in plain
 * indexed columns (name, parent path, type, tier, key id…) so path queries
 * and filters are index scans; every version's value sits only in the
 * barrier-sealed `value_sealed` column (SecureString values are additionally
 * KMS ciphertext). Versions, labels and tags go with their parameter (ON
 * DELETE CASCADE). On PostgreSQL the name columns use the "C" collation so
 * byte-wise range scans (`name >= '/a/' AND name < '/a0'`) and ORDER BY agree
 * with SQLite's.
 */
import { sql, type ColumnDefinitionBuilder } from 'kysely';
import type { Migration } from './migration.ts';

export const migration006: Migration = {
  version: 6,
  name: 'ssm',
  async up(db, { engine, types: t, createTable }) {
    const bytewise = (c: ColumnDefinitionBuilder) => (engine === 'postgres' ? c.modifyFront(sql`collate "C"`).notNull() : c.notNull());
    await createTable('ssm_parameters')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('region', t.text, (c) => c.notNull())
      .addColumn('name', t.text, bytewise)
      .addColumn('parent_path', t.text, bytewise)
      .addColumn('type', t.text, (c) => c.notNull())
      .addColumn('tier', t.text, (c) => c.notNull())
      .addColumn('data_type', t.text, (c) => c.notNull())
      .addColumn('key_id', t.text)
      .addColumn('version', t.int, (c) => c.notNull())
      .addColumn('description', t.text)
      .addColumn('allowed_pattern', t.text)
      .addColumn('policies', t.text)
      .addColumn('expires_at', t.epochMs)
      .addColumn('last_modified', t.epochMs, (c) => c.notNull())
      .addColumn('last_modified_user', t.text, (c) => c.notNull())
      .addPrimaryKeyConstraint('ssm_parameters_pk', ['account_id', 'region', 'name'])
      .execute();
    // The scheduler's sweep of parameters whose Expiration policy is due.
    await db.schema.createIndex('ssm_parameters_expiry_idx').on('ssm_parameters').column('expires_at').execute();
    await db.schema.createIndex('ssm_parameters_parent_idx').on('ssm_parameters').columns(['account_id', 'region', 'parent_path', 'name']).execute();

    await createTable('ssm_parameter_versions')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('region', t.text, (c) => c.notNull())
      .addColumn('name', t.text, bytewise)
      .addColumn('version', t.int, (c) => c.notNull())
      .addColumn('type', t.text, (c) => c.notNull())
      .addColumn('tier', t.text, (c) => c.notNull())
      .addColumn('data_type', t.text, (c) => c.notNull())
      .addColumn('key_id', t.text)
      .addColumn('description', t.text)
      .addColumn('allowed_pattern', t.text)
      .addColumn('policies', t.text)
      .addColumn('value_sealed', t.binary, (c) => c.notNull())
      .addColumn('last_modified', t.epochMs, (c) => c.notNull())
      .addColumn('last_modified_user', t.text, (c) => c.notNull())
      .addPrimaryKeyConstraint('ssm_parameter_versions_pk', ['account_id', 'region', 'name', 'version'])
      .addForeignKeyConstraint('ssm_parameter_versions_fk', ['account_id', 'region', 'name'], 'ssm_parameters', ['account_id', 'region', 'name'], (fk) =>
        fk.onDelete('cascade'),
      )
      .execute();

    await createTable('ssm_parameter_labels')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('region', t.text, (c) => c.notNull())
      .addColumn('name', t.text, bytewise)
      .addColumn('label', t.text, (c) => c.notNull())
      .addColumn('version', t.int, (c) => c.notNull())
      .addPrimaryKeyConstraint('ssm_parameter_labels_pk', ['account_id', 'region', 'name', 'label'])
      .addForeignKeyConstraint('ssm_parameter_labels_fk', ['account_id', 'region', 'name', 'version'], 'ssm_parameter_versions', ['account_id', 'region', 'name', 'version'], (fk) =>
        fk.onDelete('cascade'),
      )
      .execute();
    await db.schema.createIndex('ssm_parameter_labels_version_idx').on('ssm_parameter_labels').columns(['account_id', 'region', 'name', 'version']).execute();

    await createTable('ssm_parameter_tags')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('region', t.text, (c) => c.notNull())
      .addColumn('name', t.text, bytewise)
      .addColumn('tag_key', t.text, (c) => c.notNull())
      .addColumn('tag_value', t.text, (c) => c.notNull())
      .addPrimaryKeyConstraint('ssm_parameter_tags_pk', ['account_id', 'region', 'name', 'tag_key'])
      .addForeignKeyConstraint('ssm_parameter_tags_fk', ['account_id', 'region', 'name'], 'ssm_parameters', ['account_id', 'region', 'name'], (fk) => fk.onDelete('cascade'))
      .execute();
  },
};
