/**
 * A minimal node:http client over a keep-alive Agent: one socket per
 * concurrent request, reused for the whole run.
 */
import http from 'node:http';
import type { PreparedRequest } from './signer.ts';

export interface HttpResult {
  status: number;
  body: Buffer;
}

export class HttpClient {
  readonly #url: URL;
  readonly #agent: http.Agent | false;

  /** keepAlive false opens a fresh connection per request (as a just-started client does). */
  constructor(url: URL | string, options: { maxSockets?: number; keepAlive?: boolean } = {}) {
    this.#url = new URL(url);
    this.#agent = options.keepAlive === false ? false : new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64, scheduling: 'fifo' });
  }

  get url(): URL {
    return this.#url;
  }

  send(request: PreparedRequest, timeoutMs = 10_000): Promise<HttpResult> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.#agent,
          host: this.#url.hostname,
          port: this.#url.port,
          method: request.method,
          path: request.path,
          headers: request.headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no response within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(request.body);
    });
  }

  close(): void {
    if (this.#agent) this.#agent.destroy();
  }
}
