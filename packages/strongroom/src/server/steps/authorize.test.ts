/**
 * The authorize step on hand-built exchanges: declarations are consulted with
 * the handler's context, undeclared operations are refused to all but root,
 * denials are worded per protocol, the global keys reach the conditions, and
 * every decision is kept for the access log.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { Authorizer } from '../../authz/authorizer.ts';
import { noAuthorization, type AuthzContext, type ServiceAuthz } from '../../authz/types.ts';
import { AwsError } from '../../errors/aws-error.ts';
import type { IdentityPolicies, IdentityPolicySource } from '../../iam/identity-policy-source.ts';
import { compilePolicy } from '../../iam/policy/index.ts';
import type { OperationSpec, ServiceSpec } from '../../protocol/spec/spec-types.ts';
import type { ProtocolCodec, ServiceDefinition } from '../../protocol/types.ts';
import type { Principal } from '../context.ts';
import type { Exchange } from '../exchange.ts';
import { authorize } from './authorize.ts';

const ACCT = '111122223333';
const alice: Principal = { kind: 'user', accountId: ACCT, arn: `arn:aws:iam::${ACCT}:user/alice`, userId: 'AIDAALICE', userName: 'alice' };
const root: Principal = { kind: 'root', accountId: ACCT, arn: `arn:aws:iam::${ACCT}:root`, userId: ACCT };
const log = pino({ level: 'silent' });

function identityPolicies(...statements: object[]): IdentityPolicySource & { calls: number } {
  const policies: IdentityPolicies = {
    identity: statements.length === 0 ? [] : [{ name: 'inline', policy: compilePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), { kind: 'identity' }) }],
  };
  return {
    calls: 0,
    async policiesFor() {
      this.calls++;
      return policies;
    },
  };
}

function service(protocol: 'json' | 'query', authz: ServiceAuthz | undefined, operations = ['Act', 'Other']): ServiceDefinition {
  const spec = { signingName: protocol === 'json' ? 'kms' : 'sts', protocol, operations: {} } as unknown as ServiceSpec;
  const handlers = Object.fromEntries(operations.map((op) => [op, () => ({})]));
  return { spec, handlers, authz };
}

function exchange(def: ServiceDefinition, operation: string, principal: Principal, extra: Partial<Exchange> = {}): Exchange {
  return {
    requestId: 'req-1',
    receivedAt: new Date('2025-06-01T12:00:00Z'),
    sourceIp: '192.0.2.10',
    secureTransport: false,
    region: 'eu-west-1',
    principal,
    route: { service: def, codec: {} as ProtocolCodec, operation: { name: operation } as OperationSpec },
    input: { Thing: 'x' },
    ...extra,
  } as Exchange;
}

async function run(def: ServiceDefinition, operation: string, principal: Principal, source: IdentityPolicySource, extra: Partial<Exchange> = {}): Promise<Exchange> {
  const ex = exchange(def, operation, principal, extra);
  await authorize(new Authorizer(source), log).run(ex);
  return ex;
}

function deniedWith(code: string, status: number, message: string) {
  return (error: unknown) => {
    assert.ok(error instanceof AwsError);
    assert.equal(error.code, code);
    assert.equal(error.httpStatus, status);
    assert.equal(error.message, message);
    return true;
  };
}

describe('authorize step', () => {
  it('evaluates the declaration with the handler context and keeps the decision; dispatch reuses the context', async () => {
    let seen: AuthzContext | undefined;
    const def = service('json', {
      Act: (ctx, input: { Thing: string }) => {
        seen = ctx;
        return { action: 'kms:Act', resource: `arn:aws:kms:eu-west-1:${ACCT}:key/${input.Thing}` };
      },
    });
    const ex = await run(def, 'Act', alice, identityPolicies({ Effect: 'Allow', Action: 'kms:Act', Resource: '*' }));
    assert.equal(seen?.principal, alice);
    assert.equal(seen?.operation, 'Act');
    assert.equal(seen?.region, 'eu-west-1');
    assert.equal(ex.ctx, seen);
    assert.deepEqual(ex.authz, [
      { action: 'kms:Act', resource: `arn:aws:kms:eu-west-1:${ACCT}:key/x`, decision: 'Allow', reason: 'identity-policy-allows', statement: { policy: 'inline', policyType: 'identity-based', index: 0 } },
    ]);
  });

  it('denies with AccessDeniedException (400) for awsJson and AccessDenied (403) for awsQuery, in AWS words', async () => {
    const decl: ServiceAuthz = { Act: () => ({ action: 'svc:Act', resource: '*' }) };
    const message = `User: ${alice.arn} is not authorized to perform: svc:Act on resource: * because no identity-based policy allows the svc:Act action`;
    await assert.rejects(run(service('json', decl), 'Act', alice, identityPolicies()), deniedWith('AccessDeniedException', 400, message));
    await assert.rejects(run(service('query', decl), 'Act', alice, identityPolicies()), deniedWith('AccessDenied', 403, message));
  });

  it('refuses an implemented operation without a declaration to IAM users, not to the root user', async () => {
    const def = service('json', { Act: () => noAuthorization('test') });
    const ex = exchange(def, 'Other', alice);
    await assert.rejects(
      Promise.resolve(authorize(new Authorizer(identityPolicies({ Effect: 'Allow', Action: '*', Resource: '*' })), log).run(ex)),
      deniedWith('AccessDeniedException', 400, `User: ${alice.arn} is not authorized to perform: kms:Other on resource: * because no identity-based policy allows the kms:Other action`),
    );
    assert.equal(ex.authz?.[0]?.reason, 'undeclared-operation');
    const asRoot = await run(def, 'Other', root, identityPolicies());
    assert.deepEqual(asRoot.authz, [{ action: 'kms:Other', resource: '*', decision: 'Allow', reason: 'root-user' }]);
  });

  it('records operations that need no permission without fetching identity policies', async () => {
    const source = identityPolicies();
    const ex = await run(service('query', { Act: () => noAuthorization('needs no permission') }), 'Act', alice, source);
    assert.deepEqual(ex.authz, [{ action: 'sts:Act', resource: '*', decision: 'NotRequired', reason: 'needs no permission' }]);
    assert.equal(source.calls, 0);
  });

  it('leaves operations without a handler to dispatch (NotImplemented), and does not evaluate internal callers', async () => {
    const def = service('json', {}, []);
    const ex = await run(def, 'Act', alice, identityPolicies());
    assert.equal(ex.authz, undefined);
    const internal: Principal = { kind: 'internal', accountId: ACCT, arn: 'strongroom', userId: 'strongroom' };
    const viaInternal = await run(service('json', { Act: () => ({ action: 'kms:Act', resource: '*' }) }), 'Act', internal, identityPolicies());
    assert.equal(viaInternal.authz?.[0]?.decision, 'NotRequired');
  });

  it('passes the global keys: aws:SourceIp, aws:SecureTransport, aws:RequestedRegion, aws:CurrentTime, aws:ViaAWSService', async () => {
    const def = service('json', { Act: () => ({ action: 'kms:Act', resource: '*', context: { 'kms:Thing': 'x' } }) });
    const allowIf = (condition: object) => identityPolicies({ Effect: 'Allow', Action: 'kms:Act', Resource: '*', Condition: condition });
    await run(def, 'Act', alice, allowIf({ IpAddress: { 'aws:SourceIp': '192.0.2.0/24' }, StringEquals: { 'kms:Thing': 'x' } }));
    await assert.rejects(run(def, 'Act', alice, allowIf({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } })), AwsError);
    await run(def, 'Act', alice, allowIf({ Bool: { 'aws:SecureTransport': 'false' } }));
    await run(def, 'Act', alice, allowIf({ StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } }));
    await run(def, 'Act', alice, allowIf({ DateLessThan: { 'aws:CurrentTime': '2025-06-01T12:00:01Z' } }));
    await assert.rejects(run(def, 'Act', alice, allowIf({ DateGreaterThan: { 'aws:CurrentTime': '2025-06-01T12:00:01Z' } })), AwsError);
    await assert.rejects(run(def, 'Act', alice, allowIf({ Bool: { 'aws:ViaAWSService': 'true' } })), AwsError);
    await run(def, 'Act', alice, allowIf({ Bool: { 'aws:ViaAWSService': 'true' } }), { viaService: 'ssm.eu-west-1.amazonaws.com' });
  });

  it('evaluates every check of a multi-check declaration and stops at the first denial', async () => {
    const def = service('json', {
      Act: () => [
        { action: 'kms:First', resource: '*' },
        { action: 'kms:Second', resource: '*' },
        { action: 'kms:Third', resource: '*' },
      ],
    });
    const source = identityPolicies({ Effect: 'Allow', Action: 'kms:First', Resource: '*' }, { Effect: 'Deny', Action: 'kms:Second', Resource: '*' });
    const ex = exchange(def, 'Act', alice);
    await assert.rejects(Promise.resolve(authorize(new Authorizer(source), log).run(ex)), /with an explicit deny in an identity-based policy/);
    assert.deepEqual(ex.authz?.map((d) => [d.action, d.decision]), [
      ['kms:First', 'Allow'],
      ['kms:Second', 'ExplicitDeny'],
    ]);
    assert.equal(source.calls, 1, 'identity policies are fetched once per request');
  });
});
