import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BLOB_HEADER_BYTES, BLOB_OVERHEAD, encodeBlob, encodeBlobHeader, parseBlob } from './ciphertext-blob.ts';

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';

describe('ciphertext blob v1', () => {
  it('lays out version, key id, material version, IV, ciphertext and tag as documented', () => {
    const header = encodeBlobHeader({ keyId: KEY_ID, materialVersion: 258 });
    assert.equal(header.length, 21);
    assert.equal(header.toString('hex'), '01' + '1234abcd12ab34cd56ef1234567890ab' + '00000102');
    const blob = encodeBlob(header, Buffer.alloc(12, 0xaa), Buffer.from('cipher'), Buffer.alloc(16, 0xbb));
    assert.equal(blob.length, BLOB_OVERHEAD + 6);
    assert.equal(blob.subarray(21, 33).toString('hex'), 'aa'.repeat(12));
    assert.equal(blob.subarray(33, 39).toString(), 'cipher');
    assert.equal(blob.subarray(39).toString('hex'), 'bb'.repeat(16));
  });

  it('parses what it encodes', () => {
    const header = encodeBlobHeader({ keyId: KEY_ID, materialVersion: 7 });
    const parsed = parseBlob(encodeBlob(header, Buffer.alloc(12, 1), Buffer.from('xyz'), Buffer.alloc(16, 2)));
    assert.ok(parsed);
    assert.equal(parsed.keyId, KEY_ID);
    assert.equal(parsed.materialVersion, 7);
    assert.deepEqual(parsed.header, header);
    assert.equal(parsed.ciphertext.toString(), 'xyz');
    assert.deepEqual(parsed.iv, Buffer.alloc(12, 1));
    assert.deepEqual(parsed.tag, Buffer.alloc(16, 2));
  });

  it('rejects blobs that are too short, of another version, or of material version 0', () => {
    const header = encodeBlobHeader({ keyId: KEY_ID, materialVersion: 1 });
    const blob = encodeBlob(header, Buffer.alloc(12), Buffer.from('p'), Buffer.alloc(16));
    assert.equal(parseBlob(blob.subarray(0, BLOB_OVERHEAD - 1)), undefined);
    assert.equal(parseBlob(Buffer.alloc(0)), undefined);
    const otherVersion = Buffer.from(blob);
    otherVersion[0] = 3;
    assert.equal(parseBlob(otherVersion), undefined);
    const versionZero = Buffer.from(blob);
    versionZero.writeUInt32BE(0, BLOB_HEADER_BYTES - 4);
    assert.equal(parseBlob(versionZero), undefined);
  });

  it('names keys only by UUID or mrk- id, and versions only in range', () => {
    assert.throws(() => encodeBlobHeader({ keyId: 'alias/x', materialVersion: 1 }));
    assert.throws(() => encodeBlobHeader({ keyId: 'mrk-1234', materialVersion: 1 }));
    assert.throws(() => encodeBlobHeader({ keyId: 'mrk-' + 'A'.repeat(32), materialVersion: 1 }));
    assert.throws(() => encodeBlobHeader({ keyId: KEY_ID, materialVersion: 0 }));
    assert.throws(() => encodeBlobHeader({ keyId: KEY_ID, materialVersion: 2 ** 32 }));
  });
});

describe('ciphertext blob v2 (multi-Region key ids)', () => {
  const MRK = 'mrk-1234abcd12ab34cd56ef1234567890ab';

  it('is version 2 with the 32 hex digits after "mrk-" as the key id', () => {
    const header = encodeBlobHeader({ keyId: MRK, materialVersion: 3 });
    assert.equal(header.toString('hex'), '02' + '1234abcd12ab34cd56ef1234567890ab' + '00000003');
  });

  it('parses back to the mrk- id, distinct from the UUID with the same 16 bytes', () => {
    const mrk = parseBlob(encodeBlob(encodeBlobHeader({ keyId: MRK, materialVersion: 3 }), Buffer.alloc(12), Buffer.from('p'), Buffer.alloc(16)));
    const uuid = parseBlob(encodeBlob(encodeBlobHeader({ keyId: KEY_ID, materialVersion: 3 }), Buffer.alloc(12), Buffer.from('p'), Buffer.alloc(16)));
    assert.equal(mrk?.keyId, MRK);
    assert.equal(mrk?.materialVersion, 3);
    assert.equal(uuid?.keyId, KEY_ID);
  });
});
