/**
 * The KMS model: repositories, the key cache, and the key lookups every
 * operation shares. Keys whose deletion date has passed are treated as gone
 * on every lookup (the sweep, purgeDueDeletions, removes their rows later).
 * The scheduler hooks (purgeDueDeletions, rotateDueKeys) and the entry point
 * for other services (ensureAwsManagedKey) are methods here.
 */
import type { Barrier } from '../../../crypto/barrier/barrier.ts';
import type { LoadingCacheOptions } from '../../../storage/loading-cache.ts';
import type { Store } from '../../../storage/store.ts';
import { aliasNotFound, keyNotFound, notAuthorized } from '../errors.ts';
import { AliasRepository } from './alias-repository.ts';
import { aliasArn, keyArn, parseKeyIdentifier } from './arns.ts';
import { KeyCache } from './key-cache.ts';
import { KeyRepository } from './key-repository.ts';
import { isDeleted } from './key-states.ts';
import { expireImportedMaterial, keyAsOf, recordAsOf } from '../imports/expiry.ts';
import { ImportParametersRepository } from '../imports/import-parameters.ts';
import { purgeDueDeletions } from './deletion.ts';
import { ensureAwsManagedKey } from './managed-keys.ts';
import { rotateDueKeys } from './rotation.ts';
import { TagRepository } from './tags.ts';
import { startPrimaryWaitingPeriods } from '../multi-region/deletion.ts';
import { MultiRegionRepository } from '../multi-region/multi-region-repository.ts';
import { loadKeyWithRegions } from '../multi-region/related-keys.ts';
import type { KeyRecord, KeyScope, LoadedKey } from './types.ts';

export interface KmsModelOptions {
  store: Store;
  barrier: Barrier;
  cache?: LoadingCacheOptions;
  /** Epoch ms; tests move time forward with it. */
  now?: () => number;
}

/** Who is asking, for the scope of every lookup and for AWS's access-denied messages. */
export interface Caller {
  scope: KeyScope;
  principalArn: string;
}

export class KmsModel {
  readonly store: Store;
  readonly keys: KeyRepository;
  readonly aliases: AliasRepository;
  readonly tags: TagRepository;
  readonly multiRegion: MultiRegionRepository;
  readonly importParameters: ImportParametersRepository;
  readonly cache: KeyCache;
  readonly now: () => number;

  constructor(options: KmsModelOptions) {
    this.store = options.store;
    this.now = options.now ?? Date.now;
    this.keys = new KeyRepository(options.store, options.barrier);
    this.aliases = new AliasRepository(options.store);
    this.tags = new TagRepository(options.store);
    this.multiRegion = new MultiRegionRepository(options.store);
    this.importParameters = new ImportParametersRepository(options.store, options.barrier);
    this.cache = new KeyCache(
      options.store,
      {
        loadKey: (scope, keyId) => loadKeyWithRegions(this, scope, keyId),
        loadAliasTarget: async (scope, aliasName) => (await this.aliases.get(scope, aliasName))?.targetKeyId,
      },
      options.cache,
    );
  }

  /**
   * The live key a KeyId parameter names (key id, key ARN, and with
   * `aliases`, alias name or ARN), from the cache. Throws NotFoundException.
   */
  async findKey(scope: KeyScope, keyIdParam: string, options: { aliases: boolean }): Promise<LoadedKey> {
    const id = parseKeyIdentifier(keyIdParam, scope, options);
    if (id.kind === 'alias') {
      // An alias goes with its key, even before the sweep removes the rows.
      const target = await this.cache.getAliasTarget(scope, id.aliasName);
      const key = target === undefined ? undefined : await this.findKeyById(scope, target);
      if (!key) throw aliasNotFound(aliasArn(scope, id.aliasName));
      return key;
    }
    const key = await this.findKeyById(scope, id.keyId);
    if (!key) throw keyNotFound(keyArn(scope, id.keyId));
    return key;
  }

  /** The live key with this id, or undefined (also for a key past its deletion date). */
  async findKeyById(scope: KeyScope, keyId: string): Promise<LoadedKey | undefined> {
    const key = await this.cache.getKey(scope, keyId);
    const now = this.now();
    // Imported material past its ValidTo is gone, whether or not the sweep has run.
    return key && !isDeleted(key.record, now) ? keyAsOf(key, now) : undefined;
  }

  /** Inside a transaction: the key row, locked (PostgreSQL) until commit. Key id or key ARN only. */
  async lockKey(scope: KeyScope, keyIdParam: string): Promise<KeyRecord> {
    const id = parseKeyIdentifier(keyIdParam, scope, { aliases: false });
    const keyId = id.kind === 'key' ? id.keyId : '';
    const record = await this.keys.getRecord(scope, keyId, { forUpdate: true });
    if (!record || isDeleted(record, this.now())) throw keyNotFound(keyArn(scope, keyId));
    return recordAsOf(record, this.now());
  }

  /** Refuses changes to AWS managed keys the way their key policy does. */
  denyIfAwsManaged(caller: Caller, record: KeyRecord, action: string): void {
    if (record.keyManager === 'AWS') throw notAuthorized(caller.principalArn, action, record.arn);
  }

  /** Marks a key changed: its cache entry is dropped now and, after commit, everywhere. */
  changed(scope: KeyScope, keyIdOrAliasName: string): void {
    this.cache.invalidateAfterCommit(scope, keyIdOrAliasName);
  }

  // Hooks for the scheduler and other services.

  /**
   * Deletes keys whose deletion date is at or before `now`, then starts the
   * waiting period of multi-Region primaries whose last replica is gone;
   * returns how many keys were deleted. Safe to run concurrently.
   */
  async purgeDueDeletions(now: Date | number = this.now()): Promise<number> {
    const purged = await purgeDueDeletions(this, +now);
    await startPrimaryWaitingPeriods(this, +now);
    return purged;
  }

  /** Adds new material to keys whose automatic rotation is due; returns how many rotated. Safe to run concurrently. */
  rotateDueKeys(now: Date | number = this.now()): Promise<number> {
    return rotateDueKeys(this, +now);
  }

  /** Deletes imported key material whose ValidTo has come (and expired import parameters); returns how many keys. Safe to run concurrently. */
  expireImportedMaterial(now: Date | number = this.now()): Promise<number> {
    return expireImportedMaterial(this, +now);
  }

  /** The AWS managed key of `service` (e.g. "ssm" → alias/aws/ssm), created on first use. Idempotent under concurrency. */
  ensureAwsManagedKey(accountId: string, region: string, service: string): Promise<KeyRecord> {
    return ensureAwsManagedKey(this, { accountId, region }, service);
  }
}
