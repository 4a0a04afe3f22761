/**
 * The public entry point, shaped like @aws-crypto/client-node's buildClient
 * so that code can switch between the two: buildClient(policy | options)
 * returns encrypt / decrypt / encryptStream / decryptStream /
 * decryptUnsignedMessageStream bound to the client's commitment policy and
 * maximum number of encrypted data keys.
 */
import { Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream, WritableStream } from 'node:stream/web';
import type { CommitmentPolicy, CryptographicMaterialsManager, Keyring } from './materials.ts';
import { COMMITMENT_POLICIES, DEFAULT_COMMITMENT_POLICY } from './suites.ts';
import { InvalidArgumentError } from './errors.ts';
import { DefaultCryptographicMaterialsManager } from './cmm/default-cmm.ts';
import { encryptBuffer, decryptBuffer, decryptIterable, type EncryptOutput, type DecryptOutput } from './message/one-shot.ts';
import { EncryptStream, DecryptStream, type DecryptStreamOptions } from './message/streams.ts';
import type { EncryptOptions } from './message/encryptor.ts';
import type { DecryptOptions } from './message/decryptor.ts';

export type { EncryptOptions, DecryptOptions, DecryptStreamOptions, EncryptOutput, DecryptOutput };
export type { EncryptStream, DecryptStream };

export type KeyringOrCmm = Keyring | CryptographicMaterialsManager;

export interface ClientOptions {
  /** Default REQUIRE_ENCRYPT_REQUIRE_DECRYPT. */
  readonly commitmentPolicy?: CommitmentPolicy;
  /** Integer 1…65535, or false (the default) for no limit beyond the format's. */
  readonly maxEncryptedDataKeys?: number | false;
}

export interface EncryptionSdkClient {
  readonly commitmentPolicy: CommitmentPolicy;
  readonly maxEncryptedDataKeys: number | false;
  /** `plaintext` may also be a Readable / async iterable (then it is encrypted as a stream and collected). */
  encrypt(keyringOrCmm: KeyringOrCmm, plaintext: MessageInput, options?: EncryptOptions): Promise<EncryptOutput>;
  /** `ciphertext` may also be a Readable / async iterable; nothing is returned before the whole message verified. */
  decrypt(keyringOrCmm: KeyringOrCmm, ciphertext: MessageInput, options?: DecryptOptions): Promise<DecryptOutput>;
  /** A Transform: write plaintext, read the message. Emits 'MessageHeader' once the header is known. */
  encryptStream(keyringOrCmm: KeyringOrCmm, options?: EncryptOptions): EncryptStream;
  /**
   * A Transform: write the message, read plaintext. Unsigned suites: each
   * frame's plaintext is released once it authenticates. Signed suites: all
   * plaintext is held until the footer signature verifies (unless
   * `releaseBeforeSignature`, an option for the CLI only; see DecryptStreamOptions).
   */
  decryptStream(keyringOrCmm: KeyringOrCmm, options?: DecryptStreamOptions): DecryptStream;
  /** Like decryptStream, but fails right after the header if the message is signed. */
  decryptUnsignedMessageStream(keyringOrCmm: KeyringOrCmm, options?: DecryptOptions): DecryptStream;
  /** encryptStream as a web-streams pair, for `readable.pipeThrough(...)`. */
  encryptWebStream(keyringOrCmm: KeyringOrCmm, options?: EncryptOptions): WebTransformPair;
  /** decryptStream as a web-streams pair (same release rules as decryptStream). */
  decryptWebStream(keyringOrCmm: KeyringOrCmm, options?: DecryptOptions): WebTransformPair;
}

/** What ReadableStream.pipeThrough accepts. */
export interface WebTransformPair {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;
}

function toWeb(stream: Duplex): WebTransformPair {
  return Duplex.toWeb(stream) as unknown as WebTransformPair;
}

/** Buffers, strings (see the `encoding` option) or streams of them. */
export type MessageInput = Uint8Array | string | AsyncIterable<Uint8Array | string>;

function isIterable(input: unknown): input is AsyncIterable<Uint8Array | string> {
  return typeof input === 'object' && input !== null && !(input instanceof Uint8Array) && typeof (input as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

async function encryptIterable(cmm: CryptographicMaterialsManager, input: AsyncIterable<Uint8Array | string>, options: EncryptOptions, settings: Settings): Promise<EncryptOutput> {
  const stream = new EncryptStream(cmm, options, settings);
  let messageHeader: EncryptOutput['messageHeader'] | undefined;
  stream.once('MessageHeader', (header) => (messageHeader = header));
  const chunks: Buffer[] = [];
  await pipeline(input, stream, async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) chunks.push(chunk);
  });
  return { result: Buffer.concat(chunks), messageHeader: messageHeader! };
}

/** A CMM as given, or a keyring wrapped in the default CMM. */
export function toCmm(keyringOrCmm: KeyringOrCmm): CryptographicMaterialsManager {
  const candidate = keyringOrCmm as Partial<CryptographicMaterialsManager & Keyring> | undefined;
  if (candidate && typeof candidate.getEncryptionMaterials === 'function' && typeof candidate.decryptMaterials === 'function') {
    return candidate as CryptographicMaterialsManager;
  }
  if (candidate && typeof candidate.onEncrypt === 'function' && typeof candidate.onDecrypt === 'function') {
    return new DefaultCryptographicMaterialsManager(candidate as Keyring);
  }
  throw new InvalidArgumentError('Expected a keyring or a cryptographic materials manager');
}

function toBytes(input: Uint8Array | string, what: string, encoding?: BufferEncoding): Buffer {
  if (typeof input === 'string') return Buffer.from(input, encoding);
  if (input instanceof Uint8Array) return Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  throw new InvalidArgumentError(`${what} must be a Buffer, a Uint8Array or a string`);
}

type Settings = { readonly commitmentPolicy: CommitmentPolicy; readonly maxEncryptedDataKeys: number | false };

function settingsFrom(options: CommitmentPolicy | ClientOptions | undefined): Settings {
  const opts: ClientOptions = typeof options === 'string' ? { commitmentPolicy: options } : (options ?? {});
  const commitmentPolicy = opts.commitmentPolicy ?? DEFAULT_COMMITMENT_POLICY;
  if (!COMMITMENT_POLICIES.includes(commitmentPolicy)) throw new InvalidArgumentError(`Unknown commitment policy ${String(commitmentPolicy)}`);
  const max = opts.maxEncryptedDataKeys ?? false;
  if (max !== false && (!Number.isInteger(max) || max < 1 || max > 0xffff)) {
    throw new InvalidArgumentError('maxEncryptedDataKeys must be false or an integer between 1 and 65535');
  }
  return Object.freeze({ commitmentPolicy, maxEncryptedDataKeys: max });
}

export function buildClient(options?: CommitmentPolicy | ClientOptions): EncryptionSdkClient {
  const settings = settingsFrom(options);
  return Object.freeze({
    ...settings,
    encrypt: async (keyringOrCmm: KeyringOrCmm, plaintext: MessageInput, encryptOptions: EncryptOptions = {}) =>
      isIterable(plaintext)
        ? encryptIterable(toCmm(keyringOrCmm), plaintext, encryptOptions, settings)
        : encryptBuffer(toCmm(keyringOrCmm), toBytes(plaintext, 'plaintext', encryptOptions.encoding), encryptOptions, settings),
    decrypt: async (keyringOrCmm: KeyringOrCmm, ciphertext: MessageInput, decryptOptions: DecryptOptions = {}) =>
      isIterable(ciphertext)
        ? decryptIterable(toCmm(keyringOrCmm), ciphertext, decryptOptions, settings)
        : decryptBuffer(toCmm(keyringOrCmm), toBytes(ciphertext, 'ciphertext', decryptOptions.encoding), decryptOptions, settings),
    encryptStream: (keyringOrCmm: KeyringOrCmm, encryptOptions: EncryptOptions = {}) => new EncryptStream(toCmm(keyringOrCmm), encryptOptions, settings),
    decryptStream: (keyringOrCmm: KeyringOrCmm, decryptOptions: DecryptStreamOptions = {}) => new DecryptStream(toCmm(keyringOrCmm), decryptOptions, settings),
    decryptUnsignedMessageStream: (keyringOrCmm: KeyringOrCmm, decryptOptions: DecryptOptions = {}) =>
      new DecryptStream(toCmm(keyringOrCmm), decryptOptions, settings, true),
    encryptWebStream: (keyringOrCmm: KeyringOrCmm, encryptOptions: EncryptOptions = {}) => toWeb(new EncryptStream(toCmm(keyringOrCmm), encryptOptions, settings)),
    // releaseBeforeSignature is decryptStream's (CLI) option only.
    decryptWebStream: (keyringOrCmm: KeyringOrCmm, decryptOptions: DecryptOptions = {}) =>
      toWeb(new DecryptStream(toCmm(keyringOrCmm), { ...decryptOptions, releaseBeforeSignature: false }, settings)),
  });
}

