import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { aliasArn, keyArn, parseKeyIdentifier } from './arns.ts';

const scope = { accountId: '000000000000', region: 'us-east-1' };
const ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const withAliases = { aliases: true };
const keysOnly = { aliases: false };

function notFound(fn: () => unknown, message: string): void {
  assert.throws(fn, (e: Error) => e.name === 'NotFoundException' && e.message === message);
}

describe('KMS key identifiers', () => {
  it('builds key and alias ARNs', () => {
    assert.equal(keyArn(scope, ID), `arn:aws:kms:us-east-1:000000000000:key/${ID}`);
    assert.equal(aliasArn(scope, 'alias/app'), 'arn:aws:kms:us-east-1:000000000000:alias/app');
  });

  it('reads key ids, key ARNs, alias names and alias ARNs', () => {
    assert.deepEqual(parseKeyIdentifier(ID, scope, keysOnly), { kind: 'key', keyId: ID });
    assert.deepEqual(parseKeyIdentifier(keyArn(scope, ID), scope, keysOnly), { kind: 'key', keyId: ID });
    assert.deepEqual(parseKeyIdentifier('alias/app/x', scope, withAliases), { kind: 'alias', aliasName: 'alias/app/x' });
    assert.deepEqual(parseKeyIdentifier(aliasArn(scope, 'alias/app'), scope, withAliases), { kind: 'alias', aliasName: 'alias/app' });
  });

  it('answers malformed ids as AWS does', () => {
    notFound(() => parseKeyIdentifier('fake-key-id', scope, withAliases), "Invalid keyId 'fake-key-id'");
    notFound(() => parseKeyIdentifier('134f2428cec14b25a1ae9048164dba47', scope, withAliases), "Invalid keyId '134f2428cec14b25a1ae9048164dba47'");
  });

  it('refuses aliases where only keys are accepted', () => {
    notFound(() => parseKeyIdentifier('alias/app', scope, keysOnly), "Invalid keyId 'alias/app'");
  });

  it('cannot reach keys of another region or account', () => {
    notFound(() => parseKeyIdentifier(`arn:aws:kms:eu-west-1:000000000000:key/${ID}`, scope, keysOnly), 'Invalid arn eu-west-1');
    notFound(
      () => parseKeyIdentifier(`arn:aws:kms:us-east-1:111111111111:key/${ID}`, scope, keysOnly),
      `Key 'arn:aws:kms:us-east-1:111111111111:key/${ID}' does not exist`,
    );
    notFound(
      () => parseKeyIdentifier('arn:aws:kms:us-east-1:111111111111:alias/app', scope, withAliases),
      'Alias arn:aws:kms:us-east-1:111111111111:alias/app is not found.',
    );
  });
});
