import type { LockEntry, LockFile } from './types.js';

/** The lock's entry for `release` and `key`, if any. */
export function lockEntryOf(lock: LockFile | undefined, release: string, key: string): LockEntry | undefined {
  return lock?.entries.find((e) => e.release === release && e.key === key);
}
