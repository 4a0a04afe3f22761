/**
 * Composition root: config → store → barrier → identity → services →
 * pipeline → listener. The only place that knows how the parts fit.
 */
import type { Logger } from 'pino';
import type { Config } from './config/config.ts';
import { openBarrier, type OpenedBarrier } from './crypto/barrier/index.ts';
import { bootstrap, IdentityRepository, RoleRepository, type BootstrapResult } from './identity/index.ts';
import { createCredentialResolver } from './identity/credential-resolver.ts';
import { SessionRepository } from './identity/sessions/index.ts';
import { awsJsonCodec } from './protocol/aws-json/codec.ts';
import { awsQueryCodec } from './protocol/aws-query/codec.ts';
import { restJsonCodec } from './protocol/rest-json/codec.ts';
import type { ProtocolCodec, ServiceDefinition } from './protocol/types.ts';
import { listen } from './server/http-server.ts';
import { createPipeline, serviceSteps } from './server/pipeline.ts';
import { InternalClient } from './server/internal-client.ts';
import { ServiceRegistry } from './server/service-registry.ts';
import type { Authentication } from './server/steps/authenticate.ts';
import { wireProtocol, type Codecs } from './server/steps/select-protocol.ts';
import { internalRoutes } from './server/internal-routes.ts';
import { KmsModel, kmsService } from './services/kms/index.ts';
import { stsService, type StsDeps } from './services/sts/index.ts';
import { IamModel, iamService } from './services/iam/index.ts';
import { SecretsModel, secretsManagerService } from './services/secretsmanager/index.ts';
import { createSsmModel, ssmService, type SsmModel } from './services/ssm/index.ts';
import { FunctionRuntime, LambdaModel, lambdaService, roleCredentials } from './services/lambda/index.ts';
import { openStore, type Store } from './storage/index.ts';
import { Scheduler } from './scheduler/index.ts';
import type { Principal } from './server/context.ts';
import { Authorizer } from './authz/authorizer.ts';
import { IamPolicySource } from './iam/iam-policy-source.ts';

export interface RunningStrongroom {
  url: string;
  port: number;
  accountId: string;
  /** Drains in-flight requests, then closes the store. */
  close(): Promise<void>;
}

interface DataPlane {
  store: Store;
  barrier: OpenedBarrier;
  identity: IdentityRepository;
  bootstrapped: BootstrapResult;
}

/** Opens (creating on first use) the store, the barrier and the bootstrap identity. */
async function openDataPlane(config: Config, log: Logger): Promise<DataPlane> {
  const store = await openStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    onBackgroundError: (err) => log.warn({ err }, 'storage background error'),
  });
  store.changes.onReset(() => log.warn('change feed reconnected; caches cleared'));
  try {
    const barrier = await openBarrier({ store, dataDir: config.dataDir });
    const identity = new IdentityRepository(store, barrier.barrier);
    const bootstrapped = await bootstrap({ store, barrier: barrier.barrier, dataDir: config.dataDir, accountId: config.accountId, region: config.region, identity });
    log.info({ store: store.location, schemaVersion: await store.schemaVersion(), rootKey: barrier.rootKey.source }, 'data store open');
    if (bootstrapped.created) log.info({ accountId: bootstrapped.accountId, credentialsFile: bootstrapped.credentialsFile }, 'created account and administrator credentials');
    return { store, barrier, identity, bootstrapped };
  } catch (error) {
    await store.close();
    throw error;
  }
}

export async function initDataDir(config: Config, log: Logger): Promise<BootstrapResult> {
  const plane = await openDataPlane(config, log);
  await plane.store.close();
  return plane.bootstrapped;
}

export interface ServiceDeps {
  /** For services that call other services in-process (through authorization, as the caller). */
  internal: InternalClient;
  kms: KmsModel;
  sts: StsDeps;
  iam: IamModel;
  ssm: SsmModel;
  secrets: SecretsModel;
  lambda: LambdaModel;
}

export function allServices(deps: ServiceDeps): ServiceDefinition[] {
  return [stsService(deps.sts), kmsService({ kms: deps.kms }), iamService({ iam: deps.iam }), ssmService({ ssm: deps.ssm }), secretsManagerService({ secrets: deps.secrets }), lambdaService({ lambda: deps.lambda })];
}

export async function startStrongroom(config: Config, log: Logger): Promise<RunningStrongroom> {
  const plane = await openDataPlane(config, log);
  const accountId = plane.bootstrapped.accountId;
  const kms = new KmsModel({ store: plane.store, barrier: plane.barrier.barrier });
  const sessions = new SessionRepository(plane.store, plane.barrier.barrier);
  const sts: StsDeps = { sessions, roles: new RoleRepository(plane.store), accessKeys: plane.identity, authenticationOff: config.auth === 'off' };
  const iam = new IamModel({ store: plane.store, identity: plane.identity });
  const scheduler = new Scheduler({ log: log.child({ component: 'scheduler' }) });
  const codecs: Codecs = { json: awsJsonCodec, query: awsQueryCodec, restJson: restJsonCodec };
  const authorizer = new Authorizer(new IamPolicySource(plane.store));
  const internal = new InternalClient(serviceSteps({ authorizer, log }), log);
  const ssm = createSsmModel({ store: plane.store, barrier: plane.barrier.barrier, internal, ensureManagedKey: (account, region) => kms.ensureAwsManagedKey(account, region, 'ssm') });
  const secrets = new SecretsModel({ store: plane.store, barrier: plane.barrier.barrier, internal, managedKeyArn: async (account, region) => (await kms.ensureAwsManagedKey(account, region, 'secretsmanager')).arn });
  let endpointUrl = '';
  const functionRuntime = new FunctionRuntime({
    endpointUrl: () => endpointUrl,
    credentials: roleCredentials(internal, sts.roles),
    log: log.child({ component: 'lambda' }),
  });
  const lambda = new LambdaModel({
    store: plane.store,
    barrier: plane.barrier.barrier,
    roles: sts.roles,
    runtime: functionRuntime,
    onBackgroundError: (err, fn) => log.warn({ err, function: fn.arn }, 'asynchronous invocation failed'),
  });
  scheduleBackgroundWork(scheduler, { kms, sts, ssm, secrets });
  const registry = new ServiceRegistry(allServices({ kms, sts, iam, ssm, internal, secrets, lambda }));
  internal.attach(registry);
  const pipeline = createPipeline({ registry, codecs, auth: authentication(config, plane.identity, sessions), authorizer, log });
  if (config.auth === 'off') {
    log.warn('AUTHENTICATION IS OFF: any well-formed signature is accepted as the account root. Never expose this server.');
  }

  let server;
  try {
    server = await listen({
      host: config.host,
      port: config.port,
      maxBodyBytes: config.maxBodyBytes,
      pipeline,
      codecFor: (headers, rawPath): ProtocolCodec => codecs[wireProtocol(headers, rawPath)],
      internalRoutes: internalRoutes(),
      log,
    });
  } catch (error) {
    await scheduler.stop();
    await functionRuntime.close();
    await plane.store.close();
    throw error;
  }
  endpointUrl = server.url;
  log.info({ url: server.url, auth: config.auth, region: config.region }, 'listening');

  return {
    url: server.url,
    port: server.port,
    accountId,
    async close() {
      await Promise.all([server.drain(), scheduler.stop()]);
      await functionRuntime.close();
      await plane.store.close();
    },
  };
}

/** Work that runs on a timer (and once at start), claimed so it runs once across processes. */
function scheduleBackgroundWork(scheduler: Scheduler, { kms, sts, ssm, secrets }: Pick<ServiceDeps, 'kms' | 'sts' | 'ssm' | 'secrets'>): void {
  scheduler.every('ssm.delete-expired-parameters', 60_000, async (now) => {
    await ssm.deleteExpired(now.getTime());
  });
  scheduler.every('secretsmanager.purge-due-deletions', 60_000, async (now) => {
    await secrets.purgeDueDeletions(now);
  });
  scheduler.every('sts.purge-expired-sessions', 15 * 60_000, async (now) => {
    await sts.sessions.purgeExpired(now);
  });
  scheduler.every('kms.purge-due-deletions', 60_000, async (now) => {
    await kms.purgeDueDeletions(now);
  });
  scheduler.every('kms.expire-imported-material', 60_000, async (now) => {
    await kms.expireImportedMaterial(now);
  });
  scheduler.every('kms.rotate-due-keys', 60_000, async (now) => {
    await kms.rotateDueKeys(now);
  });
}

function authentication(config: Config, identity: IdentityRepository, sessions: SessionRepository): Authentication {
  if (config.auth === 'off') return { mode: 'off', root: rootPrincipal(config.accountId) };
  return { mode: 'sigv4', credentials: createCredentialResolver({ identity, sessions }) };
}

export function rootPrincipal(accountId: string): Principal {
  return { kind: 'root', accountId, arn: `arn:aws:iam::${accountId}:root`, userId: accountId };
}
