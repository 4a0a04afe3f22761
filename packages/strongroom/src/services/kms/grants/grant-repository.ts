/**
 * kms_grants: one row per grant, keyed by the key's account, region and key
 * id plus the grant id. Listings are in grant-id order, so a marker is the
 * last grant id returned. Every method composes into a caller's transaction.
 */
import type { GrantOperation } from '../../../protocol/spec/generated/kms.types.ts';
import type { Store } from '../../../storage/store.ts';
import type { KmsGrantsTable } from '../../../storage/types.ts';
import type { KeyScope } from '../model/types.ts';
import type { GrantConstraintsRecord, GrantRecord } from './types.ts';

export interface GrantPageQuery {
  grantId?: string;
  granteePrincipal?: string;
  granteeServicePrincipal?: string;
  afterGrantId?: string;
  limit: number;
}

export class GrantRepository {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  async insert(grant: GrantRecord): Promise<void> {
    await this.#store.current().insertInto('kms_grants').values(toRow(grant)).execute();
  }

  /** Every grant of the key, in grant-id order (what authorization caches). */
  async listForKey(scope: KeyScope, keyId: string): Promise<GrantRecord[]> {
    const rows = await this.#byKey(scope, keyId).selectAll().orderBy('grant_id').execute();
    return rows.map(toRecord);
  }

  async get(scope: KeyScope, keyId: string, grantId: string): Promise<GrantRecord | undefined> {
    const row = await this.#byKey(scope, keyId).selectAll().where('grant_id', '=', grantId).executeTakeFirst();
    return row && toRecord(row);
  }

  async withName(scope: KeyScope, keyId: string, name: string): Promise<GrantRecord[]> {
    const rows = await this.#byKey(scope, keyId).selectAll().where('name', '=', name).orderBy('grant_id').execute();
    return rows.map(toRecord);
  }

  async countForKey(scope: KeyScope, keyId: string): Promise<number> {
    const { n } = await this.#byKey(scope, keyId)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  /** A page of the key's grants (fetch limit + 1 to know whether another page follows). */
  async page(scope: KeyScope, keyId: string, query: GrantPageQuery): Promise<GrantRecord[]> {
    let q = this.#byKey(scope, keyId).selectAll();
    if (query.grantId !== undefined) q = q.where('grant_id', '=', query.grantId);
    if (query.granteePrincipal !== undefined) q = q.where('grantee_principal', '=', query.granteePrincipal);
    if (query.granteeServicePrincipal !== undefined) q = q.where('grantee_service_principal', '=', query.granteeServicePrincipal);
    if (query.afterGrantId !== undefined) q = q.where('grant_id', '>', query.afterGrantId);
    const rows = await q.orderBy('grant_id').limit(query.limit).execute();
    return rows.map(toRecord);
  }

  /** Grants in `region` (any account) whose retiring principal is `retiringPrincipal`, in grant-id order. */
  async retirable(region: string, retiringPrincipal: string, afterGrantId: string | undefined, limit: number): Promise<GrantRecord[]> {
    let q = this.#store.current().selectFrom('kms_grants').selectAll().where('region', '=', region).where('retiring_principal', '=', retiringPrincipal);
    if (afterGrantId !== undefined) q = q.where('grant_id', '>', afterGrantId);
    const rows = await q.orderBy('grant_id').limit(limit).execute();
    return rows.map(toRecord);
  }

  async delete(scope: KeyScope, keyId: string, grantId: string): Promise<boolean> {
    const result = await this.#store
      .current()
      .deleteFrom('kms_grants')
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('key_id', '=', keyId)
      .where('grant_id', '=', grantId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  #byKey(scope: KeyScope, keyId: string) {
    return this.#store
      .current()
      .selectFrom('kms_grants')
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('key_id', '=', keyId);
  }
}

function toRow(grant: GrantRecord): KmsGrantsTable {
  const constraints = grant.constraints;
  return {
    account_id: grant.accountId,
    region: grant.region,
    key_id: grant.keyId,
    grant_id: grant.grantId,
    name: grant.name ?? null,
    grantee_principal: grant.granteePrincipal ?? null,
    grantee_service_principal: grant.granteeServicePrincipal ?? null,
    retiring_principal: grant.retiringPrincipal ?? null,
    retiring_service_principal: grant.retiringServicePrincipal ?? null,
    issuing_account: grant.issuingAccount,
    operations: grant.operations.join(','),
    constraints: constraints
      ? JSON.stringify({ EncryptionContextEquals: constraints.encryptionContextEquals, EncryptionContextSubset: constraints.encryptionContextSubset })
      : null,
    created_at: grant.createdAt,
  };
}

function toRecord(row: KmsGrantsTable): GrantRecord {
  const record: { -readonly [K in keyof GrantRecord]: GrantRecord[K] } = {
    accountId: row.account_id,
    region: row.region,
    keyId: row.key_id,
    grantId: row.grant_id,
    issuingAccount: row.issuing_account,
    operations: row.operations.split(',') as GrantOperation[],
    createdAt: Number(row.created_at),
  };
  if (row.name !== null) record.name = row.name;
  if (row.grantee_principal !== null) record.granteePrincipal = row.grantee_principal;
  if (row.grantee_service_principal !== null) record.granteeServicePrincipal = row.grantee_service_principal;
  if (row.retiring_principal !== null) record.retiringPrincipal = row.retiring_principal;
  if (row.retiring_service_principal !== null) record.retiringServicePrincipal = row.retiring_service_principal;
  if (row.constraints !== null) {
    const parsed = JSON.parse(row.constraints) as { EncryptionContextEquals?: Record<string, string>; EncryptionContextSubset?: Record<string, string> };
    const constraints: { -readonly [K in keyof GrantConstraintsRecord]: GrantConstraintsRecord[K] } = {};
    if (parsed.EncryptionContextEquals) constraints.encryptionContextEquals = parsed.EncryptionContextEquals;
    if (parsed.EncryptionContextSubset) constraints.encryptionContextSubset = parsed.EncryptionContextSubset;
    record.constraints = constraints;
  }
  return record;
}
