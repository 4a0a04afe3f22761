/** Opaque NextToken values: the last item's sort key, base64url JSON. */
import { InvalidNextToken } from '../../../protocol/spec/generated/ssm.errors.ts';

export function encodeToken(after: string | number): string {
  return Buffer.from(JSON.stringify({ a: after }), 'utf8').toString('base64url');
}

export function decodeToken<T extends string | number>(token: string | undefined, kind: 'string' | 'number'): T | undefined {
  if (token === undefined) return undefined;
  try {
    const value = (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { a?: unknown }).a;
    if (typeof value === kind) return value as T;
  } catch {
    // fall through
  }
  throw new InvalidNextToken('The nextToken is not valid.');
}

/** Fetch `limit + 1` rows; this turns them into a page. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => string | number): { items: T[]; nextToken?: string } {
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  return { items, nextToken: encodeToken(keyOf(items[items.length - 1]!)) };
}
