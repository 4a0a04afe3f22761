/**
 * Change-feed topics IAM publishes on (inside the writing transaction, so
 * every process sees the change once it commits).
 *
 * Invalidation is deliberately coarse: any change to a user's, group's or
 * role's policies, attachments, memberships, boundaries, tags or trust
 * policy publishes the account id on IAM_CHANGES_TOPIC, and subscribers drop
 * everything they cached for that account. IAM writes are rare next to the
 * reads on every request, so precision buys nothing worth its complexity.
 */
import type { Store } from '../storage/store.ts';

/** id: the account id whose IAM entities changed. */
export const IAM_CHANGES_TOPIC = 'iam.entities';

/** id: an access key id whose key or user changed (status, deletion). */
export const ACCESS_KEY_TOPIC = 'iam.access-keys';

export function publishIamChange(store: Store, accountId: string): void {
  store.changes.publish(IAM_CHANGES_TOPIC, accountId);
}
