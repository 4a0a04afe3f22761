import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from '../../../crypto/primitives.ts';
import { parseBlob } from './ciphertext-blob.ts';
import { decryptSymmetric, encryptSymmetric } from './symmetric.ts';

const ref = { keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', materialVersion: 3, material: randomBytes(32) };

describe('symmetric encryption under key material', () => {
  it('round-trips with the same context, in any key order', () => {
    const blob = encryptSymmetric(ref, Buffer.from('secret'), { a: '1', b: '2' });
    assert.equal(decryptSymmetric(ref.material, parseBlob(blob)!, { b: '2', a: '1' })?.toString(), 'secret');
  });

  it('uses a fresh IV every time', () => {
    const a = encryptSymmetric(ref, Buffer.from('same'), undefined);
    const b = encryptSymmetric(ref, Buffer.from('same'), undefined);
    assert.notDeepEqual(a, b);
  });

  it('fails for another context, other material, or a changed header', () => {
    const blob = encryptSymmetric(ref, Buffer.from('secret'), { purpose: 'test' });
    assert.equal(decryptSymmetric(ref.material, parseBlob(blob)!, { purpose: 'other' }), undefined);
    assert.equal(decryptSymmetric(ref.material, parseBlob(blob)!, undefined), undefined);
    assert.equal(decryptSymmetric(randomBytes(32), parseBlob(blob)!, { purpose: 'test' }), undefined);
    const moved = Buffer.from(blob);
    moved.writeUInt32BE(4, 17);
    assert.equal(decryptSymmetric(ref.material, parseBlob(moved)!, { purpose: 'test' }), undefined);
  });
});
