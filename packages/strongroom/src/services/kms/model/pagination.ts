/**
 * Limit/Marker pagination for KMS listings. A marker is opaque to callers:
 * the sort key of the last item returned, tagged and base64url-encoded.
 * Listings fetch limit + 1 rows to know whether another page exists.
 */
import { invalidMarker } from '../errors.ts';
import type { Page } from './types.ts';

const PREFIX = 'kms1:';

export function encodeMarker(lastSortKey: string): string {
  return Buffer.from(PREFIX + lastSortKey, 'utf8').toString('base64url');
}

/** The sort key to continue after; throws InvalidMarkerException for a marker this server did not issue. */
export function decodeMarker(marker: string | undefined): string | undefined {
  if (marker === undefined) return undefined;
  const decoded = /^[A-Za-z0-9_-]+$/.test(marker) ? Buffer.from(marker, 'base64url').toString('utf8') : '';
  if (!decoded.startsWith(PREFIX) || decoded.length === PREFIX.length) throw invalidMarker();
  return decoded.slice(PREFIX.length);
}

/** Cuts `rows` (fetched with limit + 1) to a page. */
export function toPage<T>(rows: T[], limit: number, sortKey: (item: T) => string): Page<T> {
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  return { items, nextMarker: encodeMarker(sortKey(items[items.length - 1])) };
}

