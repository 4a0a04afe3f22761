/**
 * 004: STS sessions — the temporary credentials GetSessionToken and
 * AssumeRole issue. The secret access key is sealed by the barrier (AAD: the
 * row's access key id); of the session token, a bearer secret, only its
 * SHA-256 is kept. The principal the session represents is denormalised into
 * the row, so authenticating a request needs this row alone.
 */
import { sql } from 'kysely';
import type { Migration } from './migration.ts';

export const migration004: Migration = {
  version: 4,
  name: 'sts-sessions',
  async up(db, { types: t, createTable }) {
    await createTable('sts_sessions')
      .addColumn('access_key_id', t.text, (c) => c.primaryKey())
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('principal_type', t.text, (c) => c.notNull().check(sql`principal_type in ('root', 'user', 'assumed-role')`))
      .addColumn('principal_arn', t.text, (c) => c.notNull())
      .addColumn('principal_id', t.text, (c) => c.notNull())
      .addColumn('user_name', t.text)
      .addColumn('role_arn', t.text)
      .addColumn('role_id', t.text)
      .addColumn('role_session_name', t.text)
      .addColumn('source_identity', t.text)
      .addColumn('token_hash', t.binary, (c) => c.notNull())
      .addColumn('secret_sealed', t.binary, (c) => c.notNull())
      .addColumn('session_policy', t.text)
      .addColumn('policy_arns', t.text)
      .addColumn('tags', t.text)
      .addColumn('transitive_tag_keys', t.text)
      .addColumn('issued_at', t.epochMs, (c) => c.notNull())
      .addColumn('expires_at', t.epochMs, (c) => c.notNull())
      .addForeignKeyConstraint('sts_sessions_account_fk', ['account_id'], 'accounts', ['account_id'])
      .execute();

    // The purge sweep deletes by expiry.
    await db.schema.createIndex('sts_sessions_expires_idx').on('sts_sessions').column('expires_at').execute();
  },
};
