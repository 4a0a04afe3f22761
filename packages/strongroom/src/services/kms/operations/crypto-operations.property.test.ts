/**
 * Property: for random plaintexts (1–4096 bytes) and random encryption
 * contexts, Decrypt(Encrypt(x)) == x through the real handlers, and any
 * single-bit change of the blob, or any change of the context, fails with
 * InvalidCiphertextException (IncorrectKeyException when a KeyId is given
 * and the flipped bit lies in the key id).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { testStoreEngines } from '../../../testing/test-stores.ts';
import { canonicalEncryptionContext } from '../crypto/encryption-context.ts';
import { openKmsTestBed, testContext, type KmsTestBed } from '../kms-test-support.ts';
import { createKey } from './create-key.ts';
import { decrypt } from './decrypt.ts';
import { encrypt } from './encrypt.ts';

const ctx = testContext();
const plaintexts = fc.uint8Array({ minLength: 1, maxLength: 4096 });
const contexts = fc.dictionary(fc.string({ unit: 'binary', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 40 }), { maxKeys: 6 });

async function failure(result: unknown): Promise<string> {
  return Promise.resolve(result).then(
    () => 'succeeded',
    (e: Error) => e.name,
  );
}

describe('Encrypt/Decrypt properties [sqlite]', () => {
  let bed: KmsTestBed;
  let keyId: string;
  let enc: ReturnType<typeof encrypt>;
  let dec: ReturnType<typeof decrypt>;
  before(async () => {
    bed = await openKmsTestBed(testStoreEngines()[0]);
    keyId = (await createKey(bed.kms)(ctx, {})).KeyMetadata!.KeyId;
    enc = encrypt(bed.kms);
    dec = decrypt(bed.kms);
  });
  after(() => bed?.close());

  it('decrypts what it encrypts', async () => {
    await fc.assert(
      fc.asyncProperty(plaintexts, contexts, async (plaintext, context) => {
        const { CiphertextBlob } = await enc(ctx, { KeyId: keyId, Plaintext: plaintext, EncryptionContext: context });
        const out = await dec(ctx, { CiphertextBlob, EncryptionContext: { ...context } });
        assert.deepEqual(new Uint8Array(out.Plaintext!), plaintext);
      }),
      { numRuns: 150 },
    );
  });

  it('rejects every single-bit change of the blob', async () => {
    await fc.assert(
      fc.asyncProperty(plaintexts, contexts, fc.nat(), fc.boolean(), async (plaintext, context, bitSeed, withKeyId) => {
        const { CiphertextBlob } = await enc(ctx, { KeyId: keyId, Plaintext: plaintext, EncryptionContext: context });
        const tampered = Buffer.from(CiphertextBlob!);
        const bit = bitSeed % (tampered.length * 8);
        tampered[bit >> 3] ^= 1 << (bit & 7);
        const name = await failure(dec(ctx, { CiphertextBlob: tampered, EncryptionContext: context, KeyId: withKeyId ? keyId : undefined }));
        const inKeyId = bit >= 8 && bit < 8 * 17;
        assert.equal(name, withKeyId && inKeyId ? 'IncorrectKeyException' : 'InvalidCiphertextException', `bit ${bit}`);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects any other encryption context', async () => {
    await fc.assert(
      fc.asyncProperty(plaintexts, contexts, contexts, async (plaintext, context, other) => {
        fc.pre(!canonicalEncryptionContext(context).equals(canonicalEncryptionContext(other)));
        const { CiphertextBlob } = await enc(ctx, { KeyId: keyId, Plaintext: plaintext, EncryptionContext: context });
        assert.equal(await failure(dec(ctx, { CiphertextBlob, EncryptionContext: other })), 'InvalidCiphertextException');
      }),
      { numRuns: 150 },
    );
  });

  it('rejects truncated blobs', async () => {
    await fc.assert(
      fc.asyncProperty(plaintexts, fc.nat(), async (plaintext, cutSeed) => {
        const { CiphertextBlob } = await enc(ctx, { KeyId: keyId, Plaintext: plaintext });
        const cut = 1 + (cutSeed % (CiphertextBlob!.length - 1));
        assert.equal(await failure(dec(ctx, { CiphertextBlob: CiphertextBlob!.subarray(0, CiphertextBlob!.length - cut) })), 'InvalidCiphertextException');
      }),
      { numRuns: 100 },
    );
  });
});
