/**
 * 003: the rest of IAM — groups and membership, roles, inline policies of
 * users/groups/roles, customer managed policies with their versions,
 * attachments, permissions boundaries, user and role tags.
 *
 * Inline policies and attachments name their owner polymorphically
 * (owner_type 'user' | 'group' | 'role' + owner_name), so they carry no
 * foreign key; the IAM operations refuse to delete an entity that still has
 * policies (DeleteConflict), as AWS does. AWS managed policies live in code
 * (identity/aws-managed-policies.ts), not in these tables; attachments to them
 * are stored like any other, by ARN. Names are unique per account regardless
 * of case, like users (ASCII names: lower() agrees on both engines).
 */
import { sql } from 'kysely';
import type { Migration } from './migration.ts';

// Literal copies (migrations must not change when the code they came from does).
const ADMINISTRATOR_ACCESS_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const BOOTSTRAP_USER_NAME = 'admin';

export const migration003: Migration = {
  version: 3,
  name: 'iam',
  async up(db, { types: t, createTable }) {
    await db.schema.alterTable('iam_users').addColumn('permissions_boundary_arn', t.text).execute();

    await createTable('iam_user_tags')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('user_name', t.text, (c) => c.notNull())
      .addColumn('tag_key', t.text, (c) => c.notNull())
      .addColumn('tag_value', t.text, (c) => c.notNull())
      .addPrimaryKeyConstraint('iam_user_tags_pk', ['account_id', 'user_name', 'tag_key'])
      .addForeignKeyConstraint('iam_user_tags_user_fk', ['account_id', 'user_name'], 'iam_users', ['account_id', 'user_name'], (fk) =>
        fk.onDelete('cascade').onUpdate('cascade'),
      )
      .execute();

    await createTable('iam_groups')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('group_name', t.text, (c) => c.notNull())
      .addColumn('group_id', t.text, (c) => c.notNull())
      .addColumn('path', t.text, (c) => c.notNull())
      .addColumn('arn', t.text, (c) => c.notNull())
      .addColumn('created_at', t.epochMs, (c) => c.notNull())
      .addPrimaryKeyConstraint('iam_groups_pk', ['account_id', 'group_name'])
      .addUniqueConstraint('iam_groups_group_id_key', ['group_id'])
      .addForeignKeyConstraint('iam_groups_account_fk', ['account_id'], 'accounts', ['account_id'])
      .execute();

    await createTable('iam_group_members')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('group_name', t.text, (c) => c.notNull())
      .addColumn('user_name', t.text, (c) => c.notNull())
      .addColumn('added_at', t.epochMs, (c) => c.notNull())
      .addPrimaryKeyConstraint('iam_group_members_pk', ['account_id', 'group_name', 'user_name'])
      .addForeignKeyConstraint('iam_group_members_group_fk', ['account_id', 'group_name'], 'iam_groups', ['account_id', 'group_name'], (fk) =>
        fk.onUpdate('cascade'),
      )
      .addForeignKeyConstraint('iam_group_members_user_fk', ['account_id', 'user_name'], 'iam_users', ['account_id', 'user_name'], (fk) =>
        fk.onUpdate('cascade'),
      )
      .execute();

    await createTable('iam_roles')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('role_name', t.text, (c) => c.notNull())
      .addColumn('role_id', t.text, (c) => c.notNull())
      .addColumn('path', t.text, (c) => c.notNull())
      .addColumn('arn', t.text, (c) => c.notNull())
      .addColumn('assume_role_policy', t.text, (c) => c.notNull())
      .addColumn('description', t.text)
      .addColumn('max_session_duration', t.int, (c) => c.notNull())
      .addColumn('permissions_boundary_arn', t.text)
      .addColumn('created_at', t.epochMs, (c) => c.notNull())
      .addPrimaryKeyConstraint('iam_roles_pk', ['account_id', 'role_name'])
      .addUniqueConstraint('iam_roles_role_id_key', ['role_id'])
      .addForeignKeyConstraint('iam_roles_account_fk', ['account_id'], 'accounts', ['account_id'])
      .execute();

    await createTable('iam_role_tags')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('role_name', t.text, (c) => c.notNull())
      .addColumn('tag_key', t.text, (c) => c.notNull())
      .addColumn('tag_value', t.text, (c) => c.notNull())
      .addPrimaryKeyConstraint('iam_role_tags_pk', ['account_id', 'role_name', 'tag_key'])
      .addForeignKeyConstraint('iam_role_tags_role_fk', ['account_id', 'role_name'], 'iam_roles', ['account_id', 'role_name'], (fk) =>
        fk.onDelete('cascade').onUpdate('cascade'),
      )
      .execute();

    await createTable('iam_inline_policies')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('owner_type', t.text, (c) => c.notNull().check(sql`owner_type in ('user', 'group', 'role')`))
      .addColumn('owner_name', t.text, (c) => c.notNull())
      .addColumn('policy_name', t.text, (c) => c.notNull())
      .addColumn('document', t.text, (c) => c.notNull())
      .addColumn('created_at', t.epochMs, (c) => c.notNull())
      .addColumn('updated_at', t.epochMs, (c) => c.notNull())
      .addPrimaryKeyConstraint('iam_inline_policies_pk', ['account_id', 'owner_type', 'owner_name', 'policy_name'])
      .execute();

    await createTable('iam_managed_policies')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('policy_name', t.text, (c) => c.notNull())
      .addColumn('policy_id', t.text, (c) => c.notNull())
      .addColumn('path', t.text, (c) => c.notNull())
      .addColumn('arn', t.text, (c) => c.notNull())
      .addColumn('description', t.text)
      .addColumn('default_version_id', t.text, (c) => c.notNull())
      // The number the next version gets (v1, v2, …; AWS never reuses one).
      .addColumn('next_version', t.int, (c) => c.notNull())
      .addColumn('created_at', t.epochMs, (c) => c.notNull())
      .addColumn('updated_at', t.epochMs, (c) => c.notNull())
      .addPrimaryKeyConstraint('iam_managed_policies_pk', ['account_id', 'policy_name'])
      .addUniqueConstraint('iam_managed_policies_policy_id_key', ['policy_id'])
      .addUniqueConstraint('iam_managed_policies_arn_key', ['arn'])
      .addForeignKeyConstraint('iam_managed_policies_account_fk', ['account_id'], 'accounts', ['account_id'])
      .execute();

    await createTable('iam_policy_versions')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('policy_name', t.text, (c) => c.notNull())
      .addColumn('version_id', t.text, (c) => c.notNull())
      .addColumn('document', t.text, (c) => c.notNull())
      .addColumn('created_at', t.epochMs, (c) => c.notNull())
      .addPrimaryKeyConstraint('iam_policy_versions_pk', ['account_id', 'policy_name', 'version_id'])
      .addForeignKeyConstraint(
        'iam_policy_versions_policy_fk',
        ['account_id', 'policy_name'],
        'iam_managed_policies',
        ['account_id', 'policy_name'],
        (fk) => fk.onDelete('cascade').onUpdate('cascade'),
      )
      .execute();

    await createTable('iam_policy_attachments')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('owner_type', t.text, (c) => c.notNull().check(sql`owner_type in ('user', 'group', 'role')`))
      .addColumn('owner_name', t.text, (c) => c.notNull())
      .addColumn('policy_arn', t.text, (c) => c.notNull())
      .addColumn('attached_at', t.epochMs, (c) => c.notNull())
      .addPrimaryKeyConstraint('iam_policy_attachments_pk', ['account_id', 'owner_type', 'owner_name', 'policy_arn'])
      .execute();

    await db.schema.createIndex('iam_groups_name_ci_key').on('iam_groups').unique().expression(sql`account_id, lower(group_name)`).execute();
    await db.schema.createIndex('iam_roles_name_ci_key').on('iam_roles').unique().expression(sql`account_id, lower(role_name)`).execute();
    await db.schema
      .createIndex('iam_managed_policies_name_ci_key')
      .on('iam_managed_policies')
      .unique()
      .expression(sql`account_id, lower(policy_name)`)
      .execute();
    await db.schema.createIndex('iam_group_members_user_idx').on('iam_group_members').columns(['account_id', 'user_name']).execute();
    // "Is this policy attached anywhere?" (DeletePolicy, AttachmentCount).
    await db.schema.createIndex('iam_policy_attachments_arn_idx').on('iam_policy_attachments').column('policy_arn').execute();

    // Data dirs bootstrapped before this migration: their administrator gets AdministratorAccess, as new ones do.
    await sql`insert into iam_policy_attachments (account_id, owner_type, owner_name, policy_arn, attached_at)
      select account_id, 'user', user_name, ${ADMINISTRATOR_ACCESS_ARN}, ${Date.now()} from iam_users where user_name = ${BOOTSTRAP_USER_NAME}`.execute(db);
  },
};
