import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { envLines } from './main.ts';
import { resolveConfig } from '../config/config.ts';

describe('strongroom env', () => {
  it('prints the export lines for the CLI and SDKs', () => {
    const lines = envLines(resolveConfig({ port: '4999', data: '/tmp/sr data', region: 'eu-west-1' }, {}));
    assert.deepEqual(lines, [
      'export AWS_ENDPOINT_URL=http://127.0.0.1:4999',
      "export AWS_SHARED_CREDENTIALS_FILE='/tmp/sr data/credentials'",
      'export AWS_PROFILE=strongroom',
      'export AWS_REGION=eu-west-1',
    ]);
  });

  it('points at loopback when the server listens on all interfaces', () => {
    const [endpoint] = envLines(resolveConfig({ host: '0.0.0.0' }, {}));
    assert.equal(endpoint, 'export AWS_ENDPOINT_URL=http://127.0.0.1:4566');
  });
});

describe('configuration', () => {
  it('prefers flags over the environment over defaults', () => {
    const config = resolveConfig({ port: '1234' }, { STRONGROOM_PORT: '9', STRONGROOM_REGION: 'ap-south-1' });
    assert.equal(config.port, 1234);
    assert.equal(config.region, 'ap-south-1');
    assert.equal(config.auth, 'sigv4');
  });

  it('rejects bad values with a clear message', () => {
    assert.throws(() => resolveConfig({ auth: 'none' }, {}), /invalid --auth "none"/);
    assert.throws(() => resolveConfig({ port: '70000' }, {}), /invalid port/);
    assert.throws(() => resolveConfig({ database: 'mysql://x' }, {}), /postgres:\/\//);
    assert.throws(() => resolveConfig({ 'account-id': '12' }, {}), /12 digits/);
  });
});
