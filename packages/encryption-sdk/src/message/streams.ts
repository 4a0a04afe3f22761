/**
 * Streaming encrypt/decrypt as Node Transform streams.
 *
 * Encrypt keeps at most one frame of plaintext. Decrypt releases each
 * frame's plaintext as soon as its tag verifies for unsigned suites; for
 * signed suites it holds the plaintext until the footer signature verifies
 * (never releasing unverified plaintext), so memory grows with the message —
 * use decryptUnsignedMessageStream (which refuses signed messages) or an
 * unsigned suite such as 0x0478 for large streams. (The CLI, which discards
 * its output file on failure, opts out with releaseBeforeSignature.)
 */
import { Transform, type TransformCallback } from 'node:stream';
import type { CryptographicMaterialsManager } from '../materials.ts';
import { startEncryption, type EncryptOptions, type EncryptSettings, type MessageEncryptor } from './encryptor.ts';
import { MessageDecryptor, type DecryptOptions, type DecryptSettings } from './decryptor.ts';
import { REGULAR_FRAME_OVERHEAD, FINAL_FRAME_OVERHEAD } from '../format/body.ts';
import { InvalidArgumentError } from '../errors.ts';

export interface DecryptStreamOptions extends DecryptOptions {
  /**
   * For the strongroom-encrypt CLI; not meant for applications. Signed
   * suites only: release each frame's plaintext as soon as its tag verified,
   * before the footer signature is checked, so memory stays bounded. If the
   * signature (or anything else) then fails, the stream errors, but the
   * plaintext already emitted was NOT signature-verified: use this only when
   * every byte read goes somewhere nothing trusts until the stream ended
   * without error and that is deleted otherwise (the CLI writes a private
   * temporary file and renames it on success). Default false: no plaintext
   * of a signed message is emitted before its signature verified.
   */
  readonly releaseBeforeSignature?: boolean;
}

function toBuffer(chunk: unknown, encoding: BufferEncoding): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, encoding);
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError('Stream chunks must be Buffers, Uint8Arrays or strings');
}

export class EncryptStream extends Transform {
  private readonly starting: Promise<MessageEncryptor>;
  private encryptor?: MessageEncryptor;
  /** Plaintext of the frame being filled (at most frameLength bytes). */
  private frame?: Buffer;
  private filled = 0;
  private total = 0;
  private readonly declaredLength?: number;

  constructor(cmm: CryptographicMaterialsManager, options: EncryptOptions, settings: EncryptSettings) {
    super();
    this.declaredLength = options.plaintextLength;
    this.starting = startEncryption(cmm, options, settings);
    // Errors surface on the first write or at the end; avoid an unhandled rejection meanwhile.
    this.starting.catch(() => undefined);
  }

  private async ready(): Promise<MessageEncryptor> {
    if (this.encryptor) return this.encryptor;
    const encryptor = await this.starting;
    this.encryptor = encryptor;
    this.frame = Buffer.allocUnsafe(encryptor.frameLength);
    this.emit('MessageHeader', encryptor.header);
    this.out(encryptor.headerBytes);
    return encryptor;
  }

  private out(bytes: Buffer): void {
    this.encryptor!.signer?.update(bytes);
    this.push(bytes);
  }

  override _transform(chunk: unknown, encoding: BufferEncoding, callback: TransformCallback): void {
    const data = toBuffer(chunk, encoding);
    this.total += data.length;
    if (this.declaredLength !== undefined && this.total > this.declaredLength) {
      callback(new InvalidArgumentError(`The stream has more plaintext than the declared plaintextLength ${this.declaredLength}`));
      return;
    }
    const go = (encryptor: MessageEncryptor): void => {
      try {
        this.encryptChunk(encryptor, data);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    };
    if (this.encryptor) go(this.encryptor);
    else this.ready().then(go, callback);
  }

  private encryptChunk(encryptor: MessageEncryptor, data: Buffer): void {
    const frameLength = encryptor.frameLength;
    const frame = this.frame!;
    // A regular frame is only written once more data follows it, so that the
    // final frame carries a full frame when the length is an exact multiple.
    let position = 0;
    if (this.filled > 0) {
      const take = Math.min(frameLength - this.filled, data.length);
      data.copy(frame, this.filled, 0, take);
      this.filled += take;
      position = take;
      if (this.filled < frameLength || position === data.length) return;
    }
    const pendingFrame = this.filled === frameLength ? 1 : 0;
    const direct = Math.max(0, Math.ceil((data.length - position) / frameLength) - 1);
    const frames = pendingFrame + direct;
    if (frames > 0) {
      const out = Buffer.allocUnsafe(frames * (frameLength + REGULAR_FRAME_OVERHEAD));
      let offset = 0;
      if (pendingFrame) {
        offset = encryptor.writeFrame(frame, false, out, offset);
        this.filled = 0;
      }
      for (let i = 0; i < direct; i++) {
        offset = encryptor.writeFrame(data.subarray(position, position + frameLength), false, out, offset);
        position += frameLength;
      }
      this.out(out);
    }
    data.copy(frame, 0, position);
    this.filled = data.length - position;
  }

  override _flush(callback: TransformCallback): void {
    if (this.declaredLength !== undefined && this.total !== this.declaredLength) {
      callback(new InvalidArgumentError(`The stream had ${this.total} bytes of plaintext, not the declared plaintextLength ${this.declaredLength}`));
      return;
    }
    this.ready().then((encryptor) => {
      try {
        const out = Buffer.allocUnsafe(FINAL_FRAME_OVERHEAD + this.filled);
        encryptor.writeFrame(this.frame!.subarray(0, this.filled), true, out, 0);
        this.out(out);
        const footer = encryptor.footer();
        if (footer) this.push(footer);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    }, callback);
  }
}

export class DecryptStream extends Transform {
  private readonly decryptor: MessageDecryptor;

  constructor(cmm: CryptographicMaterialsManager, options: DecryptStreamOptions, settings: DecryptSettings, unsignedOnly = false) {
    super();
    this.decryptor = new MessageDecryptor(cmm, options, settings, {
      unsignedOnly,
      releaseBeforeSignature: options.releaseBeforeSignature === true,
      onHeader: (header) => this.emit('MessageHeader', header),
    });
  }

  override _transform(chunk: unknown, encoding: BufferEncoding, callback: TransformCallback): void {
    let data: Buffer;
    try {
      data = toBuffer(chunk, encoding);
    } catch (error) {
      callback(error as Error);
      return;
    }
    this.decryptor.push(data).then((pieces) => {
      for (const piece of pieces) this.push(piece);
      callback();
    }, callback);
  }

  override _flush(callback: TransformCallback): void {
    this.decryptor.end().then((pieces) => {
      for (const piece of pieces) this.push(piece);
      callback();
    }, callback);
  }
}
