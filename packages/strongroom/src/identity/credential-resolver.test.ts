/**
 * The credential resolver behind the authenticate step: long-term keys and
 * temporary credentials, driven through parse-signature + authenticate with
 * requests signed at chosen times and the step's clock injected.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AesGcmBarrier } from '../crypto/barrier/barrier.ts';
import { randomBytes } from '../crypto/primitives.ts';
import { AwsError } from '../errors/aws-error.ts';
import { awsJsonCodec } from '../protocol/aws-json/codec.ts';
import { awsQueryCodec } from '../protocol/aws-query/codec.ts';
import { signRequest, type SigningCredentials } from '../protocol/sigv4/index.ts';
import { iamSpec } from '../protocol/spec/generated/iam.spec.ts';
import { kmsSpec } from '../protocol/spec/generated/kms.spec.ts';
import { stsSpec } from '../protocol/spec/generated/sts.spec.ts';
import type { ServiceSpec } from '../protocol/spec/spec-types.ts';
import type { Principal } from '../server/context.ts';
import type { Exchange } from '../server/exchange.ts';
import { authenticate } from '../server/steps/authenticate.ts';
import { parseSignature } from '../server/steps/parse-signature.ts';
import { openTestStore, testStoreEngines } from '../testing/test-stores.ts';
import { createCredentialResolver } from './credential-resolver.ts';
import { IdentityRepository } from './identity-repository.ts';
import { SessionRepository, STS_SESSION_TOPIC, type NewSession } from './sessions/session-repository.ts';

const ACCOUNT = '123456789012';
const T0 = Date.UTC(2026, 5, 1, 12);
const HOUR = 3600_000;

const ROLE_SESSION: NewSession = {
  accountId: ACCOUNT,
  principal: {
    type: 'assumed-role',
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/ci`,
    id: 'AROAEXAMPLEEXAMPLE123:ci',
    roleArn: `arn:aws:iam::${ACCOUNT}:role/deployer`,
    roleId: 'AROAEXAMPLEEXAMPLE123',
    roleSessionName: 'ci',
  },
  durationSeconds: 3600,
  sessionPolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}',
  policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
  tags: { Project: 'blue' },
  now: T0,
};

/** An exchange as the listener builds it, for a request signed at `time`. */
function exchange(spec: ServiceSpec, credentials: SigningCredentials, time: number): Exchange {
  const json = spec.protocol === 'json';
  const headers: Record<string, string> = { host: 'localhost:4566', 'content-type': json ? 'application/x-amz-json-1.1' : 'application/x-www-form-urlencoded' };
  if (json) headers['x-amz-target'] = `${spec.targetPrefix ?? 'TrentService'}.ListKeys`;
  const body = Buffer.from(json ? '{}' : 'Action=GetCallerIdentity&Version=2011-06-15');
  const signed = signRequest({ method: 'POST', rawPath: '/', rawQuery: '', headers, body }, { credentials, region: 'us-east-1', service: spec.signingName, time: new Date(time) });
  const codec = json ? awsJsonCodec : awsQueryCodec;
  const operation = Object.values(spec.operations)[0];
  return {
    requestId: 'test',
    receivedAt: new Date(time),
    wire: { method: 'POST', path: '/', query: new URLSearchParams(), headers: signed.headers, body },
    rawPath: '/',
    rawQuery: '',
    sourceIp: '127.0.0.1',
    secureTransport: false,
    errorCodec: codec,
    service: spec,
    route: { service: { spec, handlers: {} }, codec, operation },
  };
}

function rejectsWith(code: string, status: number, message: string) {
  return (error: unknown) => {
    assert.ok(error instanceof AwsError, `expected AwsError, got ${error}`);
    assert.equal(error.code, code);
    assert.equal(error.httpStatus, status);
    assert.equal(error.message, message);
    return true;
  };
}

const INVALID = 'The security token included in the request is invalid';
const EXPIRED = 'The security token included in the request is expired';

for (const engine of testStoreEngines()) {
  describe(`credential resolver + authenticate [${engine.engine}]`, { skip: engine.skip }, () => {
    async function setup() {
      const opened = await openTestStore(engine);
      const barrier = AesGcmBarrier.fromRootKey(randomBytes(32));
      const identity = new IdentityRepository(opened.store, barrier);
      const sessions = new SessionRepository(opened.store, barrier);
      await identity.ensureAccount(ACCOUNT);
      await identity.createUser(ACCOUNT, 'bob');
      const key = await identity.createAccessKey(ACCOUNT, 'bob');
      const resolver = createCredentialResolver({ identity, sessions });
      /** Runs parse-signature and authenticate with the clock at `now`; returns the principal. */
      async function authenticateAt(spec: ServiceSpec, credentials: SigningCredentials, signedAt: number, now = signedAt): Promise<Principal> {
        const ex = exchange(spec, credentials, signedAt);
        await parseSignature().run(ex);
        await authenticate({ mode: 'sigv4', credentials: resolver }, () => new Date(now)).run(ex);
        return ex.principal!;
      }
      const longTerm = { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
      return { ...opened, identity, sessions, resolver, authenticateAt, longTerm };
    }

    it('long-term keys act as their user and take no session token', async () => {
      const { store, authenticateAt, longTerm, close } = await setup();
      try {
        await store.db.insertInto('iam_user_tags').values({ account_id: ACCOUNT, user_name: 'bob', tag_key: 'Team', tag_value: 'ops' }).execute();
        const principal = await authenticateAt(stsSpec, longTerm, Date.now());
        assert.deepEqual(principal.tags, { Team: 'ops' }, 'the user\'s tags are its principal tags');
        assert.equal(principal.kind, 'user');
        assert.equal(principal.arn, `arn:aws:iam::${ACCOUNT}:user/bob`);
        assert.equal(principal.userName, 'bob');
        assert.equal(principal.accessKeyId, longTerm.accessKeyId);
        assert.equal(principal.session, undefined);
        await assert.rejects(authenticateAt(stsSpec, { ...longTerm, sessionToken: 'anything' }, Date.now()), rejectsWith('InvalidClientTokenId', 403, INVALID));
        await assert.rejects(authenticateAt(kmsSpec, { ...longTerm, sessionToken: 'anything' }, Date.now()), rejectsWith('UnrecognizedClientException', 400, INVALID));
      } finally {
        await close();
      }
    });

    it('temporary credentials with their token act as the assumed role until they expire', async () => {
      const { sessions, authenticateAt, close } = await setup();
      try {
        const issued = await sessions.create(ROLE_SESSION);
        const creds = { accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken };
        const principal = await authenticateAt(stsSpec, creds, T0 + 1000);
        assert.deepEqual(principal, {
          kind: 'assumed-role',
          accountId: ACCOUNT,
          arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/ci`,
          userId: 'AROAEXAMPLEEXAMPLE123:ci',
          roleArn: `arn:aws:iam::${ACCOUNT}:role/deployer`,
          roleId: 'AROAEXAMPLEEXAMPLE123',
          roleSessionName: 'ci',
          tags: { Project: 'blue' },
          session: { expiresAt: T0 + HOUR, policy: ROLE_SESSION.sessionPolicy, policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] },
          accessKeyId: issued.accessKeyId,
        });
        // The last millisecond before expiry still works; from expiry on, ExpiredToken.
        await authenticateAt(kmsSpec, creds, T0 + HOUR - 60_000, T0 + HOUR - 1);
        await assert.rejects(authenticateAt(stsSpec, creds, T0 + HOUR - 60_000, T0 + HOUR), rejectsWith('ExpiredToken', 403, EXPIRED));
        await assert.rejects(authenticateAt(kmsSpec, creds, T0 + HOUR + 60_000), rejectsWith('ExpiredTokenException', 400, EXPIRED));
      } finally {
        await close();
      }
    });

    it('refuses temporary credentials without their token, or with another', async () => {
      const { sessions, authenticateAt, close } = await setup();
      try {
        const issued = await sessions.create(ROLE_SESSION);
        const other = await sessions.create(ROLE_SESSION);
        const base = { accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey };
        await assert.rejects(authenticateAt(stsSpec, base, T0), rejectsWith('InvalidClientTokenId', 403, INVALID));
        await assert.rejects(authenticateAt(stsSpec, { ...base, sessionToken: other.sessionToken }, T0), rejectsWith('InvalidClientTokenId', 403, INVALID));
        await assert.rejects(authenticateAt(kmsSpec, { ...base, sessionToken: issued.sessionToken.slice(0, -4) }, T0), rejectsWith('UnrecognizedClientException', 400, INVALID));
        // A wrong token is reported as such even once the session has expired.
        await assert.rejects(authenticateAt(stsSpec, { ...base, sessionToken: other.sessionToken }, T0 + 2 * HOUR), rejectsWith('InvalidClientTokenId', 403, INVALID));
        // A right token with a wrong secret is still a bad signature.
        await assert.rejects(authenticateAt(stsSpec, { ...base, secretAccessKey: other.secretAccessKey, sessionToken: issued.sessionToken }, T0), (e: unknown) => (e as AwsError).code === 'SignatureDoesNotMatch');
        await assert.rejects(authenticateAt(stsSpec, { accessKeyId: 'ASIAAAAAAAAAAAAAAAAA', secretAccessKey: 'x', sessionToken: 't' }, T0), rejectsWith('InvalidClientTokenId', 403, `${INVALID}.`));
      } finally {
        await close();
      }
    });

    it('GetSessionToken credentials act as their user and cannot call IAM', async () => {
      const { sessions, authenticateAt, close } = await setup();
      try {
        const issued = await sessions.create({
          accountId: ACCOUNT,
          principal: { type: 'user', arn: `arn:aws:iam::${ACCOUNT}:user/bob`, id: 'AIDAEXAMPLEEXAMPLE123', userName: 'bob' },
          durationSeconds: 43200,
          now: T0,
        });
        const creds = { accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken };
        const principal = await authenticateAt(stsSpec, creds, T0);
        assert.equal(principal.kind, 'user');
        assert.equal(principal.arn, `arn:aws:iam::${ACCOUNT}:user/bob`);
        assert.equal(principal.userName, 'bob');
        assert.deepEqual(principal.session, { expiresAt: T0 + 12 * HOUR });
        await authenticateAt(kmsSpec, creds, T0);
        await assert.rejects(authenticateAt(iamSpec, creds, T0), rejectsWith('InvalidClientTokenId', 403, INVALID));
      } finally {
        await close();
      }
    });

    it('resolves from memory: the same identity each time, until the session is invalidated', async () => {
      const { store, sessions, resolver, longTerm, close } = await setup();
      try {
        const issued = await sessions.create(ROLE_SESSION);
        const first = await resolver.resolve(issued.accessKeyId);
        assert.ok(first?.session);
        assert.equal(first.session.tokenMatches(issued.sessionToken), true);
        assert.equal(first.session.tokenMatches('x'), false);
        assert.equal(await resolver.resolve(issued.accessKeyId), first);
        assert.equal(await resolver.resolve(longTerm.accessKeyId), await resolver.resolve(longTerm.accessKeyId));

        await store.db.deleteFrom('sts_sessions').where('access_key_id', '=', issued.accessKeyId).execute();
        assert.equal(await resolver.resolve(issued.accessKeyId), first, 'no database read on the hot path');
        await store.transaction(async () => store.changes.publish(STS_SESSION_TOPIC, issued.accessKeyId));
        assert.equal(await resolver.resolve(issued.accessKeyId), undefined);
      } finally {
        await close();
      }
    });
  });
}
