/**
 * 010: Secrets Manager multi-Region replication. A replica is an ordinary
 * sm_secrets row in the replica Region (same name, the ARN with the other
 * Region) whose `primary_region` names the Region of its primary; it is null
 * for a primary or standalone secret. The primary lists its replica Regions
 * in sm_secret_replicas with each one's KMS key (as given; null: the AWS
 * managed key) and replication status. Entries go with their primary
 * (ON DELETE CASCADE).
 */
import type { Migration } from './migration.ts';

export const migration010: Migration = {
  version: 10,
  name: 'secretsmanager-replication',
  async up(db, { types: t, createTable }) {
    await db.schema.alterTable('sm_secrets').addColumn('primary_region', t.text).execute();
    await createTable('sm_secret_replicas')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('region', t.text, (c) => c.notNull())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('replica_region', t.text, (c) => c.notNull())
      .addColumn('kms_key_id', t.text)
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('status_message', t.text)
      .addColumn('added_at', t.epochMs, (c) => c.notNull())
      .addPrimaryKeyConstraint('sm_secret_replicas_pk', ['account_id', 'region', 'name', 'replica_region'])
      .addForeignKeyConstraint('sm_secret_replicas_secret_fk', ['account_id', 'region', 'name'], 'sm_secrets', ['account_id', 'region', 'name'], (fk) => fk.onDelete('cascade'))
      .execute();
  },
};
