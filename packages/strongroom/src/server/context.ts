/**
 * What a handler knows about the request it serves: who is calling, for which
 * account and region, and the request id. No HTTP in here.
 */
import type { Logger } from 'pino';

export type PrincipalKind = 'root' | 'user' | 'assumed-role' | 'internal';

export interface Principal {
  kind: PrincipalKind;
  accountId: string;
  /** The ARN GetCallerIdentity returns, e.g. arn:aws:iam::000000000000:user/admin */
  arn: string;
  /** The UserId GetCallerIdentity returns (AIDA... for users, the account id for root). */
  userId: string;
  /** The access key that signed the request, when there was one. */
  accessKeyId?: string;
  /** IAM users: the user's name. */
  userName?: string;
  /** Assumed-role sessions: the role (arn:aws:iam::<account>:role/<path><name>), its id and the session name. */
  roleArn?: string;
  roleId?: string;
  roleSessionName?: string;
  /** Principal tags (a user's tags, or a session's tags), for aws:PrincipalTag/<key>. */
  tags?: Readonly<Record<string, string>>;
  /** Temporary credentials: the session this request was signed with (STS GetSessionToken / AssumeRole). */
  session?: PrincipalSession;
}

export interface PrincipalSession {
  /** Epoch milliseconds when the temporary credentials expire. */
  expiresAt: number;
  /** Inline session policy (JSON) and managed session policy ARNs passed to AssumeRole; they limit the session. */
  policy?: string;
  policyArns?: readonly string[];
}

export interface RequestContext {
  requestId: string;
  /** Service signing name, e.g. "kms", "sts". */
  service: string;
  operation: string;
  region: string;
  principal: Principal;
  sourceIp: string;
  secureTransport: boolean;
  receivedAt: Date;
  log: Logger;
}
