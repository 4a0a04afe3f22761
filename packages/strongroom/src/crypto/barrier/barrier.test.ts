import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { randomBytes } from '../primitives.ts';
import { rowAad } from './aad.ts';
import { AesGcmBarrier } from './barrier.ts';
import { ENVELOPE_OVERHEAD } from './envelope.ts';
import { BarrierError, type BarrierFailure } from './errors.ts';

const key = randomBytes(32);
const barrier = AesGcmBarrier.fromRootKey(key);
const AAD = 'access_keys/AKIAEXAMPLE/secret_sealed';

function failsWith(reason: BarrierFailure) {
  return (error: unknown) => {
    assert.ok(error instanceof BarrierError, `expected BarrierError, got ${error}`);
    assert.equal(error.reason, reason);
    return true;
  };
}

describe('AesGcmBarrier', () => {
  it('round-trips empty, small, binary and 64 KiB plaintexts', () => {
    for (const plaintext of [Buffer.alloc(0), Buffer.from('x'), Buffer.from([0, 255, 0, 1]), randomBytes(64 * 1024)]) {
      const sealed = barrier.seal(plaintext, AAD);
      assert.equal(sealed.length, plaintext.length + ENVELOPE_OVERHEAD);
      assert.ok(barrier.open(sealed, AAD).equals(plaintext));
    }
  });

  it('writes the documented layout: version 1, term big-endian, 12-byte IV, ciphertext, 16-byte tag', () => {
    const sealed = AesGcmBarrier.fromRootKey(key, 0x01020304).seal(Buffer.from('hello'), AAD);
    assert.equal(ENVELOPE_OVERHEAD, 1 + 4 + 12 + 16);
    assert.equal(sealed[0], 1);
    assert.deepEqual([...sealed.subarray(1, 5)], [1, 2, 3, 4]);
    assert.equal(sealed.length, 1 + 4 + 12 + 5 + 16);
    assert.ok(!sealed.includes(Buffer.from('hello')));
  });

  it('uses a fresh IV for every seal', () => {
    const ivs = new Set(Array.from({ length: 200 }, () => barrier.seal(Buffer.from('same'), AAD).subarray(5, 17).toString('hex')));
    assert.equal(ivs.size, 200);
  });

  it('refuses a value moved to another row (different AAD)', () => {
    const sealed = barrier.seal(Buffer.from('secret-value-123'), AAD);
    assert.throws(() => barrier.open(sealed, 'access_keys/AKIAOTHER/secret_sealed'), (error: unknown) => {
      failsWith('authentication-failed')(error);
      const message = (error as Error).message;
      assert.match(message, /access_keys\/AKIAOTHER\/secret_sealed/);
      assert.doesNotMatch(message, /secret-value-123/);
      return true;
    });
  });

  it('refuses to open under a wrong root key', () => {
    const sealed = barrier.seal(Buffer.from('v'), AAD);
    assert.throws(() => AesGcmBarrier.fromRootKey(randomBytes(32)).open(sealed, AAD), failsWith('authentication-failed'));
  });

  it('detects a change to any single byte of the envelope', () => {
    const sealed = barrier.seal(Buffer.from('tamper me'), AAD);
    for (let i = 0; i < sealed.length; i++) {
      const bad = Buffer.from(sealed);
      bad[i] ^= 0x01;
      assert.throws(() => barrier.open(bad, AAD), BarrierError, `byte ${i}`);
    }
  });

  it('classifies malformed envelopes', () => {
    const sealed = barrier.seal(Buffer.from('v'), AAD);
    assert.throws(() => barrier.open(Buffer.alloc(0), AAD), failsWith('malformed'));
    assert.throws(() => barrier.open(sealed.subarray(0, ENVELOPE_OVERHEAD - 1), AAD), failsWith('malformed'));
    const v2 = Buffer.from(sealed);
    v2[0] = 2;
    assert.throws(() => barrier.open(v2, AAD), failsWith('unsupported-version'));
    const term9 = Buffer.from(sealed);
    term9.writeUInt32BE(9, 1);
    assert.throws(() => barrier.open(term9, AAD), failsWith('unknown-term'));
  });

  it('after a rotation, opens envelopes of every known term and seals under the active one', () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = AesGcmBarrier.fromRootKey(oldKey, 1);
    const sealedOld = before.seal(Buffer.from('old'), AAD);
    const rotated = new AesGcmBarrier([{ term: 1, key: oldKey }, { term: 2, key: newKey }], 2);
    assert.equal(rotated.open(sealedOld, AAD).toString(), 'old');
    const sealedNew = rotated.seal(Buffer.from('new'), AAD);
    assert.equal(sealedNew.readUInt32BE(1), 2);
    assert.throws(() => before.open(sealedNew, AAD), failsWith('unknown-term'));
    // The term is authenticated: relabelling an envelope with another known term fails.
    const relabelled = Buffer.from(sealedNew);
    relabelled.writeUInt32BE(1, 1);
    assert.throws(() => rotated.open(relabelled, AAD), failsWith('authentication-failed'));
  });

  it('validates keys, terms and AAD', () => {
    assert.throws(() => AesGcmBarrier.fromRootKey(randomBytes(16)), failsWith('invalid-key'));
    assert.throws(() => AesGcmBarrier.fromRootKey(key, 0), failsWith('invalid-key'));
    assert.throws(() => new AesGcmBarrier([{ term: 1, key }], 2), failsWith('invalid-key'));
    assert.throws(() => barrier.seal(Buffer.from('x'), ''), failsWith('invalid-aad'));
    assert.throws(() => barrier.open(barrier.seal(Buffer.from('x'), AAD), ''), failsWith('invalid-aad'));
  });

  it('accepts Uint8Array views, sealing only the view', () => {
    const backing = randomBytes(100);
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 10, 20);
    const sealed = barrier.seal(view, AAD);
    assert.ok(barrier.open(new Uint8Array(sealed), AAD).equals(Buffer.from(view)));
  });

  it('property: open(seal(p, aad), aad) = p, and any other AAD fails', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (plaintext, aad, other) => {
        const sealed = barrier.seal(plaintext, aad);
        assert.ok(barrier.open(sealed, aad).equals(Buffer.from(plaintext)));
        if (other !== aad) assert.throws(() => barrier.open(sealed, other), BarrierError);
      }),
      { numRuns: 300 },
    );
  });
});

describe('rowAad', () => {
  it('names table, key parts and column', () => {
    assert.equal(rowAad('access_keys', ['AKIAEXAMPLE'], 'secret_sealed'), 'access_keys/AKIAEXAMPLE/secret_sealed');
  });

  it('percent-encodes key parts so "/" inside a part cannot collide with a part boundary', () => {
    const a = rowAad('secrets', ['000000000000', 'us-east-1', 'a/b'], 'value_sealed');
    const b = rowAad('secrets', ['000000000000', 'us-east-1/a', 'b'], 'value_sealed');
    assert.notEqual(a, b);
    assert.equal(a, 'secrets/000000000000/us-east-1/a%2Fb/value_sealed');
  });

  it('rejects non-identifier table or column names and empty keys', () => {
    assert.throws(() => rowAad('Bad Table', ['x'], 'c'));
    assert.throws(() => rowAad('t', ['x'], 'c/d'));
    assert.throws(() => rowAad('t', [], 'c'));
  });
});
