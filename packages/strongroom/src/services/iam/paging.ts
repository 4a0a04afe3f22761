/**
 * IAM's Marker/MaxItems pagination. Markers are opaque to clients: for
 * database listings the last returned name (lower-cased), for in-memory
 * listings an offset — both base64url-encoded.
 */
import { InvalidInputException } from '../../protocol/spec/generated/iam.errors.ts';

export const DEFAULT_MAX_ITEMS = 100;

export interface PageRequest {
  Marker?: string;
  MaxItems?: number;
}

export interface Page<T> {
  items: T[];
  IsTruncated: boolean;
  Marker?: string;
}

function encode(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

function decode(marker: string): string {
  const value = Buffer.from(marker, 'base64url').toString('utf8');
  if (value === '' || encode(value) !== marker) throw new InvalidInputException('Invalid Marker.');
  return value;
}

export function maxItems(request: PageRequest): number {
  return request.MaxItems ?? DEFAULT_MAX_ITEMS;
}

/** The name to list after, for database listings. */
export function afterName(request: PageRequest): string | undefined {
  return request.Marker === undefined ? undefined : decode(request.Marker);
}

/** `rows` were fetched with limit maxItems + 1. */
export function namePage<T>(rows: T[], request: PageRequest, nameOf: (item: T) => string): Page<T> {
  const limit = maxItems(request);
  if (rows.length <= limit) return { items: rows, IsTruncated: false };
  const items = rows.slice(0, limit);
  return { items, IsTruncated: true, Marker: encode(nameOf(items[items.length - 1]).toLowerCase()) };
}

/** Pages a list held in memory. */
export function listPage<T>(all: readonly T[], request: PageRequest): Page<T> {
  const start = request.Marker === undefined ? 0 : Number(decode(request.Marker));
  if (!Number.isInteger(start) || start < 0) throw new InvalidInputException('Invalid Marker.');
  const limit = maxItems(request);
  const items = all.slice(start, start + limit);
  const end = start + items.length;
  return end < all.length ? { items, IsTruncated: true, Marker: encode(String(end)) } : { items, IsTruncated: false };
}

/** The page fields of an output. */
export function pageFields(page: Page<unknown>): { IsTruncated: boolean; Marker?: string } {
  return page.Marker === undefined ? { IsTruncated: page.IsTruncated } : { IsTruncated: page.IsTruncated, Marker: page.Marker };
}
