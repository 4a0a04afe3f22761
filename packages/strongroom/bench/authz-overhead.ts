/**
 * What the authorize step costs a kms:Encrypt (not a test): the step as the
 * pipeline runs it — the KMS declaration (cached key, cached key policy,
 * cached tags and aliases), the caller's identity policies (served from
 * memory) and the evaluation — for a realistic policy set of 5 policies / 20
 * statements (three identity policies, a permissions boundary, the key
 * policy), next to the Encrypt handler itself. Compare the step's time with
 * the server's CPU time per Encrypt from `npm run bench` (1 / throughput).
 *
 *   cd packages/strongroom && node --import tsx bench/authz-overhead.ts
 */
import { pino } from 'pino';
import { Authorizer } from '../src/authz/authorizer.ts';
import { AesGcmBarrier } from '../src/crypto/barrier/barrier.ts';
import { randomBytes } from '../src/crypto/primitives.ts';
import type { IdentityPolicies, IdentityPolicySource } from '../src/iam/identity-policy-source.ts';
import { compilePolicy } from '../src/iam/policy/index.ts';
import type { OperationSpec } from '../src/protocol/spec/spec-types.ts';
import type { ProtocolCodec } from '../src/protocol/types.ts';
import type { Principal } from '../src/server/context.ts';
import type { Exchange } from '../src/server/exchange.ts';
import { authorize } from '../src/server/steps/authorize.ts';
import { KmsModel, kmsService } from '../src/services/kms/index.ts';
import { createKey } from '../src/services/kms/model/key-lifecycle.ts';
import { resolveKeySpec } from '../src/services/kms/model/key-specs.ts';
import { openTestStore, testStoreEngines } from '../src/testing/test-stores.ts';

const ACCT = '000000000000';
const REGION = 'us-east-1';
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const identity = (text: string) => compilePolicy(text, { kind: 'identity' });

const appUser: Principal = { kind: 'user', accountId: ACCT, arn: `arn:aws:iam::${ACCT}:user/app`, userId: 'AIDAEXAMPLEAPP0000001', userName: 'app', tags: { Team: 'blue' } };

const realistic: IdentityPolicies = {
  identity: [
    {
      name: `arn:aws:iam::${ACCT}:policy/app-kms`,
      policy: identity(
        doc(
          { Sid: 'UseAppKeys', Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*'], Resource: `arn:aws:kms:${REGION}:${ACCT}:key/*`, Condition: { StringEquals: { 'kms:EncryptionContext:app': 'web' } } },
          { Sid: 'Describe', Effect: 'Allow', Action: ['kms:Describe*', 'kms:List*'], Resource: '*' },
          { Sid: 'NoDelete', Effect: 'Deny', Action: ['kms:ScheduleKeyDeletion', 'kms:DisableKey'], Resource: '*' },
          { Sid: 'NoDowngrade', Effect: 'Deny', Action: 'kms:*', Resource: '*', Condition: { StringNotEquals: { 'kms:CallerAccount': ACCT } } },
        ),
      ),
    },
    {
      name: 'inline-secrets',
      policy: identity(
        doc(
          { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: `arn:aws:secretsmanager:${REGION}:${ACCT}:secret:app/\${aws:username}/*` },
          { Effect: 'Allow', Action: 'ssm:GetParameter*', Resource: `arn:aws:ssm:${REGION}:${ACCT}:parameter/app/*` },
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
          { Effect: 'Deny', Action: 'kms:*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': ['127.0.0.0/8', '10.0.0.0/8'] } } },
          { Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/Team': 'blue' } } },
        ),
      ),
    },
  ],
  permissionsBoundary: {
    name: `arn:aws:iam::${ACCT}:policy/boundary`,
    policy: identity(
      doc(
        { Effect: 'Allow', Action: ['kms:*', 'secretsmanager:*', 'ssm:*', 'iam:Get*', 'iam:List*', 'sts:*'], Resource: '*' },
        { Effect: 'Deny', Action: 'iam:*', Resource: 'arn:aws:iam::*:role/admin*' },
        { Effect: 'Deny', Action: 'kms:*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } } },
      ),
    ),
  },
};

const KEY_POLICY = doc(
  { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 'kms:*', Resource: '*' },
  { Sid: 'Key administrators', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:role/KeyAdmin` }, Action: ['kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*', 'kms:Disable*', 'kms:Get*', 'kms:Delete*'], Resource: '*' },
  { Sid: 'Key users', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:role/App` }, Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'], Resource: '*' },
  { Sid: 'Grants for AWS resources', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:role/App` }, Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'], Resource: '*', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } },
  { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' },
  { Sid: 'No other regions', Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': REGION } } },
);

const fromMemory = (policies: IdentityPolicies): IdentityPolicySource => ({ policiesFor: async () => policies });

async function main(): Promise<void> {
  const { store, close } = await openTestStore(testStoreEngines()[0]);
  try {
    const kms = new KmsModel({ store, barrier: AesGcmBarrier.fromRootKey(randomBytes(32)) });
    const service = kmsService({ kms });
    const key = await createKey(kms, { accountId: ACCT, region: REGION }, { profile: resolveKeySpec({}), policy: KEY_POLICY, tags: [{ key: 'team', value: 'blue' }] });
    const statements = [...realistic.identity, realistic.permissionsBoundary!].reduce((n, p) => n + p.policy.statements.length, 0) + JSON.parse(KEY_POLICY).Statement.length;
    const input = { KeyId: key.record.keyId, Plaintext: Buffer.alloc(64, 7), EncryptionContext: { app: 'web' } };
    const exchange = (): Exchange =>
      ({
        requestId: 'bench',
        receivedAt: new Date(),
        sourceIp: '127.0.0.1',
        secureTransport: false,
        region: REGION,
        principal: appUser,
        route: { service, codec: {} as ProtocolCodec, operation: { name: 'Encrypt' } as OperationSpec },
        input,
      }) as Exchange;
    const log = pino({ level: 'silent' });
    const handler = service.handlers.Encrypt!;

    // Best of several rounds: on a busy machine the minimum is the figure least disturbed by other processes.
    const measure = async (label: string, iterations: number, once: () => Promise<unknown>) => {
      for (let i = 0; i < 20_000; i++) await once();
      let best = Infinity;
      for (let round = 0; round < 7; round++) {
        const start = process.hrtime.bigint();
        for (let i = 0; i < iterations; i++) await once();
        best = Math.min(best, Number(process.hrtime.bigint() - start) / iterations / 1000);
      }
      console.log(`${label.padEnd(62)} ${best.toFixed(2).padStart(7)} µs`);
      return best;
    };

    console.log(`policy set: 5 policies (3 identity, boundary, key policy), ${statements} statements; kms:Encrypt with an encryption context\n`);
    const step = authorize(new Authorizer(fromMemory(realistic)), log);
    const authz = await measure('authorize step, realistic policy set', 30_000, () => step.run(exchange()) as Promise<void>);
    const adminStep = authorize(new Authorizer(fromMemory({ identity: [{ name: 'AdministratorAccess', policy: identity(doc({ Effect: 'Allow', Action: '*', Resource: '*' })) }] })), log);
    await measure('authorize step, AdministratorAccess only', 30_000, () => adminStep.run(exchange()) as Promise<void>);
    const ex = exchange();
    await step.run(ex);
    const encrypt = await measure('Encrypt handler (for scale)', 30_000, () => Promise.resolve(handler(ex.ctx!, input)));
    console.log(`\nauthorize ÷ Encrypt handler: ${(authz / encrypt).toFixed(2)}×; against the whole request, divide ${authz.toFixed(2)} µs by the`);
    console.log(`server's CPU time per Encrypt (1e6 / replay throughput of \`npm run bench -- --only kms:Encrypt\`).`);
  } finally {
    await close();
  }
}

await main();
