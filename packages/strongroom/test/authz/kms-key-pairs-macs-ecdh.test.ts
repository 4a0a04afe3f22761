/**
 * Authorization of GenerateDataKeyPair*, GenerateMac/VerifyMac and
 * DeriveSharedSecret for IAM users: each is its own kms: action, the
 * operation-specific condition keys (kms:DataKeyPairSpec, kms:MacAlgorithm,
 * kms:KeyAgreementAlgorithm) reach the policy, and grants allow them.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import {
  CreateGrantCommand,
  DeriveSharedSecretCommand,
  GenerateDataKeyPairCommand,
  GenerateDataKeyPairWithoutPlaintextCommand,
  GenerateMacCommand,
  VerifyMacCommand,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { expectError, newKey } from '../kms/kms-test-client.ts';
import { lastLine, policy, startAuthzTestServer, type AuthzTestServer, type TestUser } from './authz-test-server.ts';

for (const engine of testStoreEngines()) {
  describe(`KMS authorization of data key pairs, MACs and key agreement [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: AuthzTestServer;
    let symmetric: KeyMetadata;
    let hmac: KeyMetadata;
    let agreement: KeyMetadata;
    const denied = (user: TestUser, action: string, resource: string) =>
      `User: ${user.arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
    const peerPublicKey = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ format: 'der', type: 'spki' });

    before(async () => {
      server = await startAuthzTestServer(engine);
      symmetric = await newKey(server.adminKms);
      hmac = await newKey(server.adminKms, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
      agreement = await newKey(server.adminKms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' });
    });
    after(() => server?.stop());

    it('kms:DataKeyPairSpec limits the pairs a user may generate; each variant is its own action', async () => {
      const user = await server.createUser('pairs');
      await server.putUserPolicy(
        'pairs',
        'ec-pairs-only',
        policy({ Effect: 'Allow', Action: 'kms:GenerateDataKeyPair', Resource: symmetric.Arn, Condition: { StringEquals: { 'kms:DataKeyPairSpec': 'ECC_NIST_P256' } } }),
      );
      const { KeyPairSpec } = await user.kms.send(new GenerateDataKeyPairCommand({ KeyId: symmetric.KeyId, KeyPairSpec: 'ECC_NIST_P256' }));
      assert.equal(KeyPairSpec, 'ECC_NIST_P256');
      await expectError(
        user.kms.send(new GenerateDataKeyPairCommand({ KeyId: symmetric.KeyId, KeyPairSpec: 'RSA_2048' })),
        'AccessDeniedException',
        denied(user, 'kms:GenerateDataKeyPair', symmetric.Arn!),
      );
      await expectError(
        user.kms.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: symmetric.KeyId, KeyPairSpec: 'ECC_NIST_P256' })),
        'AccessDeniedException',
        denied(user, 'kms:GenerateDataKeyPairWithoutPlaintext', symmetric.Arn!),
      );
    });

    it('kms:MacAlgorithm reaches the policy of GenerateMac and VerifyMac', async () => {
      const user = await server.createUser('macs');
      await server.putUserPolicy(
        'macs',
        'sha256-macs',
        policy({ Effect: 'Allow', Action: ['kms:GenerateMac', 'kms:VerifyMac'], Resource: hmac.Arn, Condition: { StringEquals: { 'kms:MacAlgorithm': 'HMAC_SHA_256' } } }),
      );
      const message = Buffer.from('authorized');
      const { Mac } = await user.kms.send(new GenerateMacCommand({ KeyId: hmac.KeyId, MacAlgorithm: 'HMAC_SHA_256', Message: message }));
      assert.equal((await user.kms.send(new VerifyMacCommand({ KeyId: hmac.KeyId, MacAlgorithm: 'HMAC_SHA_256', Message: message, Mac }))).MacValid, true);
      assert.deepEqual(lastLine(server, user.arn, 'VerifyMac')?.authz, [
        { action: 'kms:VerifyMac', resource: hmac.Arn, decision: 'Allow', reason: 'identity-policy-allows', statement: { policy: 'sha256-macs', policyType: 'identity-based', index: 0 } },
      ]);
      // Authorization comes first: a denied caller learns nothing about the algorithm the key allows.
      await expectError(
        user.kms.send(new GenerateMacCommand({ KeyId: hmac.KeyId, MacAlgorithm: 'HMAC_SHA_512', Message: message })),
        'AccessDeniedException',
        denied(user, 'kms:GenerateMac', hmac.Arn!),
      );
    });

    it('kms:KeyAgreementAlgorithm reaches the policy of DeriveSharedSecret', async () => {
      const allowed = await server.createUser('agree');
      await server.putUserPolicy(
        'agree',
        'ecdh',
        policy({ Effect: 'Allow', Action: 'kms:DeriveSharedSecret', Resource: agreement.Arn, Condition: { StringEquals: { 'kms:KeyAgreementAlgorithm': 'ECDH' } } }),
      );
      const out = await allowed.kms.send(new DeriveSharedSecretCommand({ KeyId: agreement.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peerPublicKey() }));
      assert.equal(out.SharedSecret?.length, 32);

      const refused = await server.createUser('agree-other');
      await server.putUserPolicy(
        'agree-other',
        'not-ecdh',
        policy({ Effect: 'Allow', Action: 'kms:DeriveSharedSecret', Resource: agreement.Arn, Condition: { StringNotEquals: { 'kms:KeyAgreementAlgorithm': 'ECDH' } } }),
      );
      await expectError(
        refused.kms.send(new DeriveSharedSecretCommand({ KeyId: agreement.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peerPublicKey() })),
        'AccessDeniedException',
        denied(refused, 'kms:DeriveSharedSecret', agreement.Arn!),
      );
    });

    it('grants allow GenerateMac, VerifyMac and DeriveSharedSecret to a user without policies', async () => {
      const grantee = await server.createUser('grantee');
      const message = Buffer.from('granted');
      await expectError(
        grantee.kms.send(new GenerateMacCommand({ KeyId: hmac.KeyId, MacAlgorithm: 'HMAC_SHA_256', Message: message })),
        'AccessDeniedException',
        denied(grantee, 'kms:GenerateMac', hmac.Arn!),
      );
      const { GrantId } = await server.adminKms.send(new CreateGrantCommand({ KeyId: hmac.KeyId, GranteePrincipal: grantee.arn, Operations: ['GenerateMac'] }));
      const { Mac } = await grantee.kms.send(new GenerateMacCommand({ KeyId: hmac.KeyId, MacAlgorithm: 'HMAC_SHA_256', Message: message }));
      assert.deepEqual(lastLine(server, grantee.arn, 'GenerateMac')?.authz, [
        { action: 'kms:GenerateMac', resource: hmac.Arn, decision: 'Allow', reason: 'alternative-allows', by: `grant:${GrantId}` },
      ]);
      await expectError(
        grantee.kms.send(new VerifyMacCommand({ KeyId: hmac.KeyId, MacAlgorithm: 'HMAC_SHA_256', Message: message, Mac })),
        'AccessDeniedException',
        denied(grantee, 'kms:VerifyMac', hmac.Arn!),
      );
      await server.adminKms.send(new CreateGrantCommand({ KeyId: agreement.KeyId, GranteePrincipal: grantee.arn, Operations: ['DeriveSharedSecret'] }));
      const out = await grantee.kms.send(new DeriveSharedSecretCommand({ KeyId: agreement.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: peerPublicKey() }));
      assert.equal(out.KeyId, agreement.Arn);
    });
  });
}
