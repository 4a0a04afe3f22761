/**
 * Checks our canonicalisation against someone else's: requests signed by
 * @smithy/signature-v4 (what AWS SDK v3 uses) must verify, both handed over
 * in memory and sent through a real node:http round trip; and our signer
 * must produce the same signatures as smithy's.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { sha256Hex } from '../../crypto/primitives.ts';
import { parseSigV4 } from './parse.ts';
import { signRequest } from './sign.ts';
import { SigV4Error } from './sigv4-error.ts';
import type { SigV4Request } from './types.ts';
import { verifySigV4 } from './verify.ts';

const CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const SESSION = { ...CREDENTIALS, accessKeyId: 'ASIAIOSFODNN7EXAMPLE', sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+/=' };
const SIGNED_AT = new Date(Date.UTC(2026, 2, 14, 15, 9, 26));
const NOW = new Date(SIGNED_AT.getTime() + 60_000);

interface Case {
  name: string;
  service: string;
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers?: Record<string, string>;
  body?: string;
  presignExpires?: number;
  credentials?: typeof CREDENTIALS & { sessionToken?: string };
  applyChecksum?: boolean;
}

// An encoder independent of ours, as @smithy/querystring-builder writes queries.
function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function queryString(query: Record<string, string | string[] | null>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === null) parts.push(encode(key));
    else for (const v of Array.isArray(value) ? value : [value]) parts.push(`${encode(key)}=${encode(v)}`);
  }
  return parts.join('&');
}

/** Signs with smithy and returns the request as it goes on the wire (header values as latin1 strings of their UTF-8 bytes). */
async function smithySigned(c: Case): Promise<SigV4Request> {
  const signer = new SignatureV4({
    credentials: c.credentials ?? CREDENTIALS,
    region: 'eu-central-1',
    service: c.service,
    sha256: Sha256,
    uriEscapePath: c.service !== 's3',
    applyChecksum: c.applyChecksum ?? false,
  });
  const request = new HttpRequest({
    method: c.method,
    protocol: 'http:',
    hostname: 'localhost',
    port: 4566,
    path: c.path,
    query: c.query ?? {},
    headers: { host: 'localhost:4566', ...c.headers },
    body: c.body,
  });
  const signed = (
    c.presignExpires === undefined
      ? await signer.sign(request, { signingDate: SIGNED_AT })
      : await signer.presign(request, { signingDate: SIGNED_AT, expiresIn: c.presignExpires })
  ) as HttpRequest;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = Buffer.from(value, 'utf8').toString('latin1');
  return {
    method: signed.method,
    rawPath: signed.path,
    rawQuery: queryString(signed.query as Record<string, string | string[] | null>),
    headers,
    body: Buffer.from(c.body ?? '', 'utf8'),
  };
}

function verdict(req: SigV4Request, now = NOW, secret = CREDENTIALS.secretAccessKey): string {
  try {
    verifySigV4(parseSigV4(req), req, secret, now);
    return 'ok';
  } catch (err) {
    if (err instanceof SigV4Error) return err.kind;
    throw err;
  }
}

const CASES: Case[] = [
  {
    name: 'KMS JSON request with a Unicode body and header value',
    service: 'kms',
    method: 'POST',
    path: '/',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'TrentService.Encrypt',
      'x-amz-meta-note': '  café ☕   spaced\there  ',
    },
    body: JSON.stringify({ KeyId: 'alias/ключ', Plaintext: 'aGVsbG8=', EncryptionContext: { purpose: '日本語 ✓' } }),
  },
  {
    name: 'STS form POST with a session token and x-amz-content-sha256',
    service: 'sts',
    method: 'POST',
    path: '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
    credentials: SESSION,
    applyChecksum: true,
  },
  {
    name: 'presigned STS GetCallerIdentity with a session token and an extra signed header',
    service: 'sts',
    method: 'GET',
    path: '/',
    query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    headers: { 'x-k8s-aws-id': 'my-cluster' },
    presignExpires: 900,
    credentials: SESSION,
  },
  {
    name: 'non-S3 path with spaces, Unicode and an encoded slash; awkward query',
    service: 'lambda',
    method: 'GET',
    path: '/2015-03-31/functions/my%20func%2Fv1/caf%C3%A9/invocations',
    // (No value-less "?flag" here: smithy leaves such a parameter out of the canonical query, while
    // AWS's rules, and canonicalQuery, sign it as "flag=".)
    query: { Qualifier: '$LATEST', list: ['b', 'a', 'a b', 'A'], empty: '', 'ü key': "ß/?=&+*'()!~", 'a-b': 'x' },
  },
  {
    name: 'non-S3 path with dot segments and doubled slashes',
    service: 'ssm',
    method: 'GET',
    path: '/a/./b/../c//d/',
  },
  {
    name: 'S3 PUT with UNSIGNED-PAYLOAD and a single-encoded path',
    service: 's3',
    method: 'PUT',
    path: '/bucket/a%20b/%E2%98%95%2Fx',
    headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-type': 'text/plain' },
    body: 'object body ✓',
  },
  {
    name: 'S3 presigned GET',
    service: 's3',
    method: 'GET',
    path: '/bucket/report%202026.pdf',
    query: { 'response-content-disposition': 'attachment; filename="r.pdf"' },
    headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    presignExpires: 3600,
  },
];

for (const c of CASES) {
  test(`smithy-signed, verified in memory: ${c.name}`, async () => {
    const req = await smithySigned(c);
    assert.equal(verdict(req), 'ok');
    assert.equal(verdict(req, NOW, CREDENTIALS.secretAccessKey + 'x'), 'signature-mismatch');
    if (req.body.length > 0 && c.service !== 's3') assert.equal(verdict({ ...req, body: Buffer.concat([req.body, Buffer.from(' ')]) }), 'signature-mismatch');
  });
}

test('smithy-signed UNSIGNED-PAYLOAD is refused outside S3, as AWS does', async () => {
  const req = await smithySigned({
    name: 'kms unsigned',
    service: 'kms',
    method: 'POST',
    path: '/',
    headers: { 'x-amz-target': 'TrentService.ListKeys', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    body: '{}',
  });
  assert.equal(verdict(req), 'signature-mismatch');
});

// The same requests through a real HTTP round trip: what node:http hands the server is what we verify.
let server: http.Server;
let port: number;

before(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const wire: SigV4Request = {
        method: req.method ?? 'GET',
        rawPath: q < 0 ? url : url.slice(0, q),
        rawQuery: q < 0 ? '' : url.slice(q + 1),
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks),
      };
      res.end(verdict(wire));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send(req: SigV4Request): Promise<string> {
  return new Promise((resolve, reject) => {
    const out = http.request(
      { host: '127.0.0.1', port, method: req.method, path: req.rawPath + (req.rawQuery ? `?${req.rawQuery}` : ''), headers: req.headers as Record<string, string> },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(text));
      },
    );
    out.on('error', reject);
    out.end(req.body);
  });
}

for (const c of CASES) {
  test(`smithy-signed, verified after a node:http round trip: ${c.name}`, async () => {
    assert.equal(await send(await smithySigned(c)), 'ok');
  });
}

test('our signer produces the signatures smithy produces', async () => {
  for (const c of CASES) {
    const theirs = await smithySigned(c);
    const headers: Record<string, string> = { host: 'localhost:4566', ...c.headers };
    if (c.applyChecksum) headers['x-amz-content-sha256'] = sha256Hex(Buffer.from(c.body ?? '', 'utf8'));
    const query: Record<string, string | string[] | null> = { ...c.query };
    if (c.presignExpires !== undefined) {
      // smithy hoists x-amz-* headers into the query of a presigned request.
      for (const name of Object.keys(headers)) {
        if (name.startsWith('x-amz-')) {
          query[name] = headers[name];
          delete headers[name];
        }
      }
    }
    const ours = signRequest(
      {
        method: c.method,
        rawPath: c.path,
        rawQuery: queryString(query),
        headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Buffer.from(value, 'utf8').toString('latin1')])),
        body: Buffer.from(c.body ?? '', 'utf8'),
      },
      {
        credentials: c.credentials ?? CREDENTIALS,
        region: 'eu-central-1',
        service: c.service,
        time: SIGNED_AT,
        presignExpiresSeconds: c.presignExpires,
        signedHeaders: c.presignExpires === undefined ? undefined : Object.keys(headers).sort(),
        payloadHash: c.service === 's3' && c.presignExpires === undefined ? 'UNSIGNED-PAYLOAD' : undefined,
      },
    );
    if (c.presignExpires === undefined) {
      assert.equal(ours.headers.authorization, theirs.headers.authorization, c.name);
    } else {
      const signature = (q: string) => /X-Amz-Signature=([0-9a-f]{64})/.exec(q)?.[1];
      assert.ok(signature(theirs.rawQuery), c.name);
      assert.equal(signature(ours.rawQuery), signature(theirs.rawQuery), c.name);
    }
    assert.equal(verdict(ours), 'ok', c.name);
  }
});
