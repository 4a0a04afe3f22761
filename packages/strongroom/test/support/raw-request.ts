/**
 * Sends hand-built requests signed by the independent @smithy/signature-v4
 * signer, for the cases a well-behaved SDK never produces (old signatures,
 * wrong secrets, unsigned or malformed requests).
 */
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import type { TestCredentials } from '../../src/testing/test-server.ts';

export interface RawRequest {
  url: string;
  service: string;
  region: string;
  headers: Record<string, string>;
  body: string;
  credentials?: TestCredentials & { sessionToken?: string };
  signingDate?: Date;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

export async function sendSigned(request: RawRequest): Promise<RawResponse> {
  const url = new URL(request.url);
  let headers: Record<string, string> = { host: url.host, ...request.headers };
  if (request.credentials) {
    const signer = new SignatureV4({ service: request.service, region: request.region, credentials: request.credentials, sha256: Sha256 });
    const signed = await signer.sign(
      new HttpRequest({ method: 'POST', protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: '/', headers, body: request.body }),
      { signingDate: request.signingDate ?? new Date() },
    );
    headers = signed.headers as Record<string, string>;
  }
  const { host: _host, ...sendable } = headers;
  const response = await fetch(url, { method: 'POST', headers: sendable, body: request.body });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

export function stsQuery(action: string, params: Record<string, string> = {}): { headers: Record<string, string>; body: string } {
  return {
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams({ Action: action, Version: '2011-06-15', ...params }).toString(),
  };
}

/** The <Code> of an awsQuery error response. */
export function queryErrorCode(xml: string): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
}
