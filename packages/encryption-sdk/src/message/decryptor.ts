/**
 * Reads one message incrementally: header → decryption materials → header
 * authentication → frames (or the non-framed body) → footer signature.
 * Bytes can arrive in any pieces; plaintext is only handed out after its
 * frame's tag verified, and for signed suites only after the footer's
 * signature verified (until then it is held; the releaseBeforeSignature
 * hook, for the CLI only, lifts that). Shared by one-shot and streaming
 * decrypt.
 */
import { createDecipheriv, createSecretKey, type KeyObject, type Verify } from 'node:crypto';
import type { CommitmentPolicy, CryptographicMaterialsManager, DecryptionMaterials, EncryptionContext } from '../materials.ts';
import type { AlgorithmSuite } from '../suites.ts';
import { policyAllowsDecrypt, SUITE_IV_BYTES, SUITE_TAG_BYTES } from '../suites.ts';
import {
  CommitmentPolicyViolationError,
  EncryptionContextMismatchError,
  KeyringError,
  MalformedMessageError,
  NoKeyringCouldDecryptError,
  SignatureInvalidError,
  SignedMessageNotAllowedError,
  TamperedFrameError,
  TamperedHeaderError,
  TruncatedMessageError,
} from '../errors.ts';
import { parseHeader, CONTENT_TYPE_FRAMED, type MessageHeader, type ParsedHeader } from '../format/header.ts';
import { pickContext, serializeEncryptionContext, validateCallerContext } from '../format/encryption-context.ts';
import { BodyAadBuilder, BodyAadKind, FINAL_FRAME_MARKER, MAX_NON_FRAMED_LENGTH, NON_FRAMED_PREFIX, readUInt64BE } from '../format/body.ts';
import { assertCommitment, deriveKeys } from '../crypto/key-derivation.ts';
import { createMessageVerifier, finishVerification } from '../crypto/signature.ts';
import { ChunkQueue } from './chunk-queue.ts';

export interface DecryptSettings {
  readonly commitmentPolicy: CommitmentPolicy;
  /** false: no limit. */
  readonly maxEncryptedDataKeys: number | false;
}

export interface DecryptOptions {
  /**
   * Pairs the message must have (checked after the header authenticates).
   * Keys the header does not store are treated as required encryption
   * context (authenticated but not stored, Required Encryption Context CMM).
   */
  readonly encryptionContext?: Readonly<Record<string, string>>;
  /** How a string ciphertext is encoded (as Buffer.from; default UTF-8), e.g. 'base64'. */
  readonly encoding?: BufferEncoding;
}

export interface DecryptorHooks {
  /** Refuse signed suites right after the header is parsed (decryptUnsignedMessageStream). */
  readonly unsignedOnly?: boolean;
  /** Called once the header authenticated. */
  readonly onHeader?: (header: MessageHeader) => void;
  /**
   * Signed suites: release each frame once its tag verified instead of
   * holding the plaintext until the footer signature verified. A bad
   * signature still fails the message (push/end throw), but what was
   * released before is then unverified: only for callers that discard all
   * output on failure (the CLI's temporary file). See DecryptStreamOptions.
   */
  readonly releaseBeforeSignature?: boolean;
}

type State = 'header' | 'body' | 'footer' | 'done';

const FRAME_PREFIX = 4 + SUITE_IV_BYTES; // seq ‖ IV
const HEADER_RETRY_LINEAR_LIMIT = 1024 * 1024;
const FINAL_PREFIX = 4 + 4 + SUITE_IV_BYTES + 4; // marker ‖ seq ‖ IV ‖ length

export class MessageDecryptor {
  private readonly queue = new ChunkQueue();
  private readonly reproduced: Record<string, string>;
  private state: State = 'header';
  private parsed?: ParsedHeader;
  private suite?: AlgorithmSuite;
  private key?: KeyObject;
  private aad?: BodyAadBuilder;
  private verifier?: Verify;
  private verificationKey?: KeyObject;
  private nextSequenceNumber = 1;
  /** Header parsing restarts from the first byte; these avoid retrying before it can get further. */
  private headerNeeds = 0;
  private headerTriedAt = 0;
  /** Bytes to feed to the verifier, kept as one view while frames are adjacent in memory (fewer update calls). */
  private unsigned?: Buffer;
  /** Plaintext of a signed message, held until the signature verifies. */
  private held: Buffer[] = [];
  private failed?: unknown;

  constructor(
    private readonly cmm: CryptographicMaterialsManager,
    options: DecryptOptions,
    private readonly settings: DecryptSettings,
    private readonly hooks: DecryptorHooks = {},
  ) {
    this.reproduced = validateCallerContext(options.encryptionContext);
  }

  get header(): MessageHeader | undefined {
    return this.state === 'header' ? undefined : this.parsed?.header;
  }

  /** Adds bytes; resolves with the plaintext that may be released now. */
  async push(chunk: Uint8Array): Promise<Buffer[]> {
    if (this.failed) throw this.failed;
    this.queue.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    try {
      const out: Buffer[] = [];
      await this.process(out);
      // Hash this input's bytes now rather than keep views of it past this call.
      if (this.verifier) this.flushSigned();
      return out;
    } catch (error) {
      this.fail(error);
      throw error;
    }
  }

  /** No more bytes: checks that the message was complete; resolves with the rest of the plaintext. */
  async end(): Promise<Buffer[]> {
    if (this.failed) throw this.failed;
    try {
      const out: Buffer[] = [];
      // A large header may still be waiting for a retry (see readHeader).
      if (this.state === 'header' && this.queue.length > 0 && (await this.readHeader(true))) await this.process(out);
      if (this.state !== 'done') throw new TruncatedMessageError();
      out.push(...this.held);
      this.held = [];
      return out;
    } catch (error) {
      this.fail(error);
      throw error;
    }
  }

  private fail(error: unknown): void {
    this.failed = error;
    // Drop everything that could still be released.
    this.held = [];
  }

  private async process(out: Buffer[]): Promise<void> {
    for (;;) {
      switch (this.state) {
        case 'header':
          if (!(await this.readHeader())) return;
          break;
        case 'body':
          if (!(this.parsed!.header.contentType === CONTENT_TYPE_FRAMED ? this.readFrame(out) : this.readNonFramed(out))) return;
          break;
        case 'footer':
          if (!this.readFooter(out)) return;
          break;
        case 'done':
          if (this.queue.length > 0) throw new MalformedMessageError('Malformed message: there are bytes after the end of the message');
          return;
      }
    }
  }

  private async readHeader(final = false): Promise<boolean> {
    const length = this.queue.length;
    // Retry only once the next field can be complete; above 1 MiB (huge EDK
    // lists) also wait for the pending bytes to double, so that re-parsing
    // from the start stays linear overall.
    if (!final && (length < this.headerNeeds || (length >= HEADER_RETRY_LINEAR_LIMIT && length < 2 * this.headerTriedAt))) return false;
    this.headerTriedAt = length;
    const bytes = this.queue.all();
    const max = this.settings.maxEncryptedDataKeys;
    const parsed = parseHeader(bytes, { ...(max === false ? {} : { maxEncryptedDataKeys: max }), onNeedMore: (n) => (this.headerNeeds = n) });
    if (!parsed) return false;
    const { header, suite } = parsed;
    if (!policyAllowsDecrypt(this.settings.commitmentPolicy, suite)) {
      throw new CommitmentPolicyViolationError(`Algorithm suite ${suite.name} is not allowed for decryption by commitment policy ${this.settings.commitmentPolicy}`);
    }
    if (this.hooks.unsignedOnly && suite.signature) throw new SignedMessageNotAllowedError();
    const notStored = Object.keys(this.reproduced).filter((key) => !Object.hasOwn(header.encryptionContext, key));
    let materials: DecryptionMaterials;
    try {
      materials = await this.cmm.decryptMaterials({
        suite,
        encryptedDataKeys: header.encryptedDataKeys,
        encryptionContext: header.encryptionContext,
        commitmentPolicy: this.settings.commitmentPolicy,
        ...(Object.keys(this.reproduced).length > 0 ? { reproducedEncryptionContext: this.reproduced } : {}),
      });
    } catch (error) {
      // Expected pairs the header does not store are bound into the data key
      // wrapping (required encryption context); most likely they are simply wrong.
      if (error instanceof NoKeyringCouldDecryptError && notStored.length > 0) {
        throw new EncryptionContextMismatchError(
          `Encryption context does not match the expected pairs: the message header does not store ${JSON.stringify(notStored)}, and no keyring could decrypt with them as required encryption context`,
          { cause: error },
        );
      }
      throw error;
    }
    this.checkMaterials(materials, suite);
    const derived = deriveKeys(suite, materials.plaintextDataKey!, header.messageId);
    if (suite.committing) assertCommitment(derived.commitKey, header.suiteData);
    this.key = createSecretKey(derived.dataKey);
    derived.dataKey.fill(0);
    const required = materials.requiredEncryptionContextKeys ?? [];
    const decipher = createDecipheriv(suite.cipher, this.key, parsed.authIv, { authTagLength: SUITE_TAG_BYTES });
    decipher.setAAD(required.length > 0 ? Buffer.concat([parsed.body, serializeEncryptionContext(pickContext(materials.encryptionContext, required))]) : parsed.body);
    decipher.setAuthTag(parsed.authTag);
    try {
      decipher.final();
    } catch {
      if (required.length > 0) {
        throw new EncryptionContextMismatchError(
          `Header authentication failed with the expected encryption context: the message was not encrypted with the pairs ${JSON.stringify(required)} supplied, or its header was modified`,
        );
      }
      throw new TamperedHeaderError();
    }
    this.parsed = parsed;
    this.suite = suite;
    this.aad = new BodyAadBuilder(header.messageId);
    if (suite.signature) {
      this.verifier = createMessageVerifier(suite);
      this.verificationKey = materials.verificationKey;
      this.verifier.update(bytes.subarray(0, parsed.length));
    }
    this.queue.consume(parsed.length);
    this.state = 'body';
    this.hooks.onHeader?.(header);
    return true;
  }

  private checkMaterials(materials: DecryptionMaterials, suite: AlgorithmSuite): void {
    if (materials.suite.id !== suite.id) throw new KeyringError('The materials manager returned materials for a different algorithm suite');
    if (!policyAllowsDecrypt(this.settings.commitmentPolicy, materials.suite)) {
      throw new CommitmentPolicyViolationError(`Algorithm suite ${suite.name} is not allowed for decryption by commitment policy ${this.settings.commitmentPolicy}`);
    }
    if (!materials.plaintextDataKey || materials.plaintextDataKey.length !== suite.keyBytes) throw new KeyringError('The decryption materials have no usable data key');
    if (suite.signature && !materials.verificationKey) throw new KeyringError('The decryption materials of a signed suite have no verification key');
    // Whatever the CMM, every pair the caller expects must be in the authenticated context.
    const context: EncryptionContext = materials.encryptionContext;
    for (const [key, value] of Object.entries(this.reproduced)) {
      if (!Object.hasOwn(context, key) || context[key] !== value) {
        throw new EncryptionContextMismatchError(`Encryption context does not match the expected pairs: "${key}" is missing or differs`);
      }
    }
  }

  /** Queues signed bytes: extends the pending view when `bytes` follows it in the same memory. */
  private sign(bytes: Buffer): void {
    const pending = this.unsigned;
    if (pending && pending.buffer === bytes.buffer && pending.byteOffset + pending.length === bytes.byteOffset) {
      this.unsigned = Buffer.from(pending.buffer, pending.byteOffset, pending.length + bytes.length);
      return;
    }
    this.flushSigned();
    this.unsigned = bytes;
  }

  private flushSigned(): void {
    if (this.unsigned) this.verifier!.update(this.unsigned);
    this.unsigned = undefined;
  }

  private release(plaintext: Buffer, out: Buffer[]): void {
    if (plaintext.length === 0) return;
    if (this.verifier && !this.hooks.releaseBeforeSignature) this.held.push(plaintext);
    else out.push(plaintext);
  }

  private decryptUnit(kind: BodyAadKind, sequenceNumber: number, iv: Buffer, ciphertext: Buffer, tag: Buffer): Buffer {
    const decipher = createDecipheriv(this.suite!.cipher, this.key!, iv, { authTagLength: SUITE_TAG_BYTES });
    decipher.setAAD(this.aad!.aad(kind, sequenceNumber, ciphertext.length));
    decipher.setAuthTag(tag);
    const plaintext = ciphertext.length > 0 ? decipher.update(ciphertext) : EMPTY;
    try {
      decipher.final();
    } catch {
      plaintext.fill(0);
      throw new TamperedFrameError(
        kind === BodyAadKind.SingleBlock ? 'Body authentication failed: the message body was modified' : `Frame ${sequenceNumber} failed authentication: the message body was modified`,
      );
    }
    return plaintext;
  }

  private readFrame(out: Buffer[]): boolean {
    const queue = this.queue;
    if (queue.length < 4) return false;
    const frameLength = this.parsed!.header.frameLength;
    const first = queue.contiguous(4).readUInt32BE(0);
    const final = first === FINAL_FRAME_MARKER;
    let size: number;
    let contentLength: number;
    if (final) {
      if (queue.length < FINAL_PREFIX) return false;
      contentLength = queue.contiguous(FINAL_PREFIX).readUInt32BE(FINAL_PREFIX - 4);
      if (contentLength > frameLength) throw new MalformedMessageError('Malformed message: the final frame is longer than the frame length');
      size = FINAL_PREFIX + contentLength + SUITE_TAG_BYTES;
    } else {
      contentLength = frameLength;
      size = FRAME_PREFIX + frameLength + SUITE_TAG_BYTES;
    }
    const sequenceNumber = final ? queue.contiguous(8).readUInt32BE(4) : first;
    if (sequenceNumber !== this.nextSequenceNumber) {
      throw new TamperedFrameError(`Frame sequence number ${sequenceNumber} is out of order (expected ${this.nextSequenceNumber})`);
    }
    if (queue.length < size) return false;
    const frame = queue.contiguous(size);
    const ivAt = final ? 8 : 4;
    const contentAt = final ? FINAL_PREFIX : FRAME_PREFIX;
    const plaintext = this.decryptUnit(
      final ? BodyAadKind.Final : BodyAadKind.Regular,
      sequenceNumber,
      frame.subarray(ivAt, ivAt + SUITE_IV_BYTES),
      frame.subarray(contentAt, contentAt + contentLength),
      frame.subarray(contentAt + contentLength, size),
    );
    if (this.verifier) this.sign(frame);
    queue.consume(size);
    this.nextSequenceNumber++;
    this.release(plaintext, out);
    if (final) this.state = this.verifier ? 'footer' : 'done';
    return true;
  }

  private readNonFramed(out: Buffer[]): boolean {
    const queue = this.queue;
    if (queue.length < NON_FRAMED_PREFIX) return false;
    const contentLength = readUInt64BE(queue.contiguous(NON_FRAMED_PREFIX), SUITE_IV_BYTES);
    if (contentLength > MAX_NON_FRAMED_LENGTH) throw new MalformedMessageError('Malformed message: the non-framed body is longer than the format allows');
    const size = NON_FRAMED_PREFIX + contentLength + SUITE_TAG_BYTES;
    if (queue.length < size) return false;
    const body = queue.contiguous(size);
    const plaintext = this.decryptUnit(
      BodyAadKind.SingleBlock,
      1,
      body.subarray(0, SUITE_IV_BYTES),
      body.subarray(NON_FRAMED_PREFIX, NON_FRAMED_PREFIX + contentLength),
      body.subarray(NON_FRAMED_PREFIX + contentLength, size),
    );
    if (this.verifier) this.sign(body);
    queue.consume(size);
    // Plaintext of a single block is only released once the whole block authenticated (above).
    this.release(plaintext, out);
    this.state = this.verifier ? 'footer' : 'done';
    return true;
  }

  private readFooter(out: Buffer[]): boolean {
    const queue = this.queue;
    if (queue.length < 2) return false;
    const signatureLength = queue.contiguous(2).readUInt16BE(0);
    if (queue.length < 2 + signatureLength) return false;
    const signature = queue.contiguous(2 + signatureLength).subarray(2);
    this.flushSigned();
    if (!finishVerification(this.verifier!, this.verificationKey!, signature)) throw new SignatureInvalidError();
    queue.consume(2 + signatureLength);
    this.verifier = undefined;
    this.state = 'done';
    out.push(...this.held);
    this.held = [];
    return true;
  }
}

const EMPTY = Buffer.alloc(0);
