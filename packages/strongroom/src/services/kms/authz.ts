/**
 * What every KMS operation must be authorized for: the action (kms:<Op>), the
 * key ARN (or "*" / the alias ARN for IAM-only permissions), the key policy
 * (authoritative: IAM policies count only where it allows the account), the
 * key's grants as an alternative allow, and KMS's condition keys
 * (kms:CallerAccount, kms:KeySpec, kms:KeyUsage, kms:KeyOrigin,
 * kms:EncryptionContext:<k>, kms:EncryptionContextKeys, kms:EncryptionAlgorithm,
 * kms:RequestAlias, kms:ResourceAliases, kms:ViaService, kms:Grant*,
 * aws:ResourceTag/<k>, aws:RequestTag/<k>, aws:TagKeys).
 * Keys come from the key cache; their compiled policy, tags and aliases are
 * kept per cached key record (alias changes, which do not replace the record,
 * are followed through the change feed), so authorizing a request touches no
 * database and awaits nothing beyond the key lookup while nothing changed.
 */
import { NEEDS_NO_PERMISSION, type AuthzCheck, type AuthzContext, type ServiceAuthz } from '../../authz/types.ts';
import { compileParsedPolicy, compilePolicy, type ResourcePolicy } from '../../iam/policy/index.ts';
import type * as K from '../../protocol/spec/generated/kms.types.ts';
import { parseBlob } from './crypto/ciphertext-blob.ts';
import { aliasNotFound, aliasTargetsAlias, constraintError, invalidCiphertext } from './errors.ts';
import { loadGrant, toConstraints, validateGrantTokens } from './grants/grant-ops.ts';
import type { KmsGrants } from './grants/kms-grants.ts';
import { locateRetiredGrant } from './grants/locate.ts';
import type { RequestedGrant } from './grants/matching.ts';
import { assertCustomerAliasName } from './model/alias-ops.ts';
import { aliasArn, isAliasName, keyArn, parseKeyIdentifier } from './model/arns.ts';
import { KEY_CACHE_TOPIC, parseKeyCacheId } from './model/key-cache.ts';
import type { KmsModel } from './model/kms-model.ts';
import { predefinedAliasService } from './model/managed-keys.ts';
import type { KeyRecord, KeyScope, LoadedKey } from './model/types.ts';
import { replicateKeyChecks, updatePrimaryRegionChecks } from './multi-region/authz.ts';
import { scopeOf } from './views.ts';

type Keys = Record<string, string | readonly string[]>;
type Context = Readonly<Record<string, string>> | undefined;

interface KeyUse {
  /** The grant operation that may allow it (undefined: grants cannot). */
  grant?: K.GrantOperation;
  /** Encryption context for kms:EncryptionContext:… and grant constraints. */
  context?: Context;
  requested?: RequestedGrant;
  /** DescribeKey: a predefined AWS alias without a key yet gets its AWS managed key. */
  createManaged?: boolean;
  /** Operation-specific condition keys. */
  keys?: Keys;
}

const ALIAS_ARN = /^arn:[^:]*:kms:[^:]*:[^:]*:alias\//;

export class KmsAuthz {
  readonly #kms: KmsModel;
  readonly #grants: KmsGrants;
  readonly #policies = new WeakMap<KeyRecord, ResourcePolicy>();
  /**
   * Per cached key record: aws:ResourceTag/<k> and kms:ResourceAliases. Tag
   * changes replace the cached record (they go through the key cache); alias
   * changes do not, so every alias change moves `#aliasGeneration` on.
   */
  readonly #attributes = new WeakMap<KeyRecord, { generation: number; keys: Keys }>();
  #aliasGeneration = 0;

  constructor(kms: KmsModel, grants: KmsGrants) {
    this.#kms = kms;
    this.#grants = grants;
    kms.store.changes.subscribe(KEY_CACHE_TOPIC, (id) => {
      if (parseKeyCacheId(id).name.startsWith('alias/')) this.#aliasGeneration++;
    });
    kms.store.changes.onReset(() => this.#aliasGeneration++);
  }

  /** The declarations, keyed by operation name. */
  declarations(): ServiceAuthz {
    const global = (action: string) => (ctx: AuthzContext): AuthzCheck => ({ action, resource: '*', context: callerKeys(ctx) });
    const key = (action: string, aliases = false) => (ctx: AuthzContext, input: { KeyId: string }) => this.keyCheck(ctx, action, input.KeyId, aliases, {});
    return {
      CreateKey: (ctx, input: K.CreateKeyRequest) => this.#createKey(ctx, input),
      ListKeys: global('kms:ListKeys'),
      ListAliases: global('kms:ListAliases'),
      GenerateRandom: global('kms:GenerateRandom'),
      DescribeKey: (ctx, input: K.DescribeKeyRequest) => {
        validateGrantTokens(input.GrantTokens);
        return this.keyCheck(ctx, 'kms:DescribeKey', input.KeyId, true, { grant: 'DescribeKey', createManaged: true });
      },
      UpdateKeyDescription: key('kms:UpdateKeyDescription'),
      EnableKey: key('kms:EnableKey'),
      DisableKey: key('kms:DisableKey'),
      ScheduleKeyDeletion: key('kms:ScheduleKeyDeletion'),
      CancelKeyDeletion: key('kms:CancelKeyDeletion'),
      EnableKeyRotation: (ctx, input: K.EnableKeyRotationRequest) =>
        this.keyCheck(ctx, 'kms:EnableKeyRotation', input.KeyId, false, {
          keys: input.RotationPeriodInDays === undefined ? undefined : { 'kms:RotationPeriodInDays': String(input.RotationPeriodInDays) },
        }),
      DisableKeyRotation: key('kms:DisableKeyRotation'),
      GetKeyRotationStatus: key('kms:GetKeyRotationStatus'),
      RotateKeyOnDemand: key('kms:RotateKeyOnDemand'),
      GetParametersForImport: (ctx, input: K.GetParametersForImportRequest) =>
        this.keyCheck(ctx, 'kms:GetParametersForImport', input.KeyId, false, {
          keys: { 'kms:WrappingAlgorithm': input.WrappingAlgorithm, 'kms:WrappingKeySpec': input.WrappingKeySpec },
        }),
      ImportKeyMaterial: (ctx, input: K.ImportKeyMaterialRequest) =>
        this.keyCheck(ctx, 'kms:ImportKeyMaterial', input.KeyId, false, { keys: importConditionKeys(input) }),
      DeleteImportedKeyMaterial: key('kms:DeleteImportedKeyMaterial'),
      ListKeyRotations: key('kms:ListKeyRotations'),
      ListResourceTags: key('kms:ListResourceTags'),
      TagResource: (ctx, input: K.TagResourceRequest) => this.keyCheck(ctx, 'kms:TagResource', input.KeyId, false, { keys: requestTagKeys(input.Tags) }),
      UntagResource: (ctx, input: K.UntagResourceRequest) => this.keyCheck(ctx, 'kms:UntagResource', input.KeyId, false, { keys: { 'aws:TagKeys': input.TagKeys } }),
      GetKeyPolicy: key('kms:GetKeyPolicy'),
      ListKeyPolicies: key('kms:ListKeyPolicies'),
      PutKeyPolicy: (ctx, input: K.PutKeyPolicyRequest) =>
        this.keyCheck(ctx, 'kms:PutKeyPolicy', input.KeyId, false, { keys: { 'kms:BypassPolicyLockoutSafetyCheck': String(input.BypassPolicyLockoutSafetyCheck === true) } }),
      CreateAlias: (ctx, input: K.CreateAliasRequest) => this.#aliasChecks(ctx, 'kms:CreateAlias', input.AliasName, [input.TargetKeyId]),
      UpdateAlias: async (ctx, input: K.UpdateAliasRequest) => {
        assertCustomerAliasName(input.AliasName);
        const current = await this.#aliasTarget(scopeOf(ctx), input.AliasName);
        return this.#aliasChecks(ctx, 'kms:UpdateAlias', input.AliasName, [current, input.TargetKeyId]);
      },
      DeleteAlias: async (ctx, input: K.DeleteAliasRequest) => {
        assertCustomerAliasName(input.AliasName);
        return this.#aliasChecks(ctx, 'kms:DeleteAlias', input.AliasName, [await this.#aliasTarget(scopeOf(ctx), input.AliasName)]);
      },
      Encrypt: (ctx, input: K.EncryptRequest) => {
        validateGrantTokens(input.GrantTokens);
        return this.keyCheck(ctx, 'kms:Encrypt', input.KeyId, true, cryptoUse('Encrypt', input.EncryptionContext, input.EncryptionAlgorithm));
      },
      Decrypt: async (ctx, input: K.DecryptRequest) => {
        validateGrantTokens(input.GrantTokens);
        const keyId = await this.#ciphertextKey(ctx, input.CiphertextBlob, input.KeyId);
        return this.keyCheck(ctx, 'kms:Decrypt', keyId, true, cryptoUse('Decrypt', input.EncryptionContext, input.EncryptionAlgorithm));
      },
      ReEncrypt: async (ctx, input: K.ReEncryptRequest) => {
        validateGrantTokens(input.GrantTokens);
        if (input.CiphertextBlob === undefined) throw constraintError('ciphertextBlob', null, 'Member must not be null');
        const sourceKeyId = await this.#ciphertextKey(ctx, input.CiphertextBlob, input.SourceKeyId);
        const source = await this.keyCheck(ctx, 'kms:ReEncryptFrom', sourceKeyId, true, cryptoUse('ReEncryptFrom', input.SourceEncryptionContext, input.SourceEncryptionAlgorithm));
        const destination = await this.keyCheck(
          ctx,
          'kms:ReEncryptTo',
          input.DestinationKeyId,
          true,
          cryptoUse('ReEncryptTo', input.DestinationEncryptionContext, input.DestinationEncryptionAlgorithm),
        );
        const sameKey = String(source.resource === destination.resource);
        (source.context as Keys)['kms:ReEncryptOnSameKey'] = sameKey;
        (destination.context as Keys)['kms:ReEncryptOnSameKey'] = sameKey;
        return [source, destination];
      },
      GenerateDataKey: (ctx, input: K.GenerateDataKeyRequest) => {
        validateGrantTokens(input.GrantTokens);
        return this.keyCheck(ctx, 'kms:GenerateDataKey', input.KeyId, true, cryptoUse('GenerateDataKey', input.EncryptionContext));
      },
      GenerateDataKeyWithoutPlaintext: (ctx, input: K.GenerateDataKeyWithoutPlaintextRequest) => {
        validateGrantTokens(input.GrantTokens);
        return this.keyCheck(ctx, 'kms:GenerateDataKeyWithoutPlaintext', input.KeyId, true, cryptoUse('GenerateDataKeyWithoutPlaintext', input.EncryptionContext));
      },
      GenerateDataKeyPair: (ctx, input: K.GenerateDataKeyPairRequest) => {
        validateGrantTokens(input.GrantTokens);
        return this.keyCheck(ctx, 'kms:GenerateDataKeyPair', input.KeyId, true, dataKeyPairUse('GenerateDataKeyPair', input.EncryptionContext, input.KeyPairSpec));
      },
      GenerateDataKeyPairWithoutPlaintext: (ctx, input: K.GenerateDataKeyPairWithoutPlaintextRequest) => {
        validateGrantTokens(input.GrantTokens);
        const use = dataKeyPairUse('GenerateDataKeyPairWithoutPlaintext', input.EncryptionContext, input.KeyPairSpec);
        return this.keyCheck(ctx, 'kms:GenerateDataKeyPairWithoutPlaintext', input.KeyId, true, use);
      },
      GenerateMac: (ctx, input: K.GenerateMacRequest) => {
        validateGrantTokens(input.GrantTokens);
        return this.keyCheck(ctx, 'kms:GenerateMac', input.KeyId, true, { grant: 'GenerateMac', keys: { 'kms:MacAlgorithm': input.MacAlgorithm } });
      },
      VerifyMac: (ctx, input: K.VerifyMacRequest) => {
        validateGrantTokens(input.GrantTokens);
        return this.keyCheck(ctx, 'kms:VerifyMac', input.KeyId, true, { grant: 'VerifyMac', keys: { 'kms:MacAlgorithm': input.MacAlgorithm } });
      },
      DeriveSharedSecret: (ctx, input: K.DeriveSharedSecretRequest) => {
        validateGrantTokens(input.GrantTokens);
        const keys = { 'kms:KeyAgreementAlgorithm': input.KeyAgreementAlgorithm };
        return this.keyCheck(ctx, 'kms:DeriveSharedSecret', input.KeyId, true, { grant: 'DeriveSharedSecret', keys });
      },
      GetPublicKey: (ctx, input: K.GetPublicKeyRequest) => {
        validateGrantTokens(input.GrantTokens);
        return this.keyCheck(ctx, 'kms:GetPublicKey', input.KeyId, true, { grant: 'GetPublicKey' });
      },
      Sign: (ctx, input: K.SignRequest) => {
        validateGrantTokens(input.GrantTokens);
        return this.keyCheck(ctx, 'kms:Sign', input.KeyId, true, signingUse('Sign', input.SigningAlgorithm, input.MessageType));
      },
      Verify: (ctx, input: K.VerifyRequest) => {
        validateGrantTokens(input.GrantTokens);
        return this.keyCheck(ctx, 'kms:Verify', input.KeyId, true, signingUse('Verify', input.SigningAlgorithm, input.MessageType));
      },
      CreateGrant: (ctx, input: K.CreateGrantRequest) => this.#createGrant(ctx, input),
      ListGrants: (ctx, input: K.ListGrantsRequest) => this.keyCheck(ctx, 'kms:ListGrants', input.KeyId, false, { keys: grantIsForAwsResource(ctx) }),
      RevokeGrant: (ctx, input: K.RevokeGrantRequest) => this.keyCheck(ctx, 'kms:RevokeGrant', input.KeyId, false, { keys: grantIsForAwsResource(ctx) }),
      // "The authorized resource in ListRetirableGrants calls is the retiring principal specified in the request", in the caller's account.
      ListRetirableGrants: (ctx, input: K.ListRetirableGrantsRequest) => ({
        action: 'kms:ListRetirableGrants',
        resource: input.RetiringPrincipal ?? '*',
        resourceAccount: ctx.principal.accountId,
        context: callerKeys(ctx),
      }),
      // kms:RetireGrant in a key policy has no effect; the grant decides, an IAM Deny still wins, and the key's account may delegate through IAM.
      RetireGrant: async (ctx, input: K.RetireGrantRequest) => {
        const where = await locateRetiredGrant(this.#kms, scopeOf(ctx), input);
        const grant = await loadGrant(this.#grants, where.scope, where.keyId, where.grantId);
        return {
          action: 'kms:RetireGrant',
          resource: keyArn(where.scope, where.keyId),
          context: callerKeys(ctx),
          alternative: this.#grants.retireAlternative(grant),
        };
      },
      ReplicateKey: (ctx, input: K.ReplicateKeyRequest) => replicateKeyChecks(this, ctx, input),
      UpdatePrimaryRegion: (ctx, input: K.UpdatePrimaryRegionRequest) => updatePrimaryRegionChecks(this, ctx, input),
    };
  }

  /** The check for `action` on the key a KeyId parameter names (resolving aliases when `aliases`). */
  async keyCheck(ctx: AuthzContext, action: string, keyIdParam: string, aliases: boolean, use: KeyUse): Promise<AuthzCheck> {
    const scope = scopeOf(ctx);
    const key = await this.#findKey(scope, keyIdParam, aliases, use.createManaged === true);
    const record = key.record;
    const attributes = this.#attributes.get(record);
    const keys: Keys = Object.assign({}, attributes?.generation === this.#aliasGeneration ? attributes.keys : await this.#keyAttributes(scope, record));
    keys['kms:CallerAccount'] = ctx.principal.accountId;
    keys['kms:KeySpec'] = record.keySpec;
    keys['kms:KeyUsage'] = record.keyUsage;
    keys['kms:KeyOrigin'] = record.origin;
    keys['kms:MultiRegion'] = key.multiRegion ? 'true' : 'false';
    if (key.multiRegion) keys['kms:MultiRegionKeyType'] = key.multiRegion.keyType;
    if (ctx.viaService !== undefined) keys['kms:ViaService'] = ctx.viaService;
    const requestAlias = requestedAlias(keyIdParam);
    if (requestAlias !== undefined) keys['kms:RequestAlias'] = requestAlias;
    if (use.context) addEncryptionContext(keys, use.context);
    if (use.keys) for (const name in use.keys) keys[name] = use.keys[name];
    return {
      action,
      resource: record.arn,
      resourcePolicy: this.#keyPolicy(record),
      context: keys,
      alternative: use.grant ? this.#grants.alternative(scope, record.keyId, use.grant, use.context, use.requested) : undefined,
    };
  }

  #keyPolicy(record: KeyRecord): ResourcePolicy {
    let policy = this.#policies.get(record);
    if (!policy) {
      policy = { name: 'key-policy', policy: compileKeyPolicy(record.policy), resourcePolicyMustEnableIam: true };
      this.#policies.set(record, policy);
    }
    return policy;
  }

  async #findKey(scope: KeyScope, keyIdParam: string, aliases: boolean, createManaged: boolean): Promise<LoadedKey> {
    try {
      return await this.#kms.findKey(scope, keyIdParam, { aliases });
    } catch (error) {
      if (!createManaged || (error as Error).name !== 'NotFoundException') throw error;
      const id = parseKeyIdentifier(keyIdParam, scope, { aliases: true });
      const service = id.kind === 'alias' ? predefinedAliasService(id.aliasName) : undefined;
      if (service === undefined) throw error;
      const record = await this.#kms.ensureAwsManagedKey(scope.accountId, scope.region, service);
      return this.#kms.findKey(scope, record.keyId, { aliases: false });
    }
  }

  async #keyAttributes(scope: KeyScope, record: KeyRecord): Promise<Keys> {
    const generation = this.#aliasGeneration;
    const [tags, aliases] = await Promise.all([
      this.#kms.tags.list(scope, record.keyId),
      this.#kms.aliases.list(scope, this.#kms.now(), { targetKeyId: record.keyId, limit: 1000 }),
    ]);
    const keys: Keys = {};
    for (const tag of tags) keys[`aws:ResourceTag/${tag.key}`] = tag.value;
    if (aliases.length > 0) keys['kms:ResourceAliases'] = aliases.map((a) => a.aliasName);
    // Only committed state is kept: inside a transaction the record may not be the cached one anyway.
    if (this.#kms.store.current() === this.#kms.store.db) this.#attributes.set(record, { generation, keys });
    return keys;
  }

  /** The key id a Decrypt/ReEncrypt names: KeyId when given, else the one in the ciphertext blob (errors as the handler words them). */
  async #ciphertextKey(ctx: AuthzContext, blob: Uint8Array | undefined, keyIdParam: string | undefined): Promise<string> {
    if (keyIdParam !== undefined) return keyIdParam;
    if (blob === undefined) throw constraintError('ciphertextBlob', null, 'Member must not be null');
    const parsed = parseBlob(blob);
    if (!parsed) throw invalidCiphertext();
    if (!(await this.#kms.findKeyById(scopeOf(ctx), parsed.keyId))) throw invalidCiphertext();
    return parsed.keyId;
  }

  async #aliasTarget(scope: KeyScope, aliasName: string): Promise<string> {
    const target = await this.#kms.cache.getAliasTarget(scope, aliasName);
    if (target === undefined || !(await this.#kms.findKeyById(scope, target))) throw aliasNotFound(aliasArn(scope, aliasName));
    return target;
  }

  /** Alias operations need the permission on the alias (IAM policy) and on each key involved (key policy). */
  async #aliasChecks(ctx: AuthzContext, action: string, aliasName: string, keyIds: readonly string[]): Promise<AuthzCheck[]> {
    assertCustomerAliasName(aliasName);
    const scope = scopeOf(ctx);
    const checks: AuthzCheck[] = [{ action, resource: aliasArn(scope, aliasName), context: callerKeys(ctx) }];
    for (const keyId of keyIds) {
      if (isAliasName(keyId) || ALIAS_ARN.test(keyId)) throw aliasTargetsAlias();
      checks.push(await this.keyCheck(ctx, action, keyId, false, {}));
    }
    return checks;
  }

  #createKey(ctx: AuthzContext, input: K.CreateKeyRequest): AuthzCheck[] {
    const keys: Keys = {
      'kms:CallerAccount': ctx.principal.accountId,
      'kms:KeySpec': input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT',
      'kms:KeyUsage': input.KeyUsage ?? 'ENCRYPT_DECRYPT',
      'kms:KeyOrigin': input.Origin ?? 'AWS_KMS',
      'kms:MultiRegion': String(input.MultiRegion === true),
      'kms:BypassPolicyLockoutSafetyCheck': String(input.BypassPolicyLockoutSafetyCheck === true),
      ...requestTagKeys(input.Tags),
    };
    if (ctx.viaService !== undefined) keys['kms:ViaService'] = ctx.viaService;
    const checks: AuthzCheck[] = [{ action: 'kms:CreateKey', resource: '*', context: keys }];
    // "To use the Tags parameter, you need kms:TagResource permission in an IAM policy."
    if (input.Tags?.length) checks.push({ action: 'kms:TagResource', resource: '*', context: keys });
    return checks;
  }

  #createGrant(ctx: AuthzContext, input: K.CreateGrantRequest): Promise<AuthzCheck> {
    validateGrantTokens(input.GrantTokens);
    const constraints = toConstraints(input.Constraints);
    const keys: Keys = { 'kms:GrantOperations': input.Operations, ...grantIsForAwsResource(ctx) };
    if (input.GranteePrincipal !== undefined) keys['kms:GranteePrincipal'] = input.GranteePrincipal;
    if (input.RetiringPrincipal !== undefined) keys['kms:RetiringPrincipal'] = input.RetiringPrincipal;
    const types: string[] = [];
    if (constraints?.encryptionContextEquals) types.push('EncryptionContextEquals');
    if (constraints?.encryptionContextSubset) types.push('EncryptionContextSubset');
    if (types.length > 0) keys['kms:GrantConstraintType'] = types;
    // For CreateGrant, kms:EncryptionContext:<k> refers to the grant's constraints.
    const constraintContext = constraints ? { ...constraints.encryptionContextSubset, ...constraints.encryptionContextEquals } : undefined;
    return this.keyCheck(ctx, 'kms:CreateGrant', input.KeyId, false, {
      grant: 'CreateGrant',
      context: constraintContext,
      requested: { operations: input.Operations, constraints },
      keys,
    });
  }
}

/** The declarations of every KMS operation Strongroom implements. */
export function kmsAuthz(kms: KmsModel, grants: KmsGrants): ServiceAuthz {
  return new KmsAuthz(kms, grants).declarations();
}

function compileKeyPolicy(text: string) {
  try {
    return compilePolicy(text, { kind: 'resource', allowIneffectiveStatements: true });
  } catch {
    // A stored policy that is no policy document allows nothing (CreateKey and PutKeyPolicy should refuse such documents).
    return compileParsedPolicy({ version: '2012-10-17', versionSpecified: true, statements: [] }, 'resource');
  }
}

function callerKeys(ctx: AuthzContext): Keys {
  const keys: Keys = { 'kms:CallerAccount': ctx.principal.accountId };
  if (ctx.viaService !== undefined) keys['kms:ViaService'] = ctx.viaService;
  return keys;
}

function grantIsForAwsResource(ctx: AuthzContext): Keys {
  return { 'kms:GrantIsForAWSResource': ctx.viaService === undefined ? 'false' : 'true' };
}

function cryptoUse(grant: K.GrantOperation, context: Context, algorithm?: K.EncryptionAlgorithmSpec): KeyUse {
  return { grant, context, keys: { 'kms:EncryptionAlgorithm': algorithm ?? 'SYMMETRIC_DEFAULT' } };
}

/** GenerateDataKeyPair*: the private key is encrypted with SYMMETRIC_DEFAULT; kms:DataKeyPairSpec names the pair. */
function dataKeyPairUse(grant: K.GrantOperation, context: Context, spec: K.DataKeyPairSpec): KeyUse {
  return { grant, context, keys: { 'kms:EncryptionAlgorithm': 'SYMMETRIC_DEFAULT', 'kms:DataKeyPairSpec': spec } };
}

function signingUse(grant: K.GrantOperation, algorithm: K.SigningAlgorithmSpec, messageType: K.MessageType | undefined): KeyUse {
  return { grant, keys: { 'kms:SigningAlgorithm': algorithm, 'kms:MessageType': messageType ?? 'RAW' } };
}

function addEncryptionContext(keys: Keys, context: Readonly<Record<string, string>>): void {
  const names: string[] = [];
  for (const name in context) {
    keys[`kms:EncryptionContext:${name}`] = context[name];
    names.push(name);
  }
  if (names.length > 0) keys['kms:EncryptionContextKeys'] = names;
}

/** kms:ExpirationModel (default KEY_MATERIAL_EXPIRES) and kms:ValidTo (epoch seconds), as AWS sets them for ImportKeyMaterial. */
function importConditionKeys(input: K.ImportKeyMaterialRequest): Keys {
  const keys: Keys = { 'kms:ExpirationModel': input.ExpirationModel ?? 'KEY_MATERIAL_EXPIRES' };
  if (input.ValidTo !== undefined) keys['kms:ValidTo'] = String(Math.floor(input.ValidTo.getTime() / 1000));
  return keys;
}

function requestTagKeys(tags: readonly K.Tag[] | undefined): Keys {
  if (!tags?.length) return {};
  const keys: Keys = { 'aws:TagKeys': tags.map((t) => t.TagKey) };
  for (const tag of tags) keys[`aws:RequestTag/${tag.TagKey}`] = tag.TagValue;
  return keys;
}

/** kms:RequestAlias: the alias name a KeyId parameter used, if it used one. */
function requestedAlias(keyIdParam: string): string | undefined {
  if (isAliasName(keyIdParam)) return keyIdParam;
  if (ALIAS_ARN.test(keyIdParam)) return keyIdParam.slice(keyIdParam.indexOf(':alias/') + 1);
  return undefined;
}
