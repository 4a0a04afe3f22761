/**
 * The barrier every secret passes before storage: AES-256-GCM under the root
 * key of the active term, in a versioned envelope (envelope.ts), with the
 * row's identity as AAD. Older terms stay openable after a root-key rotation.
 */
import { AES_256_KEY_BYTES, aesGcmDecrypt, aesGcmEncrypt } from '../primitives.ts';
import { decodeEnvelope, encodeEnvelope, encodeHeader, MAX_TERM } from './envelope.ts';
import { BarrierError } from './errors.ts';

export interface Barrier {
  /** The root-key term new envelopes are sealed under. */
  readonly activeTerm: number;
  seal(plaintext: Uint8Array, aad: string): Buffer;
  /** Throws BarrierError when the envelope is malformed, of an unknown term, or fails authentication (wrong key, tampering, other AAD). */
  open(sealed: Uint8Array, aad: string): Buffer;
}

export interface RootKeyTerm {
  term: number;
  key: Uint8Array;
}

export class AesGcmBarrier implements Barrier {
  readonly activeTerm: number;
  readonly #keys = new Map<number, Buffer>();
  readonly #header: Buffer;

  constructor(terms: readonly RootKeyTerm[], activeTerm: number) {
    for (const { term, key } of terms) {
      if (!Number.isInteger(term) || term < 1 || term > MAX_TERM) throw new BarrierError('invalid-key', `root key term ${term} is not an integer in 1..${MAX_TERM}`);
      if (key.length !== AES_256_KEY_BYTES) throw new BarrierError('invalid-key', `the root key of term ${term} has ${key.length} bytes; ${AES_256_KEY_BYTES} are required`);
      if (this.#keys.has(term)) throw new BarrierError('invalid-key', `root key term ${term} is listed twice`);
      this.#keys.set(term, Buffer.from(key));
    }
    if (!this.#keys.has(activeTerm)) throw new BarrierError('invalid-key', `the active root key term ${activeTerm} has no key`);
    this.activeTerm = activeTerm;
    this.#header = encodeHeader(activeTerm);
  }

  /** A barrier with a single root key (term 1 unless given). */
  static fromRootKey(key: Uint8Array, term = 1): AesGcmBarrier {
    return new AesGcmBarrier([{ term, key }], term);
  }

  seal(plaintext: Uint8Array, aad: string): Buffer {
    checkAad(aad);
    const key = this.#keys.get(this.activeTerm)!;
    const { iv, ciphertext, tag } = aesGcmEncrypt(key, plaintext, gcmAad(this.#header, aad));
    return encodeEnvelope(this.#header, iv, ciphertext, tag);
  }

  open(sealed: Uint8Array, aad: string): Buffer {
    checkAad(aad);
    const envelope = decodeEnvelope(sealed, aad);
    const key = this.#keys.get(envelope.term);
    if (!key) {
      throw new BarrierError('unknown-term', `sealed value for "${aad}" was sealed under root key term ${envelope.term}, which this server does not have`, aad);
    }
    const plaintext = aesGcmDecrypt(key, envelope, gcmAad(envelope.header, aad));
    if (!plaintext) {
      throw new BarrierError(
        'authentication-failed',
        `cannot open the sealed value for "${aad}": authentication failed (wrong root key, tampered data, or a value moved from another row)`,
        aad,
      );
    }
    return plaintext;
  }
}

function checkAad(aad: string): void {
  if (typeof aad !== 'string' || aad.length === 0) throw new BarrierError('invalid-aad', 'the barrier needs a non-empty AAD naming the row');
}

function gcmAad(header: Buffer, aad: string): Buffer {
  return Buffer.concat([header, Buffer.from(aad, 'utf8')]);
}
