/**
 * Grants for authorization and for the grant operations: the repository, a
 * per-key cache of every grant on the key (so that a request authorized by a
 * grant does not touch the database while nothing changed), invalidated
 * through the store's change feed in every process, and the AlternativeAllow
 * the KMS authorization declarations attach to their checks.
 */
import type { AlternativeAllow, AlternativeMatch } from '../../../authz/types.ts';
import type { RequestPrincipal } from '../../../iam/policy/index.ts';
import type { GrantOperation } from '../../../protocol/spec/generated/kms.types.ts';
import { invalidateOnChange } from '../../../storage/index.ts';
import { LoadingCache, type LoadingCacheOptions } from '../../../storage/loading-cache.ts';
import type { Store } from '../../../storage/store.ts';
import { keyCacheId, parseKeyCacheId } from '../model/key-cache.ts';
import type { KeyScope } from '../model/types.ts';
import { GrantRepository } from './grant-repository.ts';
import { grantAllows, retireLevel, type RequestedGrant } from './matching.ts';
import type { GrantRecord } from './types.ts';

/** Change-feed topic; ids are key cache ids ("<account>/<region>/<key id>"). */
export const GRANT_CACHE_TOPIC = 'kms.grant';

type Context = Readonly<Record<string, string>> | undefined;

export class KmsGrants {
  readonly store: Store;
  readonly repository: GrantRepository;
  readonly #cache: LoadingCache<string, readonly GrantRecord[]>;

  constructor(store: Store, options: LoadingCacheOptions = {}) {
    this.store = store;
    this.repository = new GrantRepository(store);
    this.#cache = new LoadingCache((id) => {
      const { scope, name } = parseKeyCacheId(id);
      return this.repository.listForKey(scope, name);
    }, options);
    invalidateOnChange(store.changes, GRANT_CACHE_TOPIC, this.#cache);
  }

  /** Every grant on the key: from memory outside transactions, through the transaction inside one. */
  async forKey(scope: KeyScope, keyId: string): Promise<readonly GrantRecord[]> {
    if (this.store.current() !== this.store.db) return this.repository.listForKey(scope, keyId);
    return (await this.#cache.get(keyCacheId(scope, keyId))) ?? [];
  }

  /** Marks the key's grants changed: dropped here now and, once the transaction commits, everywhere. */
  changed(scope: KeyScope, keyId: string): void {
    const id = keyCacheId(scope, keyId);
    this.#cache.invalidate(id);
    this.store.changes.publish(GRANT_CACHE_TOPIC, id);
  }

  /** An allow from the key's grants for `operation`, consulted when the policies do not allow. */
  alternative(scope: KeyScope, keyId: string, operation: GrantOperation, context: Context, requested?: RequestedGrant): AlternativeAllow {
    return new GrantAlternative(this, scope, keyId, operation, context, requested);
  }

  /** RetireGrant's alternative: the grant's retiring principal, its grantee (with RetireGrant), its account's root. */
  retireAlternative(grant: GrantRecord): AlternativeAllow {
    return {
      allows(principal) {
        const level = retireLevel(grant, principal);
        return level && { by: `grant:${grant.grantId}`, level };
      },
    };
  }
}

class GrantAlternative implements AlternativeAllow {
  readonly grants: KmsGrants;
  readonly scope: KeyScope;
  readonly keyId: string;
  readonly operation: GrantOperation;
  readonly context: Context;
  readonly requested: RequestedGrant | undefined;

  constructor(grants: KmsGrants, scope: KeyScope, keyId: string, operation: GrantOperation, context: Context, requested: RequestedGrant | undefined) {
    this.grants = grants;
    this.scope = scope;
    this.keyId = keyId;
    this.operation = operation;
    this.context = context;
    this.requested = requested;
  }

  async allows(principal: RequestPrincipal): Promise<AlternativeMatch | undefined> {
    const all = await this.grants.forKey(this.scope, this.keyId);
    let accountLevel: GrantRecord | undefined;
    for (const grant of all) {
      const level = grantAllows(grant, principal, this.operation, this.context, this.requested);
      if (level === 'direct') return { by: `grant:${grant.grantId}`, level };
      if (level === 'account') accountLevel ??= grant;
    }
    return accountLevel && { by: `grant:${accountLevel.grantId}`, level: 'account' };
  }
}
