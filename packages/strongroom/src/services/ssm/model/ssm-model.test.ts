/**
 * The model on both engines with a stand-in for KMS and a movable clock:
 * values are sealed in storage, Expiration policies hide and then delete
 * parameters, and SecureString values reach KMS with the parameter's ARN.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { AesGcmBarrier } from '../../../crypto/barrier/barrier.ts';
import { randomBytes } from '../../../crypto/primitives.ts';
import type { RequestContext } from '../../../server/context.ts';
import type { Store } from '../../../storage/store.ts';
import { openTestStore, testStoreEngines } from '../../../testing/test-stores.ts';
import type { ParameterKms } from './parameter-kms.ts';
import { putParameter } from './put.ts';
import { SsmModel } from './ssm-model.ts';

const scope = { accountId: '111122223333', region: 'eu-west-1' };
const ctx = {
  requestId: 'test',
  service: 'ssm',
  operation: 'PutParameter',
  region: scope.region,
  principal: { kind: 'root', accountId: scope.accountId, arn: `arn:aws:iam::${scope.accountId}:root`, userId: scope.accountId },
  sourceIp: '127.0.0.1',
  secureTransport: false,
  receivedAt: new Date(),
  log: pino({ level: 'silent' }),
} satisfies RequestContext;

/** Reversible stand-in: records what it was asked. */
function fakeKms(calls: string[]): ParameterKms {
  return {
    async encrypt(_ctx, keyId, plaintext, arn) {
      calls.push(`encrypt ${keyId ?? 'default'} ${arn}`);
      return Buffer.from(`${arn}|${plaintext}`).toString('base64');
    },
    async decrypt(_ctx, ciphertext, arn) {
      calls.push(`decrypt ${arn}`);
      const [boundTo, plaintext] = Buffer.from(ciphertext, 'base64').toString().split('|');
      assert.equal(boundTo, arn);
      return plaintext!;
    },
  };
}

for (const engine of testStoreEngines()) {
  describe(`SsmModel [${engine.engine}]`, { skip: engine.skip }, () => {
    let store: Store;
    let close: () => Promise<void>;
    let now = Date.parse('2030-01-01T00:00:00Z');
    const calls: string[] = [];
    let model: SsmModel;
    before(async () => {
      const opened = await openTestStore(engine);
      store = opened.store;
      close = opened.close;
      model = new SsmModel({ store, barrier: AesGcmBarrier.fromRootKey(randomBytes(32)), kms: fakeKms(calls), now: () => now });
    });
    after(() => close?.());

    it('stores values only sealed', async () => {
      await putParameter(model, ctx, scope, { Name: '/sealed/plain', Value: 'visible-nowhere', Type: 'String' });
      const row = await store.db.selectFrom('ssm_parameter_versions').selectAll().where('name', '=', '/sealed/plain').executeTakeFirstOrThrow();
      assert.ok(!Buffer.from(row.value_sealed).toString('latin1').includes('visible-nowhere'));
      const resolved = await model.resolveOrThrow(scope, '/sealed/plain');
      assert.equal(model.open(resolved.version), 'visible-nowhere');
    });

    it('encrypts SecureString values with the parameter ARN and decrypts only on request', async () => {
      await putParameter(model, ctx, scope, { Name: '/sealed/secret', Value: 'pw', Type: 'SecureString' });
      const arn = 'arn:aws:ssm:eu-west-1:111122223333:parameter/sealed/secret';
      assert.deepEqual(calls.splice(0), [`encrypt alias/aws/ssm ${arn}`]);
      const { version } = await model.resolveOrThrow(scope, '/sealed/secret');
      assert.notEqual(await model.valueFor(ctx, version, false), 'pw');
      assert.deepEqual(calls.splice(0), []);
      assert.equal(await model.valueFor(ctx, version, true), 'pw');
      assert.deepEqual(calls.splice(0), [`decrypt ${arn}`]);
    });

    it('limits parameters per tier (ParameterLimitExceeded)', async () => {
      const limited = new SsmModel({ store, barrier: AesGcmBarrier.fromRootKey(randomBytes(32)), kms: fakeKms([]), now: () => now, limits: { Standard: 2, Advanced: 1 } });
      const other = { accountId: '444455556666', region: scope.region };
      await putParameter(limited, ctx, other, { Name: '/limit/a', Value: 'v', Type: 'String' });
      await putParameter(limited, ctx, other, { Name: '/limit/b', Value: 'v', Type: 'String' });
      await assert.rejects(putParameter(limited, ctx, other, { Name: '/limit/c', Value: 'v', Type: 'String' }), { name: 'ParameterLimitExceeded' });
      // Overwriting within the tier is not a new parameter.
      await putParameter(limited, ctx, other, { Name: '/limit/b', Value: 'w', Overwrite: true });
      await putParameter(limited, ctx, other, { Name: '/limit/c', Value: 'v', Type: 'String', Tier: 'Advanced' });
      await assert.rejects(putParameter(limited, ctx, other, { Name: '/limit/b', Value: 'v', Tier: 'Advanced', Overwrite: true }), { name: 'ParameterLimitExceeded' });
    });

    it('hides a parameter once its Expiration is due, and the sweep deletes it', async () => {
      const policies = JSON.stringify([{ Type: 'Expiration', Version: '1.0', Attributes: { Timestamp: new Date(now + 60_000).toISOString() } }]);
      await putParameter(model, ctx, scope, { Name: '/expiring/a', Value: 'v', Type: 'String', Tier: 'Advanced', Policies: policies });
      await putParameter(model, ctx, scope, { Name: '/expiring/b', Value: 'v', Type: 'String' });
      assert.ok(await model.resolve(scope, '/expiring/a'));
      assert.equal(await model.deleteExpired(now), 0);
      now += 61_000;
      assert.equal(await model.resolve(scope, '/expiring/a'), undefined);
      assert.equal(await model.deleteExpired(now), 1);
      assert.equal(await model.repo.get(scope, '/expiring/a'), undefined);
      assert.ok(await model.resolve(scope, '/expiring/b'));
      // Due already: refused. In the future but on a Standard parameter: refused too.
      await assert.rejects(putParameter(model, ctx, scope, { Name: '/expiring/c', Value: 'v', Type: 'String', Tier: 'Advanced', Policies: policies }), {
        name: 'InvalidPolicyAttributeException',
      });
      const later = JSON.stringify([{ Type: 'Expiration', Version: '1.0', Attributes: { Timestamp: new Date(now + 60_000).toISOString() } }]);
      await assert.rejects(putParameter(model, ctx, scope, { Name: '/expiring/c', Value: 'v', Type: 'String', Policies: later }), { name: 'ValidationException' });
      await assert.rejects(
        putParameter(model, ctx, scope, { Name: '/expiring/c', Value: 'v', Type: 'String', Tier: 'Advanced', Policies: '[{"Type":"Bogus","Attributes":{}}]' }),
        { name: 'InvalidPolicyTypeException' },
      );
    });
  });
}
