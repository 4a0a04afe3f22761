/** Grant ids and tokens: AWS's formats, tokens unique per call and readable only when they are ours. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GRANT_ID_PATTERN, newGrantId, newGrantToken, readGrantToken } from './grant-ids.ts';

describe('grant ids and tokens', () => {
  it('grant ids are 64 hex characters', () => {
    assert.match(newGrantId(), GRANT_ID_PATTERN);
    assert.notEqual(newGrantId(), newGrantId());
  });

  it('a token names its grant, differs on every call, and anything else is not a token', () => {
    const contents = { accountId: '111122223333', region: 'eu-west-1', keyId: '1234abcd-12ab-34cd-56ef-1234567890ab', grantId: newGrantId() };
    const a = newGrantToken(contents);
    const b = newGrantToken(contents);
    assert.notEqual(a, b);
    assert.deepEqual(readGrantToken(a), contents);
    assert.ok(a.length > 100 && a.length <= 8192);
    for (const bad of ['', 'x', 'AQ', a.slice(0, -2), `${a}AA`, a.replace(/^A/, 'B'), `${a}=`, 'not a token at all']) assert.equal(readGrantToken(bad), undefined, bad);
  });
});
