/**
 * The default cryptographic materials manager (specification
 * framework/default-cmm.md): picks the policy's default suite, creates the
 * ECDSA signing key pair for signed suites and records the compressed public
 * key as "aws-crypto-public-key", and asks its keyring for the data key.
 */
import type {
  CryptographicMaterialsManager,
  DecryptionMaterials,
  DecryptionMaterialsRequest,
  EncryptionContext,
  EncryptionMaterials,
  EncryptionMaterialsRequest,
  Keyring,
} from '../materials.ts';
import { DEFAULT_SUITE_FOR, policyAllowsDecrypt, policyAllowsEncrypt } from '../suites.ts';
import { CommitmentPolicyViolationError, EncryptionContextMismatchError, InvalidArgumentError, KeyringError, MalformedMessageError, NoKeyringCouldDecryptError } from '../errors.ts';
import { PUBLIC_KEY_CONTEXT_KEY } from '../format/encryption-context.ts';
import { generateSigningKeyPair, verificationKeyFromBase64 } from '../crypto/signature.ts';

function withPair(context: EncryptionContext, key: string, value: string): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [k, v] of Object.entries(context)) Object.defineProperty(copy, k, { value: v, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

export class DefaultCryptographicMaterialsManager implements CryptographicMaterialsManager {
  readonly keyring: Keyring;

  constructor(keyring: Keyring) {
    if (!keyring || typeof keyring.onEncrypt !== 'function' || typeof keyring.onDecrypt !== 'function') {
      throw new InvalidArgumentError('DefaultCryptographicMaterialsManager needs a keyring');
    }
    this.keyring = keyring;
  }

  async getEncryptionMaterials(request: EncryptionMaterialsRequest): Promise<EncryptionMaterials> {
    const suite = request.suite ?? DEFAULT_SUITE_FOR(request.commitmentPolicy);
    if (!policyAllowsEncrypt(request.commitmentPolicy, suite)) {
      throw new CommitmentPolicyViolationError(`Algorithm suite ${suite.name} is not allowed for encryption by commitment policy ${request.commitmentPolicy}`);
    }
    if (Object.hasOwn(request.encryptionContext, PUBLIC_KEY_CONTEXT_KEY)) {
      throw new InvalidArgumentError(`The encryption context already contains the reserved key ${PUBLIC_KEY_CONTEXT_KEY}`);
    }
    let encryptionContext: EncryptionContext = request.encryptionContext;
    let signingKey;
    if (suite.signature) {
      const pair = await generateSigningKeyPair(suite);
      signingKey = pair.privateKey;
      encryptionContext = withPair(encryptionContext, PUBLIC_KEY_CONTEXT_KEY, pair.publicKeyBase64);
    }
    const materials = await this.keyring.onEncrypt({
      suite,
      encryptionContext,
      encryptedDataKeys: [],
      ...(signingKey ? { signingKey } : {}),
      ...(request.requiredEncryptionContextKeys ? { requiredEncryptionContextKeys: request.requiredEncryptionContextKeys } : {}),
    });
    if (!materials.plaintextDataKey || materials.plaintextDataKey.length !== suite.keyBytes) {
      throw new KeyringError('The keyring did not generate a data key');
    }
    if (materials.encryptedDataKeys.length === 0) throw new KeyringError('The keyring did not encrypt the data key');
    return materials;
  }

  async decryptMaterials(request: DecryptionMaterialsRequest): Promise<DecryptionMaterials> {
    const { suite } = request;
    if (!policyAllowsDecrypt(request.commitmentPolicy, suite)) {
      throw new CommitmentPolicyViolationError(`Algorithm suite ${suite.name} is not allowed for decryption by commitment policy ${request.commitmentPolicy}`);
    }
    // Reproduced pairs must agree with the stored ones; the others are
    // required-context pairs that were authenticated but not stored.
    let encryptionContext: Record<string, string> = { ...request.encryptionContext };
    const requiredEncryptionContextKeys: string[] = [];
    for (const [key, value] of Object.entries(request.reproducedEncryptionContext ?? {})) {
      if (Object.hasOwn(request.encryptionContext, key)) {
        if (request.encryptionContext[key] !== value) {
          throw new EncryptionContextMismatchError(`Encryption context does not match the expected pairs: the value of "${key}" differs`);
        }
      } else {
        encryptionContext = withPair(encryptionContext, key, value);
        requiredEncryptionContextKeys.push(key);
      }
    }
    const publicKey = encryptionContext[PUBLIC_KEY_CONTEXT_KEY];
    const hasPublicKey = Object.hasOwn(encryptionContext, PUBLIC_KEY_CONTEXT_KEY);
    if (suite.signature && !hasPublicKey) throw new MalformedMessageError(`A signed message must carry ${PUBLIC_KEY_CONTEXT_KEY} in its encryption context`);
    if (!suite.signature && hasPublicKey) throw new MalformedMessageError(`An unsigned message must not carry ${PUBLIC_KEY_CONTEXT_KEY} in its encryption context`);
    const verificationKey = suite.signature ? verificationKeyFromBase64(suite, publicKey) : undefined;
    const materials = await this.keyring.onDecrypt(
      {
        suite,
        encryptionContext,
        ...(verificationKey ? { verificationKey } : {}),
        ...(requiredEncryptionContextKeys.length > 0 ? { requiredEncryptionContextKeys } : {}),
      },
      request.encryptedDataKeys,
    );
    if (!materials.plaintextDataKey) throw new NoKeyringCouldDecryptError();
    if (materials.plaintextDataKey.length !== suite.keyBytes) throw new KeyringError('The keyring returned a data key of the wrong length');
    return materials;
  }
}
