/**
 * Multi-keyring (specification framework/multi-keyring.md): the generator
 * creates the data key and wraps it; every child wraps the same key too. On
 * decrypt the generator and then the children are tried in order until one
 * returns a data key.
 */
import type { DecryptionMaterials, EncryptedDataKey, EncryptionMaterials, Keyring } from '../materials.ts';
import { InvalidArgumentError, KeyringError, NoKeyringCouldDecryptError } from '../errors.ts';

export interface MultiKeyringOptions {
  readonly generator?: Keyring;
  readonly children?: readonly Keyring[];
}

export class MultiKeyring implements Keyring {
  readonly generator?: Keyring;
  readonly children: readonly Keyring[];

  constructor(options: MultiKeyringOptions) {
    const children = options.children ?? [];
    if (!options.generator && children.length === 0) throw new InvalidArgumentError('A multi-keyring needs a generator or at least one child keyring');
    for (const keyring of [options.generator, ...children]) {
      if (keyring && (typeof keyring.onEncrypt !== 'function' || typeof keyring.onDecrypt !== 'function')) {
        throw new InvalidArgumentError('Every multi-keyring member must be a keyring');
      }
    }
    this.generator = options.generator;
    this.children = Object.freeze([...children]);
  }

  async onEncrypt(materials: EncryptionMaterials): Promise<EncryptionMaterials> {
    let current = materials;
    if (this.generator) {
      if (current.plaintextDataKey) throw new KeyringError('The encryption materials already have a data key; a multi-keyring with a generator must create it');
      current = await this.generator.onEncrypt(current);
      if (!current.plaintextDataKey) throw new KeyringError('The generator keyring did not create a data key');
    } else if (!current.plaintextDataKey) {
      throw new KeyringError('A multi-keyring without a generator needs materials that already have a data key');
    }
    for (const child of this.children) current = await child.onEncrypt(current);
    return current;
  }

  async onDecrypt(materials: DecryptionMaterials, encryptedDataKeys: readonly EncryptedDataKey[]): Promise<DecryptionMaterials> {
    if (materials.plaintextDataKey) throw new KeyringError('The decryption materials already have a data key');
    const errors: unknown[] = [];
    for (const keyring of this.generator ? [this.generator, ...this.children] : this.children) {
      try {
        const result = await keyring.onDecrypt(materials, encryptedDataKeys);
        if (result.plaintextDataKey) return result;
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw new NoKeyringCouldDecryptError(undefined, { cause: new AggregateError(errors, 'Errors of the member keyrings') });
    return materials;
  }
}
