/**
 * Non-framed bodies (content type 0x01): the SDK never writes them (the
 * specification forbids it, and client-node cannot either), so messages come
 * from an independent minimal writer; both our decrypt and client-node's
 * must read them, and tampering must fail.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { buildClient } from '../src/client.ts';
import { RawAesKeyring } from '../src/keyrings/raw-aes.ts';
import { TamperedFrameError, SignatureInvalidError } from '../src/errors.ts';
import { writeNonFramedMessage } from './support/independent-writer.ts';
import { aws } from './support/aws-crypto.ts';

const wrappingKey = randomBytes(32);
const ours = new RawAesKeyring({ keyNamespace: 'nf', keyName: 'key', wrappingKey });
const theirs = new aws.RawAesKeyringNode({
  keyNamespace: 'nf',
  keyName: 'key',
  unencryptedMasterKey: new Uint8Array(wrappingKey),
  wrappingSuite: aws.RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
  utf8Sorting: true,
});
const client = buildClient('REQUIRE_ENCRYPT_ALLOW_DECRYPT');
const theirClient = aws.buildClient(aws.CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);

describe('non-framed messages', () => {
  for (const suiteId of [0x0178, 0x0378, 0x0478, 0x0578] as const) {
    it(`suite 0x${suiteId.toString(16).padStart(4, '0')}: ours and client-node decrypt them; tampering fails`, async () => {
      for (const size of [0, 1, 5000, 300_000]) {
        const plaintext = randomBytes(size);
        const message = writeNonFramedMessage({ suiteId, plaintext, wrappingKey, keyNamespace: 'nf', keyName: 'key', context: { kind: 'non-framed' } });
        const theirsResult = await theirClient.decrypt(theirs, message);
        assert.ok(theirsResult.plaintext.equals(plaintext), 'client-node accepts the independent writer');
        const { plaintext: decrypted, messageHeader } = await client.decrypt(ours, message, { encryptionContext: { kind: 'non-framed' } });
        assert.ok(decrypted.equals(plaintext));
        assert.equal(messageHeader.contentType, 1);
        assert.equal(messageHeader.frameLength, 0);
        // streaming, one byte at a time for the small ones
        const stream = client.decryptStream(ours);
        const out: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => out.push(chunk));
        const ended = new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject));
        const step = size < 10_000 ? 1 : 4096;
        for (let at = 0; at < message.length; at += step) stream.write(message.subarray(at, at + step));
        stream.end();
        await ended;
        assert.ok(Buffer.concat(out).equals(plaintext));
      }
      const message = writeNonFramedMessage({ suiteId, plaintext: randomBytes(100), wrappingKey, keyNamespace: 'nf', keyName: 'key', context: {} });
      const signed = suiteId === 0x0378 || suiteId === 0x0578;
      const bodyByte = message.length - (signed ? 110 : 20);
      const tampered = Buffer.from(message);
      tampered[bodyByte] ^= 1;
      await assert.rejects(client.decrypt(ours, tampered), TamperedFrameError);
      if (signed) {
        const badSignature = Buffer.from(message);
        badSignature[message.length - 2] ^= 1;
        await assert.rejects(client.decrypt(ours, badSignature), SignatureInvalidError);
      }
    });
  }
});
