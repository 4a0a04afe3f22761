import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalEncryptionContext, EncryptionContextError } from './encryption-context.ts';

const hex = (b: Buffer) => b.toString('hex');

describe('canonicalEncryptionContext', () => {
  it('encodes count, then length-prefixed keys and values, big-endian', () => {
    assert.equal(hex(canonicalEncryptionContext({ a: 'bc' })), '00000001' + '00000001' + '61' + '00000002' + '6263');
  });

  it('treats an absent and an empty context alike', () => {
    assert.equal(hex(canonicalEncryptionContext(undefined)), '00000000');
    assert.equal(hex(canonicalEncryptionContext({})), '00000000');
  });

  it('does not depend on the order the pairs were given in', () => {
    assert.deepEqual(canonicalEncryptionContext({ b: '2', a: '1', c: '3' }), canonicalEncryptionContext({ c: '3', a: '1', b: '2' }));
  });

  it('never lets a boundary shift produce the same bytes (no plain concatenation)', () => {
    assert.notDeepEqual(canonicalEncryptionContext({ ab: 'c' }), canonicalEncryptionContext({ a: 'bc' }));
    assert.notDeepEqual(canonicalEncryptionContext({ a: 'b', c: 'd' }), canonicalEncryptionContext({ a: 'bcd' }));
    assert.notDeepEqual(canonicalEncryptionContext({ a: '' }), canonicalEncryptionContext({}));
  });

  it('sorts by UTF-8 bytes, not UTF-16 code units', () => {
    // U+FF61 is 0xEF... in UTF-8 and 0xFF61 in UTF-16; U+1F600 is 0xF0... and 0xD83D... — the orders disagree.
    const encoded = canonicalEncryptionContext({ '\u{1F600}': 'x', '\uFF61': 'y' });
    const firstKey = encoded.subarray(8, 8 + encoded.readUInt32BE(4)).toString('utf8');
    assert.equal(firstKey, '\uFF61');
  });

  it('encodes non-ASCII by its UTF-8 length', () => {
    const encoded = canonicalEncryptionContext({ 'é': '€' });
    assert.equal(encoded.readUInt32BE(4), 2);
    assert.equal(encoded.readUInt32BE(10), 3);
  });

  it('refuses strings with lone surrogates, which would collide once encoded', () => {
    assert.throws(() => canonicalEncryptionContext({ '\ud800': 'x' }), EncryptionContextError);
    assert.throws(() => canonicalEncryptionContext({ x: 'a\udc00' }), EncryptionContextError);
    assert.doesNotThrow(() => canonicalEncryptionContext({ x: '\ud83d\ude00' }));
  });
});
