import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsError } from '../errors/aws-error.ts';
import { openTestStore, testStoreEngines } from '../testing/test-stores.ts';
import { IAM_CHANGES_TOPIC } from './iam-changes.ts';
import { ROLE_ID_PATTERN } from './ids.ts';
import { RoleRepository } from './role-repository.ts';

const ACCOUNT = '123456789012';
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
});

function awsError(code: string, status: number, message?: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof AwsError, `expected AwsError, got ${error}`);
    assert.equal(error.code, code);
    assert.equal(error.httpStatus, status);
    if (message) assert.match(error.message, message);
    return true;
  };
}

for (const engine of testStoreEngines()) {
  describe(`RoleRepository [${engine.engine}]`, { skip: engine.skip }, () => {
    async function setup() {
      const opened = await openTestStore(engine);
      await opened.store.db.insertInto('accounts').values({ account_id: ACCOUNT, created_at: Date.now() }).execute();
      return { ...opened, roles: new RoleRepository(opened.store) };
    }

    it('creates roles with AWS-shaped ids and ARNs, defaults, tags; finds them by name (any case) and by ARN', async () => {
      const { roles, close } = await setup();
      try {
        const role = await roles.createRole(ACCOUNT, { roleName: 'Deployer', path: '/ci/', assumeRolePolicyDocument: TRUST, tags: [{ key: 'team', value: 'ops' }] });
        assert.match(role.roleId, ROLE_ID_PATTERN);
        assert.equal(role.arn, `arn:aws:iam::${ACCOUNT}:role/ci/Deployer`);
        assert.equal(role.maxSessionDuration, 3600);
        assert.equal(role.description, undefined);
        assert.deepEqual(role.tags, [{ key: 'team', value: 'ops' }]);
        assert.deepEqual(await roles.getRole(ACCOUNT, 'deployer'), role);
        assert.deepEqual(await roles.getRoleByArn(role.arn), role);
        assert.equal(await roles.getRoleByArn(`arn:aws:iam::${ACCOUNT}:role/Deployer`), undefined, 'wrong path');
        assert.equal(await roles.getRoleByArn(`arn:aws:iam::999999999999:role/ci/Deployer`), undefined);
        assert.equal(await roles.getRoleByArn('arn:aws:iam::aws:policy/AdministratorAccess'), undefined);
        assert.equal(await roles.getRole(ACCOUNT, 'nobody'), undefined);

        const long = await roles.createRole(ACCOUNT, { roleName: 'long', assumeRolePolicyDocument: TRUST, maxSessionDuration: 43200, description: 'd' });
        assert.equal(long.path, '/');
        assert.equal(long.maxSessionDuration, 43200);
        assert.equal(long.description, 'd');
        await assert.rejects(roles.createRole(ACCOUNT, { roleName: 'x', assumeRolePolicyDocument: TRUST, maxSessionDuration: 43201 }), awsError('ValidationError', 400));
        await assert.rejects(roles.createRole(ACCOUNT, { roleName: 'DEPLOYER', assumeRolePolicyDocument: TRUST }), awsError('EntityAlreadyExists', 409, /^Role with name DEPLOYER already exists\.$/));
      } finally {
        await close();
      }
    });

    it('validates trust policies (Principal required) and their size', async () => {
      const { roles, close } = await setup();
      try {
        const identityPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] });
        await assert.rejects(roles.createRole(ACCOUNT, { roleName: 'r', assumeRolePolicyDocument: identityPolicy }), awsError('MalformedPolicyDocument', 400));
        await assert.rejects(roles.createRole(ACCOUNT, { roleName: 'r', assumeRolePolicyDocument: '{' }), awsError('MalformedPolicyDocument', 400, /^Syntax errors in policy\.$/));
        const big = JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: Array.from({ length: 60 }, (_, i) => `arn:aws:iam::${String(i).padStart(12, '0')}:root`) }, Action: 'sts:AssumeRole' }],
        });
        await assert.rejects(roles.createRole(ACCOUNT, { roleName: 'r', assumeRolePolicyDocument: big }), awsError('LimitExceeded', 409, /ACLSizePerRole: 2048/));
        assert.equal(await roles.getRole(ACCOUNT, 'r'), undefined);
      } finally {
        await close();
      }
    });

    it('lists by name and path prefix, pages, updates the trust policy, tags and deletes', async () => {
      const { roles, store, close } = await setup();
      const changes: string[] = [];
      store.changes.subscribe(IAM_CHANGES_TOPIC, (id) => changes.push(id));
      try {
        for (const [name, path] of [['b', '/x/'], ['A', '/'], ['c', '/x/y/'], ['d_', '/x%/']] as const) {
          await roles.createRole(ACCOUNT, { roleName: name, path, assumeRolePolicyDocument: TRUST });
        }
        assert.deepEqual((await roles.listRoles(ACCOUNT)).map((r) => r.roleName), ['A', 'b', 'c', 'd_']);
        assert.deepEqual((await roles.listRoles(ACCOUNT, { pathPrefix: '/x/' })).map((r) => r.roleName), ['b', 'c']);
        assert.deepEqual((await roles.listRoles(ACCOUNT, { pathPrefix: '/x%' })).map((r) => r.roleName), ['d_']);
        assert.deepEqual((await roles.listRoles(ACCOUNT, { after: 'a', limit: 2 })).map((r) => r.roleName), ['b', 'c']);
        assert.equal(changes.length, 4);

        const updated = TRUST.replace(ACCOUNT, '210987654321');
        await roles.updateAssumeRolePolicy(ACCOUNT, 'a', updated);
        assert.equal((await roles.getRole(ACCOUNT, 'A'))?.assumeRolePolicyDocument, updated);
        await assert.rejects(roles.updateAssumeRolePolicy(ACCOUNT, 'zz', updated), awsError('NoSuchEntity', 404, /^The role with name zz cannot be found\.$/));
        await assert.rejects(roles.updateAssumeRolePolicy(ACCOUNT, 'A', '[]'), awsError('MalformedPolicyDocument', 400));

        await roles.tagRole(ACCOUNT, 'A', [{ key: 'Env', value: 'prod' }, { key: 'k', value: '' }]);
        await roles.tagRole(ACCOUNT, 'A', [{ key: 'env', value: 'dev' }]);
        assert.deepEqual((await roles.getRole(ACCOUNT, 'A'))?.tags, [{ key: 'env', value: 'dev' }, { key: 'k', value: '' }]);
        assert.deepEqual((await roles.listRoles(ACCOUNT, { withTags: true }))[0].tags, [{ key: 'env', value: 'dev' }, { key: 'k', value: '' }]);
        assert.deepEqual((await roles.listRoles(ACCOUNT))[0].tags, []);
        await roles.untagRole(ACCOUNT, 'A', ['ENV', 'missing']);
        assert.deepEqual((await roles.getRole(ACCOUNT, 'A'))?.tags, [{ key: 'k', value: '' }]);

        await store.db.insertInto('iam_inline_policies').values({ account_id: ACCOUNT, owner_type: 'role', owner_name: 'A', policy_name: 'p', document: '{}', created_at: 0, updated_at: 0 }).execute();
        await assert.rejects(roles.deleteRole(ACCOUNT, 'A'), awsError('DeleteConflict', 409, /must delete policies first/));
        await store.db.deleteFrom('iam_inline_policies').execute();
        await store.db.insertInto('iam_policy_attachments').values({ account_id: ACCOUNT, owner_type: 'role', owner_name: 'A', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess', attached_at: 0 }).execute();
        await assert.rejects(roles.deleteRole(ACCOUNT, 'A'), awsError('DeleteConflict', 409, /must detach all policies first/));
        await store.db.deleteFrom('iam_policy_attachments').execute();
        await roles.deleteRole(ACCOUNT, 'a');
        assert.equal(await roles.getRole(ACCOUNT, 'A'), undefined);
        assert.deepEqual(await store.db.selectFrom('iam_role_tags').selectAll().where('role_name', '=', 'A').execute(), []);
        await assert.rejects(roles.deleteRole(ACCOUNT, 'A'), awsError('NoSuchEntity', 404));
        assert.ok(changes.every((id) => id === ACCOUNT));
      } finally {
        await close();
      }
    });
  });
}
