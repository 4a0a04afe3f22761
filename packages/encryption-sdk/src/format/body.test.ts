import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BodyAadBuilder, BodyAadKind, framedBodyLength, writeFrameIv } from './body.ts';

describe('message body', () => {
  it('builds the body AAD: message ID ‖ content string ‖ UInt32 seq ‖ UInt64 length', () => {
    const messageId = Buffer.alloc(16, 0x11);
    const builder = new BodyAadBuilder(messageId);
    assert.equal(
      builder.aad(BodyAadKind.Regular, 3, 4096).toString('hex'),
      '11'.repeat(16) + Buffer.from('AWSKMSEncryptionClient Frame').toString('hex') + '00000003' + '0000000000001000',
    );
    assert.equal(
      builder.aad(BodyAadKind.Final, 0x01020304, 2 ** 33 + 5).toString('hex'),
      '11'.repeat(16) + Buffer.from('AWSKMSEncryptionClient Final Frame').toString('hex') + '01020304' + '0000000200000005',
    );
    assert.ok(builder.aad(BodyAadKind.SingleBlock, 1, 0).includes(Buffer.from('AWSKMSEncryptionClient Single Block')));
  });

  it('writes the frame IV as the sequence number padded to 12 bytes', () => {
    const iv = Buffer.alloc(12, 0xff);
    writeFrameIv(iv, 0, 258);
    assert.equal(iv.toString('hex'), '000000000000000000000102');
  });

  it('computes framed body sizes (final frame full on exact multiples)', () => {
    assert.equal(framedBodyLength(0, 4096), 40);
    assert.equal(framedBodyLength(1, 4096), 41);
    assert.equal(framedBodyLength(4096, 4096), 40 + 4096);
    assert.equal(framedBodyLength(4097, 4096), 32 + 4096 + 40 + 1);
    assert.equal(framedBodyLength(8192, 4096), 32 + 4096 + 40 + 4096);
  });
});
