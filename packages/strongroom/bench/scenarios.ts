/**
 * What `npm run bench` sends, as data. A scenario names the SigV4 service and
 * region it signs for, may prepare state once through the real API (`setup`,
 * e.g. CreateKey), and builds one request from that state; the load generator
 * signs it (per request, or ahead of time for replay). A scenario whose setup
 * fails (say, the service is not implemented yet) is reported as skipped.
 */
import type { BuiltRequest } from './load/signer.ts';

export interface ApiResponse {
  status: number;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

/** Signs and sends one request for `setup`; throws on a non-2xx answer. */
export interface SetupClient {
  call(service: string, request: BuiltRequest): Promise<ApiResponse>;
}

export interface Scenario<State = unknown> {
  name: string;
  /** SigV4 signing name. */
  service: string;
  region: string;
  setup?(client: SetupClient): Promise<State>;
  build(state: State): BuiltRequest;
}

/** Identity helper: keeps each scenario's State type checked. */
export function scenario<State>(definition: Scenario<State>): Scenario<State> {
  return definition;
}

/** An awsQuery request (STS, IAM): a form-encoded POST /. */
export function awsQuery(action: string, version: string, params: Record<string, string> = {}): BuiltRequest {
  return {
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams({ Action: action, Version: version, ...params }).toString(),
  };
}

/** An awsJson 1.1 request (KMS, SSM, Secrets Manager): POST / with X-Amz-Target. */
export function awsJson(target: string, input: unknown): BuiltRequest {
  return {
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body: JSON.stringify(input),
  };
}

const REGION = 'us-east-1';
/** 64 bytes: the size of a typical data key or small secret. */
const PLAINTEXT = Buffer.alloc(64, 7).toString('base64');

async function createKmsKey(client: SetupClient): Promise<string> {
  const created = await client.call('kms', awsJson('TrentService.CreateKey', { Description: 'strongroom bench' }));
  return created.json<{ KeyMetadata: { KeyId: string } }>().KeyMetadata.KeyId;
}

async function createSigningKey(client: SetupClient, keySpec: string): Promise<string> {
  const created = await client.call('kms', awsJson('TrentService.CreateKey', { Description: 'strongroom bench', KeySpec: keySpec, KeyUsage: 'SIGN_VERIFY' }));
  return created.json<{ KeyMetadata: { KeyId: string } }>().KeyMetadata.KeyId;
}

/** Sign with `keySpec`/`algorithm` over MESSAGE (RAW: hashed by the server, as callers usually do). */
function signScenario(keySpec: string, algorithm: string): Scenario<string> {
  return scenario({
    name: `kms:Sign ${keySpec}`,
    service: 'kms',
    region: REGION,
    setup: (client) => createSigningKey(client, keySpec),
    build: (keyId) => awsJson('TrentService.Sign', { KeyId: keyId, Message: PLAINTEXT, SigningAlgorithm: algorithm }),
  });
}

/** Verify a signature made once in setup. */
function verifyScenario(keySpec: string, algorithm: string): Scenario<{ keyId: string; signature: string }> {
  return scenario({
    name: `kms:Verify ${keySpec}`,
    service: 'kms',
    region: REGION,
    async setup(client) {
      const keyId = await createSigningKey(client, keySpec);
      const signed = await client.call('kms', awsJson('TrentService.Sign', { KeyId: keyId, Message: PLAINTEXT, SigningAlgorithm: algorithm }));
      return { keyId, signature: signed.json<{ Signature: string }>().Signature };
    },
    build: ({ keyId, signature }) => awsJson('TrentService.Verify', { KeyId: keyId, Message: PLAINTEXT, Signature: signature, SigningAlgorithm: algorithm }),
  });
}

export const SCENARIOS: Scenario<any>[] = [
  scenario({
    name: 'sts:GetCallerIdentity',
    service: 'sts',
    region: REGION,
    build: () => awsQuery('GetCallerIdentity', '2011-06-15'),
  }),
  scenario({
    name: 'kms:Encrypt',
    service: 'kms',
    region: REGION,
    setup: createKmsKey,
    build: (keyId) => awsJson('TrentService.Encrypt', { KeyId: keyId, Plaintext: PLAINTEXT }),
  }),
  scenario({
    name: 'kms:Decrypt',
    service: 'kms',
    region: REGION,
    async setup(client) {
      const keyId = await createKmsKey(client);
      const encrypted = await client.call('kms', awsJson('TrentService.Encrypt', { KeyId: keyId, Plaintext: PLAINTEXT }));
      return encrypted.json<{ CiphertextBlob: string }>().CiphertextBlob;
    },
    build: (ciphertext) => awsJson('TrentService.Decrypt', { CiphertextBlob: ciphertext }),
  }),
  scenario({
    name: 'kms:GenerateDataKey',
    service: 'kms',
    region: REGION,
    setup: createKmsKey,
    build: (keyId) => awsJson('TrentService.GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_256' }),
  }),
  signScenario('ECC_NIST_P256', 'ECDSA_SHA_256'),
  signScenario('RSA_2048', 'RSASSA_PSS_SHA_256'),
  verifyScenario('ECC_NIST_P256', 'ECDSA_SHA_256'),
  verifyScenario('RSA_2048', 'RSASSA_PSS_SHA_256'),
  scenario({
    name: 'ssm:GetParameter',
    service: 'ssm',
    region: REGION,
    async setup(client) {
      await client.call('ssm', awsJson('AmazonSSM.PutParameter', { Name: '/bench/get/value', Value: 'x'.repeat(64), Type: 'String', Overwrite: true }));
      return '/bench/get/value';
    },
    build: (name) => awsJson('AmazonSSM.GetParameter', { Name: name }),
  }),
  scenario({
    name: 'ssm:GetParametersByPath',
    service: 'ssm',
    region: REGION,
    // The first page (10) of a path with 50 children.
    async setup(client) {
      for (let i = 0; i < 50; i++) {
        await client.call('ssm', awsJson('AmazonSSM.PutParameter', { Name: `/bench/path/p${String(i).padStart(2, '0')}`, Value: 'x'.repeat(64), Type: 'String', Overwrite: true }));
      }
      return '/bench/path';
    },
    build: (path) => awsJson('AmazonSSM.GetParametersByPath', { Path: path, MaxResults: 10 }),
  }),
  scenario({
    name: 'secretsmanager:GetSecretValue',
    service: 'secretsmanager',
    region: REGION,
    // A 64-character secret under the AWS managed key: a KMS Decrypt per request, as on AWS.
    async setup(client) {
      const name = `bench/secret-${Date.now().toString(36)}`;
      await client.call('secretsmanager', awsJson('secretsmanager.CreateSecret', { Name: name, SecretString: 'x'.repeat(64) }));
      return name;
    },
    build: (name) => awsJson('secretsmanager.GetSecretValue', { SecretId: name }),
  }),
];

/** Scenarios named in `only` (comma-separated, exact or case-insensitive substring); all when empty. */
export function selectScenarios(all: Scenario<any>[], only: string | undefined): Scenario<any>[] {
  const wanted = (only ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  if (wanted.length === 0) return all;
  return all.filter((s) => wanted.some((name) => s.name.toLowerCase() === name || s.name.toLowerCase().includes(name)));
}
