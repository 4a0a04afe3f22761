import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wireProtocol } from './select-protocol.ts';

test('chooses the protocol from the request shape', () => {
  assert.equal(wireProtocol({ 'x-amz-target': 'TrentService.Encrypt' }, '/'), 'json');
  assert.equal(wireProtocol({}, '/'), 'query');
  assert.equal(wireProtocol({ 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, '/'), 'query');
  assert.equal(wireProtocol({ 'content-type': 'application/x-www-form-urlencoded' }, '/some/base'), 'query');
  assert.equal(wireProtocol({}, '/2015-03-31/functions'), 'restJson');
  assert.equal(wireProtocol({ 'content-type': 'application/json' }, '/2015-03-31/functions/f/invocations'), 'restJson');
});
