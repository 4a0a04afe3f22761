/**
 * Raw RSA keyring (specification framework/raw-rsa-keyring.md): wraps the
 * data key with RSA under a local key pair. EDK: provider ID = key namespace,
 * provider info = key name (UTF-8), ciphertext = RSA ciphertext. Paddings:
 * PKCS#1 v1.5 and OAEP with SHA-1/256/384/512 (MGF1 with the same hash).
 * Encrypt needs the public key, decrypt the private key; the public key is
 * never derived from the private one.
 */
import { constants, createHash, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt, randomBytes, type KeyObject } from 'node:crypto';
import type { DecryptionMaterials, EncryptedDataKey, EncryptionMaterials, Keyring } from '../materials.ts';
import { InvalidArgumentError, KeyringError } from '../errors.ts';
import { checkRawKeyNamespace } from './raw-aes.ts';
import { pkcs1v15Decrypt } from './pkcs1-v15.ts';

export type RsaPadding = 'pkcs1' | 'oaep-sha1' | 'oaep-sha256' | 'oaep-sha384' | 'oaep-sha512';
export const RSA_PADDINGS: readonly RsaPadding[] = Object.freeze(['pkcs1', 'oaep-sha1', 'oaep-sha256', 'oaep-sha384', 'oaep-sha512']);

export interface RawRsaKeyringOptions {
  readonly keyNamespace: string;
  readonly keyName: string;
  /** PEM (SPKI or PKCS#1), DER SPKI, or a KeyObject; needed to encrypt. */
  readonly publicKey?: string | Buffer | KeyObject;
  /** PEM (PKCS#8 or PKCS#1), DER PKCS#8, or a KeyObject; needed to decrypt. */
  readonly privateKey?: string | Buffer | KeyObject;
  readonly padding: RsaPadding;
}

function toPublicKey(key: string | Buffer | KeyObject): KeyObject {
  if (isKeyObject(key)) {
    if (key.type !== 'public') throw new InvalidArgumentError('publicKey must be an RSA public key');
    return key;
  }
  if (typeof key === 'string') return createPublicKey(key);
  return createPublicKey(isPem(key) ? key : { key, format: 'der', type: 'spki' });
}

function toPrivateKey(key: string | Buffer | KeyObject): KeyObject {
  if (isKeyObject(key)) {
    if (key.type !== 'private') throw new InvalidArgumentError('privateKey must be an RSA private key');
    return key;
  }
  if (typeof key === 'string') return createPrivateKey(key);
  return createPrivateKey(isPem(key) ? key : { key, format: 'der', type: 'pkcs8' });
}

function isKeyObject(key: string | Buffer | KeyObject): key is KeyObject {
  return typeof key === 'object' && !Buffer.isBuffer(key) && typeof (key as KeyObject).export === 'function';
}

function isPem(bytes: Buffer): boolean {
  return bytes.subarray(0, 64).toString('latin1').includes('-----BEGIN');
}

export class RawRsaKeyring implements Keyring {
  readonly keyNamespace: string;
  readonly keyName: string;
  readonly padding: RsaPadding;
  private readonly publicKey?: KeyObject;
  private readonly privateKey?: KeyObject;
  private readonly keyNameBytes: Buffer;
  private rejectionKey?: Buffer;

  constructor(options: RawRsaKeyringOptions) {
    checkRawKeyNamespace(options.keyNamespace, options.keyName);
    if (!RSA_PADDINGS.includes(options.padding)) throw new InvalidArgumentError(`padding must be one of ${RSA_PADDINGS.join(', ')}`);
    if (!options.publicKey && !options.privateKey) throw new InvalidArgumentError('A raw RSA keyring needs a public key, a private key, or both');
    try {
      this.publicKey = options.publicKey ? toPublicKey(options.publicKey) : undefined;
      this.privateKey = options.privateKey ? toPrivateKey(options.privateKey) : undefined;
    } catch (error) {
      if (error instanceof InvalidArgumentError) throw error;
      throw new InvalidArgumentError('The RSA key could not be read (PEM SPKI/PKCS#1/PKCS#8 or DER expected)');
    }
    for (const key of [this.publicKey, this.privateKey]) {
      if (key && key.asymmetricKeyType !== 'rsa') throw new InvalidArgumentError('A raw RSA keyring needs RSA keys');
    }
    this.keyNamespace = options.keyNamespace;
    this.keyName = options.keyName;
    this.padding = options.padding;
    this.keyNameBytes = Buffer.from(options.keyName, 'utf8');
  }

  private paddingOptions(): { padding: number; oaepHash?: string } {
    if (this.padding === 'pkcs1') return { padding: constants.RSA_PKCS1_PADDING };
    return { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: this.padding.slice('oaep-'.length) };
  }

  async onEncrypt(materials: EncryptionMaterials): Promise<EncryptionMaterials> {
    if (!this.publicKey) throw new KeyringError('This raw RSA keyring has no public key, so it cannot encrypt');
    const plaintextDataKey = materials.plaintextDataKey ?? randomBytes(materials.suite.keyBytes);
    const ciphertext = publicEncrypt({ key: this.publicKey, ...this.paddingOptions() }, plaintextDataKey);
    const edk: EncryptedDataKey = Object.freeze({ providerId: this.keyNamespace, providerInfo: Buffer.from(this.keyNameBytes), ciphertext });
    return { ...materials, plaintextDataKey, encryptedDataKeys: [...materials.encryptedDataKeys, edk] };
  }

  async onDecrypt(materials: DecryptionMaterials, encryptedDataKeys: readonly EncryptedDataKey[]): Promise<DecryptionMaterials> {
    if (materials.plaintextDataKey) throw new KeyringError('The decryption materials already have a data key');
    if (!this.privateKey) return materials;
    for (const edk of encryptedDataKeys) {
      if (edk.providerId !== this.keyNamespace || !Buffer.from(edk.providerInfo).equals(this.keyNameBytes)) continue;
      const plaintextDataKey = this.unwrap(edk.ciphertext, materials.suite.keyBytes);
      if (plaintextDataKey) return { ...materials, plaintextDataKey };
    }
    return materials;
  }

  private unwrap(ciphertext: Uint8Array, keyBytes: number): Buffer | undefined {
    try {
      if (this.padding === 'pkcs1') {
        this.rejectionKey ??= createHash('sha256').update('strongroom pkcs1 implicit rejection').update(this.privateKey!.export({ format: 'der', type: 'pkcs8' })).digest();
        return pkcs1v15Decrypt(this.privateKey!, this.rejectionKey, ciphertext, keyBytes);
      }
      const key = privateDecrypt({ key: this.privateKey!, ...this.paddingOptions() }, ciphertext);
      return key.length === keyBytes ? key : undefined;
    } catch {
      return undefined;
    }
  }
}
