import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PolicyValidationError } from './errors.ts';
import { parsePolicy, validatePolicy, type ParseOptions } from './parse.ts';

const identity: ParseOptions = { kind: 'identity' };
const resource: ParseOptions = { kind: 'resource' };
const trust: ParseOptions = { kind: 'trust' };

const stmt = (extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*', ...extra });
const policy = (...statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

function rejects(text: string, options: ParseOptions, message: string, reason?: string): void {
  const error = validatePolicy(text, options);
  assert.ok(error instanceof PolicyValidationError, `expected "${message}"`);
  assert.equal(error.message, message);
  assert.equal(error.code, 'MalformedPolicyDocument');
  if (reason) assert.equal(error.reason, reason);
}

describe('parsePolicy: accepted documents', () => {
  test('a statement array becomes typed statements with list values', () => {
    const p = parsePolicy(policy(stmt({ Sid: 'One' }), { Effect: 'Deny', NotAction: ['kms:Delete*'], NotResource: 'arn:aws:kms:*:*:key/x' }), identity);
    assert.equal(p.version, '2012-10-17');
    assert.equal(p.versionSpecified, true);
    assert.deepEqual(p.statements[0], { sid: 'One', effect: 'Allow', action: ['kms:Encrypt'], resource: ['*'] });
    assert.deepEqual(p.statements[1], { effect: 'Deny', notAction: ['kms:Delete*'], notResource: ['arn:aws:kms:*:*:key/x'] });
  });

  test('Statement may be a single object; Id is kept', () => {
    const p = parsePolicy(JSON.stringify({ Version: '2012-10-17', Id: 'key-policy', Statement: stmt() }), identity);
    assert.equal(p.statements.length, 1);
    assert.equal(p.id, 'key-policy');
  });

  test('condition values: strings, numbers and booleans become strings', () => {
    const p = parsePolicy(policy(stmt({ Condition: { Bool: { 'aws:SecureTransport': true }, NumericLessThan: { 's3:max-keys': [10, '20'] } } })), identity);
    assert.deepEqual(p.statements[0].condition, { Bool: { 'aws:SecureTransport': ['true'] }, NumericLessThan: { 's3:max-keys': ['10', '20'] } });
  });

  test('principals of every kind in a resource policy', () => {
    const p = parsePolicy(
      policy(
        stmt({ Principal: '*' }),
        stmt({ Principal: { AWS: ['111122223333', 'arn:aws:iam::111122223333:role/r', 'arn:aws:sts::111122223333:assumed-role/r/s'] } }),
        stmt({ Principal: { Service: 'kms.amazonaws.com', Federated: 'cognito-identity.amazonaws.com', CanonicalUser: 'abc123' } }),
        stmt({ NotPrincipal: { AWS: 'arn:aws:iam::111122223333:user/bob' } }),
      ),
      resource,
    );
    assert.equal(p.statements[0].principal, '*');
    assert.deepEqual(p.statements[2].principal, { Service: ['kms.amazonaws.com'], Federated: ['cognito-identity.amazonaws.com'], CanonicalUser: ['abc123'] });
    assert.deepEqual(p.statements[3].notPrincipal, { AWS: ['arn:aws:iam::111122223333:user/bob'] });
  });

  test('resource and trust policies accept 2008-10-17 and a missing Version', () => {
    const old = JSON.stringify({ Version: '2008-10-17', Statement: [stmt({ Principal: { AWS: '111122223333' } })] });
    assert.equal(parsePolicy(old, resource).version, '2008-10-17');
    const none = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    const p = parsePolicy(none, trust);
    assert.equal(p.version, '2008-10-17');
    assert.equal(p.versionSpecified, false);
  });

  test('a trust policy needs no Resource', () => {
    assert.equal(validatePolicy(policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }), trust), undefined);
  });

  test('KMS key policies may have spaces in Sid and, when lenient, statements without Resource', () => {
    const text = policy({ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*' });
    assert.equal(validatePolicy(text, { kind: 'resource', allowIneffectiveStatements: true }), undefined);
    rejects(text, resource, 'Policy statement must contain resources.');
  });

  test('an unknown operator with nothing under it is tolerated', () => {
    assert.equal(validatePolicy(policy(stmt({ Condition: { NoSuchOperator: {} } })), identity), undefined);
  });
});

describe('parsePolicy: IAM MalformedPolicyDocument messages', () => {
  const cases: [string, string, ParseOptions, string, string][] = [
    ['not JSON', '{"Version": ', identity, 'Syntax errors in policy.', 'syntax'],
    ['a JSON array', '[]', identity, 'Syntax errors in policy.', 'syntax'],
    ['unknown top-level element', JSON.stringify({ Version: '2012-10-17', Statement: [stmt()], Extra: 1 }), identity, 'Syntax errors in policy.', 'syntax'],
    ['no Statement', JSON.stringify({ Version: '2012-10-17' }), identity, 'Syntax errors in policy.', 'syntax'],
    ['empty Statement list', JSON.stringify({ Version: '2012-10-17', Statement: [] }), identity, 'Syntax errors in policy.', 'syntax'],
    ['unknown Version string', JSON.stringify({ Version: '2012-10-18', Statement: [stmt()] }), identity, 'Syntax errors in policy.', 'syntax'],
    ['missing Effect', policy({ Action: 'kms:Encrypt', Resource: '*' }), identity, 'Syntax errors in policy.', 'syntax'],
    ['Effect neither Allow nor Deny', policy(stmt({ Effect: 'Permit' })), identity, 'Syntax errors in policy.', 'syntax'],
    ['unknown statement element', policy(stmt({ Actions: 'kms:Encrypt' })), identity, 'Syntax errors in policy.', 'syntax'],
    ['Action and NotAction together', policy(stmt({ NotAction: 'kms:Decrypt' })), identity, 'Syntax errors in policy.', 'syntax'],
    ['Resource and NotResource together', policy(stmt({ NotResource: '*' })), identity, 'Syntax errors in policy.', 'syntax'],
    ['Action of the wrong type', policy(stmt({ Action: 42 })), identity, 'Syntax errors in policy.', 'syntax'],
    ['Condition operator of the wrong type', policy(stmt({ Condition: { StringEquals: 'x' } })), identity, 'Syntax errors in policy.', 'syntax'],
    ['unknown condition operator', policy(stmt({ Condition: { StringSimilar: { 'aws:username': 'x' } } })), identity, 'Syntax errors in policy.', 'syntax'],
    ['NullIfExists is not an operator', policy(stmt({ Condition: { NullIfExists: { 'aws:username': 'true' } } })), identity, 'Syntax errors in policy.', 'syntax'],
    ['Principal in an identity policy', policy(stmt({ Principal: '*' })), identity, 'Policy document should not specify a principal.', 'principal-forbidden'],
    ['NotPrincipal in an identity policy', policy(stmt({ NotPrincipal: { AWS: '111122223333' } })), identity, 'Policy document should not specify a principal.', 'principal-forbidden'],
    ['no Principal in a resource policy', policy(stmt()), resource, 'Missing required field Principal', 'principal-missing'],
    ['no Principal in a trust policy', policy({ Effect: 'Allow', Action: 'sts:AssumeRole' }), trust, 'Missing required field Principal', 'principal-missing'],
    ['Resource in a trust policy', policy({ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole', Resource: '*' }), trust, 'Has prohibited field Resource', 'resource-forbidden'],
    ['missing Version in an identity policy', JSON.stringify({ Statement: [stmt()] }), identity, 'Policy document must be version 2012-10-17 or greater.', 'version'],
    ['2008-10-17 in an identity policy', JSON.stringify({ Version: '2008-10-17', Statement: [stmt()] }), identity, 'Policy document must be version 2012-10-17 or greater.', 'version'],
    ['Effect in lower case', policy(stmt({ Effect: 'allow' })), identity, 'The policy failed legacy parsing', 'legacy-parsing'],
    ['an unparsable date', policy(stmt({ Condition: { DateLessThan: { 'aws:CurrentTime': 'tomorrow-ish' } } })), identity, 'The policy failed legacy parsing', 'legacy-parsing'],
    ['an ARN with "::" and too few parts', policy(stmt({ Resource: 'arn:aws:s3::bucket' })), identity, 'The policy failed legacy parsing', 'legacy-parsing'],
    ['duplicate Sid', policy(stmt({ Sid: 'A' }), stmt({ Sid: 'A' })), identity, 'Statement IDs (SID) in a single policy must be unique.', 'sid-duplicate'],
    ['Sid with a space in an IAM policy', policy(stmt({ Sid: 'Allow encrypt' })), identity, 'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*', 'sid-invalid'],
    ['no Action', policy({ Effect: 'Allow', Resource: '*' }), identity, 'Policy statement must contain actions.', 'actions-missing'],
    ['empty Action list', policy(stmt({ Action: [] })), identity, 'Policy statement must contain actions.', 'actions-missing'],
    ['no Resource', policy({ Effect: 'Allow', Action: 'kms:Encrypt' }), identity, 'Policy statement must contain resources.', 'resources-missing'],
    ['Resource not an ARN', policy(stmt({ Resource: 'my-key' })), identity, 'Resource my-key must be in ARN format or "*".', 'resource-format'],
    ['unknown partition', policy(stmt({ Resource: 'arn:aws-moon:kms:us-east-1:111122223333:key/x' })), identity, 'Partition "aws-moon" is not valid for resource "arn:aws-moon:kms:us-east-1:111122223333:key/x".', 'resource-format'],
    ['wildcard service in a resource', policy(stmt({ Resource: 'arn:aws:*:us-east-1:111122223333:key/x' })), identity, 'Resource vendor must be fully qualified and cannot contain regexes.', 'resource-format'],
    ['IAM resource with a region', policy(stmt({ Resource: 'arn:aws:iam:us-east-1:111122223333:user/x' })), identity, 'IAM resource arn:aws:iam:us-east-1:111122223333:user/x cannot contain region information.', 'resource-format'],
    ['action without a vendor', policy(stmt({ Action: 'Encrypt' })), identity, 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.', 'action-format'],
    ['action with two colons', policy(stmt({ Action: 'kms:Encrypt:Now' })), identity, 'Actions/Condition can contain only one colon.', 'action-format'],
    ['wildcard vendor', policy(stmt({ Action: '*:Encrypt' })), identity, 'Action vendors (e.g., aws, ec2, etc.) must not contain wildcards', 'action-format'],
    ['invalid vendor characters', policy(stmt({ Action: 'k_ms:Encrypt' })), identity, 'Vendor k_ms is not valid', 'action-format'],
    ['condition key without a vendor', policy(stmt({ Condition: { StringEquals: { SourceIp: 'x' } } })), identity, 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.', 'action-format'],
    ['trust policy with a non-STS action', policy({ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 's3:GetObject' }), trust, 'AssumeRole policy may only specify STS AssumeRole actions.', 'trust-action'],
    ['partial wildcard principal', policy(stmt({ Principal: { AWS: 'arn:aws:iam::111122223333:user/*' } })), resource, 'Invalid principal in policy: "AWS":"arn:aws:iam::111122223333:user/*"', 'principal-invalid'],
    ['malformed AWS principal', policy(stmt({ Principal: { AWS: 'bob' } })), resource, 'Invalid principal in policy: "AWS":"bob"', 'principal-invalid'],
  ];
  for (const [name, text, options, message, reason] of cases) {
    test(name, () => rejects(text, options, message, reason));
  }

  test('syntax errors are reported before principal placement, which comes before version', () => {
    rejects(JSON.stringify({ Statement: [stmt({ Principal: '*', Bogus: 1 })] }), identity, 'Syntax errors in policy.');
    rejects(JSON.stringify({ Statement: [stmt({ Principal: '*' })] }), identity, 'Policy document should not specify a principal.');
  });

  test('resource format errors are reported after missing actions', () => {
    rejects(policy(stmt({ Resource: 'nope' }), { Effect: 'Allow', Resource: '*' }), identity, 'Policy statement must contain actions.');
  });

  test('parsePolicy throws the error validatePolicy returns', () => {
    assert.throws(() => parsePolicy('nope', identity), (e: unknown) => e instanceof PolicyValidationError && e.httpStatus === 400);
  });

  test('version can be required of resource policies, and relaxed for identity ones', () => {
    const old = JSON.stringify({ Version: '2008-10-17', Statement: [stmt()] });
    assert.equal(validatePolicy(old, { kind: 'identity', requireCurrentVersion: false }), undefined);
    rejects(JSON.stringify({ Version: '2008-10-17', Statement: [stmt({ Principal: '*' })] }), { kind: 'resource', requireCurrentVersion: true }, 'Policy document must be version 2012-10-17 or greater.');
  });
});
