import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeMarker, encodeMarker, toPage } from './pagination.ts';

describe('markers', () => {
  it('round-trip sort keys, including ones with slashes and non-ASCII', () => {
    for (const key of ['alias/a/b', '1234abcd-12ab-34cd-56ef-1234567890ab', 'ключ']) assert.equal(decodeMarker(encodeMarker(key)), key);
    assert.equal(decodeMarker(undefined), undefined);
  });

  it('refuses markers this server did not issue', () => {
    for (const bad of ['garbage', 'a b', Buffer.from('other:x').toString('base64url'), encodeMarker('').slice(0, 4)]) {
      assert.throws(() => decodeMarker(bad), (e: Error) => e.name === 'InvalidMarkerException');
    }
  });

  it('cuts limit + 1 rows into a page with a marker', () => {
    assert.deepEqual(toPage(['a', 'b'], 2, (x) => x), { items: ['a', 'b'] });
    const page = toPage(['a', 'b', 'c'], 2, (x) => x);
    assert.deepEqual(page.items, ['a', 'b']);
    assert.equal(decodeMarker(page.nextMarker), 'b');
  });
});
