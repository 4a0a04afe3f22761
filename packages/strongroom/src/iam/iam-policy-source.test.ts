import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AesGcmBarrier } from '../crypto/barrier/barrier.ts';
import { randomBytes } from '../crypto/primitives.ts';
import { GroupRepository } from '../identity/group-repository.ts';
import { IdentityRepository } from '../identity/identity-repository.ts';
import { InlinePolicyRepository } from '../identity/inline-policy-repository.ts';
import { ManagedPolicyRepository } from '../identity/managed-policy-repository.ts';
import { RoleRepository } from '../identity/role-repository.ts';
import { UserRepository } from '../identity/user-repository.ts';
import type { Principal } from '../server/context.ts';
import { openStore, type Store } from '../storage/store.ts';
import { eventually } from '../testing/eventually.ts';
import { openTestStore, testStoreEngines } from '../testing/test-stores.ts';
import { IamPolicySource } from './iam-policy-source.ts';
import type { IdentityPolicies } from './identity-policy-source.ts';

const ACCOUNT = '123456789012';
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ_ONLY = 'arn:aws:iam::aws:policy/IAMReadOnlyAccess';
const doc = (action: string, effect = 'Allow') => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: effect, Action: action, Resource: '*' }] });
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] });

function repos(store: Store) {
  const identity = new IdentityRepository(store, AesGcmBarrier.fromRootKey(randomBytes(32)));
  return {
    identity,
    users: new UserRepository(store, identity),
    groups: new GroupRepository(store),
    roles: new RoleRepository(store),
    inline: new InlinePolicyRepository(store),
    managed: new ManagedPolicyRepository(store),
  };
}

function userPrincipal(userName: string, path = '/'): Principal {
  return { kind: 'user', accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user${path}${userName}`, userId: 'AIDAEXAMPLE', userName };
}

function names(policies: IdentityPolicies): string[] {
  return policies.identity.map((p) => p.name);
}

for (const engine of testStoreEngines()) {
  describe(`IamPolicySource [${engine.engine}]`, { skip: engine.skip }, () => {
    async function setup() {
      const opened = await openTestStore(engine);
      await opened.store.db.insertInto('accounts').values({ account_id: ACCOUNT, created_at: Date.now() }).execute();
      return { ...opened, ...repos(opened.store), source: new IamPolicySource(opened.store) };
    }

    it("a user gets its inline and attached policies and its groups', limited by its boundary", async () => {
      const { users, groups, inline, managed, source, close } = await setup();
      try {
        await users.createUser(ACCOUNT, { userName: 'dev', path: '/eng/' });
        await groups.createGroup(ACCOUNT, 'team');
        await groups.addUserToGroup(ACCOUNT, 'team', 'dev');
        await inline.put(ACCOUNT, 'user', 'dev', 'own', doc('kms:Encrypt'));
        await inline.put(ACCOUNT, 'group', 'team', 'shared', doc('kms:Decrypt'));
        const custom = await managed.createPolicy(ACCOUNT, { policyName: 'custom', document: doc('ssm:GetParameter') });
        await managed.attach(ACCOUNT, 'user', 'dev', custom.arn);
        await managed.attach(ACCOUNT, 'group', 'team', ADMIN);
        await managed.attach(ACCOUNT, 'group', 'team', custom.arn); // once only
        await users.setPermissionsBoundary(ACCOUNT, 'dev', READ_ONLY);

        const policies = await source.policiesFor(userPrincipal('dev', '/eng/'));
        assert.deepEqual(names(policies), ['own', 'shared', custom.arn, ADMIN]);
        assert.equal(policies.identity[0].policy.kind, 'identity');
        assert.equal(policies.permissionsBoundary?.name, READ_ONLY);
        assert.equal(policies.session, undefined);

        // Without userName on the principal, the ARN's last segment names the user.
        const { userName: _, ...anonymous } = userPrincipal('dev', '/eng/');
        assert.deepEqual(names(await source.policiesFor(anonymous)), names(policies));
      } finally {
        await close();
      }
    });

    it('root, internal callers and unknown users have no identity policies', async () => {
      const { source, close } = await setup();
      try {
        assert.deepEqual(await source.policiesFor({ kind: 'root', accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT }), { identity: [] });
        assert.deepEqual(await source.policiesFor({ kind: 'internal', accountId: ACCOUNT, arn: 'strongroom', userId: 'strongroom' }), { identity: [] });
        assert.deepEqual(await source.policiesFor(userPrincipal('ghost')), { identity: [] });
      } finally {
        await close();
      }
    });

    it("a role session gets the role's policies, boundary and its session policies", async () => {
      const { roles, inline, managed, source, close } = await setup();
      try {
        const role = await roles.createRole(ACCOUNT, { roleName: 'worker', path: '/svc/', assumeRolePolicyDocument: TRUST });
        await inline.put(ACCOUNT, 'role', 'worker', 'work', doc('kms:*'));
        await managed.attach(ACCOUNT, 'role', 'worker', READ_ONLY);
        await roles.setPermissionsBoundary(ACCOUNT, 'worker', ADMIN);
        const session: Principal = {
          kind: 'assumed-role',
          accountId: ACCOUNT,
          arn: `arn:aws:sts::${ACCOUNT}:assumed-role/worker/s1`,
          userId: `${role.roleId}:s1`,
          roleArn: role.arn,
          roleId: role.roleId,
          accessKeyId: 'ASIAEXAMPLE1',
          session: { expiresAt: Date.now() + 3600_000 },
        };
        const plain = await source.policiesFor(session);
        assert.deepEqual(names(plain), ['work', READ_ONLY]);
        assert.equal(plain.permissionsBoundary?.name, ADMIN);
        assert.equal(plain.session, undefined);

        const limited = await source.policiesFor({
          ...session,
          accessKeyId: 'ASIAEXAMPLE2',
          session: { expiresAt: Date.now() + 3600_000, policy: doc('kms:Encrypt'), policyArns: [READ_ONLY, `arn:aws:iam::${ACCOUNT}:policy/gone`] },
        });
        assert.deepEqual(names(limited), ['work', READ_ONLY]);
        assert.deepEqual(limited.session?.map((p) => p.name), ['session policy', READ_ONLY, `arn:aws:iam::${ACCOUNT}:policy/gone`]);
        assert.equal(limited.session?.[2].policy.hasDeny, true, 'a missing managed session policy allows nothing');

        await roles.deleteRole(ACCOUNT, 'worker').catch(() => undefined); // refused: it has policies
        await inline.delete(ACCOUNT, 'role', 'worker', 'work');
        await managed.detach(ACCOUNT, 'role', 'worker', READ_ONLY);
        await roles.deleteRole(ACCOUNT, 'worker');
        assert.deepEqual(await source.policiesFor(session), { identity: [] }, 'a deleted role grants its sessions nothing');
      } finally {
        await close();
      }
    });

    it('serves repeated calls from memory and reloads after any IAM change in the account', async () => {
      const { users, inline, managed, source, store, close } = await setup();
      try {
        await users.createUser(ACCOUNT, { userName: 'c' });
        await inline.put(ACCOUNT, 'user', 'c', 'p1', doc('kms:Encrypt'));
        const first = await source.policiesFor(userPrincipal('c'));
        assert.equal(await source.policiesFor(userPrincipal('c')), first, 'the same object: no reload');
        assert.equal(source.size, 1);

        // A write that bypasses the repositories publishes nothing, so the cache keeps serving.
        await store.db.deleteFrom('iam_inline_policies').execute();
        assert.equal(await source.policiesFor(userPrincipal('c')), first);

        await inline.put(ACCOUNT, 'user', 'c', 'p2', doc('kms:Decrypt'));
        assert.deepEqual(names(await source.policiesFor(userPrincipal('c'))), ['p2']);
        await managed.attach(ACCOUNT, 'user', 'c', ADMIN);
        assert.deepEqual(names(await source.policiesFor(userPrincipal('c'))), ['p2', ADMIN]);

        // A change in another account leaves this account's entries alone.
        const before = await source.policiesFor(userPrincipal('c'));
        source.invalidateAccount('999999999999');
        assert.equal(await source.policiesFor(userPrincipal('c')), before);
      } finally {
        await close();
      }
    });

    it('a change committed through another store (process) invalidates this one', async () => {
      const { users, source, target, close } = await setup();
      const other = await openStore(target);
      try {
        await users.createUser(ACCOUNT, { userName: 'x' });
        assert.deepEqual(names(await source.policiesFor(userPrincipal('x'))), []);
        await repos(other).inline.put(ACCOUNT, 'user', 'x', 'remote', doc('kms:Encrypt'));
        await eventually(async () => assert.deepEqual(names(await source.policiesFor(userPrincipal('x'))), ['remote']));
      } finally {
        await other.close();
        await close();
      }
    });

    it('does not cache what it reads inside a transaction', async () => {
      const { users, inline, source, store, close } = await setup();
      try {
        await users.createUser(ACCOUNT, { userName: 't' });
        await assert.rejects(
          store.transaction(async () => {
            await inline.put(ACCOUNT, 'user', 't', 'uncommitted', doc('kms:Encrypt'));
            assert.deepEqual(names(await source.policiesFor(userPrincipal('t'))), ['uncommitted']);
            throw new Error('roll back');
          }),
          /roll back/,
        );
        assert.deepEqual(names(await source.policiesFor(userPrincipal('t'))), []);
      } finally {
        await close();
      }
    });
  });
}
