/**
 * Who signed a request: long-term AKIA… keys of IAM users, and ASIA…
 * temporary credentials issued by STS. Both lookups are served from memory;
 * the identity built from a cached row is itself cached (by row object), so
 * the hot path allocates nothing new per request. For temporary credentials
 * the returned identity carries the session check — token (compared by hash,
 * in constant time) and expiry — which the authenticate step applies with its
 * own clock on every request.
 */
import type { PrincipalSession, Principal } from '../server/context.ts';
import type { CredentialResolver, SigningIdentity } from '../server/steps/authenticate.ts';
import type { AccessKeyIdentity } from './identity-repository.ts';
import { sessionTokenMatches } from './sessions/session-ids.ts';
import type { StsSession } from './sessions/session-repository.ts';

export interface CredentialSources {
  identity: { findAccessKey(accessKeyId: string): Promise<AccessKeyIdentity | undefined> };
  sessions: { find(accessKeyId: string): Promise<StsSession | undefined> };
}

/**
 * Credentials from GetSessionToken cannot call IAM ("You cannot call any IAM
 * API operations unless MFA authentication information is included in the
 * request"); AWS refuses them as an invalid token.
 */
const SESSION_TOKEN_REFUSED_SERVICES: readonly string[] = ['iam'];

export function createCredentialResolver(sources: CredentialSources): CredentialResolver {
  const longTerm = new WeakMap<AccessKeyIdentity, SigningIdentity>();
  const temporary = new WeakMap<StsSession, SigningIdentity>();
  return {
    async resolve(accessKeyId) {
      if (accessKeyId.startsWith('ASIA')) {
        const session = await sources.sessions.find(accessKeyId);
        if (!session) return undefined;
        let identity = temporary.get(session);
        if (!identity) temporary.set(session, (identity = withAccessKeyId(temporaryIdentity(session), accessKeyId)));
        return identity;
      }
      const key = await sources.identity.findAccessKey(accessKeyId);
      if (!key) return undefined;
      let identity = longTerm.get(key);
      if (!identity) longTerm.set(key, (identity = withAccessKeyId(longTermIdentity(key), accessKeyId)));
      return identity;
    },
  };
}

/** The principal carries the key that signed (authenticate then uses it as is). */
function withAccessKeyId(identity: SigningIdentity, accessKeyId: string): SigningIdentity {
  return { ...identity, principal: { ...identity.principal, accessKeyId } };
}

function longTermIdentity(key: AccessKeyIdentity): SigningIdentity {
  const principal: Principal = { kind: 'user', accountId: key.accountId, arn: key.arn, userId: key.userId, userName: key.userName };
  if (key.tags !== undefined) principal.tags = key.tags;
  return { secretAccessKey: key.secretAccessKey, active: key.status === 'Active', principal };
}

function temporaryIdentity(session: StsSession): SigningIdentity {
  const tokenHash = session.tokenHash;
  return {
    secretAccessKey: session.secretAccessKey,
    active: true,
    principal: sessionPrincipal(session),
    session: {
      tokenMatches: (token) => sessionTokenMatches(token, tokenHash),
      expiresAt: session.expiresAt,
      ...(session.principal.type === 'assumed-role' ? {} : { refusedServices: SESSION_TOKEN_REFUSED_SERVICES }),
    },
  };
}

/** The Principal a request signed with the session's credentials acts as. */
export function sessionPrincipal(session: StsSession): Principal {
  const p = session.principal;
  const details: PrincipalSession = { expiresAt: session.expiresAt };
  if (session.sessionPolicy !== undefined) details.policy = session.sessionPolicy;
  if (session.policyArns.length > 0) details.policyArns = session.policyArns;
  const principal: Principal = { kind: p.type, accountId: session.accountId, arn: p.arn, userId: p.id, session: details };
  if (p.userName !== undefined) principal.userName = p.userName;
  if (p.type === 'assumed-role') {
    principal.roleArn = p.roleArn;
    principal.roleId = p.roleId;
    principal.roleSessionName = p.roleSessionName;
    if (Object.keys(session.tags).length > 0) principal.tags = session.tags;
  }
  return principal;
}
