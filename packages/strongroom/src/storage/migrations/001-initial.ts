/**
 * 001: the store's own metadata, accounts, and the IAM users and access keys
 * the server needs to authenticate its first request. IAM is global: these
 * tables are keyed by account only, not region.
 */
import { sql } from 'kysely';
import type { Migration } from './migration.ts';

export const migration001: Migration = {
  version: 1,
  name: 'initial',
  async up(db, { types: t, createTable }) {
    await createTable('strongroom_meta')
      .addColumn('key', t.text, (c) => c.primaryKey())
      .addColumn('value', t.text, (c) => c.notNull())
      .execute();

    await createTable('accounts')
      .addColumn('account_id', t.text, (c) => c.primaryKey())
      .addColumn('created_at', t.epochMs, (c) => c.notNull())
      .execute();

    await createTable('iam_users')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('user_name', t.text, (c) => c.notNull())
      .addColumn('user_id', t.text, (c) => c.notNull())
      .addColumn('path', t.text, (c) => c.notNull())
      .addColumn('arn', t.text, (c) => c.notNull())
      .addColumn('created_at', t.epochMs, (c) => c.notNull())
      .addPrimaryKeyConstraint('iam_users_pk', ['account_id', 'user_name'])
      .addUniqueConstraint('iam_users_user_id_key', ['user_id'])
      .addForeignKeyConstraint('iam_users_account_fk', ['account_id'], 'accounts', ['account_id'])
      .execute();

    await createTable('access_keys')
      .addColumn('access_key_id', t.text, (c) => c.primaryKey())
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('user_name', t.text, (c) => c.notNull())
      .addColumn('status', t.text, (c) => c.notNull().check(sql`status in ('Active', 'Inactive')`))
      .addColumn('secret_sealed', t.binary, (c) => c.notNull())
      .addColumn('created_at', t.epochMs, (c) => c.notNull())
      .addColumn('last_used_at', t.epochMs)
      // Renaming a user (UpdateUser NewUserName) carries its keys along.
      .addForeignKeyConstraint('access_keys_user_fk', ['account_id', 'user_name'], 'iam_users', ['account_id', 'user_name'], (fk) =>
        fk.onUpdate('cascade'),
      )
      .execute();

    // IAM names are unique regardless of case (names are ASCII, so SQLite's lower() agrees with PostgreSQL's).
    await db.schema.createIndex('iam_users_name_ci_key').on('iam_users').unique().expression(sql`account_id, lower(user_name)`).execute();
    await db.schema.createIndex('access_keys_user_idx').on('access_keys').columns(['account_id', 'user_name']).execute();
  },
};
