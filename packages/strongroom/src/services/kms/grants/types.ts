/** KMS grants as the model holds them: no HTTP, enum names as AWS spells them. */
import type { GrantOperation } from '../../../protocol/spec/generated/kms.types.ts';
import type { KeyScope } from '../model/types.ts';

export interface GrantConstraintsRecord {
  /** The request's encryption context must be exactly this (keys compared ignoring case, values exactly). */
  readonly encryptionContextEquals?: Readonly<Record<string, string>>;
  /** The request's encryption context must include these pairs. */
  readonly encryptionContextSubset?: Readonly<Record<string, string>>;
}

/** A grant on the key `keyId` of `scope` (the key's account and region). */
export interface GrantRecord extends KeyScope {
  readonly keyId: string;
  /** 64 hex characters. */
  readonly grantId: string;
  readonly name?: string;
  readonly granteePrincipal?: string;
  readonly granteeServicePrincipal?: string;
  readonly retiringPrincipal?: string;
  readonly retiringServicePrincipal?: string;
  /** arn:aws:iam::<account>:root of the account whose principal created the grant. */
  readonly issuingAccount: string;
  readonly operations: readonly GrantOperation[];
  readonly constraints?: GrantConstraintsRecord;
  readonly createdAt: number;
}

/** The grant operations that take an encryption context (grant constraints apply to them only). */
export const CONTEXT_OPERATIONS: ReadonlySet<GrantOperation> = new Set<GrantOperation>([
  'Decrypt',
  'Encrypt',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'ReEncryptFrom',
  'ReEncryptTo',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
]);

/** AWS's quota of grants per KMS key. */
export const MAX_GRANTS_PER_KEY = 50_000;
