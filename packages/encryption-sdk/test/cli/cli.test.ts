/**
 * `strongroom-encrypt` end to end: the CLI in a child process, against a
 * real Strongroom server, with credentials from the environment. Messages
 * it writes are decrypted by @aws-crypto/client-node (independent
 * implementation) and it decrypts messages client-node wrote.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as aws from '@aws-crypto/client-node';
import { KMS } from '@aws-sdk/client-kms';
import { awsEnv, createAlias, createKey, kmsClientFor, startStrongroom, type CountingKmsClient, type TestServer } from '../support/strongroom-kms.ts';

/** The CLI from src/ through tsx (test/support/run-cli.ts); test/package.test.ts runs the built bin. */
const CLI = fileURLToPath(new URL('../support/run-cli.ts', import.meta.url));

interface Run {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

function runCli(args: string[], options: { env: NodeJS.ProcessEnv; input?: Buffer; cwd?: string; nodeFlags?: string[] }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', CLI, ...args], { env: options.env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: err }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? Buffer.alloc(0));
  });
}

describe('strongroom-encrypt CLI against Strongroom', () => {
  let server: TestServer;
  let kms: CountingKmsClient;
  let awsKms: KMS;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let keyArn: string;
  let otherArn: string;
  let alias: string;
  const official = aws.buildClient(aws.CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);

  before(async () => {
    server = await startStrongroom();
    kms = kmsClientFor(server);
    awsKms = new KMS({ endpoint: server.url, region: server.region, credentials: server.credentials, maxAttempts: 1 });
    const key = await createKey(kms.client);
    keyArn = key.Arn!;
    alias = await createAlias(kms.client, key.KeyId!);
    otherArn = (await createKey(kms.client)).Arn!;
    dir = mkdtempSync(path.join(os.tmpdir(), 'esdk-cli-'));
    env = awsEnv(server);
  });
  after(async () => {
    kms?.client.destroy();
    awsKms?.destroy();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const file = (name: string) => path.join(dir, name);
  const endpoint = () => ['--endpoint-url', server.url];
  const noLeftovers = (prefix: string) => assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith(prefix) || f.startsWith(`.${prefix}`)), []);

  it('encrypts a file with an alias and decrypts it with the key ARN; client-node agrees', async () => {
    const plaintext = randomBytes(300_000);
    writeFileSync(file('a.txt'), plaintext);
    const enc = await runCli(['--encrypt', '-i', file('a.txt'), '-o', file('a.enc'), '--wrapping-keys', `key=${alias}`, '--encryption-context', 'purpose=test', 'team=infra', ...endpoint()], { env });
    assert.equal(enc.code, 0, enc.stderr);
    const message = readFileSync(file('a.enc'));
    // Independent implementation decrypts what the CLI wrote.
    const theirs = await official.decrypt(new aws.KmsKeyringNode({ clientProvider: () => awsKms, keyIds: [keyArn] }), message);
    assert.deepEqual(Buffer.from(theirs.plaintext), plaintext);
    assert.equal(theirs.messageHeader.encryptionContext.purpose, 'test');
    assert.equal(theirs.messageHeader.encryptionContext.team, 'infra');
    assert.equal(theirs.messageHeader.suiteId, 0x0578);

    const dec = await runCli(['--decrypt', '-i', file('a.enc'), '-o', file('a.out'), '--wrapping-keys', `key=${keyArn}`, '-c', 'purpose=test', ...endpoint()], { env });
    assert.equal(dec.code, 0, dec.stderr);
    assert.deepEqual(readFileSync(file('a.out')), plaintext);
  });

  it('decrypts what client-node wrote (0x0478), stdin to stdout, endpoint from AWS_ENDPOINT_URL', async () => {
    const plaintext = Buffer.from('hello from client-node\n');
    const { result } = await official.encrypt(new aws.KmsKeyringNode({ clientProvider: () => awsKms, generatorKeyId: keyArn }), plaintext, {
      suiteId: aws.AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY,
    });
    const dec = await runCli(['-d', '-i', '-', '-o', '-', '-w', `key=${keyArn}`], { env: { ...env, AWS_ENDPOINT_URL: server.url }, input: Buffer.from(result) });
    assert.equal(dec.code, 0, dec.stderr);
    assert.deepEqual(dec.stdout, plaintext);
  });

  it('pipes: encrypt stdin → stdout, decrypt with discovery=true and a discovery filter', async () => {
    const plaintext = randomBytes(10_000);
    const enc = await runCli(['-e', '-i', '-', '-o', '-', '-w', `key=${keyArn}`, `key=${otherArn}`, '--algorithm', 'AES_256_GCM_HKDF_SHA512_COMMIT_KEY', ...endpoint()], { env, input: plaintext });
    assert.equal(enc.code, 0, enc.stderr);
    const discovery = ['discovery=true', 'discovery-partition=aws', `discovery-account=${server.accountId}`];
    const dec = await runCli(['-d', '-i', '-', '-o', '-', '-w', ...discovery, ...endpoint()], { env, input: enc.stdout });
    assert.equal(dec.code, 0, dec.stderr);
    assert.deepEqual(dec.stdout, plaintext);
    // Two EDKs: either key alone decrypts.
    const theirs = await official.decrypt(new aws.KmsKeyringNode({ clientProvider: () => awsKms, keyIds: [otherArn] }), enc.stdout);
    assert.deepEqual(Buffer.from(theirs.plaintext), plaintext);
    assert.equal(theirs.messageHeader.encryptedDataKeys.length, 2);
  });

  it('a wrong expected encryption context fails and leaves no output file', async () => {
    writeFileSync(file('b.txt'), 'confidential');
    assert.equal((await runCli(['-e', '-i', file('b.txt'), '-o', file('b.enc'), '-w', `key=${keyArn}`, '-c', 'purpose=test', ...endpoint()], { env })).code, 0);
    const dec = await runCli(['-d', '-i', file('b.enc'), '-o', file('b.out'), '-w', `key=${keyArn}`, '-c', 'purpose=other', ...endpoint()], { env });
    assert.equal(dec.code, 1);
    assert.match(dec.stderr, /EncryptionContextMismatch.*purpose/);
    assert.ok(!existsSync(file('b.out')));
    noLeftovers('b.out');
    const missing = await runCli(['-d', '-i', file('b.enc'), '-o', file('b.out'), '-w', `key=${keyArn}`, '-c', 'tenant=x', ...endpoint()], { env });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /has no "tenant"/);
  });

  it('a tampered last frame fails (signed suite): no output file, no plaintext on stdout', async () => {
    const plaintext = randomBytes(50_000);
    writeFileSync(file('c.txt'), plaintext);
    assert.equal((await runCli(['-e', '-i', file('c.txt'), '-o', file('c.enc'), '-w', `key=${keyArn}`, ...endpoint()], { env })).code, 0);
    const message = readFileSync(file('c.enc'));
    const tampered = Buffer.from(message);
    tampered[tampered.length - 150] ^= 1; // inside the final frame, before the footer
    writeFileSync(file('c.bad'), tampered);
    const dec = await runCli(['-d', '-i', file('c.bad'), '-o', file('c.out'), '-w', `key=${keyArn}`, ...endpoint()], { env });
    assert.equal(dec.code, 1);
    assert.match(dec.stderr, /Tampered|Signature/i);
    assert.ok(!existsSync(file('c.out')));
    noLeftovers('c.out');
    const toStdout = await runCli(['-d', '-i', file('c.bad'), '-o', '-', '-w', `key=${keyArn}`, ...endpoint()], { env });
    assert.equal(toStdout.code, 1);
    assert.equal(toStdout.stdout.length, 0, 'no unauthenticated plaintext was released');
    // A truncated message fails the same way.
    writeFileSync(file('c.short'), message.subarray(0, message.length - 40));
    const truncated = await runCli(['-d', '-i', file('c.short'), '-o', file('c.out'), '-w', `key=${keyArn}`, ...endpoint()], { env });
    assert.equal(truncated.code, 1);
    assert.match(truncated.stderr, /Truncated|Tampered|Signature/i);
    assert.ok(!existsSync(file('c.out')));
  });

  it('signed suite, file output: decrypting 20 MiB keeps memory bounded; a forged signature leaves no file', async () => {
    // Frames go to the private temporary file as they authenticate (the SDK's
    // releaseBeforeSignature), so peak memory does not grow with the message;
    // holding the plaintext until the signature verified would add >= 20 MiB.
    const peakRss = async (args: string[]): Promise<number> => {
      const rssFile = file('rss');
      // A small young generation: garbage buffers are collected soon, so the
      // peak reflects what the process holds rather than when V8 collects.
      const run = await runCli(args, { env: { ...env, STRONGROOM_ENCRYPT_TEST_RSS_FILE: rssFile }, nodeFlags: ['--max-semi-space-size=1'] });
      assert.equal(run.code, 0, run.stderr);
      return Number(readFileSync(rssFile, 'utf8'));
    };
    const big = randomBytes(20 * 1024 * 1024);
    writeFileSync(file('m.big'), big);
    writeFileSync(file('m.small'), big.subarray(0, 64 * 1024));
    for (const name of ['m.big', 'm.small']) {
      const enc = await runCli(['-e', '-i', file(name), '-o', file(`${name}.enc`), '-w', `key=${keyArn}`, ...endpoint()], { env });
      assert.equal(enc.code, 0, enc.stderr);
    }
    assert.equal(readFileSync(file('m.big.enc')).readUInt16BE(1), 0x0578, 'a signed suite');
    const small = await peakRss(['-d', '-i', file('m.small.enc'), '-o', file('m.small.out'), '-w', `key=${keyArn}`, ...endpoint()]);
    const large = await peakRss(['-d', '-i', file('m.big.enc'), '-o', file('m.big.out'), '-w', `key=${keyArn}`, ...endpoint()]);
    assert.ok(readFileSync(file('m.big.out')).equals(big));
    assert.ok(large - small < 10 * 1024 * 1024, `peak RSS ${large} B for 20 MiB vs ${small} B for 64 KiB: grows with the message`);

    // The last byte of the message is the last byte of the ECDSA signature.
    const forged = readFileSync(file('m.big.enc'));
    forged[forged.length - 1] ^= 1;
    writeFileSync(file('m.forged'), forged);
    const dec = await runCli(['-d', '-i', file('m.forged'), '-o', file('m.forged.out'), '-w', `key=${keyArn}`, ...endpoint()], { env });
    assert.equal(dec.code, 1);
    assert.match(dec.stderr, /SignatureInvalid/);
    assert.ok(!existsSync(file('m.forged.out')));
    noLeftovers('m.forged.out');
    // To stdout (nothing can be taken back there) the plaintext still waits for the signature.
    const toStdout = await runCli(['-d', '-i', file('m.forged'), '-o', '-', '-w', `key=${keyArn}`, ...endpoint()], { env });
    assert.equal(toStdout.code, 1);
    assert.match(toStdout.stderr, /SignatureInvalid/);
    assert.equal(toStdout.stdout.length, 0, 'no unverified plaintext on stdout');
  });

  it('a key the message was not encrypted for cannot decrypt', async () => {
    writeFileSync(file('d.txt'), 'x');
    assert.equal((await runCli(['-e', '-i', file('d.txt'), '-o', file('d.enc'), '-w', `key=${keyArn}`, ...endpoint()], { env })).code, 0);
    const dec = await runCli(['-d', '-i', file('d.enc'), '-o', file('d.out'), '-w', `key=${otherArn}`, ...endpoint()], { env });
    assert.equal(dec.code, 1);
    assert.match(dec.stderr, /NoKeyringCouldDecrypt/);
    assert.ok(!existsSync(file('d.out')));
  });

  it('--max-encrypted-data-keys refuses a message with more EDKs', async () => {
    writeFileSync(file('e.txt'), 'x');
    assert.equal((await runCli(['-e', '-i', file('e.txt'), '-o', file('e.enc'), '-w', `key=${keyArn}`, `key=${otherArn}`, ...endpoint()], { env })).code, 0);
    const dec = await runCli(['-d', '-i', file('e.enc'), '-o', file('e.out'), '-w', `key=${keyArn}`, '--max-encrypted-data-keys', '1', ...endpoint()], { env });
    assert.equal(dec.code, 1);
    assert.match(dec.stderr, /TooManyEncryptedDataKeys/);
    assert.ok(!existsSync(file('e.out')));
  });

  it('--commitment-policy: a non-committing message needs an ALLOW_DECRYPT policy', async () => {
    writeFileSync(file('f.txt'), 'legacy');
    const enc = await runCli(['-e', '-i', file('f.txt'), '-o', file('f.enc'), '-w', `key=${keyArn}`, '--commitment-policy', 'forbid-encrypt-allow-decrypt', '--algorithm', 'AES_256_GCM_IV12_TAG16_HKDF_SHA256', ...endpoint()], { env });
    assert.equal(enc.code, 0, enc.stderr);
    const strict = await runCli(['-d', '-i', file('f.enc'), '-o', file('f.out'), '-w', `key=${keyArn}`, ...endpoint()], { env });
    assert.equal(strict.code, 1);
    assert.match(strict.stderr, /CommitmentPolicy/);
    const allow = await runCli(['-d', '-i', file('f.enc'), '-o', file('f.out'), '-w', `key=${keyArn}`, '--commitment-policy', 'require-encrypt-allow-decrypt', ...endpoint()], { env });
    assert.equal(allow.code, 0, allow.stderr);
    assert.equal(readFileSync(file('f.out'), 'utf8'), 'legacy');
  });

  it('--metadata-output writes the header as JSON (no key material)', async () => {
    writeFileSync(file('g.txt'), 'meta');
    const enc = await runCli(['-e', '-i', file('g.txt'), '-o', file('g.enc'), '-w', `key=${keyArn}`, '-c', 'k=v', '--metadata-output', file('g.json'), ...endpoint()], { env });
    assert.equal(enc.code, 0, enc.stderr);
    const metadata = JSON.parse(readFileSync(file('g.json'), 'utf8'));
    assert.equal(metadata.header.algorithmSuiteId, '0x0578');
    assert.equal(metadata.header.encryptionContext.k, 'v');
    assert.deepEqual(metadata.header.encryptedDataKeys.map((e: { providerInfo: string }) => e.providerInfo), [keyArn]);
  });

  it('progress on stderr when forced, for a large input', async () => {
    writeFileSync(file('h.bin'), randomBytes(9 * 1024 * 1024));
    const enc = await runCli(['-e', '-i', file('h.bin'), '-o', file('h.enc'), '-w', `key=${keyArn}`, '--algorithm', '0x0478', '--progress', ...endpoint()], { env });
    assert.equal(enc.code, 0, enc.stderr);
    assert.match(enc.stderr, /encrypting .*MiB \/ 9\.0 MiB \(100%\)/);
    // Not a terminal and not forced: silent.
    const quiet = await runCli(['-d', '-i', file('h.enc'), '-o', file('h.out'), '-w', `key=${keyArn}`, ...endpoint()], { env });
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.doesNotMatch(quiet.stderr, /decrypting \d/);
    assert.deepEqual(readFileSync(file('h.out')), readFileSync(file('h.bin')));
  });

  it('usage errors exit 2 with a hint', async () => {
    for (const args of [
      ['-e', '-i', '-', '-o', '-'],
      ['-e', '-d', '-i', '-', '-o', '-', '-w', 'key=x'],
      ['-e', '-i', '-', '-o', '-', '-w', 'keyx'],
      ['-e', '-i', '-', '-o', '-', '-w', 'discovery=true'],
      ['-d', '-i', '-', '-o', '-', '-w', 'key=a', '--commitment-policy', 'sometimes'],
      ['-d', '-i', '-', '-o', '-', '-w', 'key=a', '--algorithm', '0x0478'],
      ['-e', '-i', '-', '-o', '-', '-w', 'key=a', '--bogus'],
    ]) {
      const run = await runCli(args, { env });
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /Try strongroom-encrypt --help/);
    }
    const help = await runCli(['--help'], { env });
    assert.equal(help.code, 0);
    assert.match(help.stdout.toString(), /--wrapping-keys/);
  });

  it('a missing input file is a clear error', async () => {
    const run = await runCli(['-e', '-i', file('missing.txt'), '-o', file('missing.enc'), '-w', `key=${keyArn}`, ...endpoint()], { env });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /ENOENT: cannot open .*missing\.txt/);
    assert.ok(!existsSync(file('missing.enc')));
  });
});
