import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stsSpec } from './generated/sts.spec.ts';
import { iamSpec } from './generated/iam.spec.ts';
import { kmsSpec } from './generated/kms.spec.ts';
import { ssmSpec } from './generated/ssm.spec.ts';
import { secretsmanagerSpec } from './generated/secretsmanager.spec.ts';
import { NotFoundException, KMSInternalException, kmsErrors } from './generated/kms.errors.ts';
import { NoSuchEntityException, ServiceFailureException } from './generated/iam.errors.ts';
import { ExpiredTokenException, IDPRejectedClaimException } from './generated/sts.errors.ts';
import { OpsItemLimitExceededException } from './generated/ssm.errors.ts';
import { AwsError } from '../../errors/aws-error.ts';
import { resolveSpec } from './resolve.ts';
import { untranslatedPatterns } from './java-regex.ts';
import type { ServiceSpec } from './spec-types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '../../..');
const modelsDir = join(packageDir, '../../../shared/aws-models');
const specs: Record<string, ServiceSpec> = { sts: stsSpec, iam: iamSpec, kms: kmsSpec, ssm: ssmSpec, secretsmanager: secretsmanagerSpec };

test('service metadata comes from the models', () => {
  assert.equal(kmsSpec.protocol, 'json');
  assert.equal(kmsSpec.targetPrefix, 'TrentService');
  assert.equal(kmsSpec.jsonVersion, '1.1');
  assert.equal(kmsSpec.signingName, 'kms');
  assert.equal(ssmSpec.targetPrefix, 'AmazonSSM');
  assert.equal(secretsmanagerSpec.signingName, 'secretsmanager');
  assert.equal(secretsmanagerSpec.serviceId, 'Secrets Manager');
  assert.equal(stsSpec.protocol, 'query');
  assert.equal(stsSpec.xmlNamespace, 'https://sts.amazonaws.com/doc/2011-06-15/');
  assert.equal(iamSpec.apiVersion, '2010-05-08');
  assert.deepEqual(stsSpec.operations.GetCallerIdentity, {
    name: 'GetCallerIdentity',
    input: 'GetCallerIdentityRequest',
    output: 'GetCallerIdentityResponse',
    resultWrapper: 'GetCallerIdentityResult',
    errors: [],
    http: { method: 'POST', requestUri: '/' },
  });
  assert.equal(stsSpec.operations.AssumeRoleWithWebIdentity.noAuth, true);
  assert.equal(stsSpec.operations.AssumeRole.noAuth, undefined);
});

test('every operation and every reachable shape of the model is in the spec, without documentation', { skip: existsSync(modelsDir) ? false : `${modelsDir} not present (the shared AWS models)` }, () => {
  for (const [id, spec] of Object.entries(specs)) {
    const model = JSON.parse(readFileSync(join(modelsDir, id, 'service-2.json'), 'utf8'));
    assert.deepEqual(Object.keys(spec.operations).sort(), Object.keys(model.operations).sort(), id);
    for (const op of Object.values(spec.operations)) {
      for (const name of [op.input, op.output, ...op.errors]) if (name) assert.ok(spec.shapes[name], `${id} ${op.name} → ${name}`);
    }
    for (const [name, shape] of Object.entries(spec.shapes)) {
      assert.equal((shape as { documentation?: string }).documentation, undefined);
      assert.equal(shape.type, model.shapes[name].type, `${id} ${name}`);
      assert.equal(shape.pattern, model.shapes[name].pattern, `${id} ${name}`);
      for (const m of Object.values(shape.members ?? {})) assert.ok(spec.shapes[m.shape], `${id} ${name} member → ${m.shape}`);
    }
  }
});

test('every spec resolves and every model pattern compiles to a working RegExp', () => {
  let patterns = 0;
  for (const spec of Object.values(specs)) {
    const resolved = resolveSpec(spec);
    for (const s of resolved.shapes.values()) {
      if (s.raw.pattern === undefined) continue;
      patterns++;
      assert.ok(s.pattern instanceof RegExp);
      s.pattern.test('x'); // a pattern that throws on use would fail here
    }
  }
  assert.ok(patterns > 150, `only ${patterns} patterns`);
  assert.deepEqual(untranslatedPatterns, []);
});

test('model patterns keep their meaning, matched against the whole value', () => {
  const shape = (spec: ServiceSpec, name: string) => resolveSpec(spec).shapes.get(name)!.pattern!;
  const tagKey = shape(iamSpec, 'tagKeyType'); // [\p{L}\p{Z}\p{N}_.:/=+\-@]+
  assert.ok(tagKey.test('Cost Center'));
  assert.ok(tagKey.test('Überschrift-1'));
  assert.ok(!tagKey.test('bad!key'));
  assert.ok(!tagKey.test(''));
  const federated = shape(stsSpec, 'userNameType'); // [\w+=,.@-]* anchored: a bad character anywhere fails
  assert.ok(federated.test('alice@example.com'));
  assert.ok(!federated.test('bad name'));
  const accountId = shape(ssmSpec, 'AccountId'); // (?i)all|[0-9]{12}
  assert.ok(accountId.test('ALL'));
  assert.ok(accountId.test('123456789012'));
  assert.ok(!accountId.test('all123456789012'));
});

test('generated error classes carry the model code, status and fault', () => {
  const notFound = new NotFoundException('Key not found');
  assert.ok(notFound instanceof AwsError);
  assert.equal(notFound.code, 'NotFoundException');
  assert.equal(notFound.name, 'NotFoundException');
  assert.equal(notFound.httpStatus, 400);
  assert.equal(notFound.$fault, 'client');
  assert.equal(notFound.message, 'Key not found');
  assert.equal(new KMSInternalException().httpStatus, 500);
  assert.equal(new KMSInternalException().fault, 'server');
  assert.equal(kmsErrors.NotFoundException, NotFoundException);
  const noSuch = new NoSuchEntityException('The user with name bob cannot be found.');
  assert.equal(noSuch.code, 'NoSuchEntity');
  assert.equal(noSuch.httpStatus, 404);
  assert.equal(new ServiceFailureException().fault, 'server');
  assert.equal(new ExpiredTokenException().code, 'ExpiredTokenException');
  assert.equal(new IDPRejectedClaimException().code, 'IDPRejectedClaim');
  assert.equal(new IDPRejectedClaimException().httpStatus, 403);
  const limit = new OpsItemLimitExceededException('too many', { Limit: 5, LimitType: 'OpsItem' });
  assert.deepEqual(limit.details, { Limit: 5, LimitType: 'OpsItem' });
});

test('the committed generated files are what the generator writes', { skip: existsSync(modelsDir) ? false : `${modelsDir} not present (the shared AWS models)` }, () => {
  const out = mkdtempSync(join(tmpdir(), 'strongroom-codegen-'));
  try {
    execFileSync(process.execPath, ['--import', 'tsx', join(packageDir, 'scripts/codegen.ts')], {
      env: { ...process.env, STRONGROOM_CODEGEN_OUT: out },
      stdio: 'pipe',
    });
    const committed = join(here, 'generated');
    const files = readdirSync(out).sort();
    assert.deepEqual(readdirSync(committed).sort(), files);
    for (const f of files) assert.equal(readFileSync(join(committed, f), 'utf8'), readFileSync(join(out, f), 'utf8'), `${f} is stale: run npm run codegen`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
