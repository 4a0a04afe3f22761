/**
 * Writes one message: obtains materials, builds and authenticates the header,
 * encrypts frames into caller-provided buffers, and produces the footer.
 * Shared by the one-shot and the streaming encrypt.
 */
import { createCipheriv, createSecretKey, randomBytes, type KeyObject, type Sign } from 'node:crypto';
import type { CommitmentPolicy, CryptographicMaterialsManager, EncryptionMaterials } from '../materials.ts';
import type { AlgorithmSuite } from '../suites.ts';
import { policyAllowsEncrypt, suiteById, SUITE_IV_BYTES, SUITE_TAG_BYTES } from '../suites.ts';
import { CommitmentPolicyViolationError, InvalidArgumentError, KeyringError, TooManyEncryptedDataKeysError, UnsupportedAlgorithmSuiteError } from '../errors.ts';
import { pickContext, serializeEncryptionContext, validateCallerContext } from '../format/encryption-context.ts';
import { CONTENT_TYPE_FRAMED, messageIdLength, serializeHeaderBody, type MessageHeader } from '../format/header.ts';
import { BodyAadBuilder, BodyAadKind, DEFAULT_FRAME_LENGTH, FINAL_FRAME_MARKER, MAX_FRAME_LENGTH, writeFrameIv } from '../format/body.ts';
import { deriveKeys } from '../crypto/key-derivation.ts';
import { createMessageSigner, finishSignature } from '../crypto/signature.ts';

export interface EncryptSettings {
  readonly commitmentPolicy: CommitmentPolicy;
  /** false: no limit. */
  readonly maxEncryptedDataKeys: number | false;
}

export interface EncryptOptions {
  readonly encryptionContext?: Readonly<Record<string, string>>;
  readonly suiteId?: number;
  readonly frameLength?: number;
  /** A hint for the CMM (the caching CMM needs it); one-shot encrypt sets it itself. */
  readonly plaintextLength?: number;
  /** How a string plaintext is encoded (as Buffer.from; default UTF-8). */
  readonly encoding?: BufferEncoding;
}

const ZERO_IV = Buffer.alloc(SUITE_IV_BYTES);

function requestedSuite(suiteId: number | undefined, policy: CommitmentPolicy): AlgorithmSuite | undefined {
  if (suiteId === undefined) return undefined;
  const suite = suiteById(suiteId);
  if (!suite) throw new UnsupportedAlgorithmSuiteError(`Unsupported algorithm suite ${suiteId}`);
  if (!policyAllowsEncrypt(policy, suite)) {
    throw new CommitmentPolicyViolationError(`Algorithm suite ${suite.name} is not allowed for encryption by commitment policy ${policy}`);
  }
  return suite;
}

function checkFrameLength(frameLength: number): number {
  if (!Number.isInteger(frameLength) || frameLength < 1 || frameLength > MAX_FRAME_LENGTH) {
    throw new InvalidArgumentError(`frameLength must be an integer between 1 and ${MAX_FRAME_LENGTH}`);
  }
  return frameLength;
}

/** Validates the options, asks the CMM for materials and checks them against the client settings. */
export async function startEncryption(cmm: CryptographicMaterialsManager, options: EncryptOptions, settings: EncryptSettings): Promise<MessageEncryptor> {
  const encryptionContext = validateCallerContext(options.encryptionContext);
  const suite = requestedSuite(options.suiteId, settings.commitmentPolicy);
  const frameLength = checkFrameLength(options.frameLength ?? DEFAULT_FRAME_LENGTH);
  if (options.plaintextLength !== undefined && (!Number.isSafeInteger(options.plaintextLength) || options.plaintextLength < 0)) {
    throw new InvalidArgumentError('plaintextLength must be a non-negative integer');
  }
  const materials = await cmm.getEncryptionMaterials({
    encryptionContext,
    commitmentPolicy: settings.commitmentPolicy,
    ...(suite ? { suite } : {}),
    ...(options.plaintextLength !== undefined ? { plaintextLength: options.plaintextLength } : {}),
  });
  if (!policyAllowsEncrypt(settings.commitmentPolicy, materials.suite)) {
    throw new CommitmentPolicyViolationError(`The materials' algorithm suite ${materials.suite.name} is not allowed for encryption by commitment policy ${settings.commitmentPolicy}`);
  }
  if (suite && materials.suite.id !== suite.id) throw new KeyringError('The materials manager returned a different algorithm suite than requested');
  if (settings.maxEncryptedDataKeys !== false && materials.encryptedDataKeys.length > settings.maxEncryptedDataKeys) {
    throw new TooManyEncryptedDataKeysError(materials.encryptedDataKeys.length, settings.maxEncryptedDataKeys);
  }
  return new MessageEncryptor(materials, frameLength);
}

export class MessageEncryptor {
  readonly suite: AlgorithmSuite;
  readonly header: MessageHeader;
  /** Serialized header body ‖ header authentication. */
  readonly headerBytes: Buffer;
  readonly frameLength: number;
  /** Running signature over everything written, for the streaming encrypt (signed suites). */
  readonly signer?: Sign;
  private readonly signingKey?: KeyObject;
  private readonly key: KeyObject;
  private readonly aad: BodyAadBuilder;
  private readonly iv = Buffer.alloc(SUITE_IV_BYTES);
  private sequenceNumber = 1;
  private finished = false;

  constructor(materials: EncryptionMaterials, frameLength: number) {
    const { suite } = materials;
    if (!materials.plaintextDataKey) throw new KeyringError('The encryption materials have no data key');
    if (materials.encryptedDataKeys.length === 0) throw new KeyringError('The encryption materials have no encrypted data keys');
    if (suite.signature && !materials.signingKey) throw new KeyringError('The encryption materials of a signed suite have no signing key');
    this.suite = suite;
    this.frameLength = frameLength;
    const messageId = randomBytes(messageIdLength(suite.messageFormatVersion));
    const derived = deriveKeys(suite, materials.plaintextDataKey, messageId);
    this.key = createSecretKey(derived.dataKey);
    derived.dataKey.fill(0);
    const required = materials.requiredEncryptionContextKeys ?? [];
    const stored: Record<string, string> = {};
    for (const [key, value] of Object.entries(materials.encryptionContext)) {
      if (!required.includes(key)) Object.defineProperty(stored, key, { value, enumerable: true, writable: true, configurable: true });
    }
    this.header = Object.freeze({
      version: suite.messageFormatVersion,
      ...(suite.messageFormatVersion === 1 ? { type: 0x80 } : {}),
      suiteId: suite.id,
      messageId,
      encryptionContext: Object.freeze(stored),
      encryptedDataKeys: Object.freeze([...materials.encryptedDataKeys]),
      contentType: CONTENT_TYPE_FRAMED,
      ...(suite.messageFormatVersion === 1 ? { headerIvLength: SUITE_IV_BYTES } : {}),
      frameLength,
      ...(derived.commitKey ? { suiteData: derived.commitKey } : {}),
    });
    const body = serializeHeaderBody(this.header);
    const cipher = createCipheriv(suite.cipher, this.key, ZERO_IV, { authTagLength: SUITE_TAG_BYTES });
    cipher.setAAD(required.length > 0 ? Buffer.concat([body, serializeEncryptionContext(pickContext(materials.encryptionContext, required))]) : body);
    cipher.final();
    const tag = cipher.getAuthTag();
    this.headerBytes = suite.messageFormatVersion === 1 ? Buffer.concat([body, ZERO_IV, tag]) : Buffer.concat([body, tag]);
    this.aad = new BodyAadBuilder(messageId);
    if (suite.signature) {
      this.signingKey = materials.signingKey;
      this.signer = createMessageSigner(suite);
    }
  }

  /**
   * Encrypts `plaintext` as the next frame into `out` at `offset` and returns
   * the offset after it. Regular frames must be exactly frameLength bytes.
   */
  writeFrame(plaintext: Uint8Array, final: boolean, out: Buffer, offset: number): number {
    if (this.finished) throw new Error('The message is already complete');
    const sequenceNumber = this.sequenceNumber;
    if (sequenceNumber >= FINAL_FRAME_MARKER && !final) throw new InvalidArgumentError('The message has too many frames');
    if (final) {
      if (plaintext.length > this.frameLength) throw new RangeError('The final frame is longer than the frame length');
      out.writeUInt32BE(FINAL_FRAME_MARKER, offset);
      offset += 4;
      this.finished = true;
    } else if (plaintext.length !== this.frameLength) {
      throw new RangeError('A regular frame must be exactly frameLength bytes');
    }
    out.writeUInt32BE(sequenceNumber, offset);
    offset += 4;
    writeFrameIv(this.iv, 0, sequenceNumber);
    this.iv.copy(out, offset);
    offset += SUITE_IV_BYTES;
    if (final) offset = out.writeUInt32BE(plaintext.length, offset);
    const cipher = createCipheriv(this.suite.cipher, this.key, this.iv, { authTagLength: SUITE_TAG_BYTES });
    cipher.setAAD(this.aad.aad(final ? BodyAadKind.Final : BodyAadKind.Regular, sequenceNumber, plaintext.length));
    if (plaintext.length > 0) offset += cipher.update(plaintext).copy(out, offset);
    cipher.final();
    offset += cipher.getAuthTag().copy(out, offset);
    this.sequenceNumber = sequenceNumber + 1;
    return offset;
  }

  get complete(): boolean {
    return this.finished;
  }

  /** The footer for a signed suite over `signedBytes` (header ‖ body), or over what was fed to `signer`. */
  footer(signedBytes?: Uint8Array): Buffer | undefined {
    if (!this.signer || !this.signingKey) return undefined;
    if (signedBytes) this.signer.update(signedBytes);
    const signature = finishSignature(this.signer, this.signingKey);
    const footer = Buffer.allocUnsafe(2 + signature.length);
    footer.writeUInt16BE(signature.length, 0);
    signature.copy(footer, 2);
    return footer;
  }
}
