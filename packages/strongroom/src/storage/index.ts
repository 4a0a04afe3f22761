export { ForeignKeyViolationError, StoreError, StoreMisuseError, TransactionConflictError, UniqueViolationError } from './errors.ts';
export { LoadingCache, type LoadingCacheOptions } from './loading-cache.ts';
export { getMeta, putMetaIfAbsent, setMeta } from './meta.ts';
export { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index.ts';
export type { Migration, MigrationContext, PortableTypes } from './migrations/migration.ts';
export { parsePostgresUrl } from './postgres/postgres-url.ts';
export { SQLITE_FILE_NAME } from './sqlite/open-sqlite.ts';
export { openStore, type OpenStoreOptions, type Store } from './store.ts';
export type * from './types.ts';
