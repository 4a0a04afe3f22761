import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseOpensslSpeed } from './openssl.ts';

describe('openssl speed output', () => {
  it('reads the 4 KiB figure (1000s of bytes/s) as MiB/s', () => {
    const output = [
      'Doing AES-256-GCM for 3s on 4096 size blocks: 1647233 AES-256-GCM\'s in 2.99s',
      'version: 3.0.19',
      "The 'numbers' are in 1000s of bytes per second processed.",
      'type           4096 bytes',
      'AES-256-GCM    2248940.31k',
      '',
    ].join('\n');
    assert.equal(parseOpensslSpeed(output)!.toFixed(3), ((2248940.31 * 1000) / 2 ** 20).toFixed(3));
  });

  it('undefined when the output is not a speed table', () => {
    assert.equal(parseOpensslSpeed('speed: Unknown cipher aes-256-gcm'), undefined);
    assert.equal(parseOpensslSpeed("The 'numbers' are in 1000s of bytes per second processed.\ntype 4096 bytes\n"), undefined);
  });
});
