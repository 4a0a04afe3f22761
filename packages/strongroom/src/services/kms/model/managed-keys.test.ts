/** AWS managed keys: created once on first use, even when several processes ask at once. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testStoreEngines } from '../../../testing/test-stores.ts';
import { openKmsTestBed, TEST_SCOPE, type KmsTestBed } from '../kms-test-support.ts';
import { deleteAlias } from './alias-ops.ts';
import { scheduleKeyDeletion } from './key-lifecycle.ts';
import type { Caller } from './kms-model.ts';

const caller: Caller = { scope: TEST_SCOPE, principalArn: 'arn:aws:iam::000000000000:user/admin' };

for (const engine of testStoreEngines()) {
  describe(`AWS managed keys [${engine.engine}]`, { skip: engine.skip }, () => {
    let bed: KmsTestBed;
    before(async () => {
      bed = await openKmsTestBed(engine);
    });
    after(() => bed?.close());

    it('creates alias/aws/<service> with KeyManager AWS and yearly rotation, once', async () => {
      const first = await bed.kms.ensureAwsManagedKey(TEST_SCOPE.accountId, TEST_SCOPE.region, 'ssm');
      assert.equal(first.keyManager, 'AWS');
      assert.equal(first.rotationEnabled, true);
      assert.equal(first.rotationPeriodDays, 365);
      assert.match(first.description, /SSM parameters/);
      assert.match(first.policy, /ssm\.us-east-1\.amazonaws\.com/);
      const again = await bed.kms.ensureAwsManagedKey(TEST_SCOPE.accountId, TEST_SCOPE.region, 'ssm');
      assert.equal(again.keyId, first.keyId);
      const key = await bed.kms.findKey(TEST_SCOPE, 'alias/aws/ssm', { aliases: true });
      assert.equal(key.record.keyId, first.keyId);
    });

    it('ends with one key when many callers in two processes race', async () => {
      const other = await bed.secondModel();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? other : bed.kms).ensureAwsManagedKey(TEST_SCOPE.accountId, TEST_SCOPE.region, 'secretsmanager')),
      );
      assert.equal(new Set(results.map((r) => r.keyId)).size, 1);
      const keys = await bed.store.db.selectFrom('kms_keys').select('key_id').where('key_manager', '=', 'AWS').execute();
      assert.equal(keys.length, 2, 'one for ssm, one for secretsmanager');
    });

    it('refuses customer changes to AWS managed keys and their aliases', async () => {
      const key = await bed.kms.ensureAwsManagedKey(TEST_SCOPE.accountId, TEST_SCOPE.region, 'ssm');
      await assert.rejects(scheduleKeyDeletion(bed.kms, caller, key.keyId), (e: Error) => {
        assert.equal(e.name, 'AccessDeniedException');
        assert.equal(
          e.message,
          `User: ${caller.principalArn} is not authorized to perform: kms:ScheduleKeyDeletion on resource: ${key.arn} because no resource-based policy allows the kms:ScheduleKeyDeletion action`,
        );
        return true;
      });
      await assert.rejects(deleteAlias(bed.kms, caller, 'alias/aws/ssm'), (e: Error) => e.name === 'NotAuthorizedException');
    });

    it('keeps managed keys per account and region', async () => {
      const here = await bed.kms.ensureAwsManagedKey(TEST_SCOPE.accountId, TEST_SCOPE.region, 'ssm');
      const there = await bed.kms.ensureAwsManagedKey(TEST_SCOPE.accountId, 'eu-west-1', 'ssm');
      assert.notEqual(here.keyId, there.keyId);
      assert.equal(there.region, 'eu-west-1');
    });
  });
}
