export { ChangeFanout, invalidateOnChange, MAX_TOPIC_LENGTH, type ChangeFeed, type InvalidatableCache, type TransactionHooks } from './change-feed.ts';
export { LocalChangeFeed } from './local-change-feed.ts';
export { changeChannel, MAX_PAYLOAD_BYTES, openPostgresChangeFeed, PostgresChangeFeed, type PostgresChangeFeedOptions } from './postgres-change-feed.ts';
