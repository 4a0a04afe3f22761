/**
 * Verifies the request's SigV4 signature against the signing key's secret and
 * establishes the calling principal and the region. Time and scope are checked
 * before the key is looked up, so an expired or mis-scoped request gets AWS's
 * answer whether or not the key exists. With auth off, any well-formed
 * signature is accepted as the account's root (unsafe; emulator use only).
 */
import { prevalidateSigV4, SigV4Error, toAwsError, verifySigV4 } from '../../protocol/sigv4/index.ts';
import type { Principal } from '../context.ts';
import { protocolOf, sigV4Request } from './parse-signature.ts';
import type { Step } from './step.ts';

export interface SigningIdentity {
  secretAccessKey: string;
  active: boolean;
  principal: Principal;
  /** Temporary credentials (ASIA…): the request must carry their session token and be made before they expire. */
  session?: SessionCheck;
}

export interface SessionCheck {
  /** Whether an X-Amz-Security-Token is this session's (compared in constant time). */
  tokenMatches(token: string): boolean;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Signing names of services these credentials may not call (refused as an invalid token). */
  refusedServices?: readonly string[];
}

/** Finds who owns an access key; must be served from memory on the hot path. */
export interface CredentialResolver {
  resolve(accessKeyId: string): Promise<SigningIdentity | undefined> | SigningIdentity | undefined;
}

export type Authentication = { mode: 'sigv4'; credentials: CredentialResolver } | { mode: 'off'; root: Principal };

export function authenticate(auth: Authentication, now: () => Date = () => new Date()): Step {
  return {
    name: 'authenticate',
    async run(ex) {
      const sigV4 = ex.sigV4!;
      ex.region = sigV4.region;
      if (auth.mode === 'off') {
        ex.principal = auth.root;
        return;
      }
      try {
        const at = now();
        const options = { expectedService: ex.route!.service.spec.signingName };
        prevalidateSigV4(sigV4, at, options);
        const identity = await auth.credentials.resolve(sigV4.accessKeyId);
        if (!identity) throw new SigV4Error('unknown-access-key');
        if (!identity.active) throw new SigV4Error('inactive-access-key');
        checkSession(identity.session, sigV4.sessionToken, at, options.expectedService);
        verifySigV4(sigV4, sigV4Request(ex), identity.secretAccessKey, at, options);
        // Resolvers that cache identities put the access key id in the principal already: no copy per request.
        const principal = identity.principal;
        ex.principal = principal.accessKeyId === sigV4.accessKeyId ? principal : { ...principal, accessKeyId: sigV4.accessKeyId };
      } catch (error) {
        throw error instanceof SigV4Error ? toAwsError(error, protocolOf(ex)) : error;
      }
    },
  };
}

/** Long-term keys take no session token; temporary ones need theirs, unexpired. */
function checkSession(session: SessionCheck | undefined, token: string | undefined, at: Date, service: string): void {
  if (!session) {
    if (token !== undefined) throw new SigV4Error('invalid-session-token');
    return;
  }
  if (token === undefined || !session.tokenMatches(token)) throw new SigV4Error('invalid-session-token');
  if (at.getTime() >= session.expiresAt) throw new SigV4Error('expired-session-token');
  if (session.refusedServices?.includes(service)) throw new SigV4Error('invalid-session-token');
}
