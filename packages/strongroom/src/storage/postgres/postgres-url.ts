/**
 * Reads the Strongroom-specific part of a PostgreSQL URL. The schema can ride
 * in the URL (`?schema=name`) so one string configures the server; it becomes
 * `-c search_path=name` in the libpq `options` startup parameter, which the
 * pg driver passes to the server for every pooled connection.
 */
import { StoreError } from '../errors.ts';

export interface PostgresTarget {
  /** The URL pg connects with: no `schema` parameter; `options` carries the search_path. */
  connectionString: string;
  /** The schema Strongroom creates if missing and works in, when one was named. */
  schema?: string;
  /** The URL for logs: password hidden. */
  redacted: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function parsePostgresUrl(url: string, schemaOverride?: string): PostgresTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StoreError('the PostgreSQL URL is not a valid URL');
  }
  if (!/^postgres(ql)?:$/i.test(parsed.protocol)) throw new StoreError('the PostgreSQL URL must start with postgres:// or postgresql://');

  const schema = schemaOverride ?? parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  if (schema !== undefined) {
    if (!SCHEMA_NAME.test(schema)) {
      throw new StoreError(`invalid PostgreSQL schema name "${schema}": use lowercase letters, digits and _ (not starting with a digit), at most 63 characters`);
    }
    const options = parsed.searchParams.get('options');
    if (options && /search_path/i.test(options)) {
      throw new StoreError('the PostgreSQL URL sets both a schema and a search_path in options: use one');
    }
    parsed.searchParams.set('options', `${options ? `${options} ` : ''}-c search_path=${schema}`);
  }
  // URLSearchParams writes spaces as "+", which libpq (psql, pg_dump) does not decode: use %20.
  parsed.search = [...parsed.searchParams].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

  const redacted = new URL(url);
  if (schemaOverride !== undefined) redacted.searchParams.set('schema', schemaOverride);
  if (redacted.password) redacted.password = '***';
  if (redacted.searchParams.has('password')) redacted.searchParams.set('password', '***');
  return { connectionString: parsed.href, schema, redacted: safeDecode(redacted.href) };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
