import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AesGcmBarrier } from '../../crypto/barrier/barrier.ts';
import { BarrierError } from '../../crypto/barrier/errors.ts';
import { randomBytes } from '../../crypto/primitives.ts';
import { openTestStore, testStoreEngines } from '../../testing/test-stores.ts';
import { IdentityRepository } from '../identity-repository.ts';
import { accountOfAccessKeyId, hashSessionToken, TEMPORARY_ACCESS_KEY_ID_PATTERN } from './session-ids.ts';
import { EXPIRED_SESSION_RETENTION_MS, SessionRepository, sessionSecretAad, STS_SESSION_TOPIC, type NewSession } from './session-repository.ts';

const ACCOUNT = '123456789012';
const HOUR = 3600_000;

const roleSession = (now: number, overrides: Partial<NewSession> = {}): NewSession => ({
  accountId: ACCOUNT,
  principal: {
    type: 'assumed-role',
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/ci`,
    id: 'AROAEXAMPLEEXAMPLE123:ci',
    roleArn: `arn:aws:iam::${ACCOUNT}:role/deploy/deployer`,
    roleId: 'AROAEXAMPLEEXAMPLE123',
    roleSessionName: 'ci',
  },
  durationSeconds: 3600,
  sessionPolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Encrypt","Resource":"*"}]}',
  policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
  tags: { Project: 'blue', Team: 'ops' },
  transitiveTagKeys: ['project'],
  sourceIdentity: 'alice',
  now,
  ...overrides,
});

for (const engine of testStoreEngines()) {
  describe(`SessionRepository [${engine.engine}]`, { skip: engine.skip }, () => {
    async function setup() {
      const opened = await openTestStore(engine);
      const barrier = AesGcmBarrier.fromRootKey(randomBytes(32));
      await new IdentityRepository(opened.store, barrier).ensureAccount(ACCOUNT);
      return { ...opened, barrier, sessions: new SessionRepository(opened.store, barrier) };
    }

    it('issues credentials and finds the session they belong to', async () => {
      const { sessions, close } = await setup();
      try {
        const now = Date.UTC(2026, 0, 1, 12);
        const issued = await sessions.create(roleSession(now));
        assert.match(issued.accessKeyId, TEMPORARY_ACCESS_KEY_ID_PATTERN);
        assert.equal(accountOfAccessKeyId(issued.accessKeyId), ACCOUNT);
        assert.match(issued.secretAccessKey, /^[A-Za-z0-9+/]{40}$/);
        assert.ok(issued.sessionToken.length >= 300);
        assert.equal(issued.expiresAt, now + HOUR);

        const session = await sessions.find(issued.accessKeyId);
        assert.ok(session);
        assert.equal(session.accountId, ACCOUNT);
        assert.equal(session.secretAccessKey, issued.secretAccessKey);
        assert.deepEqual(session.tokenHash, hashSessionToken(issued.sessionToken));
        assert.deepEqual(session.principal, roleSession(now).principal);
        assert.equal(session.sessionPolicy, roleSession(now).sessionPolicy);
        assert.deepEqual(session.policyArns, ['arn:aws:iam::aws:policy/ReadOnlyAccess']);
        assert.deepEqual(session.tags, { Project: 'blue', Team: 'ops' });
        assert.deepEqual(session.transitiveTagKeys, ['project']);
        assert.equal(session.sourceIdentity, 'alice');
        assert.equal(session.issuedAt, now);
        assert.equal(session.expiresAt, now + HOUR);
        assert.equal(await sessions.accountOf(issued.accessKeyId), ACCOUNT);

        assert.equal(await sessions.find('ASIAAAAAAAAAAAAAAAAA'), undefined);
        assert.equal(await sessions.find('AKIAAAAAAAAAAAAAAAAA'), undefined);
        assert.equal(await sessions.accountOf('ASIAAAAAAAAAAAAAAAAA'), undefined);
      } finally {
        await close();
      }
    });

    it('keeps a minimal session minimal', async () => {
      const { sessions, close } = await setup();
      try {
        const issued = await sessions.create({
          accountId: ACCOUNT,
          principal: { type: 'user', arn: `arn:aws:iam::${ACCOUNT}:user/bob`, id: 'AIDAEXAMPLEEXAMPLE123', userName: 'bob' },
          durationSeconds: 900,
        });
        const session = await sessions.find(issued.accessKeyId);
        assert.deepEqual(session?.principal, { type: 'user', arn: `arn:aws:iam::${ACCOUNT}:user/bob`, id: 'AIDAEXAMPLEEXAMPLE123', userName: 'bob' });
        assert.equal(session?.sessionPolicy, undefined);
        assert.equal(session?.sourceIdentity, undefined);
        assert.deepEqual(session?.policyArns, []);
        assert.deepEqual(session?.tags, {});
      } finally {
        await close();
      }
    });

    it('stores neither the token nor the secret in the clear, and binds the sealed secret to its row', async () => {
      const { store, barrier, sessions, close } = await setup();
      try {
        const a = await sessions.create(roleSession(Date.now()));
        const b = await sessions.create(roleSession(Date.now()));
        const row = await store.db.selectFrom('sts_sessions').selectAll().where('access_key_id', '=', a.accessKeyId).executeTakeFirstOrThrow();
        const stored = JSON.stringify(row) + row.secret_sealed.toString('latin1') + row.token_hash.toString('latin1');
        assert.ok(!stored.includes(a.sessionToken), 'the session token is not stored');
        assert.ok(!stored.includes(a.secretAccessKey), 'the secret access key is sealed');
        assert.deepEqual(Buffer.from(row.token_hash), hashSessionToken(a.sessionToken));
        assert.equal(barrier.open(row.secret_sealed, sessionSecretAad(a.accessKeyId)).toString('utf8'), a.secretAccessKey);
        // Moved to another row, the sealed secret no longer opens.
        await store.db.updateTable('sts_sessions').set({ secret_sealed: row.secret_sealed }).where('access_key_id', '=', b.accessKeyId).execute();
        const fresh = new SessionRepository(store, barrier);
        await assert.rejects(fresh.find(b.accessKeyId), BarrierError);
      } finally {
        await close();
      }
    });

    it('serves sessions from memory until a change is published', async () => {
      const { store, sessions, close } = await setup();
      try {
        const issued = await sessions.create(roleSession(Date.now()));
        const first = await sessions.find(issued.accessKeyId);
        await store.db.deleteFrom('sts_sessions').where('access_key_id', '=', issued.accessKeyId).execute();
        assert.equal(await sessions.find(issued.accessKeyId), first, 'the hot path does not read the database');
        await store.transaction(async () => store.changes.publish(STS_SESSION_TOPIC, issued.accessKeyId));
        assert.equal(await sessions.find(issued.accessKeyId), undefined);
      } finally {
        await close();
      }
    });

    it('inside a transaction, reads through it', async () => {
      const { store, sessions, close } = await setup();
      try {
        await store.transaction(async () => {
          const issued = await sessions.create(roleSession(Date.now()));
          assert.equal((await sessions.find(issued.accessKeyId))?.accessKeyId, issued.accessKeyId);
        });
      } finally {
        await close();
      }
    });

    it('purges sessions expired longer than the retention, in batches', async () => {
      const { store, sessions, close } = await setup();
      try {
        const now = Date.UTC(2026, 0, 2);
        const long = await Promise.all(Array.from({ length: 5 }, () => sessions.create(roleSession(now - 3 * 24 * HOUR))));
        const recent = await sessions.create(roleSession(now - 2 * HOUR));
        const live = await sessions.create(roleSession(now));
        assert.equal(await sessions.purgeExpired(new Date(now), EXPIRED_SESSION_RETENTION_MS, 2), 5);
        const left = await store.db.selectFrom('sts_sessions').select('access_key_id').execute();
        assert.deepEqual(left.map((r) => r.access_key_id).sort(), [recent.accessKeyId, live.accessKeyId].sort());
        assert.ok(!left.some((r) => long.some((l) => l.accessKeyId === r.access_key_id)));
        assert.equal(await sessions.purgeExpired(new Date(now), 0), 1, 'without retention the recently expired one goes too');
        assert.equal(await sessions.purgeExpired(new Date(now), 0), 0);
      } finally {
        await close();
      }
    });
  });
}
