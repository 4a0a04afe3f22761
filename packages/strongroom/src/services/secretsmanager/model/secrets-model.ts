/**
 * The Secrets Manager model: resolving SecretIds (name, full or partial ARN),
 * encrypting and decrypting version values through KMS (in-process, as the
 * caller, so key policies and grants apply), adding versions with AWS's
 * staging-label rules and the 100-version limit, and the deletion sweep.
 * Changes of a primary are replicated to its replicas in the same
 * transaction (replication.ts); a replica's own KMS calls go to its Region.
 */
import type { Barrier } from '../../../crypto/barrier/barrier.ts';
import type { DecryptResponse, GenerateDataKeyResponse } from '../../../protocol/spec/generated/kms.types.ts';
import type { RequestContext } from '../../../server/context.ts';
import type { InternalClient } from '../../../server/internal-client.ts';
import type { Store } from '../../../storage/store.ts';
import { decryptionFailure, fromKmsError, markedForDeletion, replicaReadOnly, secretNotFound, tooManyVersions, versionExists } from '../errors.ts';
import { type PreparedReplica, Replicator } from './replication.ts';
import { SecretRepository } from './secret-repository.ts';
import { attachStage, type StageMap } from './stages.ts';
import type { SecretRecord, SecretScope, SecretValue, VersionRecord } from './types.ts';
import { openValue, sealValue, secretEncryptionContext } from './value-envelope.ts';

export const MANAGED_KEY_ALIAS = 'alias/aws/secretsmanager';
export const MAX_VERSIONS = 100;
const DAY_MS = 86_400_000;
const SECRET_ARN = /^arn:[^:]+:secretsmanager:([^:]+):(\d{12}):secret:(.+)$/;

export interface SecretsModelOptions {
  store: Store;
  barrier: Barrier;
  internal: InternalClient;
  /** The ARN of the AWS managed key alias/aws/secretsmanager, created on first use. */
  managedKeyArn(accountId: string, region: string): Promise<string>;
  now?: () => number;
}

export function scopeOf(ctx: RequestContext): SecretScope {
  return { accountId: ctx.principal.accountId, region: ctx.region };
}

export function sameValue(a: SecretValue, b: SecretValue): boolean {
  if (a.string !== undefined || b.string !== undefined) return a.string === b.string;
  return Buffer.from(a.binary ?? []).equals(Buffer.from(b.binary ?? []));
}

export class SecretsModel {
  readonly store: Store;
  readonly repo: SecretRepository;
  readonly now: () => number;
  readonly replication: Replicator;
  readonly #barrier: Barrier;
  readonly #internal: InternalClient;
  readonly #managedKeyArn: SecretsModelOptions['managedKeyArn'];
  /** Secrets resolved while authorizing a request, keyed by its input object, so the handler does not look them up again. */
  readonly #resolved = new WeakMap<object, SecretRecord | undefined>();

  constructor(options: SecretsModelOptions) {
    this.store = options.store;
    this.repo = new SecretRepository(options.store);
    this.now = options.now ?? Date.now;
    this.#barrier = options.barrier;
    this.#internal = options.internal;
    this.#managedKeyArn = options.managedKeyArn;
    this.replication = new Replicator(this);
  }

  /** The secret a SecretId names (name, full ARN, or partial ARN without the random suffix), deleted or not. */
  async find(scope: SecretScope, secretId: string, lock = false): Promise<SecretRecord | undefined> {
    const arn = SECRET_ARN.exec(secretId);
    if (!arn) return this.repo.byName(scope, secretId, lock);
    const [, region, accountId, rest] = arn;
    if (region !== scope.region) return undefined;
    const exact = await this.repo.byArn(secretId);
    if (exact) return lock ? this.repo.byName(exact, exact.name, true) : exact;
    return this.repo.byName({ accountId: accountId!, region }, rest!, lock);
  }

  /** find, remembered for the request whose input is `request` (authorization, then the handler). */
  async findFor(scope: SecretScope, request: { SecretId: string }): Promise<SecretRecord | undefined> {
    if (this.#resolved.has(request)) return this.#resolved.get(request);
    const secret = await this.find(scope, request.SecretId);
    this.#resolved.set(request, secret);
    return secret;
  }

  /**
   * Like find, but throws ResourceNotFoundException, InvalidRequestException
   * while scheduled for deletion unless allowed, and for `primaryOnly` (every
   * write) InvalidParameterException on a replica.
   */
  async get(scope: SecretScope, secretId: string, options: { allowDeleted?: boolean; lock?: boolean; primaryOnly?: boolean; request?: { SecretId: string } } = {}): Promise<SecretRecord> {
    const secret = options.request && !options.lock ? await this.findFor(scope, options.request) : await this.find(scope, secretId, options.lock);
    if (!secret) throw secretNotFound();
    if (options.primaryOnly && secret.primaryRegion !== null) throw replicaReadOnly();
    if (secret.deletedAt !== null && !options.allowDeleted) throw markedForDeletion();
    return secret;
  }

  async keyIdFor(secret: Pick<SecretRecord, 'accountId' | 'region' | 'kmsKeyId'>): Promise<string> {
    if (secret.kmsKeyId === null || secret.kmsKeyId === MANAGED_KEY_ALIAS) return this.#managedKeyArn(secret.accountId, secret.region);
    return secret.kmsKeyId;
  }

  /** Encrypts a version's value under the secret's key (GenerateDataKey as the caller). */
  async encrypt(ctx: RequestContext, secret: SecretRecord, versionId: string, value: SecretValue): Promise<{ kmsKeyArn: string; sealed: Buffer }> {
    const keyId = await this.keyIdFor(secret);
    let out: GenerateDataKeyResponse;
    try {
      out = await this.#internal.call<GenerateDataKeyResponse>(
        'kms',
        'GenerateDataKey',
        { KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: secretEncryptionContext(secret.arn, versionId) },
        this.#on(ctx, secret.region),
      );
    } catch (error) {
      throw fromKmsError(error, 'encrypt');
    }
    const dataKey = Buffer.from(out.Plaintext!);
    try {
      return { kmsKeyArn: out.KeyId!, sealed: sealValue(this.#barrier, secret.arn, versionId, value, dataKey, out.CiphertextBlob!) };
    } finally {
      dataKey.fill(0);
    }
  }

  /** Decrypts a version's value (Decrypt as the caller). */
  async decrypt(ctx: RequestContext, secret: SecretRecord, version: VersionRecord): Promise<SecretValue> {
    const sealed = await this.repo.sealedValue(secret, version.versionId);
    if (!sealed) throw secretNotFound();
    const opened = openValue(this.#barrier, secret.arn, version.versionId, sealed);
    let out: DecryptResponse;
    try {
      out = await this.#internal.call<DecryptResponse>(
        'kms',
        'Decrypt',
        { CiphertextBlob: opened.encryptedDataKey, KeyId: version.kmsKeyArn, EncryptionContext: secretEncryptionContext(secret.arn, version.versionId) },
        this.#on(ctx, secret.region),
      );
    } catch (error) {
      throw fromKmsError(error, 'decrypt');
    }
    const dataKey = Buffer.from(out.Plaintext!);
    try {
      const value = opened.decrypt(dataKey);
      if (!value) throw decryptionFailure();
      return value;
    } finally {
      dataKey.fill(0);
    }
  }

  /**
   * Adds a version with `stages` (PutSecretValue, UpdateSecret, CreateSecret).
   * The same version id with the same value is a no-op (created: false);
   * with another value, ResourceExistsException.
   */
  async addVersion(
    ctx: RequestContext,
    secret: SecretRecord,
    versionId: string,
    value: SecretValue,
    stages: readonly string[],
    alsoUpdate?: (secret: SecretRecord) => Promise<void>,
  ): Promise<{ created: boolean }> {
    const existing = (await this.repo.versions(secret)).find((v) => v.versionId === versionId);
    if (existing) {
      if (sameValue(await this.decrypt(ctx, secret, existing), value)) return { created: false };
      throw versionExists();
    }
    const { kmsKeyArn, sealed } = await this.encrypt(ctx, secret, versionId, value);
    const replicas = await this.replication.prepare(ctx, secret, { versionId, value });
    await this.store.transaction(async () => {
      const current = await this.repo.byName(secret, secret.name, true);
      if (!current || current.arn !== secret.arn) throw secretNotFound();
      if (current.deletedAt !== null) throw markedForDeletion();
      const versions = await this.repo.versions(secret);
      if (versions.some((v) => v.versionId === versionId)) throw versionExists();
      await this.#makeRoom(secret, versions);
      const now = this.now();
      await this.repo.insertVersion(secret, { versionId, stages: [], createdAt: now, lastAccessedAt: null, kmsKeyArn }, sealed);
      await this.moveStages(secret, [...versions, { versionId, stages: [], createdAt: now, lastAccessedAt: null, kmsKeyArn }], stages.map((s) => [s, versionId] as const));
      if (alsoUpdate) await alsoUpdate(current);
      await this.repo.update(secret, { lastChangedAt: now });
      await this.replication.mirror(secret, replicas);
    });
    return { created: true };
  }

  /**
   * A change of a primary's metadata or labels, replicated: KMS work for
   * replicas that need catching up first, then `change` and the replicas'
   * copies in one transaction. `change` re-reads and locks the secret.
   */
  async changeReplicated<T>(ctx: RequestContext, secret: SecretRecord, change: () => Promise<T>): Promise<T> {
    const replicas: PreparedReplica[] = await this.replication.prepare(ctx, secret);
    return this.store.transaction(async () => {
      const out = await change();
      await this.replication.mirror(secret, replicas);
      return out;
    });
  }

  /** Attaches each (label, version) in order and writes the versions whose labels changed. */
  async moveStages(secret: SecretRecord, versions: readonly VersionRecord[], moves: ReadonlyArray<readonly [string, string]>, detach?: readonly [string, string]): Promise<void> {
    const map: StageMap = new Map(versions.map((v) => [v.versionId, [...v.stages]]));
    const changed = new Set<string>();
    if (detach) {
      const [label, from] = detach;
      const labels = map.get(from);
      if (labels?.includes(label)) {
        map.set(from, labels.filter((l) => l !== label));
        changed.add(from);
      }
    }
    for (const [label, versionId] of moves) for (const id of attachStage(map, label, versionId)) changed.add(id);
    for (const id of changed) await this.repo.setStages(secret, id, map.get(id)!);
  }

  /** Removes deprecated versions older than a day, oldest first, until a new one fits; LimitExceededException otherwise. */
  async #makeRoom(secret: SecretRecord, versions: VersionRecord[]): Promise<void> {
    let count = versions.length;
    if (count < MAX_VERSIONS) return;
    const cutoff = this.now() - DAY_MS;
    for (const v of versions) {
      if (count < MAX_VERSIONS) break;
      if (v.stages.length === 0 && v.createdAt < cutoff) {
        await this.repo.deleteVersion(secret, v.versionId);
        count--;
      }
    }
    if (count >= MAX_VERSIONS) throw tooManyVersions();
  }

  /** Records the day of access (AWS's LastAccessedDate is a date): one write per secret and day at most. */
  async touch(secret: SecretRecord, version: VersionRecord): Promise<void> {
    const day = Math.floor(this.now() / DAY_MS) * DAY_MS;
    if (secret.lastAccessedAt !== day) await this.repo.update(secret, { lastAccessedAt: day });
    if (version.lastAccessedAt !== day) await this.repo.touchVersion(secret, version.versionId, day);
  }

  /** Deletes secrets whose recovery window has ended; returns how many. Safe to run concurrently (rows are claimed). */
  async purgeDueDeletions(now: Date | number = this.now()): Promise<number> {
    let total = 0;
    for (;;) {
      const purged = await this.store.transaction(async () => {
        const due = await this.repo.due(+now, 100);
        for (const key of due) await this.repo.delete(key);
        return due.length;
      });
      total += purged;
      if (purged < 100) return total;
    }
  }

  /** Runs another Secrets Manager operation as the caller, through authorization (BatchGetSecretValue reads each secret so). */
  asCaller<O>(ctx: RequestContext, operation: string, input: object): Promise<O> {
    return this.#internal.call<O>('secretsmanager', operation, input, this.#on(ctx));
  }

  /** The caller, as Secrets Manager in `region` (the secret's: a replica's key lives in the replica's Region). */
  #on(ctx: RequestContext, region = ctx.region) {
    return { principal: ctx.principal, region, viaService: `secretsmanager.${region}.amazonaws.com`, requestId: ctx.requestId, sourceIp: ctx.sourceIp };
  }
}
