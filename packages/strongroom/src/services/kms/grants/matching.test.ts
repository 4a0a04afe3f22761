/** Grant matching after the KMS Developer Guide's rules; each case names the rule it checks. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RequestPrincipal } from '../../../iam/policy/index.ts';
import { constraintsAllow, grantAllows, isAtLeastAsStrict, principalLevel, retireLevel } from './matching.ts';
import type { GrantRecord } from './types.ts';

const ACCT = '111122223333';
const OTHER = '444455556666';
const alice: RequestPrincipal = { type: 'user', arn: `arn:aws:iam::${ACCT}:user/alice`, accountId: ACCT, userName: 'alice' };
const bob: RequestPrincipal = { type: 'user', arn: `arn:aws:iam::${ACCT}:user/bob`, accountId: ACCT, userName: 'bob' };
const root: RequestPrincipal = { type: 'root', arn: `arn:aws:iam::${ACCT}:root`, accountId: ACCT };
const otherRoot: RequestPrincipal = { type: 'root', arn: `arn:aws:iam::${OTHER}:root`, accountId: OTHER };
const ROLE = `arn:aws:iam::${ACCT}:role/app`;
const session: RequestPrincipal = { type: 'assumed-role', arn: `arn:aws:sts::${ACCT}:assumed-role/app/s1`, accountId: ACCT, roleArn: ROLE };
const service: RequestPrincipal = { type: 'service', arn: 'ssm.amazonaws.com', accountId: ACCT, service: 'ssm.amazonaws.com' };

function grant(overrides: Partial<GrantRecord> = {}): GrantRecord {
  return {
    accountId: ACCT,
    region: 'us-east-1',
    keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
    grantId: 'a'.repeat(64),
    issuingAccount: `arn:aws:iam::${ACCT}:root`,
    granteePrincipal: alice.arn,
    operations: ['Encrypt', 'Decrypt'],
    createdAt: 0,
    ...overrides,
  };
}

describe('grant matching', () => {
  it('the grantee is the caller, the role behind a session, a service principal, or the caller\'s account (delegated)', () => {
    assert.equal(principalLevel(alice.arn, undefined, alice), 'direct');
    assert.equal(principalLevel(alice.arn, undefined, bob), undefined);
    assert.equal(principalLevel(ROLE, undefined, session), 'direct');
    assert.equal(principalLevel(session.arn, undefined, session), 'direct');
    assert.equal(principalLevel(undefined, 'ssm.amazonaws.com', service), 'direct');
    assert.equal(principalLevel('ssm.amazonaws.com', undefined, service), undefined);
    assert.equal(principalLevel(`arn:aws:iam::${ACCT}:root`, undefined, root), 'direct');
    assert.equal(principalLevel(`arn:aws:iam::${ACCT}:root`, undefined, bob), 'account');
    assert.equal(principalLevel(`arn:aws:iam::${ACCT}:root`, undefined, otherRoot), undefined);
  });

  it('a grant allows only its operations', () => {
    assert.equal(grantAllows(grant(), alice, 'Encrypt', undefined), 'direct');
    assert.equal(grantAllows(grant(), alice, 'GenerateDataKey', undefined), undefined);
    assert.equal(grantAllows(grant(), bob, 'Encrypt', undefined), undefined);
  });

  it('EncryptionContextSubset: the request includes the pairs; keys ignore case, values do not', () => {
    const c = { encryptionContextSubset: { Purpose: 'backup' } };
    assert.equal(constraintsAllow(c, 'Encrypt', { purpose: 'backup', more: 'x' }), true);
    assert.equal(constraintsAllow(c, 'Encrypt', { PURPOSE: 'backup' }), true);
    assert.equal(constraintsAllow(c, 'Encrypt', { purpose: 'BACKUP' }), false);
    assert.equal(constraintsAllow(c, 'Decrypt', undefined), false);
  });

  it('EncryptionContextEquals: exactly the pairs', () => {
    const c = { encryptionContextEquals: { a: '1', b: '2' } };
    assert.equal(constraintsAllow(c, 'GenerateDataKey', { b: '2', a: '1' }), true);
    assert.equal(constraintsAllow(c, 'GenerateDataKey', { a: '1' }), false);
    assert.equal(constraintsAllow(c, 'GenerateDataKey', { a: '1', b: '2', c: '3' }), false);
  });

  it('constraints do not apply to operations without an encryption context (DescribeKey, RetireGrant, CreateGrant)', () => {
    const c = { encryptionContextEquals: { a: '1' } };
    assert.equal(constraintsAllow(c, 'DescribeKey', undefined), true);
    assert.equal(constraintsAllow(c, 'RetireGrant', undefined), true);
    assert.equal(constraintsAllow(c, 'CreateGrant', undefined), true);
  });

  it('CreateGrant through a grant: a subset of the operations, constraints equally strict or stricter', () => {
    const parent = grant({ operations: ['Encrypt', 'Decrypt', 'CreateGrant'], constraints: { encryptionContextSubset: { t: '1' } } });
    assert.equal(isAtLeastAsStrict(parent, { operations: ['Decrypt'], constraints: { encryptionContextSubset: { t: '1', u: '2' } } }), true);
    assert.equal(isAtLeastAsStrict(parent, { operations: ['Decrypt'], constraints: { encryptionContextEquals: { t: '1' } } }), true);
    assert.equal(isAtLeastAsStrict(parent, { operations: ['Decrypt'] }), false);
    assert.equal(isAtLeastAsStrict(parent, { operations: ['Decrypt'], constraints: { encryptionContextSubset: { t: '2' } } }), false);
    assert.equal(isAtLeastAsStrict(parent, { operations: ['GenerateDataKey'], constraints: { encryptionContextSubset: { t: '1' } } }), false);
    const exact = grant({ operations: ['Encrypt', 'CreateGrant'], constraints: { encryptionContextEquals: { t: '1' } } });
    assert.equal(isAtLeastAsStrict(exact, { operations: ['Encrypt'], constraints: { encryptionContextEquals: { t: '1' } } }), true);
    assert.equal(isAtLeastAsStrict(exact, { operations: ['Encrypt'], constraints: { encryptionContextEquals: { t: '1', u: '2' } } }), false);
    assert.equal(isAtLeastAsStrict(grant({ operations: ['Encrypt', 'CreateGrant'] }), { operations: ['Encrypt'] }), true);
    assert.equal(grantAllows(parent, alice, 'CreateGrant', undefined, { operations: ['Encrypt'] }), undefined);
    assert.equal(grantAllows(parent, alice, 'CreateGrant', undefined, { operations: ['Encrypt'], constraints: { encryptionContextSubset: { t: '1' } } }), 'direct');
  });

  it('who may retire: the retiring principal, the grantee with RetireGrant, the root of the account that created it', () => {
    const g = grant({ retiringPrincipal: bob.arn });
    assert.equal(retireLevel(g, bob), 'direct');
    assert.equal(retireLevel(g, alice), undefined);
    assert.equal(retireLevel(grant({ operations: ['Encrypt', 'RetireGrant'] }), alice), 'direct');
    assert.equal(retireLevel(g, root), 'direct');
    assert.equal(retireLevel(g, otherRoot), undefined);
    assert.equal(retireLevel(grant({ retiringPrincipal: `arn:aws:iam::${OTHER}:root` }), otherRoot), 'direct');
    assert.equal(retireLevel(grant({ retiringPrincipal: `arn:aws:iam::${ACCT}:root` }), bob), 'account');
  });
});
