/**
 * The entities policies belong to (users, groups, roles), found by name
 * regardless of case and locked for the rest of the transaction, so a policy
 * is never written for an entity being deleted concurrently.
 */
import { AwsError } from '../errors/aws-error.ts';
import type { Store } from '../storage/store.ts';
import type { IamOwnerType } from '../storage/types.ts';

export interface PolicyOwner {
  type: IamOwnerType;
  /** The name as the entity was created (the canonical case). */
  name: string;
}

const TABLES = {
  user: { table: 'iam_users', column: 'user_name', label: 'user' },
  group: { table: 'iam_groups', column: 'group_name', label: 'group' },
  role: { table: 'iam_roles', column: 'role_name', label: 'role' },
} as const;

export function noSuchOwner(type: IamOwnerType, name: string): AwsError {
  return new AwsError('NoSuchEntity', `The ${TABLES[type].label} with name ${name} cannot be found.`, 404);
}

/** NoSuchEntity (with IAM's wording for the entity type) when it does not exist. Outside a transaction it merely finds the entity. */
export async function lockOwner(store: Store, accountId: string, type: IamOwnerType, name: string): Promise<PolicyOwner> {
  const { table, column } = TABLES[type];
  const row = await store
    .forUpdate(
      store
        .current()
        .selectFrom(table)
        .select(`${column} as name` as 'user_name')
        .where('account_id', '=', accountId)
        .where((eb) => eb(eb.fn('lower', [column as 'user_name']), '=', name.toLowerCase())),
    )
    .executeTakeFirst();
  if (!row) throw noSuchOwner(type, name);
  return { type, name: (row as unknown as { name: string }).name };
}
