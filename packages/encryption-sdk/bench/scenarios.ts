/**
 * What the Encryption SDK benchmark measures, each against the same inputs:
 *
 * - one large message (default 64 MiB, suite 0x0578, frame 4096, raw AES
 *   keyring): this SDK, @aws-crypto/client-node, and plain node:crypto
 *   AES-256-GCM doing the framing work without the format (one cipher per
 *   4 KiB frame, same key for all) — MiB/s to encrypt and to decrypt;
 * - many 1 KiB messages: messages/s to encrypt and decrypt, with and without
 *   a caching CMM, for this SDK and client-node;
 * - how many data keys the caching CMM asked for (generator keyring calls).
 *
 * Every scenario checks its output once (round trip, and a cross-decrypt by
 * the other SDK) so that a fast but wrong result cannot pass unnoticed.
 */
import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as aws from '@aws-crypto/client-node';
import { CachingCryptographicMaterialsManager } from '../src/caching/index.ts';
import { buildClient } from '../src/client.ts';
import { RawAesKeyring } from '../src/keyrings/raw-aes.ts';
import type { DecryptionMaterials, EncryptedDataKey, EncryptionMaterials, Keyring } from '../src/materials.ts';
import { rate, timed, type Rate, type Timing } from './measure.ts';

const SUITE = 0x0578;
const FRAME = 4096;
const NAMESPACE = 'bench-ns';
const KEY_NAME = 'bench-key';

export interface Keyrings {
  readonly wrappingKey: Buffer;
  readonly ours: RawAesKeyring;
  readonly theirs: aws.RawAesKeyringNode;
}

export function keyrings(): Keyrings {
  const wrappingKey = randomBytes(32);
  return {
    wrappingKey,
    ours: new RawAesKeyring({ keyNamespace: NAMESPACE, keyName: KEY_NAME, wrappingKey }),
    theirs: new aws.RawAesKeyringNode({
      keyNamespace: NAMESPACE,
      keyName: KEY_NAME,
      unencryptedMasterKey: new Uint8Array(wrappingKey),
      wrappingSuite: aws.RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
      utf8Sorting: true,
    }),
  };
}

const ours = buildClient();
const theirs = aws.buildClient(aws.CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);

export interface LargeMessageResult {
  readonly bytes: number;
  /** MiB/s. */
  readonly encrypt: Rate;
  readonly decrypt: Rate;
}

async function repeat(runs: number, work: () => Promise<unknown> | unknown): Promise<Timing[]> {
  const timings: Timing[] = [];
  for (let i = 0; i < runs; i++) timings.push((await timed(work)).timing);
  return timings;
}

function mib(bytes: number): number {
  return bytes / 2 ** 20;
}

export async function largeMessageOurs(plaintext: Buffer, k: Keyrings, runs: number): Promise<LargeMessageResult> {
  const options = { suiteId: SUITE, frameLength: FRAME };
  const { result } = await ours.encrypt(k.ours, plaintext, options);
  assert.ok((await ours.decrypt(k.ours, result)).plaintext.equals(plaintext), 'our round trip');
  assert.ok(Buffer.from((await theirs.decrypt(k.theirs, result)).plaintext).equals(plaintext), 'client-node decrypts our message');
  const encrypt = await repeat(runs, () => ours.encrypt(k.ours, plaintext, options));
  const decrypt = await repeat(runs, () => ours.decrypt(k.ours, result));
  return { bytes: plaintext.length, encrypt: rate(mib(plaintext.length), encrypt), decrypt: rate(mib(plaintext.length), decrypt) };
}

/** The streaming API on the same message, fed in 64 KiB chunks (informational). */
export async function largeMessageOursStreaming(plaintext: Buffer, k: Keyrings, runs: number): Promise<LargeMessageResult> {
  const through = (stream: NodeJS.ReadWriteStream, input: Buffer) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => resolve(Buffer.concat(chunks)));
      stream.on('error', reject);
      const CHUNK = 64 * 1024;
      let offset = 0;
      const pump = () => {
        while (offset < input.length) {
          const ok = stream.write(input.subarray(offset, offset + CHUNK));
          offset += CHUNK;
          if (!ok) return void stream.once('drain', pump);
        }
        stream.end();
      };
      pump();
    });
  const message = await through(ours.encryptStream(k.ours, { suiteId: SUITE, frameLength: FRAME }), plaintext);
  assert.ok((await through(ours.decryptStream(k.ours), message)).equals(plaintext), 'streaming round trip');
  const encrypt = await repeat(runs, () => through(ours.encryptStream(k.ours, { suiteId: SUITE, frameLength: FRAME }), plaintext));
  const decrypt = await repeat(runs, () => through(ours.decryptStream(k.ours), message));
  return { bytes: plaintext.length, encrypt: rate(mib(plaintext.length), encrypt), decrypt: rate(mib(plaintext.length), decrypt) };
}

export async function largeMessageTheirs(plaintext: Buffer, k: Keyrings, runs: number): Promise<LargeMessageResult> {
  const options = { suiteId: SUITE as aws.AlgorithmSuiteIdentifier, frameLength: FRAME };
  const { result } = await theirs.encrypt(k.theirs, plaintext, options);
  assert.ok((await ours.decrypt(k.ours, result)).plaintext.equals(plaintext), 'we decrypt the client-node message');
  const encrypt = await repeat(runs, () => theirs.encrypt(k.theirs, plaintext, options));
  const decrypt = await repeat(runs, () => theirs.decrypt(k.theirs, result));
  return { bytes: plaintext.length, encrypt: rate(mib(plaintext.length), encrypt), decrypt: rate(mib(plaintext.length), decrypt) };
}

/**
 * The framing work without the format: AES-256-GCM with a new cipher per
 * 4 KiB frame, a 12-byte sequence-number IV and a small per-frame AAD, into
 * one preallocated output — what any framed AES-GCM design must pay.
 */
export function plainGcmFraming(plaintext: Buffer, key: Buffer): { encrypt: () => Buffer; decrypt: (sealed: Buffer) => Buffer } {
  const frames = Math.ceil(plaintext.length / FRAME) || 1;
  const aad = Buffer.alloc(32 + 12);
  const iv = Buffer.alloc(12);
  const sealedLength = plaintext.length + frames * 16;
  return {
    encrypt() {
      const out = Buffer.allocUnsafe(sealedLength);
      let offset = 0;
      for (let seq = 1, pos = 0; seq <= frames; seq++, pos += FRAME) {
        iv.writeUInt32BE(seq, 8);
        aad.writeUInt32BE(seq, 32);
        const cipher = createCipheriv('aes-256-gcm', key, iv);
        cipher.setAAD(aad);
        const chunk = plaintext.subarray(pos, pos + FRAME);
        offset += cipher.update(chunk).copy(out, offset);
        cipher.final();
        offset += cipher.getAuthTag().copy(out, offset);
      }
      return out;
    },
    decrypt(sealed: Buffer) {
      const out = Buffer.allocUnsafe(plaintext.length);
      let offset = 0;
      let pos = 0;
      for (let seq = 1; seq <= frames; seq++) {
        const length = Math.min(FRAME, plaintext.length - offset);
        iv.writeUInt32BE(seq, 8);
        aad.writeUInt32BE(seq, 32);
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAAD(aad);
        decipher.setAuthTag(sealed.subarray(pos + length, pos + length + 16));
        offset += decipher.update(sealed.subarray(pos, pos + length)).copy(out, offset);
        decipher.final();
        pos += length + 16;
      }
      return out;
    },
  };
}

export async function largeMessagePlain(plaintext: Buffer, runs: number): Promise<LargeMessageResult> {
  const gcm = plainGcmFraming(plaintext, randomBytes(32));
  const sealed = gcm.encrypt();
  assert.ok(gcm.decrypt(sealed).equals(plaintext), 'plain framing round trip');
  const encrypt = await repeat(runs, () => gcm.encrypt());
  const decrypt = await repeat(runs, () => gcm.decrypt(sealed));
  return { bytes: plaintext.length, encrypt: rate(mib(plaintext.length), encrypt), decrypt: rate(mib(plaintext.length), decrypt) };
}

/** Counts the generator keyring's calls: with KMS, each would be one GenerateDataKey. */
export class CountingKeyring implements Keyring {
  encrypts = 0;
  decrypts = 0;
  constructor(private readonly inner: Keyring) {}
  onEncrypt(materials: EncryptionMaterials): Promise<EncryptionMaterials> {
    this.encrypts += 1;
    return this.inner.onEncrypt(materials);
  }
  onDecrypt(materials: DecryptionMaterials, edks: readonly EncryptedDataKey[]): Promise<DecryptionMaterials> {
    this.decrypts += 1;
    return this.inner.onDecrypt(materials, edks);
  }
}

export interface SmallMessagesResult {
  readonly messages: number;
  readonly size: number;
  /** messages/s */
  readonly encrypt: Rate;
  readonly decrypt: Rate;
  /** Data keys obtained from the keyring while encrypting (one per message without caching). */
  readonly keyringEncryptCalls?: number;
  readonly keyringDecryptCalls?: number;
}

function smallPlaintexts(count: number, size: number): Buffer[] {
  const all = randomBytes(count * size);
  return Array.from({ length: count }, (_, i) => all.subarray(i * size, (i + 1) * size));
}

export async function smallMessagesOurs(count: number, size: number, k: Keyrings, caching: boolean): Promise<SmallMessagesResult> {
  const counter = new CountingKeyring(k.ours);
  const materials = () => (caching ? new CachingCryptographicMaterialsManager({ backingMaterials: counter, maxAge: 10 * 60_000 }) : counter);
  const plaintexts = smallPlaintexts(count, size);
  const encryptWith = materials();
  const messages: Buffer[] = [];
  const enc = await timed(async () => {
    for (const p of plaintexts) messages.push((await ours.encrypt(encryptWith, p)).result);
  });
  const keyringEncryptCalls = counter.encrypts;
  const decryptWith = materials();
  const dec = await timed(async () => {
    for (const m of messages) await ours.decrypt(decryptWith, m);
  });
  // Spot checks outside the timed parts.
  for (const i of [0, count - 1]) {
    assert.ok((await ours.decrypt(k.ours, messages[i])).plaintext.equals(plaintexts[i]));
    assert.ok(Buffer.from((await theirs.decrypt(k.theirs, messages[i])).plaintext).equals(plaintexts[i]));
  }
  return { messages: count, size, encrypt: rate(count, [enc.timing]), decrypt: rate(count, [dec.timing]), keyringEncryptCalls, keyringDecryptCalls: counter.decrypts };
}

export async function smallMessagesTheirs(count: number, size: number, k: Keyrings, caching: boolean): Promise<SmallMessagesResult> {
  const materials = () =>
    caching ? new aws.NodeCachingMaterialsManager({ backingMaterials: k.theirs, cache: aws.getLocalCryptographicMaterialsCache(100), maxAge: 10 * 60_000 }) : k.theirs;
  const plaintexts = smallPlaintexts(count, size);
  const encryptWith = materials();
  const messages: Buffer[] = [];
  const enc = await timed(async () => {
    // client-node's caching CMM needs the plaintext length to cache (the one-shot encrypt passes it).
    for (const p of plaintexts) messages.push((await theirs.encrypt(encryptWith, p)).result);
  });
  const decryptWith = materials();
  const dec = await timed(async () => {
    for (const m of messages) await theirs.decrypt(decryptWith, m);
  });
  assert.ok((await ours.decrypt(k.ours, messages[0])).plaintext.equals(plaintexts[0]));
  return { messages: count, size, encrypt: rate(count, [enc.timing]), decrypt: rate(count, [dec.timing]) };
}
