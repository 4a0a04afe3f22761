/**
 * 011: Lambda functions. A function is identified by (account, region, name)
 * and carries its ARN. The deployment package is kept as the uploaded zip
 * (`code_zip`) with its SHA-256 (base64, as CodeSha256) and size; it is
 * unpacked on demand by the runtime. The Environment variables may hold
 * secrets, so they only ever sit in `environment_sealed` (a barrier envelope
 * of their JSON). The resource policy (AddPermission) is plain JSON text.
 * `revision_id` changes on every update (RevisionId).
 */
import type { Migration } from './migration.ts';

export const migration011: Migration = {
  version: 11,
  name: 'lambda',
  async up(_db, { types: t, createTable }) {
    await createTable('lambda_functions')
      .addColumn('account_id', t.text, (c) => c.notNull())
      .addColumn('region', t.text, (c) => c.notNull())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('arn', t.text, (c) => c.notNull().unique())
      .addColumn('function_id', t.text, (c) => c.notNull())
      .addColumn('runtime', t.text, (c) => c.notNull())
      .addColumn('handler', t.text, (c) => c.notNull())
      .addColumn('role', t.text, (c) => c.notNull())
      .addColumn('description', t.text, (c) => c.notNull())
      .addColumn('timeout_seconds', t.int, (c) => c.notNull())
      .addColumn('memory_size', t.int, (c) => c.notNull())
      .addColumn('environment_sealed', t.binary)
      .addColumn('code_zip', t.binary, (c) => c.notNull())
      .addColumn('code_sha256', t.text, (c) => c.notNull())
      .addColumn('code_size', t.epochMs, (c) => c.notNull())
      .addColumn('resource_policy', t.text)
      .addColumn('revision_id', t.text, (c) => c.notNull())
      .addColumn('last_modified', t.epochMs, (c) => c.notNull())
      .addPrimaryKeyConstraint('lambda_functions_pk', ['account_id', 'region', 'name'])
      .execute();
  },
};
