import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseEncryptionContext, serializeEncryptionContext, validateCallerContext } from './encryption-context.ts';
import { MalformedMessageError, InvalidArgumentError } from '../errors.ts';

describe('encryption context serialization', () => {
  it('serializes the empty context as zero bytes', () => {
    assert.equal(serializeEncryptionContext({}).length, 0);
    assert.deepEqual(parseEncryptionContext(Buffer.alloc(0)), {});
  });

  it('writes count, then length-prefixed UTF-8 pairs sorted by key bytes', () => {
    const bytes = serializeEncryptionContext({ b: '2', a: '1' });
    assert.equal(bytes.toString('hex'), '0002' + '0001' + '61' + '0001' + '31' + '0001' + '62' + '0001' + '32');
  });

  it('sorts by UTF-8 bytes, not by UTF-16 code units', () => {
    // U+FF61 is EF BD A1 in UTF-8 and sorts before U+1F511 (F0 9F 94 91);
    // in UTF-16 the surrogate D83D sorts before FF61.
    const bytes = serializeEncryptionContext({ '\u{1F511}': 'x', '\uFF61': 'y' });
    assert.equal(bytes.subarray(4, 7).toString('hex'), 'efbda1');
    assert.deepEqual(Object.keys(parseEncryptionContext(bytes)), ['\uFF61', '\u{1F511}']);
  });

  it('round-trips and rejects malformed input', () => {
    const context = { 'ключ': 'значение', '__proto__': 'plain key', empty: '' };
    const parsed = parseEncryptionContext(serializeEncryptionContext(context));
    assert.deepEqual(Object.entries(parsed).sort(), Object.entries(context).sort());
    assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
    const good = serializeEncryptionContext({ a: '1' });
    for (const bad of [Buffer.from('0000', 'hex'), good.subarray(0, good.length - 1), Buffer.concat([good, Buffer.of(0)]), Buffer.from('00010001ff0000', 'hex')]) {
      assert.throws(() => parseEncryptionContext(bad), MalformedMessageError);
    }
    const duplicate = Buffer.from('0002' + '000161' + '000131' + '000161' + '000132', 'hex');
    assert.throws(() => parseEncryptionContext(duplicate), /Duplicate/);
  });

  it('rejects reserved keys and non-string values from callers', () => {
    assert.throws(() => validateCallerContext({ 'aws-crypto-public-key': 'x' }), InvalidArgumentError);
    assert.throws(() => validateCallerContext({ a: 1 }), InvalidArgumentError);
    assert.deepEqual(validateCallerContext(undefined), {});
  });
});
