/**
 * Shared fixtures for the evaluation tables: principals, ARNs, and a runner
 * that turns case rows into node:test tests. Used by *.test.ts only.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePolicy } from './compile.ts';
import { evaluate, type PolicySet } from './evaluate.ts';
import type { ContextKeys, Decision, DecisionReason, PolicyKind, PolicyType, RequestPrincipal } from './types.ts';

export const ACCT = '111122223333';
export const OTHER = '444455556666';
export const KEY = `arn:aws:kms:us-east-1:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const KEY2 = `arn:aws:kms:us-east-1:${ACCT}:key/0987dcba-09fe-87dc-65ba-ab0987654321`;
export const SECRET = `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:prod/db-AbCdEf`;
export const ROOT = `arn:aws:iam::${ACCT}:root`;
export const OTHER_ROOT = `arn:aws:iam::${OTHER}:root`;
export const ROLE = `arn:aws:iam::${ACCT}:role/service/app-role`;
export const SESSION = `arn:aws:sts::${ACCT}:assumed-role/app-role/sess1`;

export const alice: RequestPrincipal = {
  type: 'user',
  arn: `arn:aws:iam::${ACCT}:user/alice`,
  accountId: ACCT,
  userId: 'AIDAEXAMPLEALICE00001',
  userName: 'alice',
  tags: { Team: 'blue', CostCenter: '42' },
};
export const carol: RequestPrincipal = {
  type: 'user',
  arn: `arn:aws:iam::${ACCT}:user/carol`,
  accountId: ACCT,
  userId: 'AIDAEXAMPLECAROL00001',
  userName: 'carol',
};
export const session: RequestPrincipal = {
  type: 'assumed-role',
  arn: SESSION,
  accountId: ACCT,
  userId: 'AROAEXAMPLEROLEID0001:sess1',
  roleArn: ROLE,
  roleId: 'AROAEXAMPLEROLEID0001',
  tags: { Project: 'falcon' },
};
export const root: RequestPrincipal = { type: 'root', arn: ROOT, accountId: ACCT, userId: ACCT };
export const federated: RequestPrincipal = {
  type: 'federated-user',
  arn: `arn:aws:sts::${ACCT}:federated-user/fed`,
  accountId: ACCT,
  userId: `${ACCT}:fed`,
  federatingUserArn: alice.arn,
};
export const bob: RequestPrincipal = {
  type: 'user',
  arn: `arn:aws:iam::${OTHER}:user/bob`,
  accountId: OTHER,
  userId: 'AIDAEXAMPLEBOB0000001',
  userName: 'bob',
};
export const otherSession: RequestPrincipal = {
  type: 'assumed-role',
  arn: `arn:aws:sts::${OTHER}:assumed-role/reader/s`,
  accountId: OTHER,
  userId: 'AROAEXAMPLEREADER0001:s',
  roleArn: `arn:aws:iam::${OTHER}:role/reader`,
};
export const otherRoot: RequestPrincipal = { type: 'root', arn: OTHER_ROOT, accountId: OTHER, userId: OTHER };
export const kmsService: RequestPrincipal = { type: 'service', arn: 'kms.amazonaws.com', accountId: '', service: 'kms.amazonaws.com' };
export const anonymous: RequestPrincipal = { type: 'anonymous', arn: '*', accountId: '' };

type Doc = Record<string, unknown>;

/** A 2012-10-17 policy of the given statements. */
export function doc(...statements: Doc[]): Doc {
  return { Version: '2012-10-17', Statement: statements };
}

export const allow = (action: string | string[], resource: string | string[] = '*', extra: Doc = {}): Doc => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...extra,
});
export const denyStmt = (action: string | string[], resource: string | string[] = '*', extra: Doc = {}): Doc => ({
  Effect: 'Deny',
  Action: action,
  Resource: resource,
  ...extra,
});

export interface Case {
  /** The AWS rule this case checks, quoted briefly from the IAM/KMS documentation. */
  readonly rule: string;
  readonly name: string;
  readonly identity?: readonly Doc[];
  readonly boundary?: Doc;
  readonly session?: readonly Doc[];
  readonly resource?: Doc;
  readonly resourceKind?: PolicyKind;
  /** KMS key policy / trust policy mode. */
  readonly mustEnableIam?: boolean;
  readonly principal?: RequestPrincipal;
  readonly action?: string;
  readonly target?: string;
  readonly resourceAccount?: string;
  readonly context?: ContextKeys;
  readonly time?: number | Date;
  readonly expect: Decision;
  readonly reason?: DecisionReason;
  readonly deniedBy?: PolicyType;
  readonly sid?: string;
}

export function policySetFor(c: Case): PolicySet {
  // KMS accepts key policy statements without Action or Resource (they never apply).
  const lenient = c.mustEnableIam === true && (c.resourceKind ?? 'resource') === 'resource';
  const named = (kind: PolicyKind, prefix: string) => (d: Doc, i: number) => ({
    name: `${prefix}${i}`,
    policy: compilePolicy(JSON.stringify(d), { kind, allowIneffectiveStatements: kind === 'resource' && lenient }),
  });
  return {
    ...(c.identity ? { identity: c.identity.map(named('identity', 'identity-')) } : {}),
    ...(c.boundary ? { permissionsBoundary: named('identity', 'boundary-')(c.boundary, 0) } : {}),
    ...(c.session ? { session: c.session.map(named('identity', 'session-')) } : {}),
    ...(c.resource
      ? { resource: { ...named(c.resourceKind ?? 'resource', 'resource-')(c.resource, 0), resourcePolicyMustEnableIam: c.mustEnableIam === true } }
      : {}),
  };
}

export function runCases(group: string, cases: readonly Case[]): void {
  for (const [i, c] of cases.entries()) {
    test(`${group} #${i + 1}: ${c.name} — ${c.rule}`, () => {
      const request = {
        principal: c.principal ?? alice,
        action: c.action ?? 'kms:Encrypt',
        resource: c.target ?? KEY,
        ...(c.resourceAccount ? { resourceAccount: c.resourceAccount } : {}),
        ...(c.context ? { context: c.context } : {}),
        ...(c.time !== undefined ? { time: c.time } : {}),
      };
      const result = evaluate(request, policySetFor(c));
      assert.equal(result.decision, c.expect, `decision (reason ${result.reason})`);
      if (c.reason) assert.equal(result.reason, c.reason);
      if (c.deniedBy) assert.equal(result.deniedBy, c.deniedBy);
      if (c.sid) assert.equal(result.matchedStatement?.sid, c.sid);
    });
  }
}
