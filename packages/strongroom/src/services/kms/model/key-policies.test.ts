import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { awsManagedKeyPolicy, defaultKeyPolicy, jacksonPretty, MAX_KEY_POLICY_BYTES, validateKeyPolicy } from './key-policies.ts';

describe('key policies', () => {
  it('writes the default policy as AWS prints it', () => {
    assert.equal(
      defaultKeyPolicy('111122223333'),
      '{\n  "Version" : "2012-10-17",\n  "Id" : "key-default-1",\n  "Statement" : [ {\n    "Sid" : "Enable IAM User Permissions",\n' +
        '    "Effect" : "Allow",\n    "Principal" : {\n      "AWS" : "arn:aws:iam::111122223333:root"\n    },\n' +
        '    "Action" : "kms:*",\n    "Resource" : "*"\n  } ]\n}',
    );
  });

  it('pretty-prints empty containers and scalars like Jackson', () => {
    assert.equal(jacksonPretty({ a: [], b: {}, c: [1, 'x'], d: true }), '{\n  "a" : [ ],\n  "b" : { },\n  "c" : [ 1, "x" ],\n  "d" : true\n}');
  });

  it('gives AWS managed keys a policy limited to the owning service', () => {
    const policy = JSON.parse(awsManagedKeyPolicy('111122223333', 'eu-west-1', 'ssm', 'AWS Systems Manager'));
    assert.equal(policy.Statement[0].Condition.StringEquals['kms:ViaService'], 'ssm.eu-west-1.amazonaws.com');
    assert.equal(policy.Statement[0].Condition.StringEquals['kms:CallerAccount'], '111122223333');
    assert.equal(policy.Statement[1].Principal.AWS, 'arn:aws:iam::111122223333:root');
  });

  it('accepts JSON objects within 32 KB and refuses anything else', () => {
    assert.doesNotThrow(() => validateKeyPolicy(defaultKeyPolicy('111122223333')));
    for (const bad of ['not json', '[]', '"x"', '{"Version":']) {
      assert.throws(() => validateKeyPolicy(bad), (e: Error) => e.name === 'MalformedPolicyDocumentException');
    }
    const big = JSON.stringify({ Padding: 'x'.repeat(MAX_KEY_POLICY_BYTES) });
    assert.throws(() => validateKeyPolicy(big), (e: Error) => e.name === 'MalformedPolicyDocumentException');
  });
});
