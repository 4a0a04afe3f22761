import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KeyState } from '../../../protocol/spec/generated/kms.types.ts';
import { isDeleted, keyStateError, type KeyAction } from './key-states.ts';

const arn = 'arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function outcome(keyState: KeyState, action: KeyAction): string {
  const error = keyStateError({ arn, keyState }, action);
  return error ? `${error.name}: ${error.message}` : 'ok';
}

describe('key states', () => {
  it('lets cryptographic use happen only on Enabled keys, with AWS errors otherwise', () => {
    assert.equal(outcome('Enabled', 'use'), 'ok');
    assert.equal(outcome('Disabled', 'use'), `DisabledException: ${arn} is disabled.`);
    assert.equal(outcome('PendingDeletion', 'use'), `KMSInvalidStateException: ${arn} is pending deletion.`);
    assert.equal(outcome('PendingImport', 'use'), `KMSInvalidStateException: ${arn} is pending import.`);
    assert.equal(outcome('Unavailable', 'use'), `KMSInvalidStateException: ${arn} is unavailable.`);
  });

  it('allows management of Enabled and Disabled keys but not of keys pending deletion', () => {
    assert.equal(outcome('Enabled', 'manage'), 'ok');
    assert.equal(outcome('Disabled', 'manage'), 'ok');
    assert.equal(outcome('PendingDeletion', 'manage'), `KMSInvalidStateException: ${arn} is pending deletion.`);
  });

  it('reads keys in any state and cancels only pending deletions', () => {
    for (const state of ['Enabled', 'Disabled', 'PendingDeletion'] as const) assert.equal(outcome(state, 'read'), 'ok');
    assert.equal(outcome('PendingDeletion', 'cancel'), 'ok');
    assert.equal(outcome('Enabled', 'cancel'), `KMSInvalidStateException: ${arn} is not pending deletion.`);
  });

  it('counts a key as deleted once its deletion date has passed', () => {
    assert.equal(isDeleted({ keyState: 'PendingDeletion', deletionDate: 1000 }, 999), false);
    assert.equal(isDeleted({ keyState: 'PendingDeletion', deletionDate: 1000 }, 1000), true);
    assert.equal(isDeleted({ keyState: 'Disabled', deletionDate: null }, 10 ** 15), false);
  });
});
