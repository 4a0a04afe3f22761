/**
 * GetParametersForImport's answers: a fresh RSA wrapping key pair per call,
 * the private half sealed by the barrier in kms_import_parameters, and an
 * opaque import token naming the row. Parameters are valid for 24 hours and
 * may be used more than once in that time (AWS documents no single use);
 * the expiry sweep removes them afterwards.
 *
 * Token layout: one version byte (1), then 32 random bytes whose hex is the
 * row's token_id. The token is not secret — it is useless without material
 * wrapped under the matching public key — but it is unguessable.
 */
import type { Barrier } from '../../../crypto/barrier/barrier.ts';
import { rowAad } from '../../../crypto/barrier/aad.ts';
import { generateRsaKeyPair, randomBytes } from '../../../crypto/primitives.ts';
import type { Store } from '../../../storage/store.ts';
import type { KeyScope } from '../model/types.ts';
import { WRAPPING_KEY_BITS, type SupportedWrappingAlgorithm, type SupportedWrappingKeySpec } from './wrapping.ts';

export const IMPORT_PARAMETERS_VALID_MS = 24 * 60 * 60 * 1000;
const TOKEN_VERSION = 1;
const TOKEN_ID_BYTES = 32;

export interface NewImportParameters {
  importToken: Buffer;
  /** DER SubjectPublicKeyInfo of the wrapping key. */
  publicKey: Buffer;
  validTo: number;
}

export interface StoredImportParameters {
  keyId: string;
  wrappingAlgorithm: SupportedWrappingAlgorithm;
  wrappingKeySpec: SupportedWrappingKeySpec;
  /** Unsealed PKCS#8; never logged, dropped after use. */
  privateKey: Buffer;
  validTo: number;
}

/** The token id inside an import token, or undefined when the bytes are not one of ours. */
export function parseImportToken(token: Uint8Array): string | undefined {
  if (token.length !== 1 + TOKEN_ID_BYTES || token[0] !== TOKEN_VERSION) return undefined;
  return Buffer.from(token.subarray(1)).toString('hex');
}

export class ImportParametersRepository {
  readonly #store: Store;
  readonly #barrier: Barrier;

  constructor(store: Store, barrier: Barrier) {
    this.#store = store;
    this.#barrier = barrier;
  }

  /** A wrapping key pair (generated before any transaction: RSA-4096 takes a while). */
  generateKeyPair(spec: SupportedWrappingKeySpec): ReturnType<typeof generateRsaKeyPair> {
    return generateRsaKeyPair(WRAPPING_KEY_BITS[spec]);
  }

  async insert(
    scope: KeyScope,
    keyId: string,
    algorithm: SupportedWrappingAlgorithm,
    spec: SupportedWrappingKeySpec,
    keyPair: { publicKey: Buffer; privateKey: Buffer },
    now: number,
  ): Promise<NewImportParameters> {
    const id = randomBytes(TOKEN_ID_BYTES);
    const tokenId = id.toString('hex');
    const validTo = now + IMPORT_PARAMETERS_VALID_MS;
    await this.#store
      .current()
      .insertInto('kms_import_parameters')
      .values({
        account_id: scope.accountId,
        region: scope.region,
        key_id: keyId,
        token_id: tokenId,
        wrapping_algorithm: algorithm,
        wrapping_key_spec: spec,
        private_key_sealed: this.#barrier.seal(keyPair.privateKey, parametersAad(scope, tokenId)),
        created_at: now,
        valid_to: validTo,
      })
      .execute();
    keyPair.privateKey.fill(0);
    return { importToken: Buffer.concat([Buffer.from([TOKEN_VERSION]), id]), publicKey: keyPair.publicKey, validTo };
  }

  /** The parameters an import token names in this account and region, unsealed; undefined when there are none. */
  async find(scope: KeyScope, token: Uint8Array): Promise<StoredImportParameters | undefined> {
    const tokenId = parseImportToken(token);
    if (tokenId === undefined) return undefined;
    const row = await this.#store
      .current()
      .selectFrom('kms_import_parameters')
      .selectAll()
      .where('account_id', '=', scope.accountId)
      .where('region', '=', scope.region)
      .where('token_id', '=', tokenId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      keyId: row.key_id,
      wrappingAlgorithm: row.wrapping_algorithm as SupportedWrappingAlgorithm,
      wrappingKeySpec: row.wrapping_key_spec as SupportedWrappingKeySpec,
      privateKey: this.#barrier.open(row.private_key_sealed, parametersAad(scope, tokenId)),
      validTo: Number(row.valid_to),
    };
  }
}

export function parametersAad(scope: KeyScope, tokenId: string): string {
  return rowAad('kms_import_parameters', [scope.accountId, scope.region, tokenId], 'private_key_sealed');
}
