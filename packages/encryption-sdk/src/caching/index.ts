export {
  CachingCryptographicMaterialsManager,
  DEFAULT_MAX_BYTES_ENCRYPTED,
  DEFAULT_MAX_MESSAGES_ENCRYPTED,
  type CachingCmmOptions,
  type CachingCmmStats,
} from './caching-cmm.ts';
export { LocalCryptographicMaterialsCache, type LocalCacheStats } from './local-cache.ts';
export { decryptEntryId, encryptEntryId, partitionHash } from './cache-entry-ids.ts';
