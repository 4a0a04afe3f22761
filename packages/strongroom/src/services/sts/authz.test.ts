/**
 * Who may assume a role: the AssumeRole declaration (authz.ts) evaluated by
 * the Authorizer as the authorize step does, with in-memory identity
 * policies. Each case names the AWS rule it checks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Authorizer } from '../../authz/authorizer.ts';
import { toRequestPrincipal } from '../../authz/request-principal.ts';
import { isNoAuthorization, type AuthzCheck, type AuthzDecision } from '../../authz/types.ts';
import { AwsError } from '../../errors/aws-error.ts';
import type { IdentityPolicies, IdentityPolicySource } from '../../iam/identity-policy-source.ts';
import { compilePolicy } from '../../iam/policy/index.ts';
import type { AssumeRoleRequest } from '../../protocol/spec/generated/sts.types.ts';
import type { Principal } from '../../server/context.ts';
import { stsAuthz } from './authz.ts';
import type { StsDeps } from './sts-deps.ts';
import { ACCT, context, fakeDeps, OTHER, role, roleSessionPrincipal, root, trust, user } from './sts-test-support.ts';

const ALLOW_ASSUME = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] };
const ALLOW_ALL_STS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:*', Resource: '*' }] };
const DENY_ASSUME = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' }] };

/** Identity policies by principal ARN (role sessions: by role ARN). */
function policySource(byArn: Record<string, object[]>): IdentityPolicySource {
  return {
    async policiesFor(principal: Principal): Promise<IdentityPolicies> {
      const docs = byArn[principal.roleArn ?? principal.arn] ?? [];
      return { identity: docs.map((d, i) => ({ name: `p${i}`, policy: compilePolicy(JSON.stringify(d), { kind: 'identity' }) })) };
    },
  };
}

async function decide(deps: StsDeps, principal: Principal, input: AssumeRoleRequest, policies: Record<string, object[]> = {}): Promise<AuthzDecision[]> {
  const requirement = await stsAuthz(deps).AssumeRole!(context(principal), input);
  if (isNoAuthorization(requirement)) return [];
  const checks = (Array.isArray(requirement) ? requirement : [requirement]) as AuthzCheck[];
  const decisions: AuthzDecision[] = [];
  await new Authorizer(policySource(policies)).authorize({
    principal,
    requestPrincipal: toRequestPrincipal(principal),
    checks,
    globals: { 'aws:SourceIp': '127.0.0.1', 'aws:SecureTransport': 'false', 'aws:RequestedRegion': 'us-east-1' },
    time: new Date(),
    errorCode: 'AccessDenied',
    decisions,
  });
  return decisions;
}

function denied(message: string | RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof AwsError, `expected AwsError, got ${error}`);
    assert.equal(error.code, 'AccessDenied');
    assert.equal(error.httpStatus, 403);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  };
}

const alice = user('alice');
const bob = user('bob');
const ACCOUNT_ROOT = `arn:aws:iam::${ACCT}:root`;

describe('AssumeRole authorization', () => {
  it('the root user may never assume a role ("Roles may not be assumed by root accounts")', async () => {
    const r = role('open', trust({ AWS: '*' }));
    await assert.rejects(decide(fakeDeps([r]), root(), { RoleArn: r.arn, RoleSessionName: 's' }), denied('Roles may not be assumed by root accounts.'));
  });

  it('a role that does not exist is refused like a trust policy that does not allow (existence is not revealed)', async () => {
    await assert.rejects(
      decide(fakeDeps([]), alice, { RoleArn: `arn:aws:iam::${ACCT}:role/nope`, RoleSessionName: 's' }, { [alice.arn]: [ALLOW_ASSUME] }),
      denied(`User: ${alice.arn} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCT}:role/nope because no resource-based policy allows the sts:AssumeRole action`),
    );
  });

  it('a role ARN with the wrong path names no role', async () => {
    const r = role('deployer', trust({ AWS: alice.arn }), { path: '/ci/' });
    await assert.rejects(decide(fakeDeps([r]), alice, { RoleArn: `arn:aws:iam::${ACCT}:role/deployer`, RoleSessionName: 's' }), denied(/is not authorized to perform: sts:AssumeRole/));
    const ok = await decide(fakeDeps([r]), alice, { RoleArn: r.arn, RoleSessionName: 's' });
    assert.equal(ok[0]?.decision, 'Allow');
  });

  it('a trust policy naming the user directly allows without an identity policy (same account)', async () => {
    const r = role('direct', trust({ AWS: alice.arn }));
    const decisions = await decide(fakeDeps([r]), alice, { RoleArn: r.arn, RoleSessionName: 's' });
    assert.deepEqual(
      decisions.map((d) => [d.action, d.decision, d.reason]),
      [['sts:AssumeRole', 'Allow', 'resource-policy-allows']],
    );
  });

  it('a trust policy naming the account delegates to identity policies, which must allow sts:AssumeRole', async () => {
    const r = role('account', trust({ AWS: ACCOUNT_ROOT }));
    await assert.rejects(
      decide(fakeDeps([r]), alice, { RoleArn: r.arn, RoleSessionName: 's' }),
      denied(`User: ${alice.arn} is not authorized to perform: sts:AssumeRole on resource: ${r.arn} because no identity-based policy allows the sts:AssumeRole action`),
    );
    const decisions = await decide(fakeDeps([r]), alice, { RoleArn: r.arn, RoleSessionName: 's' }, { [alice.arn]: [ALLOW_ASSUME] });
    assert.equal(decisions[0]?.reason, 'identity-policy-allows');
  });

  it('a trust policy naming someone else denies, whatever the identity policies allow', async () => {
    const r = role('bobs', trust({ AWS: bob.arn }));
    await assert.rejects(
      decide(fakeDeps([r]), alice, { RoleArn: r.arn, RoleSessionName: 's' }, { [alice.arn]: [ALLOW_ALL_STS] }),
      denied(`User: ${alice.arn} is not authorized to perform: sts:AssumeRole on resource: ${r.arn} because no resource-based policy allows the sts:AssumeRole action`),
    );
  });

  it('an explicit deny in an identity policy wins over a trust policy naming the user', async () => {
    const r = role('direct', trust({ AWS: alice.arn }));
    await assert.rejects(
      decide(fakeDeps([r]), alice, { RoleArn: r.arn, RoleSessionName: 's' }, { [alice.arn]: [DENY_ASSUME] }),
      denied(`User: ${alice.arn} is not authorized to perform: sts:AssumeRole on resource: ${r.arn} with an explicit deny in an identity-based policy`),
    );
  });

  it('sts:ExternalId is checked against the ExternalId parameter', async () => {
    const r = role('vendor', trust({ AWS: alice.arn }, { Condition: { StringEquals: { 'sts:ExternalId': 'Unicorn42' } } }));
    const deps = fakeDeps([r]);
    assert.equal((await decide(deps, alice, { RoleArn: r.arn, RoleSessionName: 's', ExternalId: 'Unicorn42' }))[0]?.decision, 'Allow');
    await assert.rejects(decide(deps, alice, { RoleArn: r.arn, RoleSessionName: 's', ExternalId: 'unicorn42' }), denied(/because no resource-based policy allows/));
    await assert.rejects(decide(deps, alice, { RoleArn: r.arn, RoleSessionName: 's' }), denied(/because no resource-based policy allows/));
  });

  it('sts:RoleSessionName and aws:PrincipalArn are available to trust conditions', async () => {
    const r = role(
      'named',
      trust({ AWS: ACCOUNT_ROOT }, { Condition: { StringEquals: { 'sts:RoleSessionName': '${aws:username}' }, ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCT}:user/a*` } } }),
    );
    const deps = fakeDeps([r]);
    const policies = { [alice.arn]: [ALLOW_ASSUME], [bob.arn]: [ALLOW_ASSUME] };
    assert.equal((await decide(deps, alice, { RoleArn: r.arn, RoleSessionName: 'alice' }, policies))[0]?.decision, 'Allow');
    await assert.rejects(decide(deps, alice, { RoleArn: r.arn, RoleSessionName: 'bob' }, policies), denied(/no resource-based policy allows/));
    await assert.rejects(decide(deps, bob, { RoleArn: r.arn, RoleSessionName: 'bob' }, policies), denied(/no resource-based policy allows/));
  });

  it('across accounts, the trust policy and the caller\'s identity policies must both allow', async () => {
    const r = role('cross', trust({ AWS: `arn:aws:iam::${ACCT}:root` }), { accountId: OTHER });
    await assert.rejects(decide(fakeDeps([r]), alice, { RoleArn: r.arn, RoleSessionName: 's' }), denied(/because no identity-based policy allows/));
    const decisions = await decide(fakeDeps([r]), alice, { RoleArn: r.arn, RoleSessionName: 's' }, { [alice.arn]: [ALLOW_ASSUME] });
    assert.equal(decisions[0]?.decision, 'Allow');
    const untrusted = role('cross2', trust({ AWS: `arn:aws:iam::${OTHER}:root` }), { accountId: OTHER });
    await assert.rejects(decide(fakeDeps([untrusted]), alice, { RoleArn: untrusted.arn, RoleSessionName: 's' }, { [alice.arn]: [ALLOW_ASSUME] }), denied(/no resource-based policy allows/));
  });

  it('role chaining: a trust policy naming the caller\'s role allows its sessions', async () => {
    const first = role('first', trust({ AWS: alice.arn }));
    const second = role('second', trust({ AWS: first.arn }));
    const caller = roleSessionPrincipal(first, 'hop', 'ASIAFAKEFAKEFAKEFA99');
    assert.equal((await decide(fakeDeps([first, second]), caller, { RoleArn: second.arn, RoleSessionName: 's' }))[0]?.decision, 'Allow');
    await assert.rejects(decide(fakeDeps([first, second]), caller, { RoleArn: first.arn, RoleSessionName: 's' }), denied(new RegExp(`^User: ${caller.arn.replace(/[/.]/g, '\\$&')} is not authorized`)));
  });

  it('session tags also need sts:TagSession, with aws:RequestTag and aws:TagKeys to condition on', async () => {
    const onlyAssume = role('plain', trust({ AWS: alice.arn }));
    const tagging = role(
      'tagging',
      trust({ AWS: alice.arn }, { Condition: { StringEquals: { 'aws:RequestTag/Project': 'blue' } } }, ['sts:AssumeRole', 'sts:TagSession']),
    );
    const deps = fakeDeps([onlyAssume, tagging]);
    const tags = [{ Key: 'Project', Value: 'blue' }];
    await assert.rejects(
      decide(deps, alice, { RoleArn: onlyAssume.arn, RoleSessionName: 's', Tags: tags }),
      denied(`User: ${alice.arn} is not authorized to perform: sts:TagSession on resource: ${onlyAssume.arn} because no resource-based policy allows the sts:TagSession action`),
    );
    const decisions = await decide(deps, alice, { RoleArn: tagging.arn, RoleSessionName: 's', Tags: tags });
    assert.deepEqual(decisions.map((d) => d.action), ['sts:AssumeRole', 'sts:TagSession']);
    await assert.rejects(decide(deps, alice, { RoleArn: tagging.arn, RoleSessionName: 's', Tags: [{ Key: 'Project', Value: 'red' }] }), denied(/sts:AssumeRole/));
  });

  it('a source identity needs sts:SetSourceIdentity', async () => {
    const r = role('plain', trust({ AWS: alice.arn }));
    await assert.rejects(decide(fakeDeps([r]), alice, { RoleArn: r.arn, RoleSessionName: 's', SourceIdentity: 'alice' }), denied(/sts:SetSourceIdentity/));
    const s = role('source', trust({ AWS: alice.arn }, {}, ['sts:AssumeRole', 'sts:SetSourceIdentity']));
    assert.equal((await decide(fakeDeps([s]), alice, { RoleArn: s.arn, RoleSessionName: 's', SourceIdentity: 'alice' })).length, 2);
  });

  it('with authentication off, AssumeRole needs no authorization', async () => {
    const r = role('bobs', trust({ AWS: bob.arn }));
    assert.deepEqual(await decide(fakeDeps([r], { authenticationOff: true }), root(), { RoleArn: r.arn, RoleSessionName: 's' }), []);
  });

  it('GetCallerIdentity and GetSessionToken need no permission; GetAccessKeyInfo needs sts:GetAccessKeyInfo', async () => {
    const authz = stsAuthz(fakeDeps([]));
    assert.ok(isNoAuthorization(await authz.GetCallerIdentity!(context(alice, 'GetCallerIdentity'), {})));
    assert.ok(isNoAuthorization(await authz.GetSessionToken!(context(alice, 'GetSessionToken'), {})));
    assert.deepEqual(await authz.GetAccessKeyInfo!(context(alice, 'GetAccessKeyInfo'), { AccessKeyId: 'AKIAAAAAAAAAAAAAAAAA' }), { action: 'sts:GetAccessKeyInfo', resource: '*' });
  });
});
