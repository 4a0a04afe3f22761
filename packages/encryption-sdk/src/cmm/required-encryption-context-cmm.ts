/**
 * Required Encryption Context CMM (specification
 * framework/required-encryption-context-cmm.md): the configured keys must be
 * in every encryption request's context and are authenticated but not stored
 * in the message; on decrypt the caller must supply them again.
 */
import type {
  CryptographicMaterialsManager,
  DecryptionMaterials,
  DecryptionMaterialsRequest,
  EncryptionMaterials,
  EncryptionMaterialsRequest,
  Keyring,
} from '../materials.ts';
import { EncryptionContextMismatchError, InvalidArgumentError, KeyringError } from '../errors.ts';
import { DefaultCryptographicMaterialsManager } from './default-cmm.ts';

export interface RequiredEncryptionContextCmmOptions {
  readonly requiredEncryptionContextKeys: readonly string[];
  /** One of the two: the CMM to wrap, or a keyring (wrapped in a default CMM). */
  readonly underlying?: CryptographicMaterialsManager;
  readonly keyring?: Keyring;
}

export class RequiredEncryptionContextCmm implements CryptographicMaterialsManager {
  readonly requiredEncryptionContextKeys: readonly string[];
  private readonly underlying: CryptographicMaterialsManager;

  constructor(options: RequiredEncryptionContextCmmOptions) {
    if (!Array.isArray(options.requiredEncryptionContextKeys) || options.requiredEncryptionContextKeys.some((key) => typeof key !== 'string')) {
      throw new InvalidArgumentError('requiredEncryptionContextKeys must be a list of strings');
    }
    if (!!options.underlying === !!options.keyring) throw new InvalidArgumentError('Give either an underlying CMM or a keyring');
    this.requiredEncryptionContextKeys = Object.freeze([...new Set(options.requiredEncryptionContextKeys)]);
    this.underlying = options.underlying ?? new DefaultCryptographicMaterialsManager(options.keyring!);
  }

  async getEncryptionMaterials(request: EncryptionMaterialsRequest): Promise<EncryptionMaterials> {
    for (const key of this.requiredEncryptionContextKeys) {
      if (!Object.hasOwn(request.encryptionContext, key)) throw new EncryptionContextMismatchError(`The encryption context must contain the required key "${key}"`);
    }
    const requiredEncryptionContextKeys = [...new Set([...(request.requiredEncryptionContextKeys ?? []), ...this.requiredEncryptionContextKeys])];
    const materials = await this.underlying.getEncryptionMaterials({ ...request, requiredEncryptionContextKeys });
    for (const key of this.requiredEncryptionContextKeys) {
      if (!materials.requiredEncryptionContextKeys?.includes(key)) throw new KeyringError('The underlying CMM dropped a required encryption context key');
    }
    return materials;
  }

  async decryptMaterials(request: DecryptionMaterialsRequest): Promise<DecryptionMaterials> {
    for (const key of this.requiredEncryptionContextKeys) {
      if (!request.reproducedEncryptionContext || !Object.hasOwn(request.reproducedEncryptionContext, key)) {
        throw new EncryptionContextMismatchError(`The expected encryption context must contain the required key "${key}"`);
      }
    }
    const materials = await this.underlying.decryptMaterials(request);
    for (const key of this.requiredEncryptionContextKeys) {
      if (!Object.hasOwn(materials.encryptionContext, key)) throw new KeyringError('The underlying CMM dropped a required encryption context key');
    }
    return materials;
  }
}
