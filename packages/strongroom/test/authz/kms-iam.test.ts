/**
 * Issue 4's acceptance, end to end with the AWS SDK: IAM users with inline
 * policies calling KMS, key policies that do or do not enable IAM, grants
 * with constraints, AWS managed keys, and the decision on the access log.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GetKeyPolicyCommand,
  ListKeysCommand,
  PutKeyPolicyCommand,
  RevokeGrantCommand,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { expectError, newKey, uniqueAlias } from '../kms/kms-test-client.ts';
import { lastLine, policy, startAuthzTestServer, type AuthzTestServer, type TestUser } from './authz-test-server.ts';

const PLAINTEXT = Buffer.from('attack at dawn');

for (const engine of testStoreEngines()) {
  describe(`KMS authorization with IAM policies, key policies and grants [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: AuthzTestServer;
    let keyA: KeyMetadata;
    let keyB: KeyMetadata;
    const denied = (user: TestUser, action: string, resource: string, why = 'because no identity-based policy allows the ' + action + ' action') =>
      `User: ${user.arn} is not authorized to perform: ${action} on resource: ${resource} ${why}`;

    before(async () => {
      server = await startAuthzTestServer(engine);
      keyA = await newKey(server.adminKms, { Description: 'A' });
      keyB = await newKey(server.adminKms, { Description: 'B' });
    });
    after(() => server?.stop());

    it('a new IAM user with no policy cannot call kms:CreateKey, and the denial is on the access log', async () => {
      const user = await server.createUser('nopolicy');
      await expectError(user.kms.send(new CreateKeyCommand({})), 'AccessDeniedException', denied(user, 'kms:CreateKey', '*'));
      const line = lastLine(server, user.arn);
      assert.ok(line, 'an access log line for the request');
      assert.equal(line.operation, 'CreateKey');
      assert.equal(line.error, 'AccessDeniedException');
      assert.deepEqual(line.authz, [{ action: 'kms:CreateKey', resource: '*', decision: 'ImplicitDeny', reason: 'no-identity-policy-allows' }]);
      // Needing no permission, GetCallerIdentity still works.
      const sts = new STSClient({ endpoint: server.url, region: server.region, credentials: user.credentials, maxAttempts: 1 });
      assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Arn, user.arn);
    });

    it('an inline policy allowing only kms:Encrypt on one key allows exactly that', async () => {
      const user = await server.createUser('encryptor');
      await server.putUserPolicy('encryptor', 'only-encrypt', policy({ Effect: 'Allow', Action: 'kms:Encrypt', Resource: keyA.Arn }));
      const alias = uniqueAlias('enc');
      await server.adminKms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: keyA.KeyId }));

      for (const KeyId of [keyA.KeyId!, keyA.Arn!, alias]) {
        const { KeyId: used } = await user.kms.send(new EncryptCommand({ KeyId, Plaintext: PLAINTEXT }));
        assert.equal(used, keyA.Arn);
      }
      const allowed = lastLine(server, user.arn, 'Encrypt');
      assert.deepEqual(allowed?.authz, [
        { action: 'kms:Encrypt', resource: keyA.Arn, decision: 'Allow', reason: 'identity-policy-allows', statement: { policy: 'only-encrypt', policyType: 'identity-based', index: 0 } },
      ]);

      await expectError(user.kms.send(new EncryptCommand({ KeyId: keyB.KeyId, Plaintext: PLAINTEXT })), 'AccessDeniedException', denied(user, 'kms:Encrypt', keyB.Arn!));
      const { CiphertextBlob } = await server.adminKms.send(new EncryptCommand({ KeyId: keyA.KeyId, Plaintext: PLAINTEXT }));
      await expectError(user.kms.send(new DecryptCommand({ CiphertextBlob })), 'AccessDeniedException', denied(user, 'kms:Decrypt', keyA.Arn!));
      await expectError(user.kms.send(new GenerateDataKeyCommand({ KeyId: keyA.KeyId, KeySpec: 'AES_256' })), 'AccessDeniedException', denied(user, 'kms:GenerateDataKey', keyA.Arn!));
      await expectError(user.kms.send(new DescribeKeyCommand({ KeyId: keyA.KeyId })), 'AccessDeniedException', denied(user, 'kms:DescribeKey', keyA.Arn!));
      await expectError(user.kms.send(new ListKeysCommand({})), 'AccessDeniedException', denied(user, 'kms:ListKeys', '*'));
      await expectError(user.kms.send(new CreateKeyCommand({})), 'AccessDeniedException', denied(user, 'kms:CreateKey', '*'));
    });

    it('an explicit Deny on a condition wins over an Allow', async () => {
      const user = await server.createUser('conditional');
      await server.putUserPolicy(
        'conditional',
        'mixed',
        policy(
          { Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*' },
          { Sid: 'NoProd', Effect: 'Deny', Action: 'kms:Encrypt', Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:env': 'prod' } } },
          { Sid: 'TlsOnly', Effect: 'Deny', Action: 'kms:GenerateDataKey', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
          { Sid: 'Office', Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } },
        ),
      );
      const { CiphertextBlob } = await user.kms.send(new EncryptCommand({ KeyId: keyA.KeyId, Plaintext: PLAINTEXT, EncryptionContext: { env: 'dev' } }));
      assert.ok(CiphertextBlob);
      const explicit = 'with an explicit deny in an identity-based policy';
      await expectError(
        user.kms.send(new EncryptCommand({ KeyId: keyA.KeyId, Plaintext: PLAINTEXT, EncryptionContext: { env: 'prod' } })),
        'AccessDeniedException',
        denied(user, 'kms:Encrypt', keyA.Arn!, explicit),
      );
      const line = lastLine(server, user.arn);
      assert.deepEqual(line?.authz, [
        { action: 'kms:Encrypt', resource: keyA.Arn, decision: 'ExplicitDeny', reason: 'explicit-deny', statement: { policy: 'mixed', policyType: 'identity-based', sid: 'NoProd', index: 1 } },
      ]);
      await expectError(user.kms.send(new GenerateDataKeyCommand({ KeyId: keyA.KeyId, KeySpec: 'AES_256' })), 'AccessDeniedException', denied(user, 'kms:GenerateDataKey', keyA.Arn!, explicit));
      await expectError(user.kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { env: 'dev' } })), 'AccessDeniedException', denied(user, 'kms:Decrypt', keyA.Arn!, explicit));
    });

    it('a key policy that does not allow the account makes IAM policies irrelevant for that key', async () => {
      const keyUser = await server.createUser('keyuser');
      const iamOnly = await server.createUser('iamonly');
      await server.putUserPolicy('iamonly', 'all-kms', policy({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }));
      const adminArn = `arn:aws:iam::${server.accountId}:user/admin`;
      const keyPolicy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'KeyUser', Effect: 'Allow', Principal: { AWS: keyUser.arn }, Action: ['kms:Encrypt', 'kms:DescribeKey'], Resource: '*' },
          { Sid: 'Admin', Effect: 'Allow', Principal: { AWS: adminArn }, Action: 'kms:*', Resource: '*' },
        ],
      });
      const key = await newKey(server.adminKms, { Policy: keyPolicy, BypassPolicyLockoutSafetyCheck: true });

      // Named in the key policy: allowed without any IAM policy.
      await keyUser.kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: PLAINTEXT }));
      const line = lastLine(server, keyUser.arn);
      assert.deepEqual(line?.authz, [
        { action: 'kms:Encrypt', resource: key.Arn, decision: 'Allow', reason: 'resource-policy-allows', statement: { policy: 'key-policy', policyType: 'resource-based', sid: 'KeyUser', index: 0 } },
      ]);
      await expectError(
        keyUser.kms.send(new DecryptCommand({ CiphertextBlob: (await keyUser.kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: PLAINTEXT }))).CiphertextBlob })),
        'AccessDeniedException',
        denied(keyUser, 'kms:Decrypt', key.Arn!, 'because no resource-based policy allows the kms:Decrypt action'),
      );
      // kms:* in an IAM policy does nothing for this key.
      await expectError(
        iamOnly.kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: PLAINTEXT })),
        'AccessDeniedException',
        denied(iamOnly, 'kms:Encrypt', key.Arn!, 'because no resource-based policy allows the kms:Encrypt action'),
      );
      await iamOnly.kms.send(new EncryptCommand({ KeyId: keyA.KeyId, Plaintext: PLAINTEXT }));

      // Once the policy names nobody the administrator is locked out too, AdministratorAccess notwithstanding.
      await server.adminKms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [JSON.parse(keyPolicy).Statement[0]] }), BypassPolicyLockoutSafetyCheck: true }));
      await expectError(server.adminKms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId })), 'AccessDeniedException', /because no resource-based policy allows the kms:GetKeyPolicy action$/);
    });

    it('grants with constraints allow exactly their operations, never over an explicit deny', async () => {
      const grantee = await server.createUser('grantee');
      const { GrantId } = await server.adminKms.send(
        new CreateGrantCommand({
          KeyId: keyA.KeyId,
          GranteePrincipal: grantee.arn,
          Operations: ['Encrypt', 'Decrypt'],
          Constraints: { EncryptionContextSubset: { purpose: 'backup' } },
        }),
      );
      const encrypt = (EncryptionContext?: Record<string, string>) => grantee.kms.send(new EncryptCommand({ KeyId: keyA.KeyId, Plaintext: PLAINTEXT, EncryptionContext }));
      const { CiphertextBlob } = await encrypt({ purpose: 'backup', team: 'ops' });
      const line = lastLine(server, grantee.arn);
      assert.deepEqual(line?.authz, [{ action: 'kms:Encrypt', resource: keyA.Arn, decision: 'Allow', reason: 'alternative-allows', by: `grant:${GrantId}` }]);
      // Constraint keys ignore case, values do not.
      await encrypt({ PURPOSE: 'backup' });
      const noGrant = denied(grantee, 'kms:Encrypt', keyA.Arn!);
      await expectError(encrypt({ purpose: 'Backup' }), 'AccessDeniedException', noGrant);
      await expectError(encrypt(), 'AccessDeniedException', noGrant);
      const { Plaintext } = await grantee.kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { purpose: 'backup', team: 'ops' } }));
      assert.deepEqual(Buffer.from(Plaintext!), PLAINTEXT);
      await expectError(
        grantee.kms.send(new GenerateDataKeyCommand({ KeyId: keyA.KeyId, KeySpec: 'AES_256', EncryptionContext: { purpose: 'backup' } })),
        'AccessDeniedException',
        denied(grantee, 'kms:GenerateDataKey', keyA.Arn!),
      );
      await expectError(grantee.kms.send(new DescribeKeyCommand({ KeyId: keyA.KeyId })), 'AccessDeniedException', denied(grantee, 'kms:DescribeKey', keyA.Arn!));

      await server.putUserPolicy('grantee', 'no-decrypt', policy({ Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*' }));
      await expectError(
        grantee.kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { purpose: 'backup', team: 'ops' } })),
        'AccessDeniedException',
        denied(grantee, 'kms:Decrypt', keyA.Arn!, 'with an explicit deny in an identity-based policy'),
      );

      await server.adminKms.send(new RevokeGrantCommand({ KeyId: keyA.KeyId, GrantId }));
      await expectError(encrypt({ purpose: 'backup' }), 'AccessDeniedException', noGrant);
    });

    it('an EncryptionContextEquals grant needs exactly its context', async () => {
      const grantee = await server.createUser('exact');
      await server.adminKms.send(
        new CreateGrantCommand({ KeyId: keyB.KeyId, GranteePrincipal: grantee.arn, Operations: ['GenerateDataKey'], Constraints: { EncryptionContextEquals: { app: 'web' } } }),
      );
      const generate = (EncryptionContext?: Record<string, string>) => grantee.kms.send(new GenerateDataKeyCommand({ KeyId: keyB.KeyId, KeySpec: 'AES_256', EncryptionContext }));
      await generate({ app: 'web' });
      await expectError(generate({ app: 'web', extra: '1' }), 'AccessDeniedException', denied(grantee, 'kms:GenerateDataKey', keyB.Arn!));
      await expectError(generate(), 'AccessDeniedException');
    });

    it('AWS managed keys are usable only through their service and cannot be changed', async () => {
      const { KeyMetadata } = await server.adminKms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/ssm' }));
      assert.equal(KeyMetadata?.KeyManager, 'AWS');
      const admin = `arn:aws:iam::${server.accountId}:user/admin`;
      await expectError(
        server.adminKms.send(new EncryptCommand({ KeyId: 'alias/aws/ssm', Plaintext: PLAINTEXT })),
        'AccessDeniedException',
        `User: ${admin} is not authorized to perform: kms:Encrypt on resource: ${KeyMetadata?.Arn} because no resource-based policy allows the kms:Encrypt action`,
      );
      await expectError(
        server.adminKms.send(new PutKeyPolicyCommand({ KeyId: KeyMetadata?.KeyId, Policy: '{"Version":"2012-10-17","Statement":[]}' })),
        'AccessDeniedException',
        `User: ${admin} is not authorized to perform: kms:PutKeyPolicy on resource: ${KeyMetadata?.Arn} because no resource-based policy allows the kms:PutKeyPolicy action`,
      );
      assert.ok((await server.adminKms.send(new GetKeyPolicyCommand({ KeyId: KeyMetadata?.KeyId }))).Policy);
    });
  });
}

for (const engine of testStoreEngines()) {
  describe(`KMS authorization for the account root (--auth off) [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: AuthzTestServer;
    before(async () => {
      server = await startAuthzTestServer(engine, { auth: 'off' });
    });
    after(() => server?.stop());

    it('the root user needs no identity policy, but a key policy that does not name the account binds it too', async () => {
      const rootArn = `arn:aws:iam::${server.accountId}:root`;
      const open = await newKey(server.adminKms);
      await server.adminKms.send(new EncryptCommand({ KeyId: open.KeyId, Plaintext: PLAINTEXT }));
      assert.deepEqual(lastLine(server, rootArn, 'Encrypt')?.authz, [
        { action: 'kms:Encrypt', resource: open.Arn, decision: 'Allow', reason: 'resource-policy-allows', statement: { policy: 'key-policy', policyType: 'resource-based', sid: 'Enable IAM User Permissions', index: 0 } },
      ]);
      const someoneElse = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${server.accountId}:user/other` }, Action: 'kms:*', Resource: '*' }] });
      const closed = await newKey(server.adminKms, { Policy: someoneElse, BypassPolicyLockoutSafetyCheck: true });
      await expectError(
        server.adminKms.send(new EncryptCommand({ KeyId: closed.KeyId, Plaintext: PLAINTEXT })),
        'AccessDeniedException',
        `User: ${rootArn} is not authorized to perform: kms:Encrypt on resource: ${closed.Arn} because no resource-based policy allows the kms:Encrypt action`,
      );
    });
  });
}
