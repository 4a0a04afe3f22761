/**
 * kms_aliases: alias name → key id, per account and region. Aliases of a
 * deleted key go with it (ON DELETE CASCADE); listings skip aliases of keys
 * whose deletion date has passed but that the sweep has not removed yet.
 */
import { UniqueViolationError } from '../../../storage/errors.ts';
import type { Store } from '../../../storage/store.ts';
import type { KmsAliasesTable } from '../../../storage/types.ts';
import { aliasExists } from '../errors.ts';
import { aliasArn } from './arns.ts';
import type { AliasRecord, KeyScope } from './types.ts';

export interface AliasListQuery {
  targetKeyId?: string;
  afterAliasName?: string;
  limit: number;
}

export class AliasRepository {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  async get(scope: KeyScope, aliasName: string): Promise<AliasRecord | undefined> {
    const row = await this.#store
      .current()
      .selectFrom('kms_aliases')
      .selectAll()
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('alias_name', '=', aliasName)
      .executeTakeFirst();
    return row && toAlias(row);
  }

  /** Throws AlreadyExistsException when the name is taken. */
  async create(scope: KeyScope, aliasName: string, targetKeyId: string, now: number): Promise<void> {
    if (await this.get(scope, aliasName)) throw aliasExists(aliasArn(scope, aliasName));
    try {
      await this.#store
        .current()
        .insertInto('kms_aliases')
        .values({ account_id: scope.accountId, region: scope.region, alias_name: aliasName, target_key_id: targetKeyId, created_at: now, updated_at: now })
        .execute();
    } catch (error) {
      if (error instanceof UniqueViolationError) throw aliasExists(aliasArn(scope, aliasName));
      throw error;
    }
  }

  /** Inserts unless the name exists; returns whether this call created it. */
  async createIfAbsent(scope: KeyScope, aliasName: string, targetKeyId: string, now: number): Promise<boolean> {
    const result = await this.#store
      .current()
      .insertInto('kms_aliases')
      .values({ account_id: scope.accountId, region: scope.region, alias_name: aliasName, target_key_id: targetKeyId, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['account_id', 'region', 'alias_name']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async retarget(scope: KeyScope, aliasName: string, targetKeyId: string, now: number): Promise<boolean> {
    const result = await this.#store
      .current()
      .updateTable('kms_aliases')
      .set({ target_key_id: targetKeyId, updated_at: now })
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('alias_name', '=', aliasName)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(scope: KeyScope, aliasName: string): Promise<boolean> {
    const result = await this.#store
      .current()
      .deleteFrom('kms_aliases')
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('alias_name', '=', aliasName)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Names of the aliases pointing at a key. */
  async namesForKey(scope: KeyScope, keyId: string): Promise<string[]> {
    const rows = await this.#store
      .current()
      .selectFrom('kms_aliases')
      .select('alias_name')
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('target_key_id', '=', keyId)
      .execute();
    return rows.map((r) => r.alias_name);
  }

  async list(scope: KeyScope, now: number, query: AliasListQuery): Promise<AliasRecord[]> {
    let select = this.#store
      .current()
      .selectFrom('kms_aliases as a')
      .innerJoin('kms_keys as k', (join) =>
        join.onRef('k.account_id', '=', 'a.account_id').onRef('k.region', '=', 'a.region').onRef('k.key_id', '=', 'a.target_key_id'),
      )
      .selectAll('a')
      .where('a.account_id', '=', scope.accountId)
      .where('a.region', '=', scope.region)
      .where((eb) => eb.or([eb('k.deletion_date', 'is', null), eb('k.deletion_date', '>', now)]))
      .orderBy('a.alias_name')
      .limit(query.limit);
    if (query.targetKeyId !== undefined) select = select.where('a.target_key_id', '=', query.targetKeyId);
    if (query.afterAliasName !== undefined) select = select.where('a.alias_name', '>', query.afterAliasName);
    const rows = await select.execute();
    return rows.map(toAlias);
  }
}

function toAlias(row: KmsAliasesTable): AliasRecord {
  const scope = { accountId: row.account_id, region: row.region };
  return {
    ...scope,
    aliasName: row.alias_name,
    aliasArn: aliasArn(scope, row.alias_name),
    targetKeyId: row.target_key_id,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
