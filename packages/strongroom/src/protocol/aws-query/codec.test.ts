import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError, InternalFailure } from '../../errors/aws-error.ts';
import { awsQueryCodec } from './codec.ts';
import { stsSpec } from '../spec/generated/sts.spec.ts';
import { iamSpec } from '../spec/generated/iam.spec.ts';
import { NoSuchEntityException } from '../spec/generated/iam.errors.ts';
import { ExpiredTokenException } from '../spec/generated/sts.errors.ts';
import type { WireRequest } from '../types.ts';
import type { ServiceSpec } from '../spec/spec-types.ts';

const request = (body: string, query = ''): WireRequest => ({
  method: 'POST',
  path: '/',
  query: new URLSearchParams(query),
  headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  body: Buffer.from(body),
});
const decode = (spec: ServiceSpec, op: string, body: string, query = '') => awsQueryCodec.decodeInput(spec, spec.operations[op], request(body, query)) as Record<string, any>;

function rejects(spec: ServiceSpec, op: string, body: string, code: string, message: string): void {
  assert.throws(
    () => decode(spec, op, body),
    (e: unknown) => e instanceof AwsError && e.code === code && e.message === message && e.httpStatus === 400,
  );
}

test('IAM CreateUser: scalars and a list of structures (Tags.member.N.Key)', () => {
  const input = decode(
    iamSpec,
    'CreateUser',
    'Action=CreateUser&Version=2010-05-08&UserName=bob&Path=%2Fteam%2F&Tags.member.2.Key=env&Tags.member.2.Value=prod&Tags.member.1.Key=Cost+Center&Tags.member.1.Value=42',
  );
  assert.deepEqual(input, {
    Path: '/team/',
    UserName: 'bob',
    Tags: [
      { Key: 'Cost Center', Value: '42' },
      { Key: 'env', Value: 'prod' },
    ],
  });
});

test('STS AssumeRole: PolicyArns.member.N.arn, integers, nested lists', () => {
  const input = decode(
    stsSpec,
    'AssumeRole',
    'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fdemo&RoleSessionName=sess' +
      '&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess&DurationSeconds=900' +
      '&TransitiveTagKeys.member.1=a&TransitiveTagKeys.member.2=b&Tags.member.1.Key=k&Tags.member.1.Value=v',
  );
  assert.deepEqual(input, {
    RoleArn: 'arn:aws:iam::000000000000:role/demo',
    RoleSessionName: 'sess',
    PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
    DurationSeconds: 900,
    Tags: [{ Key: 'k', Value: 'v' }],
    TransitiveTagKeys: ['a', 'b'],
  });
});

test('an empty list parameter is the empty list', () => {
  const input = decode(stsSpec, 'AssumeRole', 'RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fdemo&RoleSessionName=sess&PolicyArns=');
  assert.deepEqual(input.PolicyArns, []);
});

test('booleans, maps and timestamps', () => {
  const bools = decode(iamSpec, 'UpdateAccountPasswordPolicy', 'RequireSymbols=true&RequireNumbers=0&AllowUsersToChangePassword=1');
  assert.deepEqual(bools, { RequireSymbols: true, RequireNumbers: false, AllowUsersToChangePassword: true });
  // IAM has no map or timestamp in any input shape; a spec of our own exercises them.
  const spec: ServiceSpec = {
    signingName: 't',
    endpointPrefix: 't',
    protocol: 'query',
    apiVersion: '2020-01-01',
    serviceId: 'T',
    operations: { Op: { name: 'Op', input: 'In', errors: [], http: { method: 'POST', requestUri: '/' } } },
    shapes: {
      In: { type: 'structure', members: { Attrs: { shape: 'Attrs' }, Flat: { shape: 'Attrs', flattened: true }, At: { shape: 'Time' }, Nested: { shape: 'In2' }, Data: { shape: 'Bytes' } } },
      In2: { type: 'structure', members: { Inner: { shape: 'Str' } } },
      Attrs: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Str' } },
      Str: { type: 'string' },
      Time: { type: 'timestamp' },
      Bytes: { type: 'blob' },
    },
  };
  const input = decode(spec, 'Op', 'Attrs.entry.1.key=a&Attrs.entry.1.value=1&Attrs.entry.2.key=b&Attrs.entry.2.value=2&Flat.1.key=c&Flat.1.value=3&At=2026-01-02T03%3A04%3A05Z&Nested.Inner=x&Data=AQID');
  assert.deepEqual(input, {
    Attrs: { a: '1', b: '2' },
    Flat: { c: '3' },
    At: new Date('2026-01-02T03:04:05Z'),
    Nested: { Inner: 'x' },
    Data: Buffer.from([1, 2, 3]),
  });
});

test('URL query parameters are read too (GET requests)', () => {
  const input = decode(iamSpec, 'GetUser', '', 'Action=GetUser&UserName=alice');
  assert.deepEqual(input, { UserName: 'alice' });
});

test('unparsable values are MalformedInput', () => {
  const base = 'RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fdemo&RoleSessionName=sess';
  rejects(stsSpec, 'AssumeRole', `${base}&DurationSeconds=abc`, 'MalformedInput', '');
  rejects(stsSpec, 'AssumeRole', `${base}&DurationSeconds=1.5`, 'MalformedInput', '');
  rejects(stsSpec, 'AssumeRole', `${base}&DurationSeconds=`, 'MalformedInput', 'missing value for decimal type');
  rejects(iamSpec, 'UpdateAccountPasswordPolicy', 'RequireSymbols=yes', 'MalformedInput', 'boolean must follow xsd1.1 definition');
  rejects(iamSpec, 'UpdateAccountPasswordPolicy', 'RequireSymbols=TRUE', 'MalformedInput', 'boolean must follow xsd1.1 definition');
  rejects(iamSpec, 'UpdateAccountPasswordPolicy', 'RequireSymbols=', 'MalformedInput', 'missing value for boolean type');
});

test('validation failures are ValidationError with AWS paths', () => {
  rejects(
    iamSpec,
    'CreateUser',
    'UserName=bob&Tags.member.1.Key=ok&Tags.member.1.Value=bad%21',
    'ValidationError',
    "1 validation error detected: Value 'bad!' at 'tags.1.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*",
  );
  rejects(stsSpec, 'AssumeRole', 'RoleSessionName=s', 'ValidationError',
    "2 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null; Value 's' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2");
});

test('encodes STS GetCallerIdentity exactly', () => {
  const res = awsQueryCodec.encodeOutput(
    stsSpec,
    stsSpec.operations.GetCallerIdentity,
    { UserId: 'AIDAEXAMPLE', Account: '000000000000', Arn: 'arn:aws:iam::000000000000:user/admin' },
    'c6104cbe-af31-11e0-8154-cbc7ccf896c7',
  );
  assert.equal(res.status, 200);
  assert.deepEqual(res.headers, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': 'c6104cbe-af31-11e0-8154-cbc7ccf896c7' });
  assert.equal(
    res.body,
    '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">' +
      '<GetCallerIdentityResult><UserId>AIDAEXAMPLE</UserId><Account>000000000000</Account><Arn>arn:aws:iam::000000000000:user/admin</Arn></GetCallerIdentityResult>' +
      '<ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>' +
      '</GetCallerIdentityResponse>',
  );
});

test('encodes nested structures, timestamps, lists as <member>, escapes text', () => {
  const assumed = awsQueryCodec.encodeOutput(
    stsSpec,
    stsSpec.operations.AssumeRole,
    {
      Credentials: { AccessKeyId: 'ASIA1', SecretAccessKey: 's<&>', SessionToken: 't', Expiration: new Date('2019-11-09T13:34:41Z') },
      AssumedRoleUser: { AssumedRoleId: 'AROA1:sess', Arn: 'arn:aws:sts::000000000000:assumed-role/demo/sess' },
      PackedPolicySize: 6,
    },
    'r',
  ).body as string;
  assert.ok(
    assumed.includes(
      '<AssumeRoleResult><Credentials><AccessKeyId>ASIA1</AccessKeyId><SecretAccessKey>s&lt;&amp;&gt;</SecretAccessKey><SessionToken>t</SessionToken><Expiration>2019-11-09T13:34:41Z</Expiration></Credentials>' +
        '<AssumedRoleUser><AssumedRoleId>AROA1:sess</AssumedRoleId><Arn>arn:aws:sts::000000000000:assumed-role/demo/sess</Arn></AssumedRoleUser><PackedPolicySize>6</PackedPolicySize></AssumeRoleResult>',
    ),
    assumed,
  );
  const listed = awsQueryCodec.encodeOutput(
    iamSpec,
    iamSpec.operations.ListUsers,
    { Users: [{ Path: '/', UserName: 'a', UserId: 'AIDA1', Arn: 'arn:aws:iam::000000000000:user/a', CreateDate: new Date('2024-05-06T07:08:09.123Z') }], IsTruncated: false },
    'r',
  ).body as string;
  assert.ok(
    listed.includes(
      '<ListUsersResult><Users><member><Path>/</Path><UserName>a</UserName><UserId>AIDA1</UserId><Arn>arn:aws:iam::000000000000:user/a</Arn><CreateDate>2024-05-06T07:08:09.123Z</CreateDate></member></Users><IsTruncated>false</IsTruncated></ListUsersResult>',
    ),
    listed,
  );
});

test('an operation without output has only ResponseMetadata', () => {
  const res = awsQueryCodec.encodeOutput(iamSpec, iamSpec.operations.DeleteUser, undefined, 'r1');
  assert.equal(res.body, '<DeleteUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></DeleteUserResponse>');
});

test('encodes errors exactly', () => {
  const res = awsQueryCodec.encodeError(iamSpec, new NoSuchEntityException('The user with name bob cannot be found.'), 'req-9');
  assert.equal(res.status, 404);
  assert.deepEqual(res.headers, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': 'req-9' });
  assert.equal(
    res.body,
    '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The user with name bob cannot be found.</Message></Error><RequestId>req-9</RequestId></ErrorResponse>',
  );
  const sts = awsQueryCodec.encodeError(stsSpec, new ExpiredTokenException('The security token included in the request is expired'), 'r');
  assert.ok((sts.body as string).includes('<Code>ExpiredTokenException</Code>'));
  const internal = awsQueryCodec.encodeError(undefined, new InternalFailure(), 'r2');
  assert.equal(internal.status, 500);
  assert.equal(
    internal.body,
    '<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>We encountered an internal error. Please try again.</Message></Error><RequestId>r2</RequestId></ErrorResponse>',
  );
});
