/**
 * Runs a test suite on every storage engine:
 *
 *   for (const engine of testStoreEngines()) {
 *     describe(`thing [${engine.engine}]`, { skip: engine.skip }, () => {
 *       it('works', async () => {
 *         const target = await engine.create();
 *         const store = await openStore(target);   // or start the server with target.dataDir / target.databaseUrl
 *         try { … } finally { await store.close(); await target.cleanup(); }
 *       });
 *     });
 *   }
 *
 * SQLite gets a fresh temp directory per create(). PostgreSQL comes from
 * STRONGROOM_TEST_PG (e.g. postgres://root@127.0.0.1:5432/test) and gets a
 * fresh schema per create(), named in the URL as `?schema=…`, dropped by
 * cleanup(). Without STRONGROOM_TEST_PG the PostgreSQL suites are skipped
 * with a visible reason — unless CI=true, where create() fails instead.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { randomBase32 } from '../identity/ids.ts';
import { parsePostgresUrl } from '../storage/postgres/postgres-url.ts';
import { openStore, type Store } from '../storage/store.ts';
import type { Engine } from '../storage/types.ts';

export const TEST_PG_ENV = 'STRONGROOM_TEST_PG';

export interface TestStoreTarget {
  engine: Engine;
  dataDir: string;
  /** PostgreSQL only: a URL carrying the schema (`?schema=…`), ready for openStore or `strongroom start --database`. */
  databaseUrl?: string;
  pgSchema?: string;
  /** Removes the temp directory and drops the schema. */
  cleanup(): Promise<void>;
}

export interface TestStoreEngine {
  engine: Engine;
  /** Pass to describe()/it() options: false, or the reason the engine is skipped. */
  skip: false | string;
  create(): Promise<TestStoreTarget>;
}

export function testStoreEngines(env: NodeJS.ProcessEnv = process.env): TestStoreEngine[] {
  const pgUrl = env[TEST_PG_ENV];
  const inCi = env.CI === 'true';
  return [
    { engine: 'sqlite', skip: false, create: createSqliteTarget },
    {
      engine: 'postgres',
      skip: pgUrl || inCi ? false : `${TEST_PG_ENV} not set (e.g. ${TEST_PG_ENV}=postgres://root@127.0.0.1:5432/test)`,
      create: () => {
        if (!pgUrl) return Promise.reject(new Error(`${TEST_PG_ENV} must be set when CI=true: PostgreSQL tests may not be skipped in CI`));
        return createPostgresTarget(pgUrl);
      },
    },
  ];
}

/** A target and a store opened on it; `close()` closes the store and cleans up. */
export async function openTestStore(engine: TestStoreEngine): Promise<{ store: Store; target: TestStoreTarget; close(): Promise<void> }> {
  const target = await engine.create();
  let store: Store;
  try {
    store = await openStore(target);
  } catch (error) {
    await target.cleanup();
    throw error;
  }
  return {
    store,
    target,
    async close() {
      await store.close();
      await target.cleanup();
    },
  };
}

async function createSqliteTarget(): Promise<TestStoreTarget> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'strongroom-test-'));
  return { engine: 'sqlite', dataDir, cleanup: () => fs.rm(dataDir, { recursive: true, force: true }) };
}

async function createPostgresTarget(baseUrl: string): Promise<TestStoreTarget> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'strongroom-test-'));
  const pgSchema = `sr_test_${randomBase32(12).toLowerCase()}`;
  const url = new URL(baseUrl);
  url.searchParams.set('schema', pgSchema);
  const databaseUrl = url.href;
  return {
    engine: 'postgres',
    dataDir,
    databaseUrl,
    pgSchema,
    async cleanup() {
      await fs.rm(dataDir, { recursive: true, force: true });
      const client = new pg.Client({ connectionString: parsePostgresUrl(baseUrl).connectionString });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${pgSchema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}
