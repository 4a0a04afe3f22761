/**
 * Storage is untrusted: write known secrets through the real paths (access
 * keys, barrier-sealed values) and then search everything the database holds
 * (SQLite file and WAL; PostgreSQL rows and a pg_dump) for them in plain,
 * base64 and hex form. A plaintext control value proves the search can fail.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { rowAad } from '../crypto/barrier/aad.ts';
import { openBarrier } from '../crypto/barrier/open-barrier.ts';
import { randomBytes } from '../crypto/primitives.ts';
import { ROOT_KEY_FILE } from '../crypto/root-key.ts';
import { migrationContext } from '../storage/migrations/migration.ts';
import { parsePostgresUrl } from '../storage/postgres/postgres-url.ts';
import { SQLITE_FILE_NAME } from '../storage/sqlite/open-sqlite.ts';
import { openStore } from '../storage/store.ts';
import { testStoreEngines } from '../testing/test-stores.ts';
import { IdentityRepository } from './identity-repository.ts';

const run = promisify(execFile);

/** Every encoding of a secret that would betray it. */
function encodings(secret: Buffer): Buffer[] {
  const forms = [secret, Buffer.from(secret.toString('base64')), Buffer.from(secret.toString('base64url')), Buffer.from(secret.toString('hex')), Buffer.from(secret.toString('hex').toUpperCase())];
  return forms.filter((f) => f.length >= 8);
}

function leaks(haystack: Buffer, secrets: Map<string, Buffer>): string[] {
  const found: string[] = [];
  for (const [label, secret] of secrets) {
    for (const form of encodings(secret)) if (haystack.includes(form)) found.push(label);
  }
  return [...new Set(found)];
}

for (const engine of testStoreEngines()) {
  describe(`secrets at rest [${engine.engine}]`, { skip: engine.skip }, () => {
    it('no secret appears in the stored data in any common encoding', async () => {
      const target = await engine.create();
      const store = await openStore(target);
      try {
        const { barrier } = await openBarrier({ store, dataDir: target.dataDir, env: {} });
        const rootKey = Buffer.from(fs.readFileSync(path.join(target.dataDir, ROOT_KEY_FILE), 'utf8').trim(), 'base64');
        const identity = new IdentityRepository(store, barrier);
        const secrets = new Map<string, Buffer>([['root key', rootKey]]);

        await identity.ensureAccount('000000000000');
        await identity.createUser('000000000000', 'admin');
        for (let i = 0; i < 2; i++) {
          const key = await identity.createAccessKey('000000000000', 'admin');
          secrets.set(`secret access key ${i}`, Buffer.from(key.secretAccessKey));
        }

        const db = store.db as unknown as Kysely<any>;
        const { types: t, createTable } = migrationContext(db, store.engine);
        await createTable('at_rest_probe').addColumn('id', t.text, (c) => c.primaryKey()).addColumn('note', t.text).addColumn('value_sealed', t.binary).execute();
        const markers = ['MARKER-password-Zq8vX1', 'MARKER-api-token-Pw9rT4yU', `MARKER-binary-${randomBytes(24).toString('hex')}`];
        for (const [i, marker] of markers.entries()) {
          secrets.set(`marker ${i}`, Buffer.from(marker));
          await db.insertInto('at_rest_probe').values({ id: `m${i}`, value_sealed: barrier.seal(Buffer.from(marker), rowAad('at_rest_probe', [`m${i}`], 'value_sealed')) }).execute();
        }
        const control = Buffer.from(`CONTROL-plaintext-${randomBytes(8).toString('hex')}`);
        await db.insertInto('at_rest_probe').values({ id: 'control', note: control.toString() }).execute();
        const controlOnly = new Map([['control', control]]);

        if (store.engine === 'sqlite') {
          const file = path.join(target.dataDir, SQLITE_FILE_NAME);
          const files = [file, `${file}-wal`].filter((f) => fs.existsSync(f));
          assert.ok(files.includes(`${file}-wal`), 'the WAL file exists while the store is open');
          const live = Buffer.concat(files.map((f) => fs.readFileSync(f)));
          assert.deepEqual(leaks(live, controlOnly), ['control'], 'the search finds plaintext (control)');
          assert.deepEqual(leaks(live, secrets), []);
          await store.close();
          const closed = fs.readFileSync(file);
          assert.deepEqual(leaks(closed, controlOnly), ['control']);
          assert.deepEqual(leaks(closed, secrets), []);
        } else {
          const url = parsePostgresUrl(target.databaseUrl!).connectionString;
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          let rowsText = '';
          try {
            const { rows: tables } = await client.query('select table_name from information_schema.tables where table_schema = $1', [target.pgSchema]);
            assert.ok(tables.length >= 5);
            for (const { table_name } of tables) {
              const { rows } = await client.query(`select * from "${target.pgSchema}"."${table_name}"`);
              for (const row of rows) {
                for (const value of Object.values(row)) {
                  rowsText += Buffer.isBuffer(value) ? `${value.toString('hex')}\n${value.toString('base64')}\n${value.toString('latin1')}\n` : `${String(value)}\n`;
                }
              }
            }
          } finally {
            await client.end();
          }
          const rowsDump = Buffer.from(rowsText, 'latin1');
          assert.deepEqual(leaks(rowsDump, controlOnly), ['control']);
          assert.deepEqual(leaks(rowsDump, secrets), []);

          const { stdout } = await run('/usr/bin/pg_dump', ['--dbname', url, '--schema', target.pgSchema!, '--no-owner'], { maxBuffer: 64 * 1024 * 1024, encoding: 'buffer' });
          assert.deepEqual(leaks(stdout, controlOnly), ['control']);
          assert.deepEqual(leaks(stdout, secrets), []);
        }
      } finally {
        await store.close();
        await target.cleanup();
      }
    });
  });
}
