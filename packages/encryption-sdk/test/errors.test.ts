/**
 * Failure cases: each gives its own error class and never any plaintext —
 * wrong key, tampered header, tampered frame, truncated message, encryption
 * context mismatch, commitment mismatch, too many EDKs, policy violations,
 * bad signature, trailing bytes, base64 input.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { buildClient } from '../src/client.ts';
import { RawAesKeyring } from '../src/keyrings/raw-aes.ts';
import { MultiKeyring } from '../src/keyrings/multi.ts';
import { parseHeader } from '../src/format/header.ts';
import {
  CommitmentMismatchError,
  CommitmentPolicyViolationError,
  EncryptionContextMismatchError,
  EncryptionSdkError,
  InvalidArgumentError,
  MalformedMessageError,
  NoKeyringCouldDecryptError,
  SignatureInvalidError,
  TamperedFrameError,
  TamperedHeaderError,
  TooManyEncryptedDataKeysError,
  TruncatedMessageError,
} from '../src/errors.ts';

const keyring = new RawAesKeyring({ keyNamespace: 'ns', keyName: 'key', wrappingKey: randomBytes(32) });
const client = buildClient({ commitmentPolicy: 'REQUIRE_ENCRYPT_ALLOW_DECRYPT' });
const legacy = buildClient('FORBID_ENCRYPT_ALLOW_DECRYPT');
const plaintext = randomBytes(3 * 1024 + 100);
const context = { tenant: 'acme', purpose: 'errors' };

async function message(suiteId: number, c = suiteId >= 0x0478 ? client : legacy): Promise<Buffer> {
  return (await c.encrypt(keyring, plaintext, { suiteId, encryptionContext: context, frameLength: 1024 })).result;
}

function flip(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] ^= 0x01;
  return copy;
}

/** Decrypts one-shot and as a stream; both must fail with `errorClass` and the stream must not emit plaintext if `noStreamOutput`. */
async function expectFailure(ciphertext: Buffer, errorClass: new (...args: any[]) => EncryptionSdkError, options: { encryptionContext?: Record<string, string> } = {}, noStreamOutput = true): Promise<void> {
  await assert.rejects(client.decrypt(keyring, ciphertext, options), errorClass);
  const stream = client.decryptStream(keyring, options);
  const emitted: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => emitted.push(chunk));
  const done = new Promise<unknown>((resolve) => {
    stream.on('error', resolve);
    stream.on('end', () => resolve(undefined));
  });
  stream.end(ciphertext);
  const error = await done;
  assert.ok(error instanceof errorClass, `stream error ${String(error)} is not ${errorClass.name}`);
  if (noStreamOutput) assert.equal(emitted.length, 0, 'the stream released plaintext');
}

describe('decrypt failures', () => {
  it('wrong key: NoKeyringCouldDecryptError (other key material, other key name, other namespace)', async () => {
    const ciphertext = await message(0x0578);
    for (const other of [
      new RawAesKeyring({ keyNamespace: 'ns', keyName: 'key', wrappingKey: randomBytes(32) }),
      new RawAesKeyring({ keyNamespace: 'ns', keyName: 'other', wrappingKey: randomBytes(32) }),
      new RawAesKeyring({ keyNamespace: 'other-ns', keyName: 'key', wrappingKey: randomBytes(32) }),
    ]) {
      await assert.rejects(client.decrypt(other, ciphertext), NoKeyringCouldDecryptError);
    }
  });

  it('tampered header: TamperedHeaderError (frame length, header tag) / CommitmentMismatchError (message ID of a committing suite)', async () => {
    for (const suiteId of [0x0578, 0x0478, 0x0378, 0x0178, 0x0014]) {
      const ciphertext = await message(suiteId);
      const parsed = parseHeader(ciphertext)!;
      const bodyLength = parsed.body.length;
      const v2 = parsed.header.version === 2;
      // frame length field: v2 → just before the 32-byte suite data; v1 → last 4 bytes of the body.
      const frameLengthAt = v2 ? bodyLength - 32 - 1 : bodyLength - 1;
      await expectFailure(flip(ciphertext, frameLengthAt), TamperedHeaderError);
      await expectFailure(flip(ciphertext, parsed.length - 1), TamperedHeaderError); // header auth tag
      // message ID: changes the derived keys → commitment (v2) / header tag (v1)
      await expectFailure(flip(ciphertext, v2 ? 5 : 6), v2 ? CommitmentMismatchError : TamperedHeaderError);
    }
  });

  it('commitment mismatch: a different commit key in the header', async () => {
    for (const suiteId of [0x0578, 0x0478]) {
      const ciphertext = await message(suiteId);
      const parsed = parseHeader(ciphertext)!;
      await expectFailure(flip(ciphertext, parsed.body.length - 7), CommitmentMismatchError);
    }
  });

  it('tampered frame: TamperedFrameError; signed and one-shot never release plaintext', async () => {
    for (const suiteId of [0x0578, 0x0478, 0x0378, 0x0014]) {
      const ciphertext = await message(suiteId);
      const headerLength = parseHeader(ciphertext)!.length;
      const signed = suiteId === 0x0578 || suiteId === 0x0378;
      // a byte of the second frame's ciphertext, of the first frame's tag, and of the final frame's content
      for (const at of [headerLength + 1056 + 40, headerLength + 1056 - 1, ciphertext.length - (signed ? 120 : 20)]) {
        // Unsigned streams release frames that authenticated before the tampered one (by design, documented).
        await expectFailure(flip(ciphertext, at), TamperedFrameError, {}, signed || at < headerLength + 1056);
      }
      // frames out of order: swap the sequence number of frame 1
      const swapped = Buffer.from(ciphertext);
      swapped.writeUInt32BE(2, headerLength);
      await expectFailure(swapped, TamperedFrameError);
    }
  });

  it('bad signature: SignatureInvalidError and no plaintext, even streaming', async () => {
    for (const suiteId of [0x0578, 0x0378, 0x0346, 0x0214]) {
      const ciphertext = await message(suiteId);
      await expectFailure(flip(ciphertext, ciphertext.length - 3), SignatureInvalidError);
    }
  });

  it('truncated: every proper prefix fails with TruncatedMessageError, streaming releases nothing for signed suites', async () => {
    for (const suiteId of [0x0578, 0x0478]) {
      const ciphertext = (await client.encrypt(keyring, randomBytes(300), { suiteId, frameLength: 128 })).result;
      for (let length = 0; length < ciphertext.length; length++) {
        await assert.rejects(client.decrypt(keyring, ciphertext.subarray(0, length)), TruncatedMessageError, `prefix ${length}`);
      }
      await expectFailure(ciphertext.subarray(0, ciphertext.length - 1), TruncatedMessageError, {}, suiteId === 0x0578);
    }
  });

  it('bytes after the end of the message: MalformedMessageError', async () => {
    for (const suiteId of [0x0578, 0x0478]) {
      const ciphertext = await message(suiteId);
      await expectFailure(Buffer.concat([ciphertext, Buffer.of(0)]), MalformedMessageError, {}, suiteId === 0x0578);
    }
  });

  it('encryption context expectations: a differing value or a pair the message lacks fail with EncryptionContextMismatchError', async () => {
    const ciphertext = await message(0x0578);
    await expectFailure(ciphertext, EncryptionContextMismatchError, { encryptionContext: { tenant: 'other' } });
    await expectFailure(ciphertext, EncryptionContextMismatchError, { encryptionContext: { tenant: 'acme', extra: 'pair' } });
    const { plaintext: ok } = await client.decrypt(keyring, ciphertext, { encryptionContext: { tenant: 'acme' } });
    assert.ok(ok.equals(plaintext));
  });

  it('maximum number of encrypted data keys: encrypt and decrypt refuse more; decrypt stops right after the count', async () => {
    const three = new MultiKeyring({
      generator: keyring,
      children: [new RawAesKeyring({ keyNamespace: 'ns', keyName: 'k2', wrappingKey: randomBytes(16) }), new RawAesKeyring({ keyNamespace: 'ns', keyName: 'k3', wrappingKey: randomBytes(24) })],
    });
    const limited = buildClient({ maxEncryptedDataKeys: 2 });
    await assert.rejects(limited.encrypt(three, plaintext), TooManyEncryptedDataKeysError);
    const ciphertext = (await buildClient({ maxEncryptedDataKeys: 3 }).encrypt(three, plaintext)).result;
    await assert.rejects(limited.decrypt(keyring, ciphertext), TooManyEncryptedDataKeysError);
    // Only the header up to the EDK count: still the EDK error, not "truncated".
    const countEnd = 1 + 2 + 32 + 2 + ciphertext.readUInt16BE(35) + 2;
    await assert.rejects(limited.decrypt(keyring, ciphertext.subarray(0, countEnd)), TooManyEncryptedDataKeysError);
    assert.ok((await buildClient({ maxEncryptedDataKeys: 3 }).decrypt(keyring, ciphertext)).plaintext.equals(plaintext));
    assert.throws(() => buildClient({ maxEncryptedDataKeys: 0 }), InvalidArgumentError);
  });

  it('commitment policies: REQUIRE_…_REQUIRE_DECRYPT refuses legacy messages; encrypt refuses suites outside the policy', async () => {
    const legacyMessage = await message(0x0178);
    await assert.rejects(buildClient().decrypt(keyring, legacyMessage), CommitmentPolicyViolationError);
    await assert.rejects(buildClient().encrypt(keyring, plaintext, { suiteId: 0x0178 }), CommitmentPolicyViolationError);
    await assert.rejects(buildClient('REQUIRE_ENCRYPT_ALLOW_DECRYPT').encrypt(keyring, plaintext, { suiteId: 0x0378 }), CommitmentPolicyViolationError);
    await assert.rejects(legacy.encrypt(keyring, plaintext, { suiteId: 0x0478 }), CommitmentPolicyViolationError);
    // FORBID_ENCRYPT_ALLOW_DECRYPT still reads committing messages.
    assert.ok((await legacy.decrypt(keyring, await message(0x0478))).plaintext.equals(plaintext));
    // The default suites per policy.
    assert.equal((await buildClient().encrypt(keyring, plaintext)).messageHeader.suiteId, 0x0578);
    assert.equal((await legacy.encrypt(keyring, plaintext)).messageHeader.suiteId, 0x0378);
  });

  it('caller errors: reserved context keys, unknown suites, bad frame lengths, base64 input', async () => {
    await assert.rejects(client.encrypt(keyring, plaintext, { encryptionContext: { 'aws-crypto-public-key': 'x' } }), InvalidArgumentError);
    await assert.rejects(client.encrypt(keyring, plaintext, { suiteId: 0x0070 }), EncryptionSdkError);
    await assert.rejects(client.encrypt(keyring, plaintext, { frameLength: 0 }), InvalidArgumentError);
    await assert.rejects(client.encrypt(keyring, plaintext, { frameLength: 2 ** 32 }), InvalidArgumentError);
    const ciphertext = await message(0x0378);
    await assert.rejects(client.decrypt(keyring, Buffer.from(ciphertext.toString('base64'))), /base64/);
  });
});
