/**
 * 008: KMS keys with imported key material (Origin EXTERNAL).
 *
 * On kms_keys: the expiration model and expiry date of the material imported
 * now (both null while the key has none), and the id of the material the
 * key is bound to (kept after the material is deleted or expires, so only
 * the same material can be imported again). The material itself goes into
 * kms_key_materials like any other, sealed by the barrier, and its row is
 * deleted when the material is deleted or expires.
 *
 * kms_import_parameters: each GetParametersForImport answer — the wrapping
 * RSA private key (PKCS#8, sealed by the barrier), its algorithm, the import
 * token's id and when the parameters stop being valid. They go with their
 * key (ON DELETE CASCADE); the sweep removes expired ones.
 */
import type { Migration } from './migration.ts';

export const migration008: Migration = {
  version: 8,
  name: 'kms-imports',
  async up(db, { types: t, createTable }) {
    // One column per statement: SQLite's ALTER TABLE adds one at a time.
    await db.schema.alterTable('kms_keys').addColumn('expiration_model', t.text).execute();
    await db.schema.alterTable('kms_keys').addColumn('valid_to', t.epochMs).execute();
    await db.schema.alterTable('kms_keys').addColumn('imported_material_id', t.text).execute();
    // The expiry sweep: keys whose material's ValidTo has come.
    await db.schema.createIndex('kms_keys_valid_to_idx').on('kms_keys').column('valid_to').execute();

    await createTable('kms_import_parameters')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('region', t.text, (c) => c.notNull())
      .addColumn('key_id', t.text, (c) => c.notNull())
      .addColumn('token_id', t.text, (c) => c.notNull())
      .addColumn('wrapping_algorithm', t.text, (c) => c.notNull())
      .addColumn('wrapping_key_spec', t.text, (c) => c.notNull())
      .addColumn('private_key_sealed', t.binary, (c) => c.notNull())
      .addColumn('created_at', t.epochMs, (c) => c.notNull())
      .addColumn('valid_to', t.epochMs, (c) => c.notNull())
      .addPrimaryKeyConstraint('kms_import_parameters_pk', ['account_id', 'region', 'token_id'])
      .addForeignKeyConstraint('kms_import_parameters_key_fk', ['account_id', 'region', 'key_id'], 'kms_keys', ['account_id', 'region', 'key_id'], (fk) =>
        fk.onDelete('cascade'),
      )
      .execute();
    await db.schema.createIndex('kms_import_parameters_valid_to_idx').on('kms_import_parameters').column('valid_to').execute();
  },
};
