/**
 * Raw AES keyring (specification framework/raw-aes-keyring.md): wraps the
 * data key with AES-GCM under a local 128/192/256-bit key, binding the
 * encryption context as AAD. EDK: provider ID = key namespace, provider info
 * = key name ‖ UInt32 tag length in bits (128) ‖ UInt32 IV length (12) ‖ IV,
 * ciphertext = wrapped key ‖ tag.
 */
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { DecryptionMaterials, EncryptedDataKey, EncryptionMaterials, Keyring } from '../materials.ts';
import { InvalidArgumentError, KeyringError } from '../errors.ts';
import { serializeEncryptionContext } from '../format/encryption-context.ts';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const TAG_BITS = TAG_BYTES * 8;

export interface RawAesKeyringOptions {
  /** Provider ID of the EDKs; must not start with "aws-kms". */
  readonly keyNamespace: string;
  readonly keyName: string;
  /** 16, 24 or 32 bytes. */
  readonly wrappingKey: Uint8Array | KeyObject;
}

export function checkRawKeyNamespace(keyNamespace: string, keyName: string): void {
  if (typeof keyNamespace !== 'string' || typeof keyName !== 'string' || keyName.length === 0) {
    throw new InvalidArgumentError('A raw keyring needs a keyNamespace and a keyName');
  }
  if (keyNamespace.startsWith('aws-kms')) throw new InvalidArgumentError('A raw keyring key namespace must not start with "aws-kms"');
}

export class RawAesKeyring implements Keyring {
  readonly keyNamespace: string;
  readonly keyName: string;
  private readonly key: KeyObject;
  private readonly cipher: 'aes-128-gcm' | 'aes-192-gcm' | 'aes-256-gcm';
  private readonly keyNameBytes: Buffer;

  constructor(options: RawAesKeyringOptions) {
    checkRawKeyNamespace(options.keyNamespace, options.keyName);
    const key = options.wrappingKey instanceof Uint8Array ? createSecretKey(Buffer.from(options.wrappingKey)) : options.wrappingKey;
    if (!key || key.type !== 'secret') throw new InvalidArgumentError('The raw AES wrapping key must be secret key bytes');
    const size = key.symmetricKeySize!;
    if (size !== 16 && size !== 24 && size !== 32) throw new InvalidArgumentError('The raw AES wrapping key must be 128, 192 or 256 bits');
    this.keyNamespace = options.keyNamespace;
    this.keyName = options.keyName;
    this.key = key;
    this.cipher = `aes-${size * 8}-gcm` as RawAesKeyring['cipher'];
    this.keyNameBytes = Buffer.from(options.keyName, 'utf8');
  }

  async onEncrypt(materials: EncryptionMaterials): Promise<EncryptionMaterials> {
    const plaintextDataKey = materials.plaintextDataKey ?? randomBytes(materials.suite.keyBytes);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(this.cipher, this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(serializeEncryptionContext(materials.encryptionContext));
    const wrapped = Buffer.concat([cipher.update(plaintextDataKey), cipher.final(), cipher.getAuthTag()]);
    const providerInfo = Buffer.allocUnsafe(this.keyNameBytes.length + 8 + IV_BYTES);
    this.keyNameBytes.copy(providerInfo, 0);
    providerInfo.writeUInt32BE(TAG_BITS, this.keyNameBytes.length);
    providerInfo.writeUInt32BE(IV_BYTES, this.keyNameBytes.length + 4);
    iv.copy(providerInfo, this.keyNameBytes.length + 8);
    const edk: EncryptedDataKey = Object.freeze({ providerId: this.keyNamespace, providerInfo, ciphertext: wrapped });
    return { ...materials, plaintextDataKey, encryptedDataKeys: [...materials.encryptedDataKeys, edk] };
  }

  async onDecrypt(materials: DecryptionMaterials, encryptedDataKeys: readonly EncryptedDataKey[]): Promise<DecryptionMaterials> {
    if (materials.plaintextDataKey) throw new KeyringError('The decryption materials already have a data key');
    const keyBytes = materials.suite.keyBytes;
    let aad: Buffer | undefined;
    for (const edk of encryptedDataKeys) {
      const iv = this.ivOf(edk);
      if (!iv || edk.ciphertext.length !== keyBytes + TAG_BYTES) continue;
      aad ??= serializeEncryptionContext(materials.encryptionContext);
      const decipher = createDecipheriv(this.cipher, this.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad);
      decipher.setAuthTag(edk.ciphertext.subarray(keyBytes));
      const plaintextDataKey = decipher.update(edk.ciphertext.subarray(0, keyBytes));
      try {
        decipher.final();
      } catch {
        plaintextDataKey.fill(0);
        continue; // not ours after all (other key with the same name, other context): try the next one
      }
      return { ...materials, plaintextDataKey };
    }
    return materials;
  }

  /** The IV if the EDK is one of this keyring's (namespace, name, 128-bit tag, 12-byte IV). */
  private ivOf(edk: EncryptedDataKey): Buffer | undefined {
    const info = Buffer.from(edk.providerInfo.buffer, edk.providerInfo.byteOffset, edk.providerInfo.byteLength);
    const nameLength = this.keyNameBytes.length;
    if (edk.providerId !== this.keyNamespace || info.length !== nameLength + 8 + IV_BYTES) return undefined;
    if (!info.subarray(0, nameLength).equals(this.keyNameBytes)) return undefined;
    if (info.readUInt32BE(nameLength) !== TAG_BITS || info.readUInt32BE(nameLength + 4) !== IV_BYTES) return undefined;
    return info.subarray(nameLength + 8);
  }
}
