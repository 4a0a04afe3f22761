/**
 * Parameter Store's tables: parameters (current metadata), their versions
 * (sealed values), labels and tags. Every query is keyed by account and
 * region; listings are ordered by name and LIMITed, so nothing ever loads
 * all parameters. Repositories query through `store.current()` so they join
 * the caller's transaction.
 */
import type { Store } from '../../../storage/store.ts';
import type { Condition } from './filters.ts';
import type { ParameterRow, ParameterScope, VersionRow } from './types.ts';

export class ParameterRepository {
  readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  #db() {
    return this.store.current();
  }

  async get(scope: ParameterScope, name: string, forUpdate = false): Promise<ParameterRow | undefined> {
    const qb = this.#db()
      .selectFrom('ssm_parameters')
      .selectAll()
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('name', '=', name);
    return (forUpdate ? this.store.forUpdate(qb) : qb).executeTakeFirst();
  }

  /** The parameter with its current version, in one query (GetParameter's hot path). */
  async getWithCurrent(scope: ParameterScope, name: string): Promise<{ parameter: ParameterRow; version: VersionRow } | undefined> {
    const row = await this.#db()
      .selectFrom('ssm_parameters as p')
      .innerJoin('ssm_parameter_versions as v', (join) =>
        join.onRef('v.account_id', '=', 'p.account_id').onRef('v.region', '=', 'p.region').onRef('v.name', '=', 'p.name').onRef('v.version', '=', 'p.version'),
      )
      .selectAll('v')
      .select(['p.parent_path', 'p.expires_at'])
      .where('p.account_id', '=', scope.accountId)
      .where('p.region', '=', scope.region)
      .where('p.name', '=', name)
      .executeTakeFirst();
    if (!row) return undefined;
    const { parent_path, expires_at, value_sealed: _v, ...meta } = row;
    return { parameter: { ...meta, parent_path, expires_at }, version: row };
  }

  async countInTier(scope: ParameterScope, tier: string): Promise<number> {
    const row = await this.#db()
      .selectFrom('ssm_parameters')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('tier', '=', tier)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async insert(row: ParameterRow): Promise<void> {
    await this.#db().insertInto('ssm_parameters').values(row).execute();
  }

  async update(row: ParameterRow): Promise<void> {
    const { account_id, region, name, ...rest } = row;
    await this.#db().updateTable('ssm_parameters').set(rest).where('account_id', '=', account_id).where('region', '=', region).where('name', '=', name).execute();
  }

  async delete(scope: ParameterScope, name: string): Promise<boolean> {
    const result = await this.#db()
      .deleteFrom('ssm_parameters')
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('name', '=', name)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async dueForExpiry(now: number, limit: number): Promise<Array<{ account_id: string; region: string; name: string }>> {
    return this.#db().selectFrom('ssm_parameters').select(['account_id', 'region', 'name']).where('expires_at', '<=', now).orderBy('expires_at').limit(limit).execute();
  }

  /** Deletes the parameter if its expiry is (still) due: a concurrent overwrite may have removed the policy. */
  async deleteIfExpired(row: { account_id: string; region: string; name: string }, now: number): Promise<boolean> {
    const result = await this.#db()
      .deleteFrom('ssm_parameters')
      .where('account_id', '=', row.account_id)
      .where('region', '=', row.region)
      .where('name', '=', row.name)
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async insertVersion(row: VersionRow): Promise<void> {
    await this.#db().insertInto('ssm_parameter_versions').values(row).execute();
  }

  async getVersion(scope: ParameterScope, name: string, version: number): Promise<VersionRow | undefined> {
    return this.#db()
      .selectFrom('ssm_parameter_versions')
      .selectAll()
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('name', '=', name)
      .where('version', '=', version)
      .executeTakeFirst();
  }

  /** The current versions of these parameters (one query). */
  async currentVersions(scope: ParameterScope, rows: readonly ParameterRow[]): Promise<Map<string, VersionRow>> {
    const result = new Map<string, VersionRow>();
    if (rows.length === 0) return result;
    const found = await this.#db()
      .selectFrom('ssm_parameter_versions as v')
      .innerJoin('ssm_parameters as p', (join) =>
        join.onRef('p.account_id', '=', 'v.account_id').onRef('p.region', '=', 'v.region').onRef('p.name', '=', 'v.name').onRef('p.version', '=', 'v.version'),
      )
      .selectAll('v')
      .where('v.account_id', '=', scope.accountId)
      .where('v.region', '=', scope.region)
      .where(
        'v.name',
        'in',
        rows.map((r) => r.name),
      )
      .execute();
    for (const row of found) result.set(row.name, row);
    return result;
  }

  async oldestVersion(scope: ParameterScope, name: string): Promise<{ version: number; count: number } | undefined> {
    const row = await this.#db()
      .selectFrom('ssm_parameter_versions')
      .select((eb) => [eb.fn.min('version').as('oldest'), eb.fn.countAll().as('count')])
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('name', '=', name)
      .executeTakeFirst();
    if (!row || row.oldest === null) return undefined;
    return { version: Number(row.oldest), count: Number(row.count) };
  }

  async deleteVersion(scope: ParameterScope, name: string, version: number): Promise<void> {
    await this.#db()
      .deleteFrom('ssm_parameter_versions')
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('name', '=', name)
      .where('version', '=', version)
      .execute();
  }

  async history(scope: ParameterScope, name: string, afterVersion: number, limit: number): Promise<VersionRow[]> {
    return this.#db()
      .selectFrom('ssm_parameter_versions')
      .selectAll()
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('name', '=', name)
      .where('version', '>', afterVersion)
      .orderBy('version')
      .limit(limit)
      .execute();
  }

  /** Parameters matching every condition, by name, after `after`, at most `limit`. */
  async list(scope: ParameterScope, conditions: readonly Condition[], after: string | undefined, limit: number): Promise<ParameterRow[]> {
    let qb = this.#db().selectFrom('ssm_parameters').selectAll().where('account_id', '=', scope.accountId).where('region', '=', scope.region);
    for (const condition of conditions) qb = qb.where(condition);
    if (after !== undefined) qb = qb.where('name', '>', after);
    return qb.orderBy('name').limit(limit).execute();
  }

  // ---- labels

  async versionOfLabel(scope: ParameterScope, name: string, label: string): Promise<number | undefined> {
    const row = await this.#db()
      .selectFrom('ssm_parameter_labels')
      .select('version')
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('name', '=', name)
      .where('label', '=', label)
      .executeTakeFirst();
    return row?.version;
  }

  /** Labels by version, for the given versions (all versions when omitted). */
  async labels(scope: ParameterScope, name: string, versions?: readonly number[]): Promise<Map<number, string[]>> {
    const result = new Map<number, string[]>();
    if (versions !== undefined && versions.length === 0) return result;
    let qb = this.#db()
      .selectFrom('ssm_parameter_labels')
      .select(['version', 'label'])
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('name', '=', name);
    if (versions !== undefined) qb = qb.where('version', 'in', versions);
    for (const row of await qb.orderBy('label').execute()) {
      const list = result.get(row.version) ?? [];
      list.push(row.label);
      result.set(row.version, list);
    }
    return result;
  }

  /** Puts `label` on `version`, moving it from whichever version had it. */
  async setLabel(scope: ParameterScope, name: string, label: string, version: number): Promise<void> {
    await this.removeLabel(scope, name, label);
    await this.#db().insertInto('ssm_parameter_labels').values({ account_id: scope.accountId, region: scope.region, name, label, version }).execute();
  }

  async removeLabel(scope: ParameterScope, name: string, label: string, version?: number): Promise<boolean> {
    let qb = this.#db()
      .deleteFrom('ssm_parameter_labels')
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('name', '=', name)
      .where('label', '=', label);
    if (version !== undefined) qb = qb.where('version', '=', version);
    return Number((await qb.executeTakeFirst()).numDeletedRows) > 0;
  }

  // ---- tags

  async tags(scope: ParameterScope, name: string): Promise<Array<{ Key: string; Value: string }>> {
    const rows = await this.#db()
      .selectFrom('ssm_parameter_tags')
      .select(['tag_key', 'tag_value'])
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('name', '=', name)
      .orderBy('tag_key')
      .execute();
    return rows.map((r) => ({ Key: r.tag_key, Value: r.tag_value }));
  }

  async putTags(scope: ParameterScope, name: string, tags: ReadonlyArray<{ Key: string; Value: string }>): Promise<void> {
    for (const tag of tags) {
      await this.#db()
        .insertInto('ssm_parameter_tags')
        .values({ account_id: scope.accountId, region: scope.region, name, tag_key: tag.Key, tag_value: tag.Value })
        .onConflict((oc) => oc.columns(['account_id', 'region', 'name', 'tag_key']).doUpdateSet({ tag_value: tag.Value }))
        .execute();
    }
  }

  async removeTags(scope: ParameterScope, name: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.#db()
      .deleteFrom('ssm_parameter_tags')
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('name', '=', name)
      .where('tag_key', 'in', keys)
      .execute();
  }
}
