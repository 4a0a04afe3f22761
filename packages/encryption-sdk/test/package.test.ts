/**
 * The published form of the package: built with tsconfig.build.json into a
 * temporary directory, packed with `npm pack`, unpacked into a throwaway
 * project outside the repository and used there by plain `node` (no tsx, no
 * TypeScript): the `exports` entry, raw AES encrypt/decrypt against
 * @aws-crypto/client-node (independent implementation), and the bin.
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { aws } from './support/aws-crypto.ts';
import { PACKAGE_DIR } from './support/paths.ts';

function run(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}: ${String(result.stderr)}${String(result.stdout)}`);
  return String(result.stdout);
}

/** The environment of a plain consumer: no loader hooks inherited from the test runner. */
function plainEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_OPTIONS;
  return env;
}

const CONSUMER = `
import { buildClient, CommitmentPolicy, RawAesKeyring, TamperedFrameError } from '@strongroom/encryption-sdk';
const keyring = new RawAesKeyring({ keyNamespace: 'pack-ns', keyName: 'pack-key', wrappingKey: Buffer.from(process.env.KEY, 'hex') });
const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
const theirs = await decrypt(keyring, Buffer.from(process.env.THEIRS, 'base64'), { encryptionContext: { origin: 'client-node' } });
const { result } = await encrypt(keyring, Buffer.from(process.env.PLAINTEXT, 'base64'), { encryptionContext: { origin: 'packed' }, frameLength: 1024 });
const back = await decrypt(keyring, result);
const tampered = Buffer.from(result);
tampered[tampered.length - 200] ^= 1;
const refused = await decrypt(keyring, tampered).then(() => false, (error) => error instanceof TamperedFrameError || error.name);
process.stdout.write(JSON.stringify({
  theirs: Buffer.from(theirs.plaintext).toString('base64'),
  ours: result.toString('base64'),
  roundTrip: back.plaintext.toString('base64'),
  refused,
  tsx: process.execArgv.join(' '),
}));
`;

describe('the packed package on plain node', () => {
  let tmp: string;
  let installed: string;
  let consumer: string;
  let packedFiles: string[];

  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'esdk-pack-'));
    const stage = path.join(tmp, 'stage');
    mkdirSync(stage);
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    run(process.execPath, [tsc, '-p', path.join(PACKAGE_DIR, 'tsconfig.build.json'), '--outDir', path.join(stage, 'dist')]);
    for (const entry of ['package.json', 'README.md', 'bin', 'src', 'test', 'tsconfig.build.json']) cpSync(path.join(PACKAGE_DIR, entry), path.join(stage, entry), { recursive: true });
    // --ignore-scripts: `prepare` would build dist/ in place; it was built above.
    const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], { cwd: stage })) as { filename: string; files: { path: string }[] }[];
    packedFiles = packed.files.map((file) => file.path).sort();
    consumer = path.join(tmp, 'consumer');
    installed = path.join(consumer, 'node_modules', '@strongroom', 'encryption-sdk');
    mkdirSync(installed, { recursive: true });
    run('tar', ['-xzf', path.join(tmp, packed.filename), '-C', installed, '--strip-components=1']);
    writeFileSync(path.join(consumer, 'package.json'), '{ "type": "module", "private": true }\n');
    writeFileSync(path.join(consumer, 'use.mjs'), CONSUMER);
  });
  after(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('npm pack ships dist (JavaScript + declarations), the bin, README and package.json only', () => {
    for (const file of packedFiles) assert.match(file, /^(dist\/.+\.(js|d\.ts)|bin\/strongroom-encrypt\.js|README\.md|package\.json)$/, file);
    for (const file of ['dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'bin/strongroom-encrypt.js', 'README.md', 'package.json']) assert.ok(packedFiles.includes(file), file);
    assert.ok(!packedFiles.some((file) => file.includes('.test.')), 'no tests');
  });

  it('a plain-node consumer encrypts and decrypts with a raw AES keyring; client-node agrees both ways', async () => {
    const key = randomBytes(32);
    const theirsKeyring = new aws.RawAesKeyringNode({
      keyNamespace: 'pack-ns',
      keyName: 'pack-key',
      unencryptedMasterKey: new Uint8Array(key),
      wrappingSuite: aws.RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
      utf8Sorting: true,
    });
    const official = aws.buildClient(aws.CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
    const theirsPlaintext = randomBytes(5000);
    const theirs = await official.encrypt(theirsKeyring, theirsPlaintext, { encryptionContext: { origin: 'client-node' } });
    const plaintext = randomBytes(10_000);
    const out = JSON.parse(
      run(process.execPath, ['use.mjs'], {
        cwd: consumer,
        env: plainEnv({ KEY: key.toString('hex'), THEIRS: Buffer.from(theirs.result).toString('base64'), PLAINTEXT: plaintext.toString('base64') }),
      }),
    );
    assert.equal(out.tsx, '', 'no loader flags');
    assert.ok(Buffer.from(out.theirs, 'base64').equals(theirsPlaintext));
    assert.ok(Buffer.from(out.roundTrip, 'base64').equals(plaintext));
    assert.equal(out.refused, true, 'a tampered frame is refused with TamperedFrameError');
    const back = await official.decrypt(theirsKeyring, Buffer.from(out.ours, 'base64'));
    assert.ok(Buffer.from(back.plaintext).equals(plaintext));
    assert.equal(back.messageHeader.encryptionContext.origin, 'packed');
    assert.equal(back.messageHeader.suiteId, 0x0578);
  });

  it('the bin runs the compiled CLI; without the optional @aws-sdk/client-kms it says what is missing', () => {
    const bin = path.join(installed, 'bin', 'strongroom-encrypt.js');
    assert.match(run(process.execPath, [bin, '--version'], { cwd: consumer, env: plainEnv() }), /^strongroom-encrypt \d+\.\d+\.\d+\n$/);
    assert.match(run(process.execPath, [bin, '--help'], { cwd: consumer, env: plainEnv() }), /--wrapping-keys/);
    const noKms = spawnSync(process.execPath, [bin, '-e', '-i', '-', '-o', '-', '-w', 'key=alias/x'], { cwd: consumer, env: plainEnv(), input: 'x', encoding: 'utf8' });
    assert.equal(noKms.status, 1, noKms.stderr);
    assert.match(noKms.stderr, /needs the @aws-sdk\/client-kms package/);
  });
});
