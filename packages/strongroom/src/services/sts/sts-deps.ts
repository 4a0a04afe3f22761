/** What the STS operations need from the rest of Strongroom. */
import type { AccessKeyIdentity } from '../../identity/identity-repository.ts';
import type { IamRole } from '../../identity/role-repository.ts';
import type { SessionRepository } from '../../identity/sessions/session-repository.ts';

export interface StsDeps {
  /** purgeExpired is for the scheduler (main.ts), not the operations. */
  sessions: Pick<SessionRepository, 'create' | 'find' | 'accountOf' | 'purgeExpired'>;
  roles: { getRoleByArn(arn: string): Promise<IamRole | undefined> };
  /** Long-term access keys, for GetAccessKeyInfo. */
  accessKeys: { findAccessKey(accessKeyId: string): Promise<Pick<AccessKeyIdentity, 'accountId'> | undefined> };
  /**
   * --auth off: every caller is the account's root user, which AWS never lets
   * assume a role; AssumeRole then skips the caller and trust policy checks.
   */
  authenticationOff?: boolean;
}
