/**
 * Interoperability through Strongroom's KMS: messages written with our KMS
 * keyring decrypt with @aws-crypto/client-node's KmsKeyringNode pointed at
 * the same server, and the other way round — default suite (0x0578, signed)
 * and 0x0478 (unsigned), strict and discovery keyrings on both sides.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import * as aws from '@aws-crypto/client-node';
import { KMS } from '@aws-sdk/client-kms';
import { buildClient } from '../../src/client.ts';
import { KmsDiscoveryKeyring, KmsKeyring } from '../../src/keyrings/kms/index.ts';
import { createKey, kmsClientFor, startStrongroom, type CountingKmsClient, type TestServer } from '../support/strongroom-kms.ts';

const ours = buildClient({ commitmentPolicy: 'REQUIRE_ENCRYPT_ALLOW_DECRYPT' });
const theirs = aws.buildClient(aws.CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);
const context = { tenant: 'acme', 'content-type': 'text/plain' };

describe('KMS keyring interoperability with @aws-crypto/client-node (via Strongroom)', () => {
  let server: TestServer;
  let kms: CountingKmsClient;
  let awsKms: KMS;
  let keyA: string;
  let keyB: string;

  before(async () => {
    server = await startStrongroom();
    kms = kmsClientFor(server);
    // client-node calls the aggregated client's methods (kms.generateDataKey(...)).
    awsKms = new KMS({ endpoint: server.url, region: server.region, credentials: server.credentials, maxAttempts: 1 });
    keyA = (await createKey(kms.client)).Arn!;
    keyB = (await createKey(kms.client)).Arn!;
  });
  after(async () => {
    kms?.client.destroy();
    awsKms?.destroy();
    await server?.stop();
  });

  const theirStrict = (generatorKeyId?: string, keyIds: string[] = []) => new aws.KmsKeyringNode({ clientProvider: () => awsKms, generatorKeyId, keyIds });
  const theirDiscovery = () => new aws.KmsKeyringNode({ clientProvider: () => awsKms, discovery: true });

  for (const suiteId of [0x0578, 0x0478]) {
    const hex = `0x${suiteId.toString(16).padStart(4, '0')}`;

    for (const size of [0, 1, 4096, 100_000]) {
      it(`${hex}, ${size} bytes: ours encrypts (two keys), client-node decrypts with either key`, async () => {
        const plaintext = randomBytes(size);
        const { result, messageHeader } = await ours.encrypt(new KmsKeyring({ client: kms.client, generatorKeyId: keyA, keyIds: [keyB] }), plaintext, { encryptionContext: context, suiteId });
        assert.equal(messageHeader.suiteId, suiteId);
        for (const keyring of [theirStrict(keyA), theirStrict(undefined, [keyB]), theirDiscovery()]) {
          const out = await theirs.decrypt(keyring, result);
          assert.deepEqual(out.plaintext, plaintext);
          assert.equal(out.messageHeader.suiteId, suiteId);
          for (const [k, v] of Object.entries(context)) assert.equal(out.messageHeader.encryptionContext[k], v);
          assert.deepEqual(out.messageHeader.encryptedDataKeys.map((e) => e.providerInfo), [keyA, keyB]);
        }
      });

      it(`${hex}, ${size} bytes: client-node encrypts (two keys), ours decrypts with either key`, async () => {
        const plaintext = randomBytes(size);
        const { result } = await theirs.encrypt(theirStrict(keyA, [keyB]), plaintext, { encryptionContext: context, suiteId: suiteId as aws.AlgorithmSuiteIdentifier });
        for (const keyring of [new KmsKeyring({ client: kms.client, generatorKeyId: keyA }), new KmsKeyring({ client: kms.client, keyIds: [keyB] }), new KmsDiscoveryKeyring({ client: kms.client })]) {
          const out = await ours.decrypt(keyring, result);
          assert.deepEqual(out.plaintext, plaintext);
          assert.equal(out.messageHeader.suiteId, suiteId);
          assert.deepEqual({ ...out.messageHeader.encryptionContext }, { ...context, ...(suiteId === 0x0578 ? { 'aws-crypto-public-key': out.messageHeader.encryptionContext['aws-crypto-public-key'] } : {}) });
        }
      });
    }
  }

  it('streaming both ways with a 3 MiB message', async () => {
    const plaintext = randomBytes(3 * 1024 * 1024 + 17);
    const { result } = await theirs.encrypt(theirStrict(keyA), plaintext, { encryptionContext: context });
    const stream = ours.decryptStream(new KmsKeyring({ client: kms.client, generatorKeyId: keyA }));
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject));
    for (let i = 0; i < result.length; i += 65536) stream.write(result.subarray(i, i + 65536));
    stream.end();
    await done;
    assert.deepEqual(Buffer.concat(chunks), plaintext);
  });

  it('a key the message was not encrypted for: neither side decrypts', async () => {
    const keyC = (await createKey(kms.client)).Arn!;
    const mine = await ours.encrypt(new KmsKeyring({ client: kms.client, generatorKeyId: keyA }), 'secret', { encryptionContext: context });
    await assert.rejects(theirs.decrypt(theirStrict(keyC), mine.result));
    const theirsMessage = await theirs.encrypt(theirStrict(keyA), 'secret', { encryptionContext: context });
    await assert.rejects(ours.decrypt(new KmsKeyring({ client: kms.client, generatorKeyId: keyC }), theirsMessage.result), { code: 'NoKeyringCouldDecrypt' });
  });
});
