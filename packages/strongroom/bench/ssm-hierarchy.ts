/**
 * Benchmark (not a test) of GetParametersByPath's storage path on a large
 * store: N parameters (default 100,000) spread over 2,000 paths of 50
 * children each; then the first page (10) of one path, one level and
 * recursive, timed as the handler runs it (range query, current versions,
 * barrier open). Also prints the process RSS, which must not track N.
 *
 *   cd packages/strongroom && node --import tsx bench/ssm-hierarchy.ts [count]
 *   STRONGROOM_BENCH_PG=postgres://… node --import tsx bench/ssm-hierarchy.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AesGcmBarrier } from '../src/crypto/barrier/barrier.ts';
import { randomBytes } from '../src/crypto/primitives.ts';
import { pathCondition } from '../src/services/ssm/model/filters.ts';
import { parentPath } from '../src/services/ssm/model/names.ts';
import { SsmModel } from '../src/services/ssm/model/ssm-model.ts';
import { sql } from 'kysely';
import { openStore } from '../src/storage/index.ts';

const count = Number(process.argv[2] ?? 100_000);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'strongroom-ssm-bench-'));
const pgSchema = process.env.STRONGROOM_BENCH_PG ? `ssm_bench_${Date.now()}` : undefined;
const store = await openStore({ dataDir, databaseUrl: process.env.STRONGROOM_BENCH_PG, pgSchema });
const kms = { encrypt: async () => '', decrypt: async () => '' };
const model = new SsmModel({ store, barrier: AesGcmBarrier.fromRootKey(randomBytes(32)), kms });
const scope = { accountId: '000000000000', region: 'us-east-1' };

const started = performance.now();
for (let base = 0; base < count; base += 1000) {
  await store.transaction(async (trx) => {
    const rows = [];
    const versions = [];
    for (let i = base; i < Math.min(count, base + 1000); i++) {
      const name = `/org/team${Math.floor(i / 5000)}/app${Math.floor(i / 50)}/p${i % 50}`;
      const meta = { account_id: scope.accountId, region: scope.region, name, type: 'String', tier: 'Standard', data_type: 'text', key_id: null, description: null, allowed_pattern: null, policies: null, last_modified: Date.now(), last_modified_user: 'bench' };
      rows.push({ ...meta, parent_path: parentPath(name), version: 1, expires_at: null });
      versions.push({ ...meta, version: 1, value_sealed: model.seal(scope, name, 1, `value-${i}`) });
    }
    await trx.insertInto('ssm_parameters').values(rows).execute();
    await trx.insertInto('ssm_parameter_versions').values(versions).execute();
  });
  // A bulk load outruns PostgreSQL's autovacuum: without statistics the planner picks poor plans (FK checks, IN lists).
  if (store.engine === 'postgres' && base % 10_000 === 0) await sql`analyze`.execute(store.db);
}
if (store.engine === 'postgres') await sql`analyze`.execute(store.db);
console.log(`${count} parameters stored in ${((performance.now() - started) / 1000).toFixed(1)} s (${store.engine})`);

async function firstPage(recursive: boolean, target: string): Promise<number> {
  const t0 = performance.now();
  const rows = await model.repo.list(scope, [pathCondition(target, recursive)], undefined, 11);
  if (rows.length !== 11) throw new Error(`expected a full first page under ${target}, got ${rows.length}`);
  const versions = await model.repo.currentVersions(scope, rows.slice(0, 10));
  for (const row of rows.slice(0, 10)) model.open(versions.get(row.name)!);
  return performance.now() - t0;
}

const team = Math.max(0, Math.floor(count / 5000 / 2));
for (const [label, recursive, target] of [
  ['one level, 50 children', false, `/org/team${team}/app${team * 100 + 50}`],
  [`recursive, ${Math.min(5000, count)} below`, true, `/org/team${team}`],
] as const) {
  for (let i = 0; i < 20; i++) await firstPage(recursive, target);
  const times: number[] = [];
  for (let i = 0; i < 200; i++) times.push(await firstPage(recursive, target));
  times.sort((a, b) => a - b);
  console.log(`first page, ${label}: median ${times[100]!.toFixed(2)} ms, p99 ${times[198]!.toFixed(2)} ms`);
}
console.log(`rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`);
if (pgSchema) await sql`drop schema ${sql.id(pgSchema)} cascade`.execute(store.db);
await store.close();
rmSync(dataDir, { recursive: true, force: true });
