/**
 * 005: KMS grants. A grant belongs to one key (deleted with it: ON DELETE
 * CASCADE) and is identified by its 64-hex grant id. Operations are stored as
 * a comma-separated list, constraints as JSON (EncryptionContextEquals /
 * EncryptionContextSubset), neither secret. Indexes serve the lookups grants
 * need: by key (ListGrants, authorization), by name (CreateGrant's
 * idempotence) and by retiring principal (ListRetirableGrants).
 */
import type { Migration } from './migration.ts';

export const migration005: Migration = {
  version: 5,
  name: 'kms-grants',
  async up(db, { types: t, createTable }) {
    await createTable('kms_grants')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('region', t.text, (c) => c.notNull())
      .addColumn('key_id', t.text, (c) => c.notNull())
      .addColumn('grant_id', t.text, (c) => c.notNull())
      .addColumn('name', t.text)
      .addColumn('grantee_principal', t.text)
      .addColumn('grantee_service_principal', t.text)
      .addColumn('retiring_principal', t.text)
      .addColumn('retiring_service_principal', t.text)
      .addColumn('issuing_account', t.text, (c) => c.notNull())
      .addColumn('operations', t.text, (c) => c.notNull())
      .addColumn('constraints', t.text)
      .addColumn('created_at', t.epochMs, (c) => c.notNull())
      .addPrimaryKeyConstraint('kms_grants_pk', ['account_id', 'region', 'key_id', 'grant_id'])
      .addForeignKeyConstraint('kms_grants_key_fk', ['account_id', 'region', 'key_id'], 'kms_keys', ['account_id', 'region', 'key_id'], (fk) =>
        fk.onDelete('cascade'),
      )
      .execute();
    await db.schema.createIndex('kms_grants_name_idx').on('kms_grants').columns(['account_id', 'region', 'key_id', 'name']).execute();
    await db.schema.createIndex('kms_grants_retiring_idx').on('kms_grants').columns(['region', 'retiring_principal', 'grant_id']).execute();
  },
};
