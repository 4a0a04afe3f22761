import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatKmsArn, isMrkIdentifier, isValidKmsIdentifier, mrkMatchForDecrypt, parseKmsArn, withRegion } from './arn.ts';

const keyArn = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const mrkEast = 'arn:aws:kms:us-east-1:111122223333:key/mrk-4321abcd12ab34cd56ef1234567890ab';
const mrkWest = 'arn:aws:kms:us-west-2:111122223333:key/mrk-4321abcd12ab34cd56ef1234567890ab';

describe('KMS ARNs (aws-kms-key-arn.md)', () => {
  it('parses the six parts; the resource id keeps further slashes', () => {
    assert.deepEqual(parseKmsArn(keyArn), { partition: 'aws', service: 'kms', region: 'us-east-1', accountId: '111122223333', resourceType: 'key', resourceId: '1234abcd-12ab-34cd-56ef-1234567890ab' });
    assert.equal(parseKmsArn('arn:aws:kms:us-east-1:111122223333:alias/a/b')?.resourceId, 'a/b');
    assert.equal(formatKmsArn(parseKmsArn(mrkEast)!), mrkEast);
    assert.equal(formatKmsArn(withRegion(parseKmsArn(mrkEast)!, 'us-west-2')), mrkWest);
  });

  it('rejects what is not a KMS ARN', () => {
    for (const bad of [
      'arn:aws:kms:us-east-1:111122223333:key',
      'arn:aws:kms:us-east-1:111122223333:key/',
      'arn:aws:kms:us-east-1:111122223333:grant/x',
      'arn:aws:s3:us-east-1:111122223333:key/x',
      'arn::kms:us-east-1:111122223333:key/x',
      'arn:aws:kms::111122223333:key/x',
      'arn:aws:kms:us-east-1::key/x',
      'arn:aws:kms:us-east-1:111122223333:key/x:y',
      'nra:aws:kms:us-east-1:111122223333:key/x',
      'arn:aws:kms:us-east-1:111122223333',
    ]) {
      assert.equal(parseKmsArn(bad), undefined, bad);
    }
  });

  it('valid identifiers: ARNs, aliases, key ids', () => {
    for (const ok of [keyArn, mrkEast, 'arn:aws:kms:us-west-2:111122223333:alias/test-key', '1234abcd-12ab-34cd-56ef-1234567890ab', 'mrk-4321abcd', 'alias/test-key']) assert.ok(isValidKmsIdentifier(ok), ok);
    for (const bad of ['', 'alias/', 'arn:aws:kms:us-east-1:1:key/', 'key/abc', 'a:b']) assert.ok(!isValidKmsIdentifier(bad), bad);
  });

  it('identifies multi-Region keys; an alias named mrk-… is not one', () => {
    assert.equal(isMrkIdentifier(mrkEast), true);
    assert.equal(isMrkIdentifier('mrk-4321abcd'), true);
    assert.equal(isMrkIdentifier(keyArn), false);
    assert.equal(isMrkIdentifier('alias/mrk-looks-like-one'), false);
    assert.equal(isMrkIdentifier('arn:aws:kms:us-east-1:111122223333:alias/mrk-looks-like-one'), false);
    assert.equal(isMrkIdentifier('1234abcd-12ab-34cd-56ef-1234567890ab'), false);
    assert.throws(() => isMrkIdentifier('arn:aws:kms:broken'));
  });
});

describe('MRK match for decrypt (aws-kms-mrk-match-for-decrypt.md)', () => {
  it('identical identifiers match', () => {
    assert.ok(mrkMatchForDecrypt(keyArn, keyArn));
    assert.ok(mrkMatchForDecrypt(mrkEast, mrkEast));
  });

  it('the same multi-Region key in another Region matches', () => {
    assert.ok(mrkMatchForDecrypt(mrkEast, mrkWest));
    assert.ok(mrkMatchForDecrypt(mrkWest, mrkEast));
  });

  it('a single-Region key never matches across Regions', () => {
    assert.ok(!mrkMatchForDecrypt(keyArn, keyArn.replace('us-east-1', 'us-west-2')));
  });

  it('everything but the Region must be equal', () => {
    assert.ok(!mrkMatchForDecrypt(mrkEast, mrkWest.replace('111122223333', '444455556666')));
    assert.ok(!mrkMatchForDecrypt(mrkEast, mrkWest.replace('arn:aws:', 'arn:aws-cn:')));
    assert.ok(!mrkMatchForDecrypt(mrkEast, mrkWest.replace('mrk-4321', 'mrk-9999')));
  });

  it('one side multi-Region, the other not: no match', () => {
    assert.ok(!mrkMatchForDecrypt(mrkEast, keyArn));
    assert.ok(!mrkMatchForDecrypt(keyArn, mrkEast));
  });

  it('a bare mrk- key id or an alias does not match a stored ARN', () => {
    assert.ok(!mrkMatchForDecrypt('mrk-4321abcd12ab34cd56ef1234567890ab', mrkWest));
    assert.ok(!mrkMatchForDecrypt('alias/mrk-4321abcd12ab34cd56ef1234567890ab', mrkWest));
  });
});
