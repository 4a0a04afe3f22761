/**
 * The listener: accepts HTTP requests, reads bodies up to a limit, answers
 * Strongroom's own endpoints under /_strongroom/, and hands every other
 * request to the pipeline. Knows nothing about AWS protocols.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { randomUuid } from '../crypto/primitives.ts';
import type { ProtocolCodec, WireRequest, WireResponse } from '../protocol/types.ts';
import type { Exchange } from './exchange.ts';
import type { Pipeline } from './pipeline.ts';
import { RequestEntityTooLarge } from './routing-errors.ts';

export type InternalRoute = (method: string) => WireResponse | Promise<WireResponse>;

export interface HttpServerOptions {
  host: string;
  port: number;
  maxBodyBytes: number;
  pipeline: Pipeline;
  /** Codec for errors raised before the pipeline runs (e.g. an oversized body). */
  codecFor(headers: http.IncomingHttpHeaders, rawPath: string): ProtocolCodec;
  internalRoutes: Record<string, InternalRoute>;
  log: Logger;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting connections, lets in-flight requests finish, then resolves. */
  drain(): Promise<void>;
}

export async function listen(options: HttpServerOptions): Promise<RunningServer> {
  let draining = false;
  const server = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    if (draining) res.setHeader('Connection', 'close');
    void serve(req, res, options);
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 120_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${host}:${port}`,
    port,
    drain: () =>
      new Promise<void>((resolve) => {
        draining = true;
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

async function serve(req: http.IncomingMessage, res: http.ServerResponse, options: HttpServerOptions): Promise<void> {
  const requestId = randomUuid();
  const receivedAt = new Date();
  const rawUrl = req.url ?? '/';
  const queryStart = rawUrl.indexOf('?');
  const rawPath = queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart);
  const rawQuery = queryStart < 0 ? '' : rawUrl.slice(queryStart + 1);

  try {
    const internal = options.internalRoutes[rawPath];
    if (internal) return write(res, await internal(req.method ?? 'GET'), requestId);

    const body = await readBody(req, options.maxBodyBytes);
    if (body === undefined) {
      const error = new RequestEntityTooLarge(options.maxBodyBytes);
      res.setHeader('Connection', 'close');
      return write(res, options.codecFor(req.headers, rawPath).encodeError(undefined, error, requestId), requestId);
    }

    const exchange: Exchange = {
      requestId,
      receivedAt,
      wire: wireRequest(req, rawPath, rawQuery, body),
      rawPath,
      rawQuery,
      sourceIp: req.socket.remoteAddress ?? '',
      secureTransport: false,
      errorCodec: options.codecFor(req.headers, rawPath),
    };
    await options.pipeline(exchange);
    write(res, exchange.response!, requestId);
  } catch (error) {
    options.log.error({ requestId, err: error }, 'request failed outside the pipeline');
    if (!res.headersSent) {
      res.writeHead(500, { 'x-amzn-RequestId': requestId, 'Content-Type': 'text/plain' });
    }
    res.end();
  }
}

/** Buffers the body; undefined when it exceeds the limit (the connection is then closed). */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function write(res: http.ServerResponse, response: WireResponse, requestId: string): void {
  const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
  // A plain copy loop: object spread of these per-codec header objects is a slow path in V8.
  const headers: http.OutgoingHttpHeaders = {};
  for (const name in response.headers) headers[name] = response.headers[name];
  headers['x-amzn-RequestId'] = requestId;
  headers['Content-Length'] = body.length;
  res.writeHead(response.status, headers);
  res.end(body);
}

function wireRequest(req: http.IncomingMessage, rawPath: string, rawQuery: string, body: Buffer): WireRequest {
  return new HttpWireRequest(req.method ?? 'GET', rawPath.includes('%') ? safeDecode(rawPath) : rawPath, rawQuery, req.headers, req.rawHeaders, body);
}

/**
 * The query is parsed only when asked for: awsJson requests and POSTed awsQuery
 * forms never need it. A class, not an object literal with a getter: V8
 * builds those slowly, on every request.
 */
class HttpWireRequest implements WireRequest {
  #query: URLSearchParams | undefined;

  constructor(
    readonly method: string,
    readonly path: string,
    private readonly rawQuery: string,
    readonly headers: http.IncomingHttpHeaders,
    readonly rawHeaders: readonly string[],
    readonly body: Buffer,
  ) {}

  get query(): URLSearchParams {
    return (this.#query ??= new URLSearchParams(this.rawQuery));
  }
}

function safeDecode(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return rawPath;
  }
}
