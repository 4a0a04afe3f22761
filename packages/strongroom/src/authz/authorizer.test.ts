/**
 * The Authorizer's own rules on top of the policy engine: identity policies
 * fetched once (never for root), alternative allows (KMS grants) consulted
 * only after an implicit deny and never over an explicit one, and an
 * account-level alternative delegating to the caller's identity policies.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IdentityPolicySource } from '../iam/identity-policy-source.ts';
import { compilePolicy, type ResourcePolicy } from '../iam/policy/index.ts';
import type { Principal } from '../server/context.ts';
import { Authorizer } from './authorizer.ts';
import { toRequestPrincipal } from './request-principal.ts';
import type { AlternativeAllow, AlternativeMatch, AuthzCheck, AuthzDecision } from './types.ts';

const ACCT = '111122223333';
const KEY = `arn:aws:kms:us-east-1:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const alice: Principal = { kind: 'user', accountId: ACCT, arn: `arn:aws:iam::${ACCT}:user/alice`, userId: 'AIDAALICE', userName: 'alice' };
const root: Principal = { kind: 'root', accountId: ACCT, arn: `arn:aws:iam::${ACCT}:root`, userId: ACCT };

const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

function source(...statements: object[]): IdentityPolicySource & { calls: number } {
  const identity = statements.length ? [{ name: 'mine', policy: compilePolicy(doc(...statements), { kind: 'identity' }) }] : [];
  return {
    calls: 0,
    async policiesFor() {
      this.calls++;
      return { identity };
    },
  };
}

function keyPolicy(...statements: object[]): ResourcePolicy {
  return { name: 'key-policy', policy: compilePolicy(doc(...statements), { kind: 'resource' }), resourcePolicyMustEnableIam: true };
}

function alternative(match: AlternativeMatch | undefined): AlternativeAllow & { calls: number } {
  return {
    calls: 0,
    allows() {
      this.calls++;
      return match;
    },
  };
}

async function authorize(principal: Principal, identity: IdentityPolicySource, check: AuthzCheck): Promise<AuthzDecision[]> {
  const decisions: AuthzDecision[] = [];
  await new Authorizer(identity).authorize({
    principal,
    requestPrincipal: toRequestPrincipal(principal),
    checks: [check],
    globals: {},
    time: new Date(),
    errorCode: 'AccessDeniedException',
    decisions,
  });
  return decisions;
}

const onlyAlice = keyPolicy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:user/bob` }, Action: 'kms:*', Resource: '*' });
const enablesIam = keyPolicy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 'kms:*', Resource: '*' });

describe('Authorizer', () => {
  it('an alternative allow (a grant) allows what the policies merely do not', async () => {
    const grant = alternative({ by: 'grant:g1', level: 'direct' });
    const decisions = await authorize(alice, source(), { action: 'kms:Encrypt', resource: KEY, resourcePolicy: onlyAlice, alternative: grant });
    assert.deepEqual(decisions, [{ action: 'kms:Encrypt', resource: KEY, decision: 'Allow', reason: 'alternative-allows', by: 'grant:g1' }]);
  });

  it('never over an explicit deny, and is not consulted when the policies allow', async () => {
    const grant = alternative({ by: 'grant:g1', level: 'direct' });
    await assert.rejects(
      authorize(alice, source({ Effect: 'Deny', Action: 'kms:Encrypt', Resource: '*' }), { action: 'kms:Encrypt', resource: KEY, resourcePolicy: enablesIam, alternative: grant }),
      /with an explicit deny in an identity-based policy$/,
    );
    assert.equal(grant.calls, 0);
    await authorize(alice, source({ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }), { action: 'kms:Encrypt', resource: KEY, resourcePolicy: enablesIam, alternative: grant });
    assert.equal(grant.calls, 0);
  });

  it('an alternative that does not apply leaves the denial as the policies word it', async () => {
    await assert.rejects(
      authorize(alice, source(), { action: 'kms:Encrypt', resource: KEY, resourcePolicy: onlyAlice, alternative: alternative(undefined) }),
      new RegExp(`User: ${alice.arn} is not authorized to perform: kms:Encrypt on resource: ${KEY} because no resource-based policy allows the kms:Encrypt action$`),
    );
  });

  it('an account-level alternative (a grant to the account) needs the caller\'s identity policies to allow', async () => {
    const toAccount = alternative({ by: 'grant:acct', level: 'account' });
    await assert.rejects(authorize(alice, source(), { action: 'kms:Decrypt', resource: KEY, resourcePolicy: onlyAlice, alternative: toAccount }), /because no resource-based policy allows/);
    const decisions = await authorize(alice, source({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY }), { action: 'kms:Decrypt', resource: KEY, resourcePolicy: onlyAlice, alternative: toAccount });
    assert.equal(decisions[0]?.by, 'grant:acct');
  });

  it('the root user has no identity policies to fetch, and is bound by a key policy that does not name the account', async () => {
    const identity = source();
    assert.equal((await authorize(root, identity, { action: 'kms:Encrypt', resource: KEY, resourcePolicy: enablesIam }))[0]?.decision, 'Allow');
    assert.equal((await authorize(root, identity, { action: 'kms:CreateKey', resource: '*' }))[0]?.reason, 'root-user');
    await assert.rejects(authorize(root, identity, { action: 'kms:Encrypt', resource: KEY, resourcePolicy: onlyAlice }), /because no resource-based policy allows/);
    assert.equal(identity.calls, 0);
  });

  it('global keys and the check\'s keys are both visible to conditions', async () => {
    const decisions: AuthzDecision[] = [];
    const identity = source({ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1', 'kms:CallerAccount': ACCT } } });
    await new Authorizer(identity).authorize({
      principal: alice,
      requestPrincipal: toRequestPrincipal(alice),
      checks: [{ action: 'kms:Encrypt', resource: KEY, resourcePolicy: enablesIam, context: { 'kms:CallerAccount': ACCT } }],
      globals: { 'aws:RequestedRegion': 'us-east-1' },
      time: new Date(),
      errorCode: 'AccessDeniedException',
      decisions,
    });
    assert.equal(decisions[0]?.decision, 'Allow');
  });
});
