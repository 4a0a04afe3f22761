/**
 * The caller as the policy engine sees it, from the authenticated principal.
 * Users get aws:username from their name (or the last segment of their ARN),
 * role sessions their role ARN and id, and everyone their principal tags.
 */
import type { RequestPrincipal } from '../iam/policy/index.ts';
import type { Principal } from '../server/context.ts';

export function toRequestPrincipal(principal: Principal): RequestPrincipal {
  switch (principal.kind) {
    case 'root':
      return { type: 'root', arn: principal.arn, accountId: principal.accountId, userId: principal.userId };
    case 'user':
      return {
        type: 'user',
        arn: principal.arn,
        accountId: principal.accountId,
        userId: principal.userId,
        userName: principal.userName ?? principal.arn.slice(principal.arn.lastIndexOf('/') + 1),
        tags: principal.tags,
      };
    case 'assumed-role':
      return {
        type: 'assumed-role',
        arn: principal.arn,
        accountId: principal.accountId,
        userId: principal.userId,
        roleArn: principal.roleArn,
        roleId: principal.roleId,
        tags: principal.tags,
      };
    case 'internal':
      // Strongroom itself; the authorize step never evaluates it (see authorizer.ts).
      return { type: 'service', arn: principal.arn, accountId: principal.accountId, service: principal.arn };
  }
}
