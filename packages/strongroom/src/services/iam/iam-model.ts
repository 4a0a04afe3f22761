/**
 * Everything the IAM operations share: the store and the repositories of
 * src/identity. Created once by the composition root.
 */
import { GroupRepository } from '../../identity/group-repository.ts';
import type { IdentityRepository } from '../../identity/identity-repository.ts';
import { InlinePolicyRepository } from '../../identity/inline-policy-repository.ts';
import { ManagedPolicyRepository } from '../../identity/managed-policy-repository.ts';
import { RoleRepository } from '../../identity/role-repository.ts';
import { UserRepository } from '../../identity/user-repository.ts';
import type { Store } from '../../storage/store.ts';

export interface IamModelOptions {
  store: Store;
  /** The server's repository, so access-key changes invalidate the cache authentication reads. */
  identity: IdentityRepository;
}

export class IamModel {
  readonly store: Store;
  readonly identity: IdentityRepository;
  readonly users: UserRepository;
  readonly groups: GroupRepository;
  readonly roles: RoleRepository;
  readonly inline: InlinePolicyRepository;
  readonly managed: ManagedPolicyRepository;

  constructor({ store, identity }: IamModelOptions) {
    this.store = store;
    this.identity = identity;
    this.users = new UserRepository(store, identity);
    this.groups = new GroupRepository(store);
    this.roles = new RoleRepository(store);
    this.inline = new InlinePolicyRepository(store);
    this.managed = new ManagedPolicyRepository(store);
  }
}
