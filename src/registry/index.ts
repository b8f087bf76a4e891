export { RegistryClient, SOURCE_LABEL, nextLink } from './client.js';
export type { ImageInfo, PlatformInfo, RegistryClientOptions } from './client.js';
export * from './credentials.js';
export * from './errors.js';
export { newestCandidates, rememberImage, type KnownImage, type NewestCandidates, type NewestLookupOptions } from './newest.js';
export * from './reference.js';
export { DEFAULT_RETRY_POLICY, parseRetryAfter, withRetry, type RetryPolicy } from './retry.js';
export type { RegistryStats, RequestKind } from './transport.js';
