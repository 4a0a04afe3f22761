/**
 * Typed storage errors. Both engines' driver errors are translated into these
 * at the connection, so callers never inspect SQLite or PostgreSQL codes.
 * Messages name the table or constraint, never the values.
 */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A UNIQUE or PRIMARY KEY constraint rejected a write. */
export class UniqueViolationError extends StoreError {
  readonly table?: string;
  readonly constraint?: string;
  constructor(details: { table?: string; constraint?: string }, cause?: unknown) {
    super(`unique constraint violated${describe(details)}`, { cause });
    this.table = details.table;
    this.constraint = details.constraint;
  }
}

/** A FOREIGN KEY constraint rejected a write. */
export class ForeignKeyViolationError extends StoreError {
  readonly table?: string;
  readonly constraint?: string;
  constructor(details: { table?: string; constraint?: string }, cause?: unknown) {
    super(`foreign key constraint violated${describe(details)}`, { cause });
    this.table = details.table;
    this.constraint = details.constraint;
  }
}

/** The database gave up on a transaction because of concurrent work (deadlock, serialization failure, busy). Safe to retry. */
export class TransactionConflictError extends StoreError {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
  }
}

/** The store was used in a way that would deadlock or break atomicity. A programming error. */
export class StoreMisuseError extends StoreError {}

function describe({ table, constraint }: { table?: string; constraint?: string }): string {
  const parts = [table && `table ${table}`, constraint && `constraint ${constraint}`].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

interface DriverErrorShape {
  code?: unknown;
  message?: unknown;
  table?: unknown;
  constraint?: unknown;
}

/** Maps a better-sqlite3 or pg error to a typed StoreError; anything else is returned unchanged. */
export function translateDriverError(error: unknown): unknown {
  if (error instanceof StoreError || typeof error !== 'object' || error === null) return error;
  const e = error as DriverErrorShape;
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (!code) return error;
  const message = typeof e.message === 'string' ? e.message : '';
  switch (code) {
    // SQLite (better-sqlite3 extended result codes)
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
      return new UniqueViolationError({ table: sqliteTable(message) }, error);
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return new ForeignKeyViolationError({}, error);
    case 'SQLITE_BUSY':
    case 'SQLITE_BUSY_SNAPSHOT':
    case 'SQLITE_LOCKED':
      return new TransactionConflictError('the SQLite database is locked by another connection', error);
    // PostgreSQL SQLSTATE
    case '23505':
      return new UniqueViolationError(pgDetails(e), error);
    case '23503':
      return new ForeignKeyViolationError(pgDetails(e), error);
    case '40001':
      return new TransactionConflictError('could not serialize access due to concurrent update', error);
    case '40P01':
      return new TransactionConflictError('deadlock detected', error);
    default:
      return error;
  }
}

/** "UNIQUE constraint failed: iam_users.account_id, iam_users.user_name" → "iam_users". */
function sqliteTable(message: string): string | undefined {
  return /constraint failed: ([A-Za-z0-9_]+)\./.exec(message)?.[1];
}

function pgDetails(e: DriverErrorShape): { table?: string; constraint?: string } {
  return {
    table: typeof e.table === 'string' ? e.table : undefined,
    constraint: typeof e.constraint === 'string' ? e.constraint : undefined,
  };
}
