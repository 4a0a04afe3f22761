/**
 * KMS grants through the AWS SDK v3: CreateGrant (validation, Name
 * idempotence, tokens), ListGrants, ListRetirableGrants, RetireGrant (who may)
 * and RevokeGrant, CreateGrant through a grant, and the errors AWS answers.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateGrantCommand,
  DescribeKeyCommand,
  EncryptCommand,
  ListGrantsCommand,
  ListRetirableGrantsCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  ScheduleKeyDeletionCommand,
  type CreateGrantCommandInput,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { testStoreEngines } from '../../src/testing/test-stores.ts';
import { expectError, newKey } from './kms-test-client.ts';
import { policy, startAuthzTestServer, type AuthzTestServer, type TestUser } from '../authz/authz-test-server.ts';

const PLAINTEXT = Buffer.from('grant me');

for (const engine of testStoreEngines()) {
  describe(`KMS grants [${engine.engine}]`, { skip: engine.skip }, () => {
    let server: AuthzTestServer;
    let key: KeyMetadata;
    let alice: TestUser;
    let bob: TestUser;
    let root: string;
    const create = (input: Partial<CreateGrantCommandInput>) =>
      server.adminKms.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: alice.arn, Operations: ['Encrypt'], ...input }));

    before(async () => {
      server = await startAuthzTestServer(engine);
      key = await newKey(server.adminKms);
      alice = await server.createUser('alice');
      bob = await server.createUser('bob');
      root = `arn:aws:iam::${server.accountId}:root`;
    });
    after(() => server?.stop());

    it('CreateGrant returns a 64-hex grant id and a token; ListGrants shows the grant as AWS does', async () => {
      const { GrantId, GrantToken } = await create({
        Name: 'listed',
        RetiringPrincipal: bob.arn,
        Operations: ['Encrypt', 'Decrypt', 'DescribeKey'],
        Constraints: { EncryptionContextSubset: { team: 'a' } },
      });
      assert.match(GrantId!, /^[0-9a-f]{64}$/);
      assert.ok(GrantToken && GrantToken.length > 64);
      const { Grants, Truncated } = await server.adminKms.send(new ListGrantsCommand({ KeyId: key.Arn, GrantId }));
      assert.equal(Truncated, false);
      assert.equal(Grants?.length, 1);
      const [grant] = Grants!;
      assert.ok(grant.CreationDate instanceof Date);
      assert.deepEqual({ ...grant, CreationDate: undefined }, {
        KeyId: key.Arn,
        GrantId,
        Name: 'listed',
        CreationDate: undefined,
        GranteePrincipal: alice.arn,
        RetiringPrincipal: bob.arn,
        IssuingAccount: root,
        Operations: ['Encrypt', 'Decrypt', 'DescribeKey'],
        Constraints: { EncryptionContextSubset: { team: 'a' } },
      });
      const retirable = await server.adminKms.send(new ListRetirableGrantsCommand({ RetiringPrincipal: bob.arn }));
      assert.deepEqual(retirable.Grants?.map((g) => g.GrantId), [GrantId]);
    });

    it('a Name makes CreateGrant idempotent for identical parameters, with a fresh token each time', async () => {
      const first = await create({ Name: 'idem', Operations: ['Encrypt', 'Decrypt'] });
      const again = await create({ Name: 'idem', Operations: ['Decrypt', 'Encrypt'] });
      assert.equal(again.GrantId, first.GrantId);
      assert.notEqual(again.GrantToken, first.GrantToken);
      const different = await create({ Name: 'idem', Operations: ['Encrypt'] });
      assert.notEqual(different.GrantId, first.GrantId);
      const unnamed = [await create({}), await create({})];
      assert.notEqual(unnamed[0].GrantId, unnamed[1].GrantId);
    });

    it('ListGrants filters by grantee and pages with Limit and Marker', async () => {
      const own = await newKey(server.adminKms);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await server.adminKms.send(new CreateGrantCommand({ KeyId: own.KeyId, GranteePrincipal: i < 3 ? alice.arn : bob.arn, Operations: ['Encrypt'] }))).GrantId!);
      const seen: string[] = [];
      let Marker: string | undefined;
      do {
        const page = await server.adminKms.send(new ListGrantsCommand({ KeyId: own.KeyId, Limit: 2, Marker }));
        assert.ok(page.Grants!.length <= 2);
        seen.push(...page.Grants!.map((g) => g.GrantId!));
        Marker = page.Truncated ? page.NextMarker : undefined;
      } while (Marker);
      assert.deepEqual(seen, [...ids].sort());
      const bobs = await server.adminKms.send(new ListGrantsCommand({ KeyId: own.KeyId, GranteePrincipal: bob.arn }));
      assert.deepEqual(bobs.Grants?.map((g) => g.GrantId).sort(), ids.slice(3).sort());
      await expectError(server.adminKms.send(new ListGrantsCommand({ KeyId: own.KeyId, GrantId: 'not-a-grant-id' })), 'InvalidGrantIdException');
    });

    it('refuses what AWS refuses: operations the key does not support, constraints on them, bad principals, bad tokens', async () => {
      await expectError(create({ Operations: ['Sign'] }), 'ValidationError');
      await expectError(create({ GranteePrincipal: 'somebody' }), 'InvalidArnException', 'ARN does not refer to a valid principal: somebody');
      await expectError(create({ GrantTokens: ['bogus'] }), 'InvalidGrantTokenException');
      await expectError(server.adminKms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: PLAINTEXT, GrantTokens: ['AQ-not-a-token'] })), 'InvalidGrantTokenException');
      await expectError(create({ DryRun: true }), 'DryRunOperationException');
      await expectError(create({ KeyId: 'alias/whatever' }), 'NotFoundException');
      const doomed = await newKey(server.adminKms);
      await server.adminKms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.KeyId, PendingWindowInDays: 7 }));
      await expectError(create({ KeyId: doomed.KeyId }), 'KMSInvalidStateException', `${doomed.Arn} is pending deletion.`);
    });

    it('a grant token is accepted in GrantTokens and makes the grant usable at once', async () => {
      const { GrantToken } = await create({ Operations: ['Encrypt', 'DescribeKey'] });
      await alice.kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: PLAINTEXT, GrantTokens: [GrantToken!] }));
      await alice.kms.send(new DescribeKeyCommand({ KeyId: key.KeyId, GrantTokens: [GrantToken!] }));
    });

    it('RetireGrant: by token or id, by the retiring principal, by a grantee allowed RetireGrant, not by others', async () => {
      const carol = await server.createUser('carol');
      const byBob = await create({ RetiringPrincipal: bob.arn });
      await expectError(
        carol.kms.send(new RetireGrantCommand({ GrantToken: byBob.GrantToken })),
        'AccessDeniedException',
        `User: ${carol.arn} is not authorized to perform: kms:RetireGrant on resource: ${key.Arn} because no identity-based policy allows the kms:RetireGrant action`,
      );
      await expectError(alice.kms.send(new RetireGrantCommand({ KeyId: key.KeyId, GrantId: byBob.GrantId })), 'AccessDeniedException');
      await bob.kms.send(new RetireGrantCommand({ GrantToken: byBob.GrantToken }));
      await expectError(bob.kms.send(new RetireGrantCommand({ GrantToken: byBob.GrantToken })), 'NotFoundException');

      const selfRetiring = await create({ Operations: ['Encrypt', 'RetireGrant'] });
      await alice.kms.send(new RetireGrantCommand({ KeyId: key.Arn, GrantId: selfRetiring.GrantId }));

      // The key's account may delegate kms:RetireGrant through IAM (the administrator has AdministratorAccess).
      const other = await create({});
      await server.adminKms.send(new RetireGrantCommand({ KeyId: key.KeyId, GrantId: other.GrantId }));
      await expectError(server.adminKms.send(new RetireGrantCommand({ GrantToken: 'garbage' })), 'InvalidGrantTokenException');
      await expectError(server.adminKms.send(new RetireGrantCommand({ KeyId: key.KeyId, GrantId: 'short' })), 'InvalidGrantIdException');
      await expectError(server.adminKms.send(new RetireGrantCommand({ KeyId: key.KeyId })), 'ValidationException');
    });

    it('RevokeGrant needs kms:RevokeGrant; a revoked grant is gone', async () => {
      const { GrantId } = await create({ RetiringPrincipal: alice.arn });
      await expectError(alice.kms.send(new RevokeGrantCommand({ KeyId: key.KeyId, GrantId })), 'AccessDeniedException', /kms:RevokeGrant .* because no identity-based policy allows/);
      await expectError(server.adminKms.send(new RevokeGrantCommand({ KeyId: key.KeyId, GrantId, DryRun: true })), 'DryRunOperationException');
      await server.adminKms.send(new RevokeGrantCommand({ KeyId: key.KeyId, GrantId }));
      await expectError(server.adminKms.send(new RevokeGrantCommand({ KeyId: key.KeyId, GrantId })), 'NotFoundException');
      assert.equal((await server.adminKms.send(new ListGrantsCommand({ KeyId: key.KeyId, GrantId }))).Grants?.length, 0);
    });

    it('a grantee with CreateGrant may pass on a subset of its operations with equally strict constraints only', async () => {
      const dave = await server.createUser('dave');
      await create({ Operations: ['Encrypt', 'Decrypt', 'CreateGrant'], Constraints: { EncryptionContextSubset: { tenant: 't1' } } });
      const pass = (input: Partial<CreateGrantCommandInput>) =>
        alice.kms.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: dave.arn, Operations: ['Encrypt'], ...input }));
      await pass({ Constraints: { EncryptionContextSubset: { tenant: 't1', app: 'x' } } });
      await pass({ Constraints: { EncryptionContextEquals: { tenant: 't1' } } });
      const refused = `User: ${alice.arn} is not authorized to perform: kms:CreateGrant on resource: ${key.Arn} because no identity-based policy allows the kms:CreateGrant action`;
      await expectError(pass({}), 'AccessDeniedException', refused);
      await expectError(pass({ Operations: ['GenerateDataKey'], Constraints: { EncryptionContextSubset: { tenant: 't1' } } }), 'AccessDeniedException', refused);
      await dave.kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: PLAINTEXT, EncryptionContext: { tenant: 't1', app: 'x' } }));
    });

    it('IAM policies can allow the grant operations, limited by kms:GrantOperations; an IAM Deny refuses them', async () => {
      const erin = await server.createUser('erin');
      await server.putUserPolicy(
        'erin',
        'grants',
        policy({ Effect: 'Allow', Action: 'kms:CreateGrant', Resource: key.Arn, Condition: { 'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Decrypt', 'DescribeKey'] } } }),
      );
      await erin.kms.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: bob.arn, Operations: ['Decrypt'] }));
      await expectError(erin.kms.send(new CreateGrantCommand({ KeyId: key.KeyId, GranteePrincipal: bob.arn, Operations: ['Decrypt', 'Encrypt'] })), 'AccessDeniedException');
      await expectError(erin.kms.send(new ListGrantsCommand({ KeyId: key.KeyId })), 'AccessDeniedException');
      await server.putUserPolicy('erin', 'list', policy({ Effect: 'Allow', Action: 'kms:ListGrants', Resource: key.Arn }));
      assert.ok((await erin.kms.send(new ListGrantsCommand({ KeyId: key.KeyId }))).Grants!.length > 0);
      await server.putUserPolicy('erin', 'deny', policy({ Effect: 'Deny', Action: 'kms:ListGrants', Resource: '*' }));
      await expectError(erin.kms.send(new ListGrantsCommand({ KeyId: key.KeyId })), 'AccessDeniedException', /with an explicit deny in an identity-based policy$/);
    });
  });
}
