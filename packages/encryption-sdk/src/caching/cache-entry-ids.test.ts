/**
 * Known-answer tests for the cache entry identifiers: the expected digests are
 * the ones the AWS Encryption SDK for Java asserts (its CacheIdentifierTests,
 * "pythonTestVecs" — shared with the Python SDK — and the digest vectors),
 * so they come from independent implementations of the same formulas.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { EncryptedDataKey } from '../materials.ts';
import { suiteById } from '../suites.ts';
import { decryptEntryId, encryptEntryId, partitionHash } from './cache-entry-ids.ts';

const suite = (id: number) => {
  const s = suiteById(id);
  assert.ok(s, `suite ${id}`);
  return s;
};

const partition = 'c15b9079-6d0e-42b6-8784-5e804b025692';
const contextEmpty = {};
const contextFull = { this: 'is', a: 'non-empty', encryption: 'context' };
const utf8 = (s: string) => Buffer.from(s, 'utf8');
const blobs: EncryptedDataKey[] = [
  { providerId: 'this is a provider ID', providerInfo: utf8('this is some key info'), ciphertext: utf8('super secret key, now with encryption!') },
  { providerId: 'another provider ID!', providerInfo: utf8('this is some different key info'), ciphertext: utf8('better super secret key, now with encryption!') },
];

describe('cache entry identifiers (known answers from the Java and Python SDKs)', () => {
  const p = partitionHash(partition);

  it('encryption, without and with a suite, empty and full context', () => {
    assert.equal(encryptEntryId(p, undefined, contextEmpty).toString('base64'), 'rkrFAso1YyPbOJbmwVMjrPw+wwLJT7xusn8tA8zMe9e3+OqbtfDueB7bvoKLU3fsmdUvZ6eMt7mBp1ThMMB25Q==');
    assert.equal(encryptEntryId(p, suite(0x0378), contextEmpty).toString('base64'), '3icBIkLK4V3fVwbm3zSxUdUQV6ZvZYUOLl8buN36g6gDMqAkghcGryxX7QiVABkW1JhB6GRp5z+bzbiuciBcKQ==');
    assert.equal(encryptEntryId(p, undefined, contextFull).toString('base64'), 'IHiUHYOUVUEFTc3BcZPJDlsWct2Qy1A7JdfQl9sQoV/ILIbRpoz9q7RtGd/MlibaGl5ihE66cN8ygM8A5rtYbg==');
    assert.equal(encryptEntryId(p, suite(0x0378), contextFull).toString('base64'), 'mRNK7qhTb/kJiiyGPgAevp0gwFRcET4KeeNYwZHhoEDvSUzQiDgl8Of+YRDaVzKxAqpNBgcAuFXde9JlaRRsmw==');
  });

  it('decryption, one and two EDKs (order of EDKs does not matter)', () => {
    assert.equal(decryptEntryId(p, suite(0x0114), [blobs[0]], contextEmpty).toString('base64'), 'n0zVzk9QIVxhz6ET+aJIKKOJNxtpGtSe1yAbu7WU5l272Iw/jmhlER4psDHJs9Mr8KYiIvLGSXzggNDCc23+9w==');
    const expected = '+rtwUe38CGnczGmYu12iqGWHIyDyZ44EvYQ4S6ACmsgS8VaEpiw0RTGpDk6Z/7YYN/jVHOAcNKDyCNP8EmstFg==';
    assert.equal(decryptEntryId(p, suite(0x0378), blobs, contextFull).toString('base64'), expected);
    assert.equal(decryptEntryId(p, suite(0x0378), [...blobs].reverse(), contextFull).toString('base64'), expected);
  });

  // Context keys sort by UTF-8 bytes: U+10000 (F0 90 80 80) after U+ABCD (EA AF 8D), unlike UTF-16 order.
  const awkwardContext = { '\0\0TEST': '\0\0test', '\u{10000}': 'UTF-16 surrogate', '\uABCD': '\\uABCD' };

  it('encryption digest vectors with NUL bytes and non-BMP keys', () => {
    const pid = partitionHash('partition ID');
    assert.equal(
      encryptEntryId(pid, undefined, awkwardContext).toString('hex'),
      '683328d033fc60a20e3d3936190b33d91aad0143163226af9530e7d1b3de0e9639c00a2885f9cea09cf9a273bef316a39616475b50adc2441b69f67e1a25145f',
    );
    assert.equal(
      encryptEntryId(pid, suite(0x0114), awkwardContext).toString('hex'),
      '3dc70ff1d4621059b97179563ab6592dff4319bfaf8ed1a819c96d33d3194d5c354a361e879d0356e4d9e868170ebc9e934fa5eaf6e6d11de4ee801645723fa9',
    );
  });

  it('decryption digest vector with empty, NUL and non-ASCII EDK fields', () => {
    const edks: EncryptedDataKey[] = [
      { providerId: '', providerInfo: new Uint8Array(0), ciphertext: new Uint8Array(0) },
      { providerId: '\0', providerInfo: Uint8Array.of(0), ciphertext: Uint8Array.of(0) },
      { providerId: '\u0081', providerInfo: Uint8Array.of(0x81), ciphertext: Uint8Array.of(0x81) },
      { providerId: 'abc', providerInfo: Buffer.from('deadbeef', 'hex'), ciphertext: Buffer.from('bad0cafe', 'hex') },
    ];
    assert.equal(
      decryptEntryId(partitionHash('partition ID'), suite(0x0214), edks, awkwardContext).toString('hex'),
      'e16344634350fe8cb51e69ec4e0681c84ac7ef2df427bd4de4aefbebcd3ead2295f1b15a98ce60699e0efbf69dbbc12e2552b16eff84a6e9b5766ee4d69a7897',
    );
  });

  it('the partition hash is SHA-512 of the UTF-8 name', () => {
    assert.deepEqual(partitionHash('x'), createHash('sha512').update('x').digest());
  });
});
