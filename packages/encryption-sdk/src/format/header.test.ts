import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { parseHeader, serializeHeaderBody, type MessageHeader } from './header.ts';
import { MalformedMessageError, TooManyEncryptedDataKeysError, UnsupportedAlgorithmSuiteError } from '../errors.ts';

const edk = { providerId: 'ns', providerInfo: Buffer.from('info'), ciphertext: Buffer.from('wrapped') };

function v1(overrides: Partial<MessageHeader> = {}): MessageHeader {
  return { version: 1, type: 0x80, suiteId: 0x0178, messageId: randomBytes(16), encryptionContext: { a: 'b' }, encryptedDataKeys: [edk], contentType: 2, headerIvLength: 12, frameLength: 4096, ...overrides };
}
function v2(overrides: Partial<MessageHeader> = {}): MessageHeader {
  return { version: 2, suiteId: 0x0478, messageId: randomBytes(32), encryptionContext: {}, encryptedDataKeys: [edk, edk], contentType: 2, frameLength: 512, suiteData: randomBytes(32), ...overrides };
}
const withAuth = (body: Buffer, version: 1 | 2) => Buffer.concat([body, Buffer.alloc(version === 1 ? 28 : 16, 7)]);

describe('message header', () => {
  it('serializes v1 byte for byte', () => {
    const header = v1({ messageId: Buffer.alloc(16, 0xaa), encryptionContext: {}, frameLength: 0x1000 });
    const hex = serializeHeaderBody(header).toString('hex');
    assert.equal(hex, '01' + '80' + '0178' + 'aa'.repeat(16) + '0000' + '0001' + '0002' + '6e73' + '0004' + Buffer.from('info').toString('hex') + '0007' + Buffer.from('wrapped').toString('hex') + '02' + '00000000' + '0c' + '00001000');
  });

  it('serializes v2 byte for byte', () => {
    const header = v2({ messageId: Buffer.alloc(32, 0xbb), encryptedDataKeys: [edk], suiteData: Buffer.alloc(32, 0xcc) });
    const hex = serializeHeaderBody(header).toString('hex');
    assert.equal(hex, '02' + '0478' + 'bb'.repeat(32) + '0000' + '0001' + '0002' + '6e73' + '0004' + Buffer.from('info').toString('hex') + '0007' + Buffer.from('wrapped').toString('hex') + '02' + '00000200' + 'cc'.repeat(32));
  });

  it('parses what it serializes, and reports the header length', () => {
    for (const header of [v1(), v2()]) {
      const body = serializeHeaderBody(header);
      const bytes = Buffer.concat([withAuth(body, header.version), Buffer.from('body bytes')]);
      const parsed = parseHeader(bytes)!;
      assert.equal(parsed.length, body.length + (header.version === 1 ? 28 : 16));
      assert.ok(parsed.body.equals(body));
      assert.deepEqual({ ...parsed.header, encryptedDataKeys: parsed.header.encryptedDataKeys.map((e) => ({ ...e })) }, header);
    }
  });

  it('asks for more bytes on every proper prefix', () => {
    const bytes = withAuth(serializeHeaderBody(v2()), 2);
    for (let length = 0; length < bytes.length; length++) assert.equal(parseHeader(bytes.subarray(0, length)), undefined);
  });

  it('fails on the EDK count as soon as it exceeds the maximum, before the EDKs arrive', () => {
    const bytes = serializeHeaderBody(v2());
    const countEnd = 1 + 2 + 32 + 2 + 2;
    assert.throws(() => parseHeader(bytes.subarray(0, countEnd), { maxEncryptedDataKeys: 1 }), TooManyEncryptedDataKeysError);
    assert.equal(parseHeader(bytes.subarray(0, countEnd), { maxEncryptedDataKeys: 2 }), undefined);
  });

  it('rejects invalid headers', () => {
    const good1 = withAuth(serializeHeaderBody(v1()), 1);
    const bodyLength1 = serializeHeaderBody(v1()).length;
    const mutate = (bytes: Buffer, at: number, value: number) => {
      const copy = Buffer.from(bytes);
      copy[at] = value;
      return copy;
    };
    assert.throws(() => parseHeader(mutate(good1, 0, 3)), MalformedMessageError); // version
    assert.throws(() => parseHeader(mutate(good1, 1, 0x81)), MalformedMessageError); // type
    assert.throws(() => parseHeader(mutate(good1, 3, 0x70)), UnsupportedAlgorithmSuiteError); // suite 0x0170
    assert.throws(() => parseHeader(mutate(good1, 3, 0x78).fill(4, 2, 3)), MalformedMessageError); // v2 suite 0x0478 in a v1 header
    assert.throws(() => parseHeader(mutate(good1, bodyLength1 - 10, 3)), MalformedMessageError); // content type
    assert.throws(() => parseHeader(mutate(good1, bodyLength1 - 7, 1)), MalformedMessageError); // reserved
    assert.throws(() => parseHeader(mutate(good1, bodyLength1 - 5, 16)), MalformedMessageError); // IV length
    assert.throws(() => parseHeader(withAuth(serializeHeaderBody(v1({ contentType: 1 })), 1)), MalformedMessageError); // non-framed with a frame length
    assert.throws(() => parseHeader(withAuth(serializeHeaderBody(v2({ frameLength: 0 })), 2)), MalformedMessageError); // framed with frame length 0
    assert.throws(() => parseHeader(Buffer.from(good1.toString('base64'))), /base64/);
    assert.throws(() => parseHeader(Buffer.from(withAuth(serializeHeaderBody(v2()), 2).toString('base64'))), /base64/);
  });
});
