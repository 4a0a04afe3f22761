/**
 * Micro-benchmark of the policy engine (not a test): a realistic policy set of
 * 5 policies / 20 statements — three identity policies, a permissions
 * boundary and a KMS key policy — evaluated for kms:Encrypt.
 *
 *   cd packages/strongroom && node --import tsx bench/policy-evaluation.ts
 */
import { compilePolicy } from '../src/iam/policy/compile.ts';
import { evaluate, type PolicySet } from '../src/iam/policy/evaluate.ts';
import type { AuthorizationRequest } from '../src/iam/policy/types.ts';

const ACCT = '111122223333';
const KEY = `arn:aws:kms:us-east-1:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const identity = (text: string) => compilePolicy(text, { kind: 'identity' });

const policies: PolicySet = {
  identity: [
    {
      name: 'arn:aws:iam::111122223333:policy/app-kms',
      policy: identity(
        doc(
          { Sid: 'UseAppKeys', Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*'], Resource: `arn:aws:kms:us-east-1:${ACCT}:key/*`, Condition: { StringEquals: { 'kms:EncryptionContext:app': 'web' } } },
          { Sid: 'Describe', Effect: 'Allow', Action: ['kms:Describe*', 'kms:List*'], Resource: '*' },
          { Sid: 'NoDelete', Effect: 'Deny', Action: ['kms:ScheduleKeyDeletion', 'kms:DisableKey'], Resource: '*' },
          { Sid: 'TlsOnly', Effect: 'Deny', Action: 'kms:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        ),
      ),
    },
    {
      name: 'inline-secrets',
      policy: identity(
        doc(
          { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:app/\${aws:username}/*` },
          { Effect: 'Allow', Action: 'ssm:GetParameter*', Resource: `arn:aws:ssm:us-east-1:${ACCT}:parameter/app/*` },
          { Effect: 'Deny', Action: 'secretsmanager:DeleteSecret', Resource: '*' },
        ),
      ),
    },
    {
      name: 'group-readonly',
      policy: identity(
        doc(
          { Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' },
          { Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' },
          { Effect: 'Deny', Action: 'kms:*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } } },
          { Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/Team': 'blue' } } },
        ),
      ),
    },
  ],
  permissionsBoundary: {
    name: 'arn:aws:iam::111122223333:policy/boundary',
    policy: identity(
      doc(
        { Effect: 'Allow', Action: ['kms:*', 'secretsmanager:*', 'ssm:*', 'iam:Get*', 'iam:List*', 'sts:*'], Resource: '*' },
        { Effect: 'Deny', Action: 'iam:*', Resource: 'arn:aws:iam::*:role/admin*' },
        { Effect: 'Deny', Action: 'kms:*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } } },
      ),
    ),
  },
  resource: {
    name: 'key-policy',
    resourcePolicyMustEnableIam: true,
    policy: compilePolicy(
      doc(
        { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 'kms:*', Resource: '*' },
        { Sid: 'Allow access for Key Administrators', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:role/KeyAdmin` }, Action: ['kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*', 'kms:Disable*', 'kms:Get*', 'kms:Delete*', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion'], Resource: '*' },
        { Sid: 'Allow use of the key', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:role/App` }, Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'], Resource: '*' },
        { Sid: 'Allow attachment of persistent resources', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:role/App` }, Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'], Resource: '*', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } },
        { Sid: 'Deny plaintext transport', Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' },
      ),
      { kind: 'resource' },
    ),
  },
};

const statements = [...policies.identity!, policies.permissionsBoundary!, policies.resource!].reduce((n, p) => n + p.policy.statements.length, 0);

const request: AuthorizationRequest = {
  principal: { type: 'user', arn: `arn:aws:iam::${ACCT}:user/app`, accountId: ACCT, userId: 'AIDAEXAMPLEAPP0000001', userName: 'app', tags: { Team: 'blue' } },
  action: 'kms:Encrypt',
  resource: KEY,
  context: {
    'aws:SourceIp': '10.1.2.3',
    'aws:SecureTransport': 'true',
    'aws:RequestedRegion': 'us-east-1',
    'kms:EncryptionContext:app': 'web',
    'kms:EncryptionContextKeys': ['app'],
    'kms:CallerAccount': ACCT,
  },
};

function run(label: string, req: AuthorizationRequest, set: PolicySet = policies, iterations = 500_000): void {
  const expected = evaluate(req, set).decision;
  for (let i = 0; i < 50_000; i++) evaluate(req, set);
  let same = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) if (evaluate(req, set).decision === expected) same++;
  const ns = Number(process.hrtime.bigint() - start);
  if (same !== iterations) throw new Error('evaluation is not deterministic');
  const perEval = ns / iterations / 1000;
  console.log(`${label.padEnd(52)} ${expected.padEnd(12)} ${perEval.toFixed(3)} µs/evaluation (${Math.round(1e6 / perEval).toLocaleString('en')}/s)`);
}

console.log(`policy set: 5 policies, ${statements} statements`);
run('kms:Encrypt allowed (key policy enables IAM)', request);
run('kms:Decrypt, key in another account (denied)', { ...request, action: 'kms:Decrypt', resource: 'arn:aws:kms:us-east-1:999999999999:key/x' });
run('kms:ScheduleKeyDeletion (explicit deny)', { ...request, action: 'kms:ScheduleKeyDeletion' });
run('secretsmanager:GetSecretValue (policy variable)', { ...request, action: 'secretsmanager:GetSecretValue', resource: `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:app/app/db-AbCdEf` }, { ...policies, resource: undefined });
