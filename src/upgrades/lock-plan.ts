import { compareEntries } from '../lock/serialize.js';
import type { LoadedRepo } from '../model/loaded-repo.js';
import type { LockEntry, LockFile } from '../model/types.js';
import type { UpgradeRow } from './types.js';

export interface LockPlan {
  environment: string;
  /** Root-relative path of the environment's lock file. */
  file: string;
  lock: LockFile;
}

export interface LockPlanOptions {
  /** When the upgrade was resolved; only new or changed entries get it. */
  now: Date;
  /**
   * A lock file that already records some of these upgrades (the pull request branch's): an entry with
   * the same release, key and value keeps its `resolvedAt`, so re-finding the same upgrade changes no byte.
   */
  previous?: (environment: string) => LockFile | undefined;
}

function withoutPos(entry: LockEntry): LockEntry {
  const { pos: _pos, ...rest } = entry;
  return rest;
}

/** The lock files the upgrades lead to, one per environment that has any upgrade. */
export function planLockFiles(loaded: LoadedRepo, rows: readonly UpgradeRow[], options: LockPlanOptions): LockPlan[] {
  const plans: LockPlan[] = [];
  for (const environment of loaded.repo.environments) {
    const upgrades = rows.filter((row) => row.environment === environment.name && row.decision === 'upgrade' && row.candidate !== undefined);
    if (upgrades.length === 0) continue;
    const entries = new Map<string, LockEntry>();
    const id = (release: string, key: string) => `${release}\u0000${key}`;
    for (const entry of loaded.lock(environment.name)?.entries ?? []) entries.set(id(entry.release, entry.key), withoutPos(entry));
    const previous = new Map((options.previous?.(environment.name)?.entries ?? []).map((e) => [id(e.release, e.key), e]));
    for (const row of upgrades) {
      const earlier = previous.get(id(row.release, row.key));
      const entry: LockEntry = {
        release: row.release,
        key: row.key,
        value: row.candidate!,
        repository: row.repository,
        ...(row.digest ? { digest: row.digest } : {}),
        track: row.track,
        ...(row.created ? { created: row.created } : {}),
        resolvedAt: earlier && earlier.value === row.candidate ? earlier.resolvedAt : options.now.toISOString(),
      };
      entries.set(id(row.release, row.key), entry);
    }
    plans.push({ environment: environment.name, file: environment.lockFile, lock: { environment: environment.name, entries: [...entries.values()].sort(compareEntries) } });
  }
  return plans;
}
