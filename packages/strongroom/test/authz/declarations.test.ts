/**
 * Every operation a service implements declares its authorization: an
 * operation without a declaration is denied to everyone but the root user,
 * so a missing one would show up as AccessDenied for every IAM user. And
 * every declaration names an operation of the service's model.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AesGcmBarrier } from '../../src/crypto/barrier/barrier.ts';
import { randomBytes } from '../../src/crypto/primitives.ts';
import { IdentityRepository, RoleRepository } from '../../src/identity/index.ts';
import { SessionRepository } from '../../src/identity/sessions/index.ts';
import { allServices } from '../../src/main.ts';
import type { ServiceDefinition } from '../../src/protocol/types.ts';
import { pino } from 'pino';
import { InternalClient } from '../../src/server/internal-client.ts';
import { IamModel } from '../../src/services/iam/iam-model.ts';
import { KmsModel } from '../../src/services/kms/index.ts';
import { createSsmModel } from '../../src/services/ssm/index.ts';
import { SecretsModel } from '../../src/services/secretsmanager/index.ts';
import { FunctionRuntime, LambdaModel } from '../../src/services/lambda/index.ts';
import { openTestStore, testStoreEngines } from '../../src/testing/test-stores.ts';

describe('authorization declarations', () => {
  let services: ServiceDefinition[];
  let close: () => Promise<void>;

  before(async () => {
    const opened = await openTestStore(testStoreEngines()[0]);
    close = opened.close;
    const { store } = opened;
    const barrier = AesGcmBarrier.fromRootKey(randomBytes(32));
    const identity = new IdentityRepository(store, barrier);
    const internal = new InternalClient([], pino({ level: 'silent' }));
    const kms = new KmsModel({ store, barrier });
    services = allServices({
      internal,
      kms,
      sts: { sessions: new SessionRepository(store, barrier), roles: new RoleRepository(store), accessKeys: identity },
      iam: new IamModel({ store, identity }),
      ssm: createSsmModel({ store, barrier, internal, ensureManagedKey: (account, region) => kms.ensureAwsManagedKey(account, region, 'ssm') }),
      secrets: new SecretsModel({ store, barrier, internal, managedKeyArn: async (account, region) => (await kms.ensureAwsManagedKey(account, region, 'secretsmanager')).arn }),
      lambda: new LambdaModel({
        store,
        barrier,
        roles: new RoleRepository(store),
        runtime: new FunctionRuntime({ endpointUrl: () => '', credentials: () => Promise.reject(new Error('not used')), log: pino({ level: 'silent' }) }),
      }),
    });
  });
  after(() => close?.());

  it('covers every implemented operation of every service', () => {
    const missing: string[] = [];
    for (const service of services) {
      for (const operation of Object.keys(service.handlers)) {
        if (typeof service.authz?.[operation] !== 'function') missing.push(`${service.spec.signingName}:${operation}`);
      }
    }
    assert.deepEqual(missing, [], `operations without an authorization declaration: ${missing.join(', ')}`);
    assert.ok(services.some((s) => s.spec.signingName === 'kms' && Object.keys(s.handlers).length >= 34));
  });

  it('declares only operations the service model has', () => {
    const unknown: string[] = [];
    for (const service of services) {
      for (const operation of Object.keys(service.authz ?? {})) {
        if (!(operation in service.spec.operations)) unknown.push(`${service.spec.signingName}:${operation}`);
      }
    }
    assert.deepEqual(unknown, []);
  });
});
