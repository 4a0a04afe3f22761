/**
 * The AWS KMS discovery keyring: decrypts with whatever key an "aws-kms" EDK
 * names, optionally limited by a discovery filter (partition + accounts).
 * It never encrypts.
 *
 * With one `client` it is the multi-Region-key-aware discovery keyring of
 * framework/aws-kms/aws-kms-mrk-discovery-keyring.md: EDKs of single-Region
 * keys in other Regions are skipped, and a multi-Region key's ARN is
 * rewritten to the client's Region, so a replica decrypts what its sibling
 * in another Region encrypted.
 *
 * With a `clientSupplier` every EDK is sent, as named, to the client of its
 * own ARN's Region (the classic discovery keyring; regions the supplier
 * declines are skipped).
 */
import type { KMSClient } from '@aws-sdk/client-kms';
import { InvalidArgumentError, KeyringError } from '../../errors.ts';
import type { DecryptionMaterials, EncryptedDataKey, EncryptionMaterials, Keyring } from '../../materials.ts';
import { formatKmsArn, isMrkArn, withRegion, type KmsArn } from './arn.ts';
import type { KmsClientSupplier } from './clients.ts';
import { decryptAttemptsFailed, kmsEdks } from './edk.ts';
import { kmsDecrypt } from './kms-calls.ts';

export interface DiscoveryFilter {
  /** e.g. "aws"; Strongroom also answers in "aws". */
  readonly partition: string;
  readonly accountIDs: readonly string[];
}

export interface KmsDiscoveryKeyringOptions {
  readonly client?: KMSClient;
  /** The client's Region; read from the client's configuration when absent. */
  readonly region?: string;
  readonly clientSupplier?: KmsClientSupplier;
  readonly discoveryFilter?: DiscoveryFilter;
  readonly grantTokens?: readonly string[];
}

const NAME = 'KMS discovery keyring';

export class KmsDiscoveryKeyring implements Keyring {
  readonly discoveryFilter: DiscoveryFilter | undefined;
  readonly grantTokens: readonly string[];
  readonly #client: KMSClient | undefined;
  readonly #supplier: KmsClientSupplier | undefined;
  #region: string | undefined;

  constructor(options: KmsDiscoveryKeyringOptions) {
    const { client, clientSupplier, region, discoveryFilter, grantTokens = [] } = options;
    if (client && clientSupplier) throw new InvalidArgumentError(`${NAME}: give either client or clientSupplier, not both`);
    if (!client && !clientSupplier) throw new InvalidArgumentError(`${NAME}: a KMS client or clientSupplier is required`);
    if (client && typeof (client as { send?: unknown }).send !== 'function') throw new InvalidArgumentError(`${NAME}: client must be an @aws-sdk/client-kms KMSClient`);
    if (discoveryFilter) {
      const { partition, accountIDs } = discoveryFilter;
      if (!partition || !Array.isArray(accountIDs) || accountIDs.length === 0 || accountIDs.some((a) => typeof a !== 'string' || !a)) {
        throw new InvalidArgumentError(`${NAME}: a discovery filter needs a partition and at least one account id`);
      }
      this.discoveryFilter = Object.freeze({ partition, accountIDs: Object.freeze([...accountIDs]) });
    }
    this.#client = client;
    this.#supplier = clientSupplier;
    this.#region = region;
    this.grantTokens = Object.freeze([...grantTokens]);
  }

  async onEncrypt(_materials: EncryptionMaterials): Promise<EncryptionMaterials> {
    throw new KeyringError(`${NAME}: a discovery keyring cannot encrypt; use KmsKeyring with a generatorKeyId`);
  }

  async #clientRegion(client: KMSClient): Promise<string> {
    if (this.#region === undefined) {
      const region = await client.config.region();
      if (!region) throw new KeyringError(`${NAME}: the KMS client has no region`);
      this.#region = region;
    }
    return this.#region;
  }

  #passesFilter(arn: KmsArn): boolean {
    const filter = this.discoveryFilter;
    return !filter || (filter.partition === arn.partition && filter.accountIDs.includes(arn.accountId));
  }

  /** The client and KeyId to decrypt this EDK with, or undefined to skip it. */
  async #target(arn: KmsArn, keyArn: string): Promise<{ client: KMSClient; keyId: string } | undefined> {
    if (this.#client) {
      const region = await this.#clientRegion(this.#client);
      if (isMrkArn(arn)) return { client: this.#client, keyId: formatKmsArn(withRegion(arn, region)) };
      return arn.region === region ? { client: this.#client, keyId: keyArn } : undefined;
    }
    const client = this.#supplier!(arn.region);
    return client ? { client, keyId: keyArn } : undefined;
  }

  async onDecrypt(materials: DecryptionMaterials, encryptedDataKeys: readonly EncryptedDataKey[]): Promise<DecryptionMaterials> {
    if (materials.plaintextDataKey) return materials;
    const errors: { keyId: string; error: unknown }[] = [];
    for (const candidate of kmsEdks(encryptedDataKeys)) {
      if (!this.#passesFilter(candidate.arn)) continue;
      const target = await this.#target(candidate.arn, candidate.keyArn);
      if (!target) continue;
      try {
        const out = await kmsDecrypt(target.client, target.keyId, candidate.edk.ciphertext, materials.encryptionContext, this);
        if (out.keyId !== target.keyId) throw new KeyringError(`KMS Decrypt answered for key ${out.keyId ?? '(none)'}, not the requested ${target.keyId}`);
        if (!out.plaintext || out.plaintext.byteLength !== materials.suite.keyBytes) {
          throw new KeyringError(`KMS Decrypt returned a ${out.plaintext?.byteLength ?? 0}-byte data key; the suite needs ${materials.suite.keyBytes}`);
        }
        const plaintextDataKey = Uint8Array.from(out.plaintext);
        out.plaintext.fill(0);
        return { ...materials, plaintextDataKey };
      } catch (error) {
        errors.push({ keyId: target.keyId, error });
      }
    }
    if (errors.length > 0) throw decryptAttemptsFailed(NAME, errors);
    return materials;
  }
}
