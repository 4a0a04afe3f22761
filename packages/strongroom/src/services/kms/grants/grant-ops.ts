/**
 * The grant operations' model: CreateGrant (validation, the per-key quota,
 * Name idempotence), listings, RetireGrant and RevokeGrant. Authorization is
 * done before these run (see ../authz.ts); these check the request itself.
 */
import type { GrantConstraints, GrantOperation } from '../../../protocol/spec/generated/kms.types.ts';
import { dryRunSucceeded, unsupportedOperation } from '../errors.ts';
import type { KmsModel } from '../model/kms-model.ts';
import { decodeMarker, toPage } from '../model/pagination.ts';
import type { KeyRecord, KeyScope, Page } from '../model/types.ts';
import { grantLimitExceeded, grantNotFound, grantValidation, invalidGrantId, invalidGrantToken, invalidPrincipal, unsupportedGrantOperations } from './errors.ts';
import { GRANT_ID_PATTERN, newGrantId, newGrantToken, readGrantToken } from './grant-ids.ts';
import type { KmsGrants } from './kms-grants.ts';
import { MAX_GRANTS_PER_KEY, type GrantConstraintsRecord, type GrantRecord } from './types.ts';

const PRINCIPAL_ARN = /^arn:aws[a-z-]*:(iam::\d{12}:(root|user\/.+|role\/.+)|sts::\d{12}:(assumed-role\/[^/]+\/.+|federated-user\/.+))$/;
const MAX_CONSTRAINT_PAIRS = 8;
const MAX_CONSTRAINT_VALUE = 384;

const SYMMETRIC_OPERATIONS: readonly GrantOperation[] = [
  'Decrypt',
  'Encrypt',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'ReEncryptFrom',
  'ReEncryptTo',
  'CreateGrant',
  'RetireGrant',
  'DescribeKey',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
];
const COMMON_OPERATIONS: readonly GrantOperation[] = ['CreateGrant', 'RetireGrant', 'DescribeKey'];
const USAGE_OPERATIONS: Record<string, readonly GrantOperation[]> = {
  ENCRYPT_DECRYPT: ['Encrypt', 'Decrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GetPublicKey'],
  SIGN_VERIFY: ['Sign', 'Verify', 'GetPublicKey'],
  GENERATE_VERIFY_MAC: ['GenerateMac', 'VerifyMac'],
  KEY_AGREEMENT: ['DeriveSharedSecret', 'GetPublicKey'],
};

/** The grant operations a key supports ("the grant operations must be supported by the KMS key in the grant"). */
export function supportedGrantOperations(record: Pick<KeyRecord, 'keySpec' | 'keyUsage'>): readonly GrantOperation[] {
  if (record.keySpec === 'SYMMETRIC_DEFAULT') return SYMMETRIC_OPERATIONS;
  return [...COMMON_OPERATIONS, ...(USAGE_OPERATIONS[record.keyUsage] ?? [])];
}

export interface CreateGrantParams {
  granteePrincipal?: string;
  granteeServicePrincipal?: string;
  retiringPrincipal?: string;
  retiringServicePrincipal?: string;
  operations: readonly GrantOperation[];
  constraints?: GrantConstraints;
  grantTokens?: readonly string[];
  name?: string;
  dryRun?: boolean;
}

/** The request's constraints as the model keeps them (validated). */
export function toConstraints(constraints: GrantConstraints | undefined): GrantConstraintsRecord | undefined {
  if (!constraints) return undefined;
  if (constraints.SourceArn !== undefined) throw unsupportedOperation('The SourceArn grant constraint is not supported by Strongroom.');
  const record: { -readonly [K in keyof GrantConstraintsRecord]: GrantConstraintsRecord[K] } = {};
  for (const [name, pairs] of [
    ['EncryptionContextEquals', constraints.EncryptionContextEquals],
    ['EncryptionContextSubset', constraints.EncryptionContextSubset],
  ] as const) {
    if (pairs === undefined) continue;
    const entries = Object.entries(pairs);
    if (entries.length > MAX_CONSTRAINT_PAIRS) throw grantValidation(`${name} can include at most ${MAX_CONSTRAINT_PAIRS} encryption context pairs.`);
    if (entries.some(([, v]) => v.length > MAX_CONSTRAINT_VALUE)) throw grantValidation(`Encryption context values in ${name} cannot exceed ${MAX_CONSTRAINT_VALUE} characters.`);
    if (name === 'EncryptionContextEquals') record.encryptionContextEquals = pairs;
    else record.encryptionContextSubset = pairs;
  }
  return record.encryptionContextEquals || record.encryptionContextSubset ? record : undefined;
}

/** Every token must be one this server issued (InvalidGrantTokenException otherwise). */
export function validateGrantTokens(tokens: readonly string[] | undefined): void {
  if (tokens) for (const token of tokens) if (!readGrantToken(token)) throw invalidGrantToken();
}

function validatePrincipal(principal: string | undefined): void {
  if (principal !== undefined && !PRINCIPAL_ARN.test(principal)) throw invalidPrincipal(principal);
}

/** Creates the grant (or, with Name, finds the identical one) on `key`; returns its id and a fresh token. */
export async function createGrant(
  model: KmsModel,
  grants: KmsGrants,
  issuingAccountId: string,
  key: KeyRecord,
  params: CreateGrantParams,
): Promise<{ grantId: string; grantToken: string }> {
  validateGrantTokens(params.grantTokens);
  if ((params.granteePrincipal === undefined) === (params.granteeServicePrincipal === undefined)) {
    throw grantValidation('Exactly one of GranteePrincipal or GranteeServicePrincipal must be specified.');
  }
  if (params.retiringPrincipal !== undefined && params.retiringServicePrincipal !== undefined) {
    throw grantValidation('Specify either RetiringPrincipal or RetiringServicePrincipal, not both.');
  }
  validatePrincipal(params.granteePrincipal);
  validatePrincipal(params.retiringPrincipal);
  if (params.operations.length === 0) throw grantValidation('The grant must allow at least one operation.');
  const supported = supportedGrantOperations(key);
  const unsupported = params.operations.filter((op) => !supported.includes(op));
  if (unsupported.length > 0) throw unsupportedGrantOperations(unsupported, key.keySpec);
  const constraints = toConstraints(params.constraints);
  if (constraints && key.keySpec !== 'SYMMETRIC_DEFAULT') {
    throw grantValidation('Encryption context grant constraints are supported only on grants for symmetric encryption KMS keys.');
  }
  if (params.dryRun) throw dryRunSucceeded();

  const scope: KeyScope = { accountId: key.accountId, region: key.region };
  const operations = [...new Set(params.operations)];
  const grant: GrantRecord = {
    ...scope,
    keyId: key.keyId,
    grantId: newGrantId(),
    issuingAccount: `arn:aws:iam::${issuingAccountId}:root`,
    operations,
    createdAt: model.now(),
    ...(params.name !== undefined ? { name: params.name } : {}),
    ...(params.granteePrincipal !== undefined ? { granteePrincipal: params.granteePrincipal } : {}),
    ...(params.granteeServicePrincipal !== undefined ? { granteeServicePrincipal: params.granteeServicePrincipal } : {}),
    ...(params.retiringPrincipal !== undefined ? { retiringPrincipal: params.retiringPrincipal } : {}),
    ...(params.retiringServicePrincipal !== undefined ? { retiringServicePrincipal: params.retiringServicePrincipal } : {}),
    ...(constraints ? { constraints } : {}),
  };
  const grantId = await model.store.transaction(async () => {
    // Serializes grant creation per key (PostgreSQL row lock), so the quota and Name idempotence hold under concurrency.
    await model.keys.getRecord(scope, key.keyId, { forUpdate: true });
    if (grant.name !== undefined) {
      const same = (await grants.repository.withName(scope, key.keyId, grant.name)).find((g) => sameParameters(g, grant));
      if (same) return same.grantId;
    }
    if ((await grants.repository.countForKey(scope, key.keyId)) >= MAX_GRANTS_PER_KEY) throw grantLimitExceeded(MAX_GRANTS_PER_KEY);
    await grants.repository.insert(grant);
    grants.changed(scope, key.keyId);
    return grant.grantId;
  });
  return { grantId, grantToken: newGrantToken({ ...scope, keyId: key.keyId, grantId }) };
}

/** Name idempotence: "if you retry a CreateGrant request with identical parameters … the original GrantId is returned". */
function sameParameters(a: GrantRecord, b: GrantRecord): boolean {
  return (
    a.granteePrincipal === b.granteePrincipal &&
    a.granteeServicePrincipal === b.granteeServicePrincipal &&
    a.retiringPrincipal === b.retiringPrincipal &&
    a.retiringServicePrincipal === b.retiringServicePrincipal &&
    sameSet(a.operations, b.operations) &&
    sameContext(a.constraints?.encryptionContextEquals, b.constraints?.encryptionContextEquals) &&
    sameContext(a.constraints?.encryptionContextSubset, b.constraints?.encryptionContextSubset)
  );
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function sameContext(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const ak = Object.keys(a);
  return ak.length === Object.keys(b).length && ak.every((k) => b[k] === a[k]);
}

export function assertGrantIdFormat(grantId: string): void {
  if (!GRANT_ID_PATTERN.test(grantId)) throw invalidGrantId(grantId);
}

export interface GrantListQuery {
  grantId?: string;
  granteePrincipal?: string;
  granteeServicePrincipal?: string;
  limit?: number;
  marker?: string;
}

export async function listGrants(grants: KmsGrants, scope: KeyScope, keyId: string, query: GrantListQuery): Promise<Page<GrantRecord>> {
  if (query.grantId !== undefined) assertGrantIdFormat(query.grantId);
  if (query.granteePrincipal !== undefined && query.granteeServicePrincipal !== undefined) {
    throw grantValidation('You can specify either GranteePrincipal or GranteeServicePrincipal, but not both.');
  }
  const limit = query.limit ?? 50;
  if (limit > 100) throw grantValidation(`1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100`);
  const rows = await grants.repository.page(scope, keyId, {
    grantId: query.grantId,
    granteePrincipal: query.granteePrincipal,
    granteeServicePrincipal: query.granteeServicePrincipal,
    afterGrantId: decodeMarker(query.marker),
    limit: limit + 1,
  });
  return toPage(rows, limit, (g) => g.grantId);
}

export async function listRetirableGrants(grants: KmsGrants, region: string, retiringPrincipal: string, limit = 50, marker?: string): Promise<Page<GrantRecord>> {
  if (limit > 100) throw grantValidation(`1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100`);
  const rows = await grants.repository.retirable(region, retiringPrincipal, decodeMarker(marker), limit + 1);
  return toPage(rows, limit, (g) => g.grantId);
}

/** Where RetireGrant's grant is: from its token, or from KeyId + GrantId (the key resolved by the caller). */
export function grantFromToken(token: string): { scope: KeyScope; keyId: string; grantId: string } {
  const contents = readGrantToken(token);
  if (!contents) throw invalidGrantToken();
  return { scope: { accountId: contents.accountId, region: contents.region }, keyId: contents.keyId, grantId: contents.grantId };
}

/** The grant, or NotFoundException. */
export async function loadGrant(grants: KmsGrants, scope: KeyScope, keyId: string, grantId: string): Promise<GrantRecord> {
  const grant = await grants.repository.get(scope, keyId, grantId);
  if (!grant) throw grantNotFound(grantId);
  return grant;
}

/** Deletes the grant (RetireGrant and RevokeGrant, once authorized); NotFoundException when it is already gone. */
export async function deleteGrant(model: KmsModel, grants: KmsGrants, scope: KeyScope, keyId: string, grantId: string): Promise<void> {
  await model.store.transaction(async () => {
    if (!(await grants.repository.delete(scope, keyId, grantId))) throw grantNotFound(grantId);
    grants.changed(scope, keyId);
  });
}
