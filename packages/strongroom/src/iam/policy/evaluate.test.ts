import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compilePolicy, policyCacheSize, setPolicyCacheLimit } from './compile.ts';
import { accountOfArn, evaluate, type NamedPolicy } from './evaluate.ts';
import { ACCT, KEY, KEY2, OTHER_ROOT, alice, allow, bob, denyStmt, doc, session } from './test-fixtures.ts';

const named = (name: string, d: object): NamedPolicy => ({ name, policy: compilePolicy(JSON.stringify(d), { kind: 'identity' }) });
const request = { principal: alice, action: 'kms:Encrypt', resource: KEY };

test('an Allow reports the statement that granted it', () => {
  const result = evaluate(request, { identity: [named('arn:aws:iam::111122223333:policy/a', doc(allow('s3:*'))), named('inline-b', doc(allow('kms:Decrypt'), allow('kms:Encrypt', KEY, { Sid: 'Enc' })))] });
  assert.deepEqual(result, {
    decision: 'Allow',
    reason: 'identity-policy-allows',
    matchedStatement: { policy: 'inline-b', policyType: 'identity-based', sid: 'Enc', index: 1 },
    crossAccount: false,
  });
});

test('a cross-account Allow reports both sides', () => {
  const keyPolicy = compilePolicy(JSON.stringify(doc(allow('kms:Encrypt', '*', { Sid: 'Partner', Principal: { AWS: OTHER_ROOT } }))), { kind: 'resource' });
  const result = evaluate({ ...request, principal: bob }, { identity: [named('bob-policy', doc(allow('kms:*')))], resource: { name: 'key-policy', policy: keyPolicy, resourcePolicyMustEnableIam: true } });
  assert.equal(result.decision, 'Allow');
  assert.equal(result.crossAccount, true);
  assert.deepEqual(result.matchedStatement, { policy: 'key-policy', policyType: 'resource-based', sid: 'Partner', index: 0 });
  assert.deepEqual(result.supportingStatement, { policy: 'bob-policy', policyType: 'identity-based', index: 0 });
});

test('evaluations do not leak state into each other', () => {
  const denying = { identity: [named('d', doc(allow('kms:*'), denyStmt('kms:Encrypt', KEY)))] };
  const allowing = { identity: [named('a', doc(allow('kms:*')))] };
  assert.equal(evaluate(request, denying).decision, 'ExplicitDeny');
  assert.equal(evaluate(request, allowing).decision, 'Allow');
  assert.equal(evaluate({ ...request, resource: KEY2 }, denying).decision, 'Allow');
  assert.equal(evaluate(request, {}).decision, 'ImplicitDeny');
});

test('compiled policies are cached by text and the cache is bounded', () => {
  const text = JSON.stringify(doc(allow('kms:ListKeys')));
  assert.equal(compilePolicy(text, { kind: 'identity' }), compilePolicy(text, { kind: 'identity' }));
  setPolicyCacheLimit(3);
  for (let i = 0; i < 10; i++) compilePolicy(JSON.stringify(doc(allow(`kms:Op${i}`))), { kind: 'identity' });
  assert.equal(policyCacheSize(), 3);
  setPolicyCacheLimit(10_000);
});

test('aws:CurrentTime defaults to now, and a multivalued key is no variable', () => {
  const recent = named('t', doc(allow('kms:*', '*', { Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } } })));
  assert.equal(evaluate(request, { identity: [recent] }).decision, 'Allow');
  const byVar = named('v', doc(allow('kms:*', `arn:aws:kms:us-east-1:${ACCT}:key/\${kms:EncryptionContextKeys}`)));
  const context = { 'kms:EncryptionContextKeys': ['1234abcd-12ab-34cd-56ef-1234567890ab', 'x'] };
  assert.equal(evaluate({ ...request, context }, { identity: [byVar] }).decision, 'ImplicitDeny');
  assert.equal(evaluate({ ...request, context: { 'kms:EncryptionContextKeys': '1234abcd-12ab-34cd-56ef-1234567890ab' } }, { identity: [byVar] }).decision, 'Allow');
});

test('accountOfArn', () => {
  assert.equal(accountOfArn(KEY), ACCT);
  assert.equal(accountOfArn('arn:aws:s3:::bucket'), undefined);
  assert.equal(accountOfArn('arn:aws:iam::aws:policy/AdministratorAccess'), undefined);
  assert.equal(accountOfArn('*'), undefined);
});

// Properties over random identity policy sets built from a small statement pool.
const pool = [
  allow('kms:*'),
  allow('kms:Encrypt', KEY),
  allow('kms:Decrypt'),
  allow('kms:En*', `arn:aws:kms:*:${ACCT}:key/*`),
  allow('s3:*'),
  { Effect: 'Allow', NotAction: 'kms:Encrypt', Resource: '*' },
  allow('kms:*', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/Team': 'blue' } } }),
  allow('kms:*', KEY2),
  denyStmt('kms:Decrypt'),
  denyStmt('kms:*', KEY2),
  denyStmt('kms:*', '*', { Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
];
const policySets = fc.array(fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 4 }), { maxLength: 4 });
const principals = fc.constantFrom(alice, session);
const toPolicies = (sets: Record<string, unknown>[][]) => sets.map((statements, i) => named(`p${i}`, doc(...statements)));

test('property: a Deny of everything always wins', () => {
  fc.assert(
    fc.property(policySets, principals, (sets, principal) => {
      const policies = [...toPolicies(sets), named('deny-all', doc(denyStmt('*')))];
      return evaluate({ ...request, principal }, { identity: policies }).decision === 'ExplicitDeny';
    }),
  );
});

test('property: adding an Allow never takes access away', () => {
  fc.assert(
    fc.property(policySets, fc.constantFrom(...pool.filter((s) => s.Effect === 'Allow')), principals, (sets, extra, principal) => {
      const before = evaluate({ ...request, principal }, { identity: toPolicies(sets) }).decision;
      const after = evaluate({ ...request, principal }, { identity: [...toPolicies(sets), named('extra', doc(extra))] }).decision;
      return before !== 'Allow' || after === 'Allow';
    }),
  );
});

test('property: policy order does not change the decision', () => {
  fc.assert(
    fc.property(policySets, principals, (sets, principal) => {
      const forward = evaluate({ ...request, principal }, { identity: toPolicies(sets) }).decision;
      const backward = evaluate({ ...request, principal }, { identity: toPolicies(sets).reverse() }).decision;
      return forward === backward;
    }),
  );
});
