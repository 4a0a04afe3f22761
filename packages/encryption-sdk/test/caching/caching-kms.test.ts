/**
 * The caching CMM's promise, measured on a real Strongroom server: 10,000
 * one-shot messages of 1 KiB under a KMS keyring cost exactly one
 * GenerateDataKey (counted on the KMS client, i.e. requests that reached the
 * server), and decrypting them through a caching CMM costs one Decrypt
 * (the first 1,000 are decrypted, to keep the test short).
 * A sample is decrypted by @aws-crypto/client-node as an independent check.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import * as aws from '@aws-crypto/client-node';
import { KMS } from '@aws-sdk/client-kms';
import { CachingCryptographicMaterialsManager } from '../../src/caching/index.ts';
import { buildClient } from '../../src/client.ts';
import { KmsKeyring } from '../../src/keyrings/kms/index.ts';
import { createKey, kmsClientFor, startStrongroom, type CountingKmsClient, type TestServer } from '../support/strongroom-kms.ts';

const MESSAGES = 10_000;

describe('caching CMM over the KMS keyring (Strongroom)', () => {
  let server: TestServer;
  let kms: CountingKmsClient;
  let keyArn: string;

  before(async () => {
    server = await startStrongroom();
    kms = kmsClientFor(server);
    keyArn = (await createKey(kms.client)).Arn!;
  });
  after(async () => {
    kms?.client.destroy();
    await server?.stop();
  });

  it(`${MESSAGES} messages of 1 KiB cost one GenerateDataKey; decrypting them costs one Decrypt`, async () => {
    const DECRYPTED = 1000;
    const client = buildClient();
    const keyring = new KmsKeyring({ client: kms.client, generatorKeyId: keyArn });
    const cmm = new CachingCryptographicMaterialsManager({ backingMaterials: keyring, maxAge: 10 * 60_000 });
    const context = { purpose: 'caching-test' };
    kms.reset();
    const messages: Buffer[] = [];
    const plaintexts: Buffer[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      const plaintext = randomBytes(1024);
      plaintexts.push(plaintext);
      messages.push((await client.encrypt(cmm, plaintext, { encryptionContext: context })).result);
    }
    assert.equal(kms.count('GenerateDataKey'), 1);
    assert.equal(kms.count('Encrypt'), 0);
    const stats = cmm.stats();
    assert.equal(stats.misses, 1);
    assert.equal(stats.hits, MESSAGES - 1);
    assert.equal(stats.backingCalls, 1);

    const decryptCmm = new CachingCryptographicMaterialsManager({ backingMaterials: keyring, maxAge: 10 * 60_000 });
    for (let i = 0; i < DECRYPTED; i++) assert.deepEqual((await client.decrypt(decryptCmm, messages[i])).plaintext, plaintexts[i]);
    assert.equal(kms.count('Decrypt'), 1);
    assert.equal(decryptCmm.stats().hits, DECRYPTED - 1);

    // Independent check: the official SDK decrypts a sample of the messages.
    const awsKms = new KMS({ endpoint: server.url, region: server.region, credentials: server.credentials, maxAttempts: 1 });
    try {
      const official = aws.buildClient(aws.CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
      const theirs = new aws.KmsKeyringNode({ clientProvider: () => awsKms, keyIds: [keyArn] });
      for (const i of [0, 1, MESSAGES / 2, MESSAGES - 1]) assert.deepEqual((await official.decrypt(theirs, messages[i])).plaintext, plaintexts[i]);
    } finally {
      awsKms.destroy();
    }
  });

  it('with maxMessagesEncrypted 1000, 3,000 messages cost three GenerateDataKey calls', async () => {
    const client = buildClient();
    const cmm = new CachingCryptographicMaterialsManager({ backingMaterials: new KmsKeyring({ client: kms.client, generatorKeyId: keyArn }), maxAge: 60_000, maxMessagesEncrypted: 1000 });
    kms.reset();
    for (let i = 0; i < 3000; i++) await client.encrypt(cmm, 'x');
    assert.equal(kms.count('GenerateDataKey'), 3);
  });
});
