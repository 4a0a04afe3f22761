/**
 * The STS handlers once authorized: session duration rules, session policies
 * and tags, the response shapes, GetSessionToken and GetAccessKeyInfo.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsError } from '../../errors/aws-error.ts';
import type { StsSession } from '../../identity/sessions/session-repository.ts';
import { newTemporaryAccessKeyId } from '../../identity/sessions/session-ids.ts';
import type { AssumeRoleRequest } from '../../protocol/spec/generated/sts.types.ts';
import { assumeRole } from './operations/assume-role.ts';
import { getAccessKeyInfo } from './operations/get-access-key-info.ts';
import { getCallerIdentity } from './operations/get-caller-identity.ts';
import { getSessionToken } from './operations/get-session-token.ts';
import { ACCT, context, fakeDeps, NOW, role, roleSessionPrincipal, root, trust, user } from './sts-test-support.ts';

function fails(code: string, status: number, message: string | RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof AwsError, `expected AwsError, got ${error}`);
    assert.equal(error.code, code);
    assert.equal(error.httpStatus, status);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  };
}

const alice = user('alice');
const deployer = role('deployer', trust({ AWS: alice.arn }), { path: '/ci/', maxSessionDuration: 7200 });

function setup() {
  const deps = fakeDeps([deployer]);
  const run = (input: Partial<AssumeRoleRequest>, principal = alice) =>
    assumeRole(deps)(context(principal), { RoleArn: deployer.arn, RoleSessionName: 'build-17', ...input });
  return { deps, run };
}

describe('AssumeRole', () => {
  it('issues a role session: AssumedRoleUser, Credentials and the session row', async () => {
    const { deps, run } = setup();
    const out = await run({});
    assert.deepEqual(out.AssumedRoleUser, {
      AssumedRoleId: `${deployer.roleId}:build-17`,
      Arn: `arn:aws:sts::${ACCT}:assumed-role/deployer/build-17`,
    });
    assert.equal(out.Credentials?.AccessKeyId, 'ASIAFAKEFAKEFAKEFA01');
    assert.equal(out.Credentials?.SessionToken, 'token-01');
    // Default one hour, expiration to the second.
    assert.equal(out.Credentials?.Expiration.getTime(), NOW + 3600_000);
    assert.equal(out.PackedPolicySize, undefined);
    assert.equal(out.SourceIdentity, undefined);
    const [created] = deps.sessions.created;
    assert.deepEqual(created?.principal, {
      type: 'assumed-role',
      arn: `arn:aws:sts::${ACCT}:assumed-role/deployer/build-17`,
      id: `${deployer.roleId}:build-17`,
      roleArn: deployer.arn,
      roleId: deployer.roleId,
      roleSessionName: 'build-17',
    });
    assert.equal(created?.accountId, ACCT);
    assert.equal(created?.durationSeconds, 3600);
  });

  it('DurationSeconds may not exceed the role\'s MaxSessionDuration', async () => {
    const { deps, run } = setup();
    await run({ DurationSeconds: 7200 });
    assert.equal(deps.sessions.created[0]?.durationSeconds, 7200);
    await assert.rejects(run({ DurationSeconds: 7201 }), fails('ValidationError', 400, 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'));
  });

  it('role chaining limits sessions to one hour', async () => {
    const { run } = setup();
    const chained = roleSessionPrincipal(role('first', {}), 'hop', 'ASIAFAKEFAKEFAKEFA99');
    await run({ DurationSeconds: 3600 }, chained);
    await assert.rejects(
      run({ DurationSeconds: 3601 }, chained),
      fails('ValidationError', 400, 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'),
    );
  });

  it('session policies are validated and kept with the session; PackedPolicySize reports their share', async () => {
    const { deps, run } = setup();
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }] });
    const out = await run({ Policy: policy, PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }] });
    assert.equal(typeof out.PackedPolicySize, 'number');
    assert.ok(out.PackedPolicySize! > 0 && out.PackedPolicySize! <= 100);
    assert.equal(deps.sessions.created[0]?.sessionPolicy, policy);
    assert.deepEqual(deps.sessions.created[0]?.policyArns, ['arn:aws:iam::aws:policy/ReadOnlyAccess']);

    await assert.rejects(run({ Policy: '{"Statement": [' }), fails('MalformedPolicyDocument', 400, 'Syntax errors in policy.'));
    await assert.rejects(
      run({ Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }] }) }),
      fails('MalformedPolicyDocument', 400, 'Policy document should not specify a principal.'),
    );
    await assert.rejects(run({ PolicyArns: [{ arn: 'arn:aws:s3:::bucket/key-that-is-long' }] }), fails('ValidationError', 400, 'arn:aws:s3:::bucket/key-that-is-long is invalid'));
    const eleven = Array.from({ length: 11 }, (_, i) => ({ arn: `arn:aws:iam::${ACCT}:policy/p${i}` }));
    await assert.rejects(run({ PolicyArns: eleven }), fails('ValidationError', 400, /failed to satisfy constraint: Member must have length less than or equal to 10$/));
    const huge = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: Array.from({ length: 60 }, (_, i) => `arn:aws:kms:us-east-1:${ACCT}:key/${i}`) }] });
    await assert.rejects(run({ Policy: huge }), fails('PackedPolicyTooLarge', 400, /^Packed policy consumes \d+% of allotted space, please use smaller policy\.$/));
  });

  it('session tags: kept with the session, keys unique regardless of case, transitive keys among them', async () => {
    const { deps, run } = setup();
    const out = await run({ Tags: [{ Key: 'Project', Value: 'blue' }, { Key: 'Team', Value: 'ops' }], TransitiveTagKeys: ['project'] });
    assert.equal(typeof out.PackedPolicySize, 'number');
    assert.deepEqual(deps.sessions.created[0]?.tags, { Project: 'blue', Team: 'ops' });
    assert.deepEqual(deps.sessions.created[0]?.transitiveTagKeys, ['project']);
    await assert.rejects(
      run({ Tags: [{ Key: 'Project', Value: 'a' }, { Key: 'PROJECT', Value: 'b' }] }),
      fails('InvalidParameterValue', 400, 'Duplicate tag keys found. Please note that Tag keys are case insensitive.'),
    );
    await assert.rejects(
      run({ Tags: [{ Key: 'Project', Value: 'a' }], TransitiveTagKeys: ['Team'] }),
      fails('InvalidParameterValue', 400, 'The specified transitive tag key must be included in the requested tags.'),
    );
  });

  it('role chaining carries the caller\'s transitive tags and source identity, which may not be overridden', async () => {
    const { deps, run } = setup();
    const first = role('first', {});
    const callerKey = newTemporaryAccessKeyId(ACCT);
    const callerSession: StsSession = {
      accessKeyId: callerKey,
      accountId: ACCT,
      principal: { type: 'assumed-role', arn: `arn:aws:sts::${ACCT}:assumed-role/first/hop`, id: `${first.roleId}:hop`, roleArn: first.arn, roleId: first.roleId, roleSessionName: 'hop' },
      secretAccessKey: 'x',
      tokenHash: Buffer.alloc(32),
      policyArns: [],
      tags: { Project: 'blue', Scratch: 'yes' },
      transitiveTagKeys: ['project'],
      sourceIdentity: 'alice',
      issuedAt: NOW,
      expiresAt: NOW + 3600_000,
    };
    deps.sessions.stored.set(callerKey, callerSession);
    const caller = roleSessionPrincipal(first, 'hop', callerKey);
    const out = await run({ Tags: [{ Key: 'Step', Value: '2' }] }, caller);
    assert.equal(out.SourceIdentity, 'alice');
    assert.deepEqual(deps.sessions.created[0]?.tags, { Step: '2', Project: 'blue' });
    assert.deepEqual(deps.sessions.created[0]?.transitiveTagKeys, ['project']);
    assert.equal(deps.sessions.created[0]?.sourceIdentity, 'alice');
    await assert.rejects(
      run({ Tags: [{ Key: 'PROJECT', Value: 'red' }] }, caller),
      fails('InvalidParameterValue', 400, "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session."),
    );
  });

  it('echoes a requested source identity', async () => {
    const { deps, run } = setup();
    const out = await run({ SourceIdentity: 'alice@example.com' });
    assert.equal(out.SourceIdentity, 'alice@example.com');
    assert.equal(deps.sessions.created[0]?.sourceIdentity, 'alice@example.com');
  });

  it('refuses MFA parameters (Strongroom has no MFA devices) and malformed role ARNs', async () => {
    const { run } = setup();
    await assert.rejects(run({ SerialNumber: `arn:aws:iam::${ACCT}:mfa/alice`, TokenCode: '123456' }), fails('AccessDenied', 403, /^MultiFactorAuthentication failed/));
    await assert.rejects(run({ RoleArn: 'not-an-arn-but-long-enough' }), fails('ValidationError', 400, 'not-an-arn-but-long-enough is invalid'));
  });

  it('with authentication off a missing role is still refused', async () => {
    const deps = fakeDeps([], { authenticationOff: true });
    await assert.rejects(assumeRole(deps)(context(root()), { RoleArn: `arn:aws:iam::${ACCT}:role/gone`, RoleSessionName: 's' }), fails('AccessDenied', 403, /is not authorized to perform: sts:AssumeRole/));
  });
});

describe('GetSessionToken', () => {
  it('issues credentials acting as the user, 12 hours by default', async () => {
    const deps = fakeDeps([]);
    const out = await getSessionToken(deps)(context(alice, 'GetSessionToken'), {});
    assert.equal(out.Credentials?.Expiration.getTime(), NOW + 43200_000);
    assert.deepEqual(deps.sessions.created[0]?.principal, { type: 'user', arn: alice.arn, id: alice.userId, userName: 'alice' });
    await getSessionToken(deps)(context(alice, 'GetSessionToken'), { DurationSeconds: 129600 });
    assert.equal(deps.sessions.created[1]?.durationSeconds, 129600);
  });

  it('root sessions last at most an hour', async () => {
    const deps = fakeDeps([]);
    await getSessionToken(deps)(context(root(), 'GetSessionToken'), { DurationSeconds: 7200 });
    assert.equal(deps.sessions.created[0]?.durationSeconds, 3600);
    assert.deepEqual(deps.sessions.created[0]?.principal, { type: 'root', arn: `arn:aws:iam::${ACCT}:root`, id: ACCT });
  });

  it('cannot be called with session credentials', async () => {
    const deps = fakeDeps([]);
    const withSession = { ...alice, accessKeyId: 'ASIAFAKEFAKEFAKEFA01', session: { expiresAt: NOW + 1000 } };
    await assert.rejects(getSessionToken(deps)(context(withSession, 'GetSessionToken'), {}), fails('AccessDenied', 403, 'Cannot call GetSessionToken with session credentials'));
    const chained = roleSessionPrincipal(role('r', {}), 's', 'ASIAFAKEFAKEFAKEFA02');
    await assert.rejects(getSessionToken(deps)(context(chained, 'GetSessionToken'), {}), fails('AccessDenied', 403, 'Cannot call GetSessionToken with session credentials'));
    assert.equal(deps.sessions.created.length, 0);
  });
});

describe('GetCallerIdentity', () => {
  it('names the assumed-role session for role credentials', () => {
    const session = roleSessionPrincipal(deployer, 'build-17', 'ASIAFAKEFAKEFAKEFA01');
    assert.deepEqual(getCallerIdentity(context(session, 'GetCallerIdentity'), {}), {
      UserId: `${deployer.roleId}:build-17`,
      Account: ACCT,
      Arn: `arn:aws:sts::${ACCT}:assumed-role/deployer/build-17`,
    });
  });
});

describe('GetAccessKeyInfo', () => {
  it('answers for stored keys, decodes others of the newer format, refuses the rest', async () => {
    const deps = fakeDeps([]);
    const asia = newTemporaryAccessKeyId('222233334444');
    deps.sessions.stored.set(asia, { accountId: '222233334444' } as StsSession);
    const info = (id: string) => getAccessKeyInfo(deps)(context(alice, 'GetAccessKeyInfo'), { AccessKeyId: id });
    assert.deepEqual(await info('AKIAKNOWNKNOWNKNOWN1'), { Account: '999988887777' });
    assert.deepEqual(await info(asia), { Account: '222233334444' });
    // Purged sessions and other AWS keys: the account is in the id.
    assert.deepEqual(await info(newTemporaryAccessKeyId('555566667777')), { Account: '555566667777' });
    assert.deepEqual(await info('ASIAY34FZKBOKMUTVV7A'), { Account: '609629065308' });
    await assert.rejects(info('AKIAIOSFODNN7EXAMPLE'), fails('InvalidClientTokenId', 403, 'The security token included in the request is invalid.'));
  });
});
