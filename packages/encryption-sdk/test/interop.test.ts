/**
 * Interoperability with the official @aws-crypto/client-node, both ways:
 * every algorithm suite, raw AES (128/192/256) and raw RSA (PKCS#1 v1.5,
 * OAEP SHA-1/256/384/512) keyrings, one-shot and streaming, 0 B … 10 MiB.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { buildClient } from '../src/client.ts';
import { ALGORITHM_SUITES, type AlgorithmSuite } from '../src/suites.ts';
import type { CommitmentPolicy } from '../src/materials.ts';
import { aesPair, aws, rsaPair, type KeyringPair } from './support/aws-crypto.ts';

function policyFor(suite: AlgorithmSuite): CommitmentPolicy {
  return suite.committing ? 'REQUIRE_ENCRYPT_REQUIRE_DECRYPT' : 'FORBID_ENCRYPT_ALLOW_DECRYPT';
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Splits `data` into chunks of varying sizes so frame boundaries fall anywhere. */
function chunked(data: Buffer): Readable {
  const pieces: Buffer[] = [];
  for (let at = 0, i = 0; at < data.length; i++) {
    const size = [1, 7, 4096, 65536, 333][i % 5];
    pieces.push(data.subarray(at, at + size));
    at += size;
  }
  return Readable.from(pieces);
}

const context = { purpose: 'interop', 'ключ': 'значение', '\u{1F511}': 'emoji key sorts after BMP keys in UTF-8', '\uFF61': 'half-width' };
const SIZES = [0, 1, 4095, 4096, 4097, 3 * 4096 + 5];

async function roundTrip(pair: KeyringPair, suite: AlgorithmSuite, plaintext: Buffer, frameLength?: number): Promise<void> {
  const policy = policyFor(suite);
  const ours = buildClient(policy);
  const theirs = aws.buildClient(policy as aws.CommitmentPolicy);
  const what = `${pair.label} suite 0x${suite.id.toString(16)} ${plaintext.length} B frame ${frameLength ?? 'default'}`;

  // ours → theirs
  const { result, messageHeader } = await ours.encrypt(pair.ours, plaintext, { suiteId: suite.id, encryptionContext: context, ...(frameLength ? { frameLength } : {}) });
  assert.equal(messageHeader.suiteId, suite.id);
  if (pair.theirsDecrypts) {
    const decrypted = await theirs.decrypt(pair.theirs, result);
    assert.ok(decrypted.plaintext.equals(plaintext), `client-node decrypts ours: ${what}`);
    assert.equal(decrypted.messageHeader.encryptionContext.purpose, 'interop');
  }
  const self = await ours.decrypt(pair.ours, result, { encryptionContext: { purpose: 'interop' } });
  assert.ok(self.plaintext.equals(plaintext), `we decrypt ours: ${what}`);

  // theirs → ours
  const theirsMessage = await theirs.encrypt(pair.theirs, plaintext, {
    suiteId: suite.id as aws.AlgorithmSuiteIdentifier,
    encryptionContext: context,
    ...(frameLength ? { frameLength } : {}),
  });
  const back = await ours.decrypt(pair.ours, theirsMessage.result);
  assert.ok(back.plaintext.equals(plaintext), `we decrypt client-node's: ${what}`);
  assert.deepEqual({ ...back.messageHeader.encryptionContext }, { ...theirsMessage.messageHeader.encryptionContext });
}

describe('interoperability with @aws-crypto/client-node', () => {
  const aes256 = aesPair(32);
  for (const suite of ALGORITHM_SUITES) {
    it(`suite 0x${suite.id.toString(16).padStart(4, '0')} ${suite.name}: raw AES-256, sizes ${SIZES.join('/')} B`, async () => {
      for (const size of SIZES) await roundTrip(aes256, suite, randomBytes(size));
      await roundTrip(aes256, suite, randomBytes(1000), 1);
      await roundTrip(aes256, suite, randomBytes(5000), 512);
    });
  }

  it('raw AES-128 and AES-192 wrapping keys with every suite', async () => {
    for (const pair of [aesPair(16), aesPair(24)]) {
      for (const suite of ALGORITHM_SUITES) await roundTrip(pair, suite, randomBytes(100));
    }
  });

  for (const padding of ['pkcs1', 'oaep-sha1', 'oaep-sha256', 'oaep-sha384', 'oaep-sha512'] as const) {
    it(`raw RSA ${padding} with every suite${padding === 'pkcs1' ? ' (client-node cannot decrypt PKCS#1 v1.5 on Node 20, so only its messages → ours)' : ''}`, async () => {
      const pair = rsaPair(padding);
      for (const suite of ALGORITHM_SUITES) await roundTrip(pair, suite, randomBytes(4097));
    });
  }

  it('10 MiB messages both ways (0x0578 and 0x0478, one-shot and streaming)', async () => {
    const plaintext = randomBytes(10 * 1024 * 1024);
    for (const suiteId of [0x0578, 0x0478]) {
      const suite = ALGORITHM_SUITES.find((s) => s.id === suiteId)!;
      await roundTrip(aes256, suite, plaintext);
      const ours = buildClient();
      const theirs = aws.buildClient(aws.CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
      // Our encryptStream → their decrypt; their encryptStream → our decryptStream.
      const ourMessage = await collect(chunked(plaintext).pipe(ours.encryptStream(aes256.ours, { suiteId, encryptionContext: context })));
      assert.ok((await theirs.decrypt(aes256.theirs, ourMessage)).plaintext.equals(plaintext));
      const theirMessage = await collect(chunked(plaintext).pipe(theirs.encryptStream(aes256.theirs, { suiteId: suiteId as aws.AlgorithmSuiteIdentifier })));
      const out: Buffer[] = [];
      await pipeline(chunked(theirMessage), ours.decryptStream(aes256.ours), async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) out.push(chunk);
      });
      assert.ok(Buffer.concat(out).equals(plaintext));
    }
  });

  it('streams of every suite decrypt with the other SDK', async () => {
    for (const suite of ALGORITHM_SUITES) {
      const plaintext = randomBytes(20000);
      const policy = policyFor(suite);
      const ours = buildClient(policy);
      const theirs = aws.buildClient(policy as aws.CommitmentPolicy);
      const ourMessage = await collect(chunked(plaintext).pipe(ours.encryptStream(aes256.ours, { suiteId: suite.id, frameLength: 1024 })));
      assert.ok((await theirs.decrypt(aes256.theirs, ourMessage)).plaintext.equals(plaintext));
      const theirMessage = (await theirs.encrypt(aes256.theirs, plaintext, { suiteId: suite.id as aws.AlgorithmSuiteIdentifier, frameLength: 1000 })).result;
      assert.ok((await collect(chunked(theirMessage).pipe(ours.decryptStream(aes256.ours)))).equals(plaintext));
    }
  });
});
