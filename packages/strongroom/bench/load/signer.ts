/**
 * SigV4 signing with the same library the AWS SDK for JavaScript v3 uses
 * (@smithy/signature-v4), and SHA-256 from node:crypto as the SDK uses in
 * Node (its Sha256 checksum is node:crypto-backed), so `signed` mode pays what
 * a real SDK client pays per request.
 */
import { createHash, createHmac, randomUUID, type Hash, type Hmac } from 'node:crypto';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 as JsSha256 } from '@aws-crypto/sha256-js';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A request as a scenario describes it, before signing. */
export interface BuiltRequest {
  method?: string;
  path?: string;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

/** A signed request, ready to put on the wire (any number of times). */
export interface PreparedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export type HashImplementation = 'node' | 'js';

/** SHA-256 / HMAC-SHA-256 on node:crypto, in the shape @smithy/signature-v4 expects. */
class NodeSha256 {
  readonly #secret?: string | Uint8Array;
  #hash: Hash | Hmac;

  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#secret = secret === undefined ? undefined : toBytesOrString(secret);
    this.#hash = this.#fresh();
  }

  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(toBytesOrString(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }

  reset(): void {
    this.#hash = this.#fresh();
  }

  #fresh(): Hash | Hmac {
    return this.#secret === undefined ? createHash('sha256') : createHmac('sha256', this.#secret);
  }
}

function toBytesOrString(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

export class RequestSigner {
  readonly #signer: SignatureV4;
  readonly #url: URL;

  constructor(url: URL, credentials: Credentials, service: string, region: string, hash: HashImplementation = 'node') {
    this.#url = url;
    this.#signer = new SignatureV4({ credentials, service, region, sha256: hash === 'node' ? NodeSha256 : JsSha256 });
  }

  /**
   * Signs a request as an SDK would send it: a fresh invocation id (signed) per
   * request, so no two requests share a signature.
   */
  async sign(built: BuiltRequest, signingDate = new Date()): Promise<PreparedRequest> {
    const body = typeof built.body === 'string' ? Buffer.from(built.body, 'utf8') : Buffer.from(built.body);
    const path = built.path ?? '/';
    const request = new HttpRequest({
      method: built.method ?? 'POST',
      protocol: this.#url.protocol,
      hostname: this.#url.hostname,
      port: this.#url.port ? Number(this.#url.port) : undefined,
      path,
      headers: {
        host: this.#url.host,
        'content-length': String(body.length),
        'amz-sdk-invocation-id': randomUUID(),
        'amz-sdk-request': 'attempt=1; max=3',
        'user-agent': 'strongroom-bench',
        ...lowerCaseKeys(built.headers),
      },
      body,
    });
    const signed = await this.#signer.sign(request, { signingDate });
    return { method: request.method, path, headers: signed.headers, body };
  }
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}
