/**
 * 007: Secrets Manager. A secret is identified by (account, region, name)
 * and carries its ARN (name + "-" + six random characters) in a unique
 * column, so full ARNs resolve with one index lookup. Metadata (description,
 * key id, tags as JSON, resource policy, dates) is plain; a version's value
 * only ever sits in `value_sealed`: a barrier envelope around the KMS
 * envelope (encrypted data key + AES-256-GCM ciphertext). Versions go with
 * their secret (ON DELETE CASCADE). `purge_at` is indexed for the sweep.
 */
import type { Migration } from './migration.ts';

export const migration007: Migration = {
  version: 7,
  name: 'secretsmanager',
  async up(db, { types: t, createTable }) {
    await createTable('sm_secrets')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('region', t.text, (c) => c.notNull())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('arn', t.text, (c) => c.notNull().unique())
      .addColumn('description', t.text)
      .addColumn('kms_key_id', t.text)
      .addColumn('tags', t.text, (c) => c.notNull())
      .addColumn('resource_policy', t.text)
      .addColumn('created_at', t.epochMs, (c) => c.notNull())
      .addColumn('last_changed_at', t.epochMs, (c) => c.notNull())
      .addColumn('last_accessed_at', t.epochMs)
      .addColumn('deleted_at', t.epochMs)
      .addColumn('purge_at', t.epochMs)
      .addPrimaryKeyConstraint('sm_secrets_pk', ['account_id', 'region', 'name'])
      .execute();
    await db.schema.createIndex('sm_secrets_purge_idx').on('sm_secrets').columns(['purge_at']).execute();
    await createTable('sm_secret_versions')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('region', t.text, (c) => c.notNull())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('version_id', t.text, (c) => c.notNull())
      .addColumn('stages', t.text, (c) => c.notNull())
      .addColumn('created_at', t.epochMs, (c) => c.notNull())
      .addColumn('last_accessed_at', t.epochMs)
      .addColumn('kms_key_arn', t.text, (c) => c.notNull())
      .addColumn('value_sealed', t.binary, (c) => c.notNull())
      .addPrimaryKeyConstraint('sm_secret_versions_pk', ['account_id', 'region', 'name', 'version_id'])
      .addForeignKeyConstraint('sm_secret_versions_secret_fk', ['account_id', 'region', 'name'], 'sm_secrets', ['account_id', 'region', 'name'], (fk) =>
        fk.onDelete('cascade'),
      )
      .execute();
  },
};
