/**
 * The strict AWS KMS keyring, multi-Region key aware
 * (specification framework/aws-kms/aws-kms-mrk-keyring.md, one keyring per
 * configured key as in aws-kms-mrk-multi-keyrings.md).
 *
 * Encrypt: GenerateDataKey on the generator key (or, when the materials
 * already hold a data key, Encrypt with it), then Encrypt with every other
 * key. Decrypt: only "aws-kms" EDKs whose ARN matches a configured key — equal,
 * or the same multi-Region key in another Region — are sent to KMS, with the
 * configured key as KeyId. For single-Region keys this is exactly the
 * non-MRK keyring's behaviour (the EDK's ARN must equal a configured ARN).
 */
import type { KMSClient } from '@aws-sdk/client-kms';
import { InvalidArgumentError, KeyringError } from '../../errors.ts';
import type { DecryptionMaterials, EncryptedDataKey, EncryptionMaterials, Keyring } from '../../materials.ts';
import { isValidKmsIdentifier, mrkMatchForDecrypt } from './arn.ts';
import { clientSource, regionOfIdentifier, type KmsClientOptions, type KmsClientSupplier } from './clients.ts';
import { decryptAttemptsFailed, kmsCall, kmsEdks, kmsEncryptedDataKey, requireKeyArn } from './edk.ts';
import { kmsDecrypt, kmsEncrypt, kmsGenerateDataKey } from './kms-calls.ts';

export interface KmsKeyringOptions extends KmsClientOptions {
  /** Key id, key ARN, alias name or alias ARN that generates the data key. */
  readonly generatorKeyId?: string;
  /** Further keys that each wrap the data key (Encrypt). */
  readonly keyIds?: readonly string[];
  readonly grantTokens?: readonly string[];
}

const NAME = 'KMS keyring';

export class KmsKeyring implements Keyring {
  readonly generatorKeyId: string | undefined;
  readonly keyIds: readonly string[];
  readonly grantTokens: readonly string[];
  readonly #clients: KmsClientSupplier;

  constructor(options: KmsKeyringOptions) {
    this.#clients = clientSource(options, NAME);
    const { generatorKeyId, keyIds = [], grantTokens = [] } = options;
    if (generatorKeyId === undefined && keyIds.length === 0) throw new InvalidArgumentError(`${NAME}: give a generatorKeyId and/or keyIds (use KmsDiscoveryKeyring to decrypt with any key)`);
    for (const id of [...(generatorKeyId === undefined ? [] : [generatorKeyId]), ...keyIds]) {
      if (typeof id !== 'string' || !isValidKmsIdentifier(id)) throw new InvalidArgumentError(`${NAME}: "${String(id)}" is not a valid AWS KMS key identifier (key id, key ARN, alias name or alias ARN)`);
    }
    this.generatorKeyId = generatorKeyId;
    this.keyIds = Object.freeze([...keyIds]);
    this.grantTokens = Object.freeze([...grantTokens]);
  }

  #client(keyId: string): KMSClient {
    const client = this.#clients(regionOfIdentifier(keyId));
    if (!client) throw new KeyringError(`${NAME}: no KMS client for the region of ${keyId}`);
    return client;
  }

  async onEncrypt(materials: EncryptionMaterials): Promise<EncryptionMaterials> {
    const { suite, encryptionContext } = materials;
    let plaintextDataKey = materials.plaintextDataKey;
    const added: EncryptedDataKey[] = [];
    const wrappers = [...this.keyIds];

    if (!plaintextDataKey) {
      if (this.generatorKeyId === undefined) throw new KeyringError(`${NAME}: no data key to encrypt and no generatorKeyId to generate one`);
      const generator = this.generatorKeyId;
      const out = await kmsCall('GenerateDataKey', generator, () => kmsGenerateDataKey(this.#client(generator), generator, suite.keyBytes, encryptionContext, this));
      if (!out.plaintext || out.plaintext.byteLength !== suite.keyBytes) {
        throw new KeyringError(`${NAME}: KMS GenerateDataKey returned a ${out.plaintext?.byteLength ?? 0}-byte data key; suite ${hex(suite.id)} needs ${suite.keyBytes}`);
      }
      const keyArn = requireKeyArn(out.keyId, 'GenerateDataKey');
      if (!out.ciphertextBlob || out.ciphertextBlob.byteLength === 0) throw new KeyringError(`${NAME}: KMS GenerateDataKey returned no CiphertextBlob`);
      plaintextDataKey = Uint8Array.from(out.plaintext);
      out.plaintext.fill(0);
      added.push(kmsEncryptedDataKey(keyArn, out.ciphertextBlob));
    } else if (this.generatorKeyId !== undefined) {
      // Another keyring generated the key (e.g. we are a child of a multi-keyring): the generator wraps it too.
      wrappers.unshift(this.generatorKeyId);
    }

    for (const keyId of wrappers) {
      const dataKey = plaintextDataKey;
      const out = await kmsCall('Encrypt', keyId, () => kmsEncrypt(this.#client(keyId), keyId, dataKey, encryptionContext, this));
      const keyArn = requireKeyArn(out.keyId, 'Encrypt');
      if (!out.ciphertextBlob || out.ciphertextBlob.byteLength === 0) throw new KeyringError(`${NAME}: KMS Encrypt returned no CiphertextBlob`);
      added.push(kmsEncryptedDataKey(keyArn, out.ciphertextBlob));
    }
    return { ...materials, plaintextDataKey, encryptedDataKeys: [...materials.encryptedDataKeys, ...added] };
  }

  async onDecrypt(materials: DecryptionMaterials, encryptedDataKeys: readonly EncryptedDataKey[]): Promise<DecryptionMaterials> {
    if (materials.plaintextDataKey) return materials;
    const configured = this.generatorKeyId === undefined ? this.keyIds : [this.generatorKeyId, ...this.keyIds];
    const errors: { keyId: string; error: unknown }[] = [];
    for (const candidate of kmsEdks(encryptedDataKeys)) {
      const keyId = configured.find((id) => mrkMatchForDecrypt(id, candidate.keyArn));
      if (keyId === undefined) continue;
      try {
        const out = await kmsDecrypt(this.#client(keyId), keyId, candidate.edk.ciphertext, materials.encryptionContext, this);
        if (out.keyId !== keyId) throw new KeyringError(`KMS Decrypt answered for key ${out.keyId ?? '(none)'}, not the requested ${keyId}`);
        if (!out.plaintext || out.plaintext.byteLength !== materials.suite.keyBytes) {
          throw new KeyringError(`KMS Decrypt returned a ${out.plaintext?.byteLength ?? 0}-byte data key; suite ${hex(materials.suite.id)} needs ${materials.suite.keyBytes}`);
        }
        const plaintextDataKey = Uint8Array.from(out.plaintext);
        out.plaintext.fill(0);
        return { ...materials, plaintextDataKey };
      } catch (error) {
        errors.push({ keyId, error });
      }
    }
    if (errors.length > 0) throw decryptAttemptsFailed(NAME, errors);
    return materials;
  }
}

function hex(id: number): string {
  return `0x${id.toString(16).padStart(4, '0')}`;
}
