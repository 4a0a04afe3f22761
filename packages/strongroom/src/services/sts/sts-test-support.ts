/**
 * Fakes for the STS unit tests: roles in memory, a session store that
 * records what it is asked to issue, and request contexts for any caller.
 * Used by *.test.ts only.
 */
import { pino } from 'pino';
import type { IamRole } from '../../identity/role-repository.ts';
import type { IssuedCredentials, NewSession, StsSession } from '../../identity/sessions/session-repository.ts';
import type { Principal, RequestContext } from '../../server/context.ts';
import type { StsDeps } from './sts-deps.ts';

export const ACCT = '111122223333';
export const OTHER = '444455556666';
export const NOW = Date.UTC(2026, 2, 1, 9);

export function role(name: string, trust: object, overrides: Partial<IamRole> = {}): IamRole {
  const accountId = overrides.accountId ?? ACCT;
  const path = overrides.path ?? '/';
  return {
    accountId,
    roleName: name,
    roleId: `AROA${name.toUpperCase().replace(/[^A-Z]/g, 'X').padEnd(17, 'Q').slice(0, 17)}`,
    path,
    arn: `arn:aws:iam::${accountId}:role${path}${name}`,
    assumeRolePolicyDocument: JSON.stringify(trust),
    maxSessionDuration: 3600,
    createdAt: NOW,
    tags: [],
    ...overrides,
  };
}

export function trust(principal: object, extra: object = {}, action: string | string[] = 'sts:AssumeRole'): object {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: action, ...extra }] };
}

export const user = (name: string, accountId = ACCT): Principal => ({
  kind: 'user',
  accountId,
  arn: `arn:aws:iam::${accountId}:user/${name}`,
  userId: `AIDA${name.toUpperCase().padEnd(17, 'Q').slice(0, 17)}`,
  userName: name,
  accessKeyId: 'AKIAAAAAAAAAAAAAAAAA',
});

export const root = (accountId = ACCT): Principal => ({ kind: 'root', accountId, arn: `arn:aws:iam::${accountId}:root`, userId: accountId });

export function roleSessionPrincipal(r: IamRole, sessionName: string, accessKeyId: string): Principal {
  return {
    kind: 'assumed-role',
    accountId: r.accountId,
    arn: `arn:aws:sts::${r.accountId}:assumed-role/${r.roleName}/${sessionName}`,
    userId: `${r.roleId}:${sessionName}`,
    roleArn: r.arn,
    roleId: r.roleId,
    roleSessionName: sessionName,
    accessKeyId,
    session: { expiresAt: NOW + 3600_000 },
  };
}

export function context(principal: Principal, operation = 'AssumeRole'): RequestContext {
  return {
    requestId: 'req-1',
    service: 'sts',
    operation,
    region: 'us-east-1',
    principal,
    sourceIp: '127.0.0.1',
    secureTransport: false,
    receivedAt: new Date(NOW),
    log: pino({ level: 'silent' }),
  };
}

export class FakeSessions {
  readonly created: NewSession[] = [];
  readonly stored = new Map<string, StsSession>();
  #n = 0;

  async create(input: NewSession): Promise<IssuedCredentials> {
    this.created.push(input);
    const n = String(++this.#n).padStart(2, '0');
    return { accessKeyId: `ASIAFAKEFAKEFAKEFA${n}`, secretAccessKey: 's'.repeat(40), sessionToken: `token-${n}`, expiresAt: (input.now ?? NOW) + input.durationSeconds * 1000 + 123 };
  }

  async find(accessKeyId: string): Promise<StsSession | undefined> {
    return this.stored.get(accessKeyId);
  }

  async accountOf(accessKeyId: string): Promise<string | undefined> {
    return this.stored.get(accessKeyId)?.accountId;
  }

  async purgeExpired(): Promise<number> {
    return 0;
  }
}

export function fakeDeps(roles: IamRole[], overrides: Partial<StsDeps> = {}): StsDeps & { sessions: FakeSessions } {
  const byArn = new Map(roles.map((r) => [r.arn, r]));
  return {
    sessions: new FakeSessions(),
    roles: { getRoleByArn: async (arn) => byArn.get(arn) },
    accessKeys: { findAccessKey: async (id) => (id === 'AKIAKNOWNKNOWNKNOWN1' ? { accountId: '999988887777' } : undefined) },
    ...overrides,
  } as StsDeps & { sessions: FakeSessions };
}
