import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { AesGcmBarrier } from '../crypto/barrier/barrier.ts';
import { randomBytes } from '../crypto/primitives.ts';
import { AwsError } from '../errors/aws-error.ts';
import { MIGRATIONS } from '../storage/migrations/index.ts';
import { runMigrations } from '../storage/migrations/run-migrations.ts';
import { openStore } from '../storage/store.ts';
import { eventually } from '../testing/eventually.ts';
import { openTestStore, testStoreEngines } from '../testing/test-stores.ts';
import { ADMINISTRATOR_ACCESS_ARN } from './aws-managed-policies.ts';
import { bootstrap } from './bootstrap.ts';
import { GroupRepository } from './group-repository.ts';
import { ACCESS_KEY_TOPIC, IAM_CHANGES_TOPIC } from './iam-changes.ts';
import { IdentityRepository } from './identity-repository.ts';
import { GROUP_ID_PATTERN, POLICY_ID_PATTERN } from './ids.ts';
import { InlinePolicyRepository } from './inline-policy-repository.ts';
import { ManagedPolicyRepository } from './managed-policy-repository.ts';
import { UserRepository } from './user-repository.ts';

const ACCOUNT = '123456789012';
const doc = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

function awsError(code: string, status: number, message?: string | RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof AwsError, `expected AwsError, got ${error}`);
    assert.equal(error.code, code, error.message);
    assert.equal(error.httpStatus, status);
    if (typeof message === 'string') assert.equal(error.message, message);
    else if (message) assert.match(error.message, message);
    return true;
  };
}

for (const engine of testStoreEngines()) {
  describe(`IAM repositories [${engine.engine}]`, { skip: engine.skip }, () => {
    async function setup() {
      const opened = await openTestStore(engine);
      const barrier = AesGcmBarrier.fromRootKey(randomBytes(32));
      const identity = new IdentityRepository(opened.store, barrier);
      await identity.ensureAccount(ACCOUNT);
      const { store } = opened;
      return {
        ...opened,
        barrier,
        identity,
        users: new UserRepository(store, identity),
        groups: new GroupRepository(store),
        inline: new InlinePolicyRepository(store),
        managed: new ManagedPolicyRepository(store),
      };
    }

    it('access keys: list, status changes and deletion, each published on the change feed', async () => {
      const { identity, store, close } = await setup();
      const published: string[] = [];
      store.changes.subscribe(ACCESS_KEY_TOPIC, (id) => published.push(id));
      try {
        await identity.createUser(ACCOUNT, 'kim');
        const key = await identity.createAccessKey(ACCOUNT, 'kim');
        assert.deepEqual((await identity.listAccessKeys(ACCOUNT, 'KIM')).map((k) => [k.accessKeyId, k.status, k.userName]), [[key.accessKeyId, 'Active', 'kim']]);
        assert.equal((await identity.findAccessKey(key.accessKeyId))?.status, 'Active');

        published.length = 0;
        await identity.updateAccessKeyStatus(ACCOUNT, 'kim', key.accessKeyId, 'Inactive');
        assert.deepEqual(published, [key.accessKeyId]);
        assert.equal((await identity.findAccessKey(key.accessKeyId))?.status, 'Inactive');
        await assert.rejects(
          identity.updateAccessKeyStatus(ACCOUNT, 'kim', 'AKIAAAAAAAAAAAAAAAAA', 'Active'),
          awsError('NoSuchEntity', 404, 'The Access Key with id AKIAAAAAAAAAAAAAAAAA cannot be found'),
        );
        await assert.rejects(identity.listAccessKeys(ACCOUNT, 'nobody'), awsError('NoSuchEntity', 404, 'The user with name nobody cannot be found.'));

        await identity.deleteAccessKey(ACCOUNT, 'kim', key.accessKeyId);
        assert.equal(await identity.findAccessKey(key.accessKeyId), undefined);
        await assert.rejects(identity.deleteAccessKey(ACCOUNT, 'kim', key.accessKeyId), awsError('NoSuchEntity', 404));
      } finally {
        await close();
      }
    });

    it("a change committed through another store (process) drops this store's cached key", async () => {
      const { identity, barrier, target, close } = await setup();
      const other = await openStore(target);
      try {
        const remote = new IdentityRepository(other, barrier);
        await identity.createUser(ACCOUNT, 'lee');
        const key = await identity.createAccessKey(ACCOUNT, 'lee');
        assert.equal((await identity.findAccessKey(key.accessKeyId))?.status, 'Active');
        assert.equal((await remote.findAccessKey(key.accessKeyId))?.status, 'Active');

        await remote.updateAccessKeyStatus(ACCOUNT, 'lee', key.accessKeyId, 'Inactive');
        await eventually(async () => assert.equal((await identity.findAccessKey(key.accessKeyId))?.status, 'Inactive'));

        await new UserRepository(other, remote).tagUser(ACCOUNT, 'lee', [{ key: 'team', value: 'blue' }]);
        await eventually(async () => assert.deepEqual((await identity.findAccessKey(key.accessKeyId))?.tags, { team: 'blue' }));
      } finally {
        await other.close();
        await close();
      }
    });

    it('users: create with boundary and tags, list by path, delete with conflicts in order', async () => {
      const { users, identity, groups, inline, managed, close } = await setup();
      try {
        const ann = await users.createUser(ACCOUNT, { userName: 'ann', path: '/ops/', permissionsBoundaryArn: ADMINISTRATOR_ACCESS_ARN, tags: [{ key: 'k', value: 'v' }] });
        assert.equal(ann.permissionsBoundaryArn, ADMINISTRATOR_ACCESS_ARN);
        assert.deepEqual(ann.tags, [{ key: 'k', value: 'v' }]);
        await users.createUser(ACCOUNT, { userName: 'Bob' });
        assert.deepEqual((await users.listUsers(ACCOUNT)).map((u) => u.userName), ['ann', 'Bob']);
        assert.deepEqual((await users.listUsers(ACCOUNT, { pathPrefix: '/ops/' })).map((u) => u.userName), ['ann']);
        assert.deepEqual((await users.listUsers(ACCOUNT, { after: 'ann' })).map((u) => u.userName), ['Bob']);

        await identity.createAccessKey(ACCOUNT, 'ann');
        await groups.createGroup(ACCOUNT, 'g');
        await groups.addUserToGroup(ACCOUNT, 'g', 'ann');
        await managed.attach(ACCOUNT, 'user', 'ann', ADMINISTRATOR_ACCESS_ARN);
        await inline.put(ACCOUNT, 'user', 'ann', 'p', doc('kms:*'));
        await assert.rejects(users.deleteUser(ACCOUNT, 'ann'), awsError('DeleteConflict', 409, /access keys/));
        for (const k of await identity.listAccessKeys(ACCOUNT, 'ann')) await identity.deleteAccessKey(ACCOUNT, 'ann', k.accessKeyId);
        await assert.rejects(users.deleteUser(ACCOUNT, 'ann'), awsError('DeleteConflict', 409, /groups/));
        await groups.removeUserFromGroup(ACCOUNT, 'g', 'ann');
        await assert.rejects(users.deleteUser(ACCOUNT, 'ann'), awsError('DeleteConflict', 409, /detach all policies/));
        await managed.detach(ACCOUNT, 'user', 'ann', ADMINISTRATOR_ACCESS_ARN);
        await assert.rejects(users.deleteUser(ACCOUNT, 'ann'), awsError('DeleteConflict', 409, /delete policies/));
        await inline.delete(ACCOUNT, 'user', 'ann', 'p');
        await users.deleteUser(ACCOUNT, 'ANN');
        assert.equal(await users.getUser(ACCOUNT, 'ann'), undefined);
      } finally {
        await close();
      }
    });

    it('groups: ids, membership limits, members and groups of a user', async () => {
      const { users, groups, close } = await setup();
      try {
        const g = await groups.createGroup(ACCOUNT, 'Admins', '/x/');
        assert.match(g.groupId, GROUP_ID_PATTERN);
        assert.equal(g.arn, `arn:aws:iam::${ACCOUNT}:group/x/Admins`);
        await assert.rejects(groups.createGroup(ACCOUNT, 'admins'), awsError('EntityAlreadyExists', 409, 'Group with name admins already exists.'));
        await users.createUser(ACCOUNT, { userName: 'u' });
        for (let i = 0; i < 10; i++) {
          await groups.createGroup(ACCOUNT, `g${i}`);
          await groups.addUserToGroup(ACCOUNT, `g${i}`, 'u');
        }
        await assert.rejects(groups.addUserToGroup(ACCOUNT, 'admins', 'u'), awsError('LimitExceeded', 409, 'Cannot exceed quota for GroupsPerUser: 10'));
        await groups.addUserToGroup(ACCOUNT, 'g0', 'u'); // already a member: fine
        assert.equal((await groups.groupsOfUser(ACCOUNT, 'u')).length, 10);
        assert.deepEqual((await groups.listMembers(ACCOUNT, 'g3')).map((m) => m.userName), ['u']);
        await assert.rejects(groups.deleteGroup(ACCOUNT, 'g3'), awsError('DeleteConflict', 409));
        await groups.removeUserFromGroup(ACCOUNT, 'g3', 'u');
        await groups.deleteGroup(ACCOUNT, 'g3');
        await assert.rejects(groups.requireGroup(ACCOUNT, 'g3'), awsError('NoSuchEntity', 404, 'The group with name g3 cannot be found.'));
      } finally {
        await close();
      }
    });

    it('inline policies: validated as identity policies, replaced in place, size quotas per entity type', async () => {
      const { users, groups, inline, store, close } = await setup();
      const changes: string[] = [];
      store.changes.subscribe(IAM_CHANGES_TOPIC, (id) => changes.push(id));
      try {
        await users.createUser(ACCOUNT, { userName: 'u' });
        await groups.createGroup(ACCOUNT, 'g');
        await assert.rejects(inline.put(ACCOUNT, 'user', 'u', 'p', '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}}'), awsError('MalformedPolicyDocument', 400));
        await inline.put(ACCOUNT, 'user', 'U', 'p', doc('kms:Encrypt'));
        await inline.put(ACCOUNT, 'user', 'u', 'p', doc('kms:Decrypt'));
        assert.equal((await inline.get(ACCOUNT, 'user', 'u', 'p')).document, doc('kms:Decrypt'));
        assert.deepEqual(await inline.listNames(ACCOUNT, 'user', 'u'), ['p']);

        // 2048 for users, 5120 for groups: a ~3000-character document fits a group but not a user.
        const padded = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: Array.from({ length: 40 }, (_, i) => `arn:aws:kms:us-east-1:${ACCOUNT}:key/${String(i).padStart(36, '0')}`) }] });
        await assert.rejects(inline.put(ACCOUNT, 'user', 'u', 'big', padded), awsError('LimitExceeded', 409, 'Maximum policy size of 2048 bytes exceeded for user u'));
        await inline.put(ACCOUNT, 'group', 'g', 'big', padded);
        await assert.rejects(inline.put(ACCOUNT, 'group', 'g', 'big2', padded), awsError('LimitExceeded', 409, 'Maximum policy size of 5120 bytes exceeded for group g'));
        await assert.rejects(inline.put(ACCOUNT, 'role', 'nope', 'p', doc('kms:Encrypt')), awsError('NoSuchEntity', 404, 'The role with name nope cannot be found.'));
        assert.ok(changes.length >= 3 && changes.every((id) => id === ACCOUNT));
      } finally {
        await close();
      }
    });

    it('managed policies: create, versions, default, attach counts, delete conflicts, AWS managed listed with Scope=AWS', async () => {
      const { users, managed, close } = await setup();
      try {
        const p = await managed.createPolicy(ACCOUNT, { policyName: 'Pol', path: '/a/', document: doc('kms:Encrypt'), description: 'd' });
        assert.match(p.policyId, POLICY_ID_PATTERN);
        assert.equal(p.arn, `arn:aws:iam::${ACCOUNT}:policy/a/Pol`);
        assert.equal(p.description, 'd');
        await assert.rejects(managed.createPolicy(ACCOUNT, { policyName: 'pol', document: doc('kms:Encrypt') }), awsError('EntityAlreadyExists', 409));
        await assert.rejects(managed.getPolicy(ACCOUNT, `arn:aws:iam::999999999999:policy/a/Pol`), awsError('NoSuchEntity', 404), 'another account sees nothing');

        await managed.createPolicyVersion(ACCOUNT, p.arn, doc('kms:Decrypt'), true);
        assert.equal((await managed.defaultDocuments(ACCOUNT, [p.arn, ADMINISTRATOR_ACCESS_ARN, 'arn:aws:iam::aws:policy/Nope'])).get(p.arn), doc('kms:Decrypt'));
        assert.equal((await managed.getPolicy(ACCOUNT, p.arn)).defaultVersionId, 'v2');

        await users.createUser(ACCOUNT, { userName: 'u' });
        await managed.attach(ACCOUNT, 'user', 'u', p.arn);
        await users.createUser(ACCOUNT, { userName: 'b', permissionsBoundaryArn: p.arn });
        const got = await managed.getPolicy(ACCOUNT, p.arn);
        assert.equal(got.attachmentCount, 1);
        assert.equal(got.permissionsBoundaryUsageCount, 1);
        await assert.rejects(managed.deletePolicy(ACCOUNT, p.arn), awsError('DeleteConflict', 409, 'Cannot delete a policy attached to entities.'));

        const aws = await managed.listPolicies(ACCOUNT, { scope: 'AWS' });
        assert.ok(aws.length >= 1 && aws.every((x) => x.awsManaged));
        assert.ok(aws.some((x) => x.arn === ADMINISTRATOR_ACCESS_ARN));
        assert.deepEqual((await managed.listPolicies(ACCOUNT, { scope: 'Local' })).map((x) => x.policyName), ['Pol']);
        assert.deepEqual((await managed.listPolicies(ACCOUNT, { scope: 'Local', policyUsageFilter: 'PermissionsBoundary' })).map((x) => x.policyName), ['Pol']);
        assert.deepEqual((await managed.listPolicies(ACCOUNT, { onlyAttached: true })).map((x) => x.policyName), ['Pol']);
        await assert.rejects(managed.attach(ACCOUNT, 'user', 'u', `arn:aws:iam::999999999999:policy/x`), awsError('NoSuchEntity', 404, /does not exist or is not attachable/));
      } finally {
        await close();
      }
    });

    it("migration 003 attaches AdministratorAccess to an administrator bootstrapped before it", async () => {
      const target = await engine.create();
      try {
        // A data store at schema version 2, bootstrapped the old way.
        const old = await openStore({ ...target, migrate: false });
        const lockedTransaction = <T>(fn: (trx: any) => Promise<T>) => old.db.transaction().execute(fn);
        await runMigrations({ engine: old.engine, db: old.db, lockedTransaction }, MIGRATIONS.slice(0, 2));
        await old.db.insertInto('accounts').values({ account_id: '000000000000', created_at: 1 }).execute();
        await sql`insert into iam_users (account_id, user_name, user_id, path, arn, created_at) values ('000000000000', 'admin', 'AIDAAAAAAAAAAAAAAAAAA', '/', 'arn:aws:iam::000000000000:user/admin', 1)`.execute(old.db);
        await old.close();

        const store = await openStore(target);
        try {
          const managed = new ManagedPolicyRepository(store);
          assert.deepEqual(await managed.attachedTo('000000000000', { type: 'user', name: 'admin' }), [ADMINISTRATOR_ACCESS_ARN]);
        } finally {
          await store.close();
        }
      } finally {
        await target.cleanup();
      }
    });

    it('bootstrap attaches AdministratorAccess to the new administrator', async () => {
      const { store, target, close } = await setup();
      try {
        await store.db.deleteFrom('accounts').execute();
        await bootstrap({ store, barrier: AesGcmBarrier.fromRootKey(randomBytes(32)), dataDir: target.dataDir, region: 'us-east-1' });
        assert.deepEqual(await new ManagedPolicyRepository(store).attachedTo('000000000000', { type: 'user', name: 'admin' }), [ADMINISTRATOR_ACCESS_ARN]);
      } finally {
        await close();
      }
    });
  });
}
