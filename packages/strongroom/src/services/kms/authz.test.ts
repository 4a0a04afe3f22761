/**
 * The KMS declarations evaluated by the Authorizer on a real KmsModel: the
 * condition keys they supply, AWS managed keys through kms:ViaService, and
 * the caches (key policy per cached key, tags and aliases) following changes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Authorizer } from '../../authz/authorizer.ts';
import { toRequestPrincipal } from '../../authz/request-principal.ts';
import { isNoAuthorization, type AuthzCheck, type AuthzContext, type AuthzDecision } from '../../authz/types.ts';
import type { IdentityPolicySource } from '../../iam/identity-policy-source.ts';
import { compilePolicy } from '../../iam/policy/index.ts';
import type { Principal } from '../../server/context.ts';
import { testStoreEngines } from '../../testing/test-stores.ts';
import { KmsAuthz } from './authz.ts';
import { KmsGrants } from './grants/kms-grants.ts';
import { openKmsTestBed, TEST_SCOPE, testContext, type KmsTestBed } from './kms-test-support.ts';
import { createAlias } from './model/alias-ops.ts';
import { changeKey, createKey, putKeyPolicy } from './model/key-lifecycle.ts';
import { resolveKeySpec } from './model/key-specs.ts';
import type { LoadedKey } from './model/types.ts';

const user: Principal = { kind: 'user', accountId: TEST_SCOPE.accountId, arn: `arn:aws:iam::${TEST_SCOPE.accountId}:user/app`, userId: 'AIDAAPP', userName: 'app' };
const caller = { scope: TEST_SCOPE, principalArn: user.arn };

function allowing(...statements: object[]): IdentityPolicySource {
  const policy = compilePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), { kind: 'identity' });
  return { policiesFor: async () => ({ identity: [{ name: 'p', policy }] }) };
}

for (const engine of testStoreEngines()) {
  describe(`KMS authorization declarations [${engine.engine}]`, { skip: engine.skip }, () => {
    let bed: KmsTestBed;
    let authz: KmsAuthz;
    let key: LoadedKey;

    before(async () => {
      bed = await openKmsTestBed(engine);
      authz = new KmsAuthz(bed.kms, new KmsGrants(bed.store));
      key = await createKey(bed.kms, TEST_SCOPE, { profile: resolveKeySpec({}), tags: [{ key: 'team', value: 'blue' }] });
    });
    after(() => bed?.close());

    function ctx(operation: string, extra: Partial<AuthzContext> = {}): AuthzContext {
      return { ...testContext(TEST_SCOPE, operation), principal: user, ...extra };
    }

    async function decide(source: IdentityPolicySource, operation: string, input: object, extra: Partial<AuthzContext> = {}): Promise<AuthzDecision[]> {
      const requirement = await authz.declarations()[operation]!(ctx(operation, extra), input);
      assert.ok(!isNoAuthorization(requirement));
      const decisions: AuthzDecision[] = [];
      await new Authorizer(source).authorize({
        principal: user,
        requestPrincipal: toRequestPrincipal(user),
        checks: (Array.isArray(requirement) ? requirement : [requirement]) as AuthzCheck[],
        globals: {},
        time: new Date(),
        errorCode: 'AccessDeniedException',
        decisions,
      });
      return decisions;
    }

    it('supplies KMS condition keys: encryption context, algorithm, key spec and usage, caller account, resource tags', async () => {
      const source = allowing({
        Effect: 'Allow',
        Action: 'kms:Encrypt',
        Resource: '*',
        Condition: {
          StringEquals: {
            'kms:EncryptionContext:tenant': 't1',
            'kms:EncryptionAlgorithm': 'SYMMETRIC_DEFAULT',
            'kms:KeySpec': 'SYMMETRIC_DEFAULT',
            'kms:KeyUsage': 'ENCRYPT_DECRYPT',
            'kms:KeyOrigin': 'AWS_KMS',
            'kms:CallerAccount': TEST_SCOPE.accountId,
            'aws:ResourceTag/team': 'blue',
          },
          'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['tenant'] },
        },
      });
      const encrypt = (context?: Record<string, string>) => decide(source, 'Encrypt', { KeyId: key.record.keyId, Plaintext: Buffer.alloc(1), EncryptionContext: context });
      assert.equal((await encrypt({ tenant: 't1' }))[0]?.decision, 'Allow');
      await assert.rejects(encrypt({ tenant: 't2' }), /no identity-based policy allows/);
      await assert.rejects(encrypt({ tenant: 't1', other: 'x' }), /no identity-based policy allows/);
    });

    it('follows tag changes (aws:ResourceTag) and aliases (kms:RequestAlias, kms:ResourceAliases)', async () => {
      const byTag = allowing({ Effect: 'Allow', Action: 'kms:DescribeKey', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'red' } } });
      await assert.rejects(decide(byTag, 'DescribeKey', { KeyId: key.record.keyId }), /no identity-based policy allows/);
      await changeKey(bed.kms, caller, key.record.keyId, { state: 'manage', awsAction: 'TagResource' }, (r) => bed.kms.tags.put(TEST_SCOPE, r.keyId, [{ key: 'team', value: 'red' }]));
      assert.equal((await decide(byTag, 'DescribeKey', { KeyId: key.record.keyId }))[0]?.decision, 'Allow');

      await createAlias(bed.kms, caller, 'alias/payments', key.record.keyId);
      const byAlias = allowing({ Effect: 'Allow', Action: 'kms:DescribeKey', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/payments' } } });
      assert.equal((await decide(byAlias, 'DescribeKey', { KeyId: key.record.keyId }))[0]?.decision, 'Allow');
      const requested = allowing({ Effect: 'Allow', Action: 'kms:DescribeKey', Resource: '*', Condition: { StringEquals: { 'kms:RequestAlias': 'alias/payments' } } });
      assert.equal((await decide(requested, 'DescribeKey', { KeyId: 'alias/payments' }))[0]?.decision, 'Allow');
      await assert.rejects(decide(requested, 'DescribeKey', { KeyId: key.record.keyId }), /no identity-based policy allows/);
    });

    it('evaluates the key policy in force, after PutKeyPolicy', async () => {
      const own = await createKey(bed.kms, TEST_SCOPE, { profile: resolveKeySpec({}) });
      const all = allowing({ Effect: 'Allow', Action: 'kms:*', Resource: '*' });
      assert.equal((await decide(all, 'Encrypt', { KeyId: own.record.keyId }))[0]?.decision, 'Allow');
      await putKeyPolicy(bed.kms, caller, own.record.keyId, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'kms:*', Resource: '*' }] }));
      await assert.rejects(decide(all, 'Encrypt', { KeyId: own.record.keyId }), /because no resource-based policy allows the kms:Encrypt action/);
    });

    it('AWS managed keys: usable through their service by the account (kms:ViaService, kms:CallerAccount), not directly', async () => {
      const managed = await bed.kms.ensureAwsManagedKey(TEST_SCOPE.accountId, TEST_SCOPE.region, 'secretsmanager');
      const all = allowing({ Effect: 'Allow', Action: 'kms:*', Resource: '*' });
      const input = { KeyId: managed.keyId, KeySpec: 'AES_256' };
      await assert.rejects(decide(all, 'GenerateDataKey', input), /because no resource-based policy allows the kms:GenerateDataKey action/);
      const via = { viaService: `secretsmanager.${TEST_SCOPE.region}.amazonaws.com` };
      assert.deepEqual(
        (await decide(allowing({ Effect: 'Allow', Action: 'secretsmanager:*', Resource: '*' }), 'GenerateDataKey', input, via)).map((d) => [d.decision, d.reason]),
        [['Allow', 'resource-policy-allows']],
      );
      await assert.rejects(decide(all, 'GenerateDataKey', input, { viaService: `ssm.${TEST_SCOPE.region}.amazonaws.com` }), /no resource-based policy allows/);
      assert.equal((await decide(all, 'DescribeKey', { KeyId: 'alias/aws/secretsmanager' }))[0]?.decision, 'Allow');
    });

    it('ReEncrypt needs kms:ReEncryptFrom on the source key and kms:ReEncryptTo on the destination', async () => {
      const other = await createKey(bed.kms, TEST_SCOPE, { profile: resolveKeySpec({}) });
      const { encryptUnder } = await import('./model/key-usage.ts');
      const { blob } = encryptUnder(key, Buffer.from('x'), undefined);
      const source = allowing({ Effect: 'Allow', Action: 'kms:ReEncrypt*', Resource: '*', Condition: { Bool: { 'kms:ReEncryptOnSameKey': 'false' } } });
      const decisions = await decide(source, 'ReEncrypt', { CiphertextBlob: blob, DestinationKeyId: other.record.keyId });
      assert.deepEqual(decisions.map((d) => [d.action, d.resource]), [
        ['kms:ReEncryptFrom', key.record.arn],
        ['kms:ReEncryptTo', other.record.arn],
      ]);
      await assert.rejects(decide(source, 'ReEncrypt', { CiphertextBlob: blob, DestinationKeyId: key.record.keyId }), /kms:ReEncryptFrom/);
    });
  });
}
