import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accessDeniedError, accessDeniedMessage } from './access-denied.ts';
import { compilePolicy } from './compile.ts';
import { evaluate, type PolicySet } from './evaluate.ts';
import { KEY, ROOT, alice, allow, denyStmt, doc, session } from './test-fixtures.ts';
import type { AuthorizationRequest } from './types.ts';

const identity = (d: object) => ({ name: 'p', policy: compilePolicy(JSON.stringify(d), { kind: 'identity' }) });
const keyPolicy = (d: object) => ({ name: 'key', policy: compilePolicy(JSON.stringify(d), { kind: 'resource' }), resourcePolicyMustEnableIam: true });
const decrypt: AuthorizationRequest = { principal: alice, action: 'kms:Decrypt', resource: KEY };

function message(policies: PolicySet, request: AuthorizationRequest = decrypt): string {
  return accessDeniedMessage(request, evaluate(request, policies));
}

const head = `User: ${alice.arn} is not authorized to perform: kms:Decrypt on resource: ${KEY}`;

test('implicit deny: no identity-based policy', () => {
  assert.equal(message({}), `${head} because no identity-based policy allows the kms:Decrypt action`);
});

test('explicit deny in an identity-based policy', () => {
  assert.equal(message({ identity: [identity(doc(denyStmt('kms:*')))] }), `${head} with an explicit deny in an identity-based policy`);
});

test('implicit deny by the key policy', () => {
  assert.equal(
    message({ identity: [identity(doc(allow('kms:*')))], resource: keyPolicy(doc(allow('kms:*', '*', { Principal: { AWS: 'arn:aws:iam::111122223333:user/carol' } }))) }),
    `${head} because no resource-based policy allows the kms:Decrypt action`,
  );
});

test('explicit deny in a resource-based policy', () => {
  assert.equal(
    message({ identity: [identity(doc(allow('kms:*')))], resource: keyPolicy(doc(allow('kms:*', '*', { Principal: { AWS: ROOT } }), denyStmt('kms:Decrypt', '*', { Principal: '*' }))) }),
    `${head} with an explicit deny in a resource-based policy`,
  );
});

test('permissions boundary: implicit and explicit', () => {
  assert.equal(
    message({ identity: [identity(doc(allow('kms:*')))], permissionsBoundary: identity(doc(allow('s3:*'))) }),
    `${head} because no permissions boundary allows the kms:Decrypt action`,
  );
  assert.equal(
    message({ identity: [identity(doc(allow('kms:*')))], permissionsBoundary: identity(doc(allow('*'), denyStmt('kms:Decrypt'))) }),
    `${head} with an explicit deny in a permissions boundary`,
  );
});

test('session policy: implicit and explicit, naming the session ARN', () => {
  const request = { ...decrypt, principal: session };
  const sessionHead = `User: ${session.arn} is not authorized to perform: kms:Decrypt on resource: ${KEY}`;
  assert.equal(
    message({ identity: [identity(doc(allow('kms:*')))], session: [identity(doc(allow('s3:*')))] }, request),
    `${sessionHead} because no session policy allows the kms:Decrypt action`,
  );
  assert.equal(
    message({ identity: [identity(doc(allow('kms:*')))], session: [identity(doc(denyStmt('kms:*')))] }, request),
    `${sessionHead} with an explicit deny in a session policy`,
  );
});

test('the error: AccessDeniedException 400 for JSON services, AccessDenied 403 for Query services', () => {
  const result = evaluate(decrypt, {});
  const json = accessDeniedError(decrypt, result);
  assert.equal(json.code, 'AccessDeniedException');
  assert.equal(json.httpStatus, 400);
  const query = accessDeniedError(decrypt, result, 'AccessDenied');
  assert.equal(query.code, 'AccessDenied');
  assert.equal(query.httpStatus, 403);
  assert.equal(query.message, json.message);
});
