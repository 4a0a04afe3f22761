/**
 * Rows of lambda_functions ↔ records. The environment variables are sealed
 * by the barrier under the function's ARN; the code zip is read only when a
 * runtime needs it. Queries go through store.current(), so they join a
 * caller's transaction.
 */
import type { Selectable } from 'kysely';
import { rowAad, type Barrier } from '../../../crypto/barrier/index.ts';
import type { Store } from '../../../storage/store.ts';
import type { LambdaFunctionsTable } from '../../../storage/types.ts';
import type { FunctionRecord, FunctionScope } from './types.ts';

const METADATA = [
  'account_id',
  'region',
  'name',
  'arn',
  'function_id',
  'runtime',
  'handler',
  'role',
  'description',
  'timeout_seconds',
  'memory_size',
  'environment_sealed',
  'code_sha256',
  'code_size',
  'resource_policy',
  'revision_id',
  'last_modified',
] as const;

type MetadataRow = Pick<Selectable<LambdaFunctionsTable>, (typeof METADATA)[number]>;

export type FunctionPatch = Partial<Pick<FunctionRecord, 'runtime' | 'handler' | 'role' | 'description' | 'timeoutSeconds' | 'memorySize' | 'environment' | 'resourcePolicy'>> & {
  code?: { zip: Buffer; sha256: string };
  revisionId: string;
  lastModified: number;
};

const environmentAad = (arn: string) => rowAad('lambda_functions', [arn], 'environment_sealed');

export class FunctionRepository {
  constructor(
    private readonly store: Store,
    private readonly barrier: Barrier,
  ) {}

  #toRecord(row: MetadataRow): FunctionRecord {
    return {
      accountId: row.account_id,
      region: row.region,
      name: row.name,
      arn: row.arn,
      functionId: row.function_id,
      runtime: row.runtime,
      handler: row.handler,
      role: row.role,
      description: row.description,
      timeoutSeconds: Number(row.timeout_seconds),
      memorySize: Number(row.memory_size),
      environment: row.environment_sealed === null ? undefined : JSON.parse(this.barrier.open(row.environment_sealed, environmentAad(row.arn)).toString('utf8')),
      codeSha256: row.code_sha256,
      codeSize: Number(row.code_size),
      resourcePolicy: row.resource_policy,
      revisionId: row.revision_id,
      lastModified: Number(row.last_modified),
    };
  }

  #seal(arn: string, environment: Record<string, string> | undefined): Buffer | null {
    return environment === undefined ? null : this.barrier.seal(Buffer.from(JSON.stringify(environment), 'utf8'), environmentAad(arn));
  }

  async find(scope: FunctionScope, name: string, lock = false): Promise<FunctionRecord | undefined> {
    let q = this.store.current().selectFrom('lambda_functions').select(METADATA).where('account_id', '=', scope.accountId).where('region', '=', scope.region).where('name', '=', name);
    if (lock) q = this.store.forUpdate(q);
    const row = await q.executeTakeFirst();
    return row && this.#toRecord(row);
  }

  /** One page in name order, after `afterName` when given. */
  async page(scope: FunctionScope, afterName: string | undefined, limit: number): Promise<FunctionRecord[]> {
    let q = this.store.current().selectFrom('lambda_functions').select(METADATA).where('account_id', '=', scope.accountId).where('region', '=', scope.region);
    if (afterName !== undefined) q = q.where('name', '>', afterName);
    const rows = await q.orderBy('name').limit(limit).execute();
    return rows.map((r) => this.#toRecord(r));
  }

  async code(scope: FunctionScope, name: string): Promise<Buffer | undefined> {
    const row = await this.store
      .current()
      .selectFrom('lambda_functions')
      .select(['code_zip'])
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('name', '=', name)
      .executeTakeFirst();
    return row?.code_zip;
  }

  async insert(fn: FunctionRecord, zip: Buffer): Promise<void> {
    await this.store
      .current()
      .insertInto('lambda_functions')
      .values({
        account_id: fn.accountId,
        region: fn.region,
        name: fn.name,
        arn: fn.arn,
        function_id: fn.functionId,
        runtime: fn.runtime,
        handler: fn.handler,
        role: fn.role,
        description: fn.description,
        timeout_seconds: fn.timeoutSeconds,
        memory_size: fn.memorySize,
        environment_sealed: this.#seal(fn.arn, fn.environment),
        code_zip: zip,
        code_sha256: fn.codeSha256,
        code_size: fn.codeSize,
        resource_policy: fn.resourcePolicy,
        revision_id: fn.revisionId,
        last_modified: fn.lastModified,
      })
      .execute();
  }

  async update(fn: FunctionRecord, patch: FunctionPatch): Promise<void> {
    const values: Partial<LambdaFunctionsTable> = { revision_id: patch.revisionId, last_modified: patch.lastModified };
    if (patch.runtime !== undefined) values.runtime = patch.runtime;
    if (patch.handler !== undefined) values.handler = patch.handler;
    if (patch.role !== undefined) values.role = patch.role;
    if (patch.description !== undefined) values.description = patch.description;
    if (patch.timeoutSeconds !== undefined) values.timeout_seconds = patch.timeoutSeconds;
    if (patch.memorySize !== undefined) values.memory_size = patch.memorySize;
    if ('environment' in patch) values.environment_sealed = this.#seal(fn.arn, patch.environment);
    if ('resourcePolicy' in patch) values.resource_policy = patch.resourcePolicy ?? null;
    if (patch.code) {
      values.code_zip = patch.code.zip;
      values.code_sha256 = patch.code.sha256;
      values.code_size = patch.code.zip.length;
    }
    await this.store.current().updateTable('lambda_functions').set(values).where('arn', '=', fn.arn).execute();
  }

  async delete(fn: FunctionRecord): Promise<void> {
    await this.store.current().deleteFrom('lambda_functions').where('arn', '=', fn.arn).execute();
  }
}
