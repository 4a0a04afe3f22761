import type { DecryptionMaterials, EncryptedDataKey, EncryptionMaterials, Keyring } from '../../src/materials.ts';

/**
 * A test-only keyring that "decrypts" by returning a data key given by the
 * test vector (the vectors publish the plaintext data key), so the message
 * layer can be checked without the keyring that wrote the vector (e.g. KMS).
 */
export class StaticDataKeyKeyring implements Keyring {
  constructor(private readonly dataKey: Buffer) {}

  async onEncrypt(): Promise<EncryptionMaterials> {
    throw new Error('StaticDataKeyKeyring only decrypts');
  }

  async onDecrypt(materials: DecryptionMaterials, edks: readonly EncryptedDataKey[]): Promise<DecryptionMaterials> {
    if (edks.length === 0) return materials;
    return { ...materials, plaintextDataKey: Buffer.from(this.dataKey) };
  }
}
