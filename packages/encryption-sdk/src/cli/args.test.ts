import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommandLine, UsageError } from './args.ts';
import { PROGRESS_THRESHOLD_BYTES, wantProgress } from './progress.ts';

function run(argv: string[]) {
  const parsed = parseCommandLine(argv);
  assert.equal(parsed.kind, 'run');
  return parsed.options;
}

describe('strongroom-encrypt command line', () => {
  it('collects the values after --wrapping-keys and --encryption-context, group by group', () => {
    const o = run(['-e', '-i', 'in', '-o', 'out', '--wrapping-keys', 'key=alias/a', 'key=k2', 'region=eu-west-1', '-w', 'key=arn:aws:kms:us-east-1:1:key/x', '-c', 'a=1', 'b=x=y', '--encryption-context', 'c=']);
    assert.equal(o.mode, 'encrypt');
    assert.deepEqual(o.wrappingKeys, [
      { keys: ['alias/a', 'k2'], region: 'eu-west-1', discovery: false, discoveryPartition: undefined, discoveryAccounts: [] },
      { keys: ['arn:aws:kms:us-east-1:1:key/x'], region: undefined, discovery: false, discoveryPartition: undefined, discoveryAccounts: [] },
    ]);
    assert.deepEqual(o.encryptionContext, { a: '1', b: 'x=y', c: '' });
  });

  it('discovery with a filter', () => {
    const o = run(['-d', '-i', '-', '-o', '-', '-w', 'discovery=true', 'discovery-partition=aws', 'discovery-account=111', 'discovery-account=222']);
    assert.deepEqual(o.wrappingKeys[0], { keys: [], region: undefined, discovery: true, discoveryPartition: 'aws', discoveryAccounts: ['111', '222'] });
  });

  it('policies, algorithms, numbers', () => {
    const o = run(['-e', '-i', 'a', '-o', 'b', '-w', 'key=k', '--commitment-policy', 'FORBID_ENCRYPT_ALLOW_DECRYPT', '--algorithm', 'aes_256_gcm_iv12_tag16_hkdf_sha256', '--frame-length', '1024', '--max-encrypted-data-keys', '3']);
    assert.equal(o.commitmentPolicy, 'FORBID_ENCRYPT_ALLOW_DECRYPT');
    assert.equal(o.suiteId, 0x0178);
    assert.equal(o.frameLength, 1024);
    assert.equal(o.maxEncryptedDataKeys, 3);
    assert.equal(run(['-e', '-i', 'a', '-o', 'b', '-w', 'key=k', '--algorithm', '0x0478']).suiteId, 0x0478);
  });

  it('refuses what aws-encryption-cli would refuse', () => {
    const bad: string[][] = [
      ['-i', 'a', '-o', 'b', '-w', 'key=k'],
      ['-e', '-o', 'b', '-w', 'key=k'],
      ['-e', '-i', 'a', '-w', 'key=k'],
      ['-e', '-i', 'a', '-o', 'a', '-w', 'key=k'],
      ['-e', '-i', 'a', '-o', 'b'],
      ['-e', '-i', 'a', '-o', 'b', '-w'],
      ['-e', '-i', 'a', '-o', 'b', '-w', 'key='],
      ['-e', '-i', 'a', '-o', 'b', '-w', 'colour=blue'],
      ['-e', '-i', 'a', '-o', 'b', '-w', 'discovery=true'],
      ['-d', '-i', 'a', '-o', 'b', '-w', 'discovery=true', 'key=k'],
      ['-d', '-i', 'a', '-o', 'b', '-w', 'discovery=true', 'discovery-partition=aws'],
      ['-d', '-i', 'a', '-o', 'b', '-w', 'key=k', 'discovery-account=1'],
      ['-e', '-i', 'a', '-o', 'b', '-w', 'key=k', '-c', 'novalue'],
      ['-e', '-i', 'a', '-o', 'b', '-w', 'key=k', '-c', 'a=1', 'a=2'],
      ['-e', '-i', 'a', '-o', 'b', '-w', 'key=k', '--frame-length', '0'],
      ['-e', '-i', 'a', '-o', 'b', '-w', 'key=k', '--max-encrypted-data-keys', '70000'],
      ['-e', '-i', 'a', '-o', 'b', '-w', 'key=k', '--algorithm', 'rot13'],
      ['-d', '-i', 'a', '-o', 'b', '-w', 'key=k', '--frame-length', '4096'],
      ['-e', '-i', 'a', '-o', '-', '-w', 'key=k', '--metadata-output', '-'],
      ['-e', '-i', 'a', '-o', 'b', 'stray'],
      ['-e', '-i', 'a', '-o', 'b', '-w', 'key=k', '--unknown'],
    ];
    for (const argv of bad) assert.throws(() => parseCommandLine(argv), UsageError, argv.join(' '));
  });

  it('help and version', () => {
    assert.deepEqual(parseCommandLine(['--help']), { kind: 'help' });
    assert.deepEqual(parseCommandLine(['--version']), { kind: 'version' });
  });

  it('progress: forced by a flag, else only for large or unknown-size input on a terminal', () => {
    assert.equal(wantProgress(true, false, 10), true);
    assert.equal(wantProgress(false, true, undefined), false);
    assert.equal(wantProgress(undefined, false, PROGRESS_THRESHOLD_BYTES * 2), false);
    assert.equal(wantProgress(undefined, true, PROGRESS_THRESHOLD_BYTES - 1), false);
    assert.equal(wantProgress(undefined, true, PROGRESS_THRESHOLD_BYTES), true);
    assert.equal(wantProgress(undefined, true, undefined), true);
  });
});
