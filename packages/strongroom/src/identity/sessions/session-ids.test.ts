import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { accountOfAccessKeyId, hashSessionToken, newSessionToken, newTemporaryAccessKeyId, sessionTokenMatches, TEMPORARY_ACCESS_KEY_ID_PATTERN } from './session-ids.ts';

test('temporary access key ids are ASIA + 16 base32 characters and carry their account', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 999_999_999_999n }), (n) => {
      const account = n.toString().padStart(12, '0');
      const id = newTemporaryAccessKeyId(account);
      assert.match(id, TEMPORARY_ACCESS_KEY_ID_PATTERN);
      assert.equal(accountOfAccessKeyId(id), account);
    }),
  );
  assert.notEqual(newTemporaryAccessKeyId('000000000000'), newTemporaryAccessKeyId('000000000000'));
  assert.throws(() => newTemporaryAccessKeyId('12345'), /12 digits/);
});

test('decodes the account of AWS key ids the way AWS does', () => {
  // A published example of AWS's newer key id format (account 609629065308).
  assert.equal(accountOfAccessKeyId('ASIAY34FZKBOKMUTVV7A'), '609629065308');
  // The same bits under the AKIA prefix name the same account; the last seven characters do not matter.
  assert.equal(accountOfAccessKeyId('AKIAY34FZKBOAAAAAAAA'), '609629065308');
  // The older format (top bit clear) carries no account.
  assert.equal(accountOfAccessKeyId('AKIAIOSFODNN7EXAMPLE'), undefined);
  assert.equal(accountOfAccessKeyId('ASIA123'), undefined);
  assert.equal(accountOfAccessKeyId('AROAY34FZKBOKMUTVV7A'), undefined);
});

test('session tokens are long, random, and matched only by their hash', () => {
  const token = newSessionToken();
  assert.equal(token.length, 320);
  assert.notEqual(token, newSessionToken());
  const hash = hashSessionToken(token);
  assert.equal(hash.length, 32);
  assert.equal(sessionTokenMatches(token, hash), true);
  assert.equal(sessionTokenMatches(token.slice(1), hash), false);
  assert.equal(sessionTokenMatches(newSessionToken(), hash), false);
  assert.equal(sessionTokenMatches('', hash), false);
});
