/**
 * `strongroom-encrypt`: encrypts or decrypts a file or stdin with KMS
 * wrapping keys, streaming (a frame at a time for encryption; see the
 * README for signed-suite decryption). Exit status 0 on success, 1 when the
 * operation failed (and then no output file exists), 2 on a usage error.
 */
import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import type { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { buildClient } from '../client.ts';
import { EncryptionContextMismatchError, EncryptionSdkError } from '../errors.ts';
import type { MessageHeader } from '../format/header.ts';
import { HELP, parseCommandLine, UsageError, type CliOptions } from './args.ts';
import { buildKeyring, kmsEndpointFrom } from './keyring.ts';
import { fileOutput, stdoutOutput, type Output } from './output.ts';
import { ProgressStream, wantProgress } from './progress.ts';

export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

const VERSION = '0.1.0';

export async function runCli(argv: readonly string[], io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  const say = (text: string) => io.stderr.write(text);
  let command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(`strongroom-encrypt: ${error.message}\nTry strongroom-encrypt --help\n`);
    return 2;
  }
  if (command.kind === 'help') {
    io.stdout.write(HELP);
    return 0;
  }
  if (command.kind === 'version') {
    io.stdout.write(`strongroom-encrypt ${VERSION}\n`);
    return 0;
  }
  try {
    await run(command.options, io);
    return 0;
  } catch (error) {
    say(`strongroom-encrypt: ${describeError(error)}\n`);
    return 1;
  }
}

async function inputSize(input: string): Promise<number | undefined> {
  if (input === '-') return undefined;
  const info = await stat(input);
  if (!info.isFile()) return undefined;
  return info.size;
}

/** The pairs given with --encryption-context on decrypt must be in the message. */
function checkExpectedContext(header: MessageHeader, expected: Readonly<Record<string, string>>): void {
  for (const [key, value] of Object.entries(expected)) {
    if (!Object.hasOwn(header.encryptionContext, key)) throw new EncryptionContextMismatchError(`The message's encryption context has no "${key}"`);
    if (header.encryptionContext[key] !== value) throw new EncryptionContextMismatchError(`The message's encryption context has a different value for "${key}"`);
  }
}

async function run(options: CliOptions, io: CliIo): Promise<void> {
  // --quiet also silences the AWS SDK's Node-version notice (its own switch).
  if (options.quiet) process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const size = await inputSize(options.input);
  const client = buildClient({ commitmentPolicy: options.commitmentPolicy, maxEncryptedDataKeys: options.maxEncryptedDataKeys ?? false });
  const { keyring, close } = await buildKeyring(options.mode, options.wrappingKeys, { endpointUrl: kmsEndpointFrom(options.endpointUrl, io.env) });

  let header: MessageHeader | undefined;
  let crypto: Transform;
  if (options.mode === 'encrypt') {
    crypto = client.encryptStream(keyring, {
      encryptionContext: options.encryptionContext,
      suiteId: options.suiteId,
      frameLength: options.frameLength,
      ...(size === undefined ? {} : { plaintextLength: size }),
    });
    crypto.once('MessageHeader', (h: MessageHeader) => (header = h));
  } else {
    // A file is written under a private temporary name and deleted unless
    // the whole message (signature included) verified, so frames can go to it
    // as they authenticate: memory stays bounded for signed suites too. On
    // stdout nothing can be taken back: plaintext waits for the signature.
    crypto = client.decryptStream(keyring, { releaseBeforeSignature: options.output !== '-' });
    crypto.once('MessageHeader', (h: MessageHeader) => {
      header = h;
      try {
        checkExpectedContext(h, options.encryptionContext);
      } catch (error) {
        crypto.destroy(error as Error);
      }
    });
  }

  const input = options.input === '-' ? io.stdin : createReadStream(options.input);
  const output: Output = options.output === '-' ? stdoutOutput(io.stdout) : fileOutput(options.output);
  const stages: (Readable | Transform | Writable)[] = [input];
  if (wantProgress(options.progress, io.stderr.isTTY === true, size)) {
    stages.push(new ProgressStream(options.mode === 'encrypt' ? 'encrypting' : 'decrypting', size, (text) => io.stderr.write(text)));
  }
  stages.push(crypto, output.stream);
  try {
    await pipeline(stages as unknown as [Readable, Writable], { end: output.endStream });
    if (!output.endStream) await new Promise<void>((resolve, reject) => output.stream.write('', (error) => (error ? reject(error) : resolve())));
    await output.commit();
  } catch (error) {
    await output.discard();
    throw error;
  } finally {
    // Let the process exit promptly: close the KMS clients' sockets.
    close();
  }
  if (options.metadataOutput !== undefined && header) {
    const metadata = `${JSON.stringify({ mode: options.mode, input: options.input, output: options.output, header: headerMetadata(header) })}\n`;
    if (options.metadataOutput === '-') io.stdout.write(metadata);
    else await writeFile(options.metadataOutput, metadata, { flag: 'a' });
  }
}

/** The header as JSON for --metadata-output (no key material: EDK ciphertexts are wrapped keys, shown by length only). */
export function headerMetadata(header: MessageHeader): Record<string, unknown> {
  const decoder = new TextDecoder();
  return {
    version: header.version,
    algorithmSuiteId: `0x${header.suiteId.toString(16).padStart(4, '0')}`,
    messageId: header.messageId.toString('base64'),
    encryptionContext: header.encryptionContext,
    encryptedDataKeys: header.encryptedDataKeys.map((edk) => ({
      providerId: edk.providerId,
      providerInfo: edk.providerId === 'aws-kms' ? decoder.decode(edk.providerInfo) : Buffer.from(edk.providerInfo).toString('base64'),
      ciphertextLength: edk.ciphertext.byteLength,
    })),
    contentType: header.contentType === 2 ? 'framed' : 'non-framed',
    frameLength: header.frameLength,
  };
}

function describeError(error: unknown): string {
  if (error instanceof EncryptionSdkError) {
    const cause = error.cause instanceof Error && !(error.cause instanceof AggregateError) ? ` (${error.cause.name}: ${error.cause.message})` : '';
    return `${error.name}: ${error.message}${cause}`;
  }
  const e = error as NodeJS.ErrnoException;
  if (e && typeof e === 'object' && typeof e.code === 'string' && typeof e.path === 'string') return `${e.code}: cannot open ${e.path}`;
  if (e instanceof Error) return e.name && e.name !== 'Error' ? `${e.name}: ${e.message}` : e.message;
  return String(error);
}
