/** Strongroom's own endpoints under /_strongroom/ (not AWS APIs, not signed). */
import { VERSION } from '../version.ts';
import type { InternalRoute } from './http-server.ts';

export function internalRoutes(): Record<string, InternalRoute> {
  return {
    '/_strongroom/health': () => ({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'ok', version: VERSION }),
    }),
  };
}
