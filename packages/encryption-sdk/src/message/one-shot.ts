/** One-shot encrypt/decrypt of whole buffers. */
import type { CryptographicMaterialsManager } from '../materials.ts';
import type { MessageHeader } from '../format/header.ts';
import { framedBodyLength } from '../format/body.ts';
import { maxSignatureLength } from '../crypto/signature.ts';
import { startEncryption, type EncryptOptions, type EncryptSettings } from './encryptor.ts';
import { MessageDecryptor, type DecryptOptions, type DecryptSettings } from './decryptor.ts';

export interface EncryptOutput {
  /** The complete message. */
  readonly result: Buffer;
  readonly messageHeader: MessageHeader;
}

export interface DecryptOutput {
  readonly plaintext: Buffer;
  readonly messageHeader: MessageHeader;
}

export async function encryptBuffer(cmm: CryptographicMaterialsManager, plaintext: Buffer, options: EncryptOptions, settings: EncryptSettings): Promise<EncryptOutput> {
  const encryptor = await startEncryption(cmm, { ...options, plaintextLength: plaintext.length }, settings);
  const { frameLength, headerBytes, suite } = encryptor;
  // One allocation for the whole message; the footer's DER length is only known at the end.
  const capacity = headerBytes.length + framedBodyLength(plaintext.length, frameLength) + (suite.signature ? 2 + maxSignatureLength(suite) : 0);
  const out = Buffer.allocUnsafe(capacity);
  let offset = headerBytes.copy(out, 0);
  let position = 0;
  while (plaintext.length - position > frameLength) {
    offset = encryptor.writeFrame(plaintext.subarray(position, position + frameLength), false, out, offset);
    position += frameLength;
  }
  offset = encryptor.writeFrame(plaintext.subarray(position), true, out, offset);
  if (suite.signature) {
    const footer = encryptor.footer(out.subarray(0, offset))!;
    offset += footer.copy(out, offset);
  }
  return { result: offset === capacity ? out : out.subarray(0, offset), messageHeader: encryptor.header };
}

export async function decryptBuffer(cmm: CryptographicMaterialsManager, ciphertext: Buffer, options: DecryptOptions, settings: DecryptSettings): Promise<DecryptOutput> {
  const decryptor = new MessageDecryptor(cmm, options, settings);
  const pieces = await decryptor.push(ciphertext);
  pieces.push(...(await decryptor.end()));
  return { plaintext: pieces.length === 1 ? pieces[0] : Buffer.concat(pieces), messageHeader: decryptor.header! };
}

/** Decrypts a message that arrives as an async iterable of chunks (e.g. a Readable); plaintext is returned only once all of it verified. */
export async function decryptIterable(cmm: CryptographicMaterialsManager, chunks: AsyncIterable<Uint8Array | string>, options: DecryptOptions, settings: DecryptSettings): Promise<DecryptOutput> {
  const decryptor = new MessageDecryptor(cmm, options, settings);
  const pieces: Buffer[] = [];
  for await (const chunk of chunks) pieces.push(...(await decryptor.push(typeof chunk === 'string' ? Buffer.from(chunk, options.encoding) : chunk)));
  pieces.push(...(await decryptor.end()));
  return { plaintext: pieces.length === 1 ? pieces[0] : Buffer.concat(pieces), messageHeader: decryptor.header! };
}

