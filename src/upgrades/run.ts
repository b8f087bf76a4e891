/**
 * One check-upgrades run over a loaded deployments repo: check every selected trigger, then (unless dry)
 * write the lock files or patch the release files. Git and pull requests are the caller's business.
 */
import { hasErrors } from '../model/problems.js';
import type { LoadedRepo } from '../repo/loaded-repo.js';
import type { LockFile } from '../lock/types.js';
import { serializeLockFile } from '../lock/serialize.js';
import { writeLockFile } from '../lock/write.js';
import { confinedRoot } from '../fs/confined.js';
import type { Logger } from '../log/logger.js';
import { ImageMetadataCache } from '../registry/metadata-cache.js';
import { checkUpgrades, type CheckOptions } from './check.js';
import { planLockFiles } from './lock-plan.js';
import { planPatches, writePatches } from './patch.js';
import type { UpgradeRow, WriteMode } from './types.js';

export interface RunUpgradesOptions extends Omit<CheckOptions, 'loaded' | 'write' | 'metadataCache'> {
  write: WriteMode;
  /** Warnings (an unreadable cache, an untrusted registry answer) go to its `warning`. */
  logger?: Logger;
  /**
   * Folder of the image metadata cache (see registry/metadata-cache.ts), opened before the check and saved
   * after it, even when the check fails. Undefined = no cache.
   */
  cacheDir?: string;
  /** Check and report only. */
  dryRun?: boolean;
  now?: () => Date;
  /** See LockPlanOptions.previous. */
  previousLock?: (environment: string) => LockFile | undefined;
}

export interface ChangedFile {
  /** Root-relative. */
  file: string;
  /** The environments whose upgrades changed it (a shared release file may serve several). */
  environments: string[];
}

export interface RunUpgradesResult {
  rows: UpgradeRow[];
  /** Files written (or, in a dry run, that would be written). */
  changed: ChangedFile[];
}

export class ValidationFailedError extends Error {}

export async function runUpgrades(loaded: LoadedRepo, options: RunUpgradesOptions): Promise<RunUpgradesResult> {
  if (hasErrors(loaded.problems)) {
    throw new ValidationFailedError(`the deployments repo has ${loaded.problems.filter((p) => p.severity === 'error').length} error(s); nothing was checked or written`);
  }
  // One instant for the whole run: promotion compares with it what the lock plan then records as `since`.
  const now = (options.now ?? (() => new Date()))();
  let rows = await checkWithCache(loaded, { ...options, now: () => now });
  const changed: ChangedFile[] = [];
  if (options.write === 'lock') {
    const plans = planLockFiles(loaded, rows, {
      now,
      ...(options.previousLock ? { previous: options.previousLock } : {}),
      keepPending: Boolean(options.release || options.image),
    });
    const root = await confinedRoot(loaded.repo.root);
    for (const plan of plans) {
      // A dry run still serialises, so registry data that fails the lock grammar fails it too.
      const result = options.dryRun ? (serializeLockFile(plan.lock), { changed: true }) : await writeLockFile(root, plan.file, plan.lock);
      if (result.changed) changed.push({ file: plan.file, environments: [plan.environment] });
    }
  } else {
    const plan = await planPatches(loaded, rows);
    rows = plan.rows;
    if (!options.dryRun) await writePatches(loaded.repo.root, plan.files);
    for (const file of [...plan.files.keys()].sort()) {
      const environments = new Set<string>();
      for (const row of rows) {
        if (row.decision !== 'upgrade') continue;
        const release = loaded.repo.environments.find((e) => e.name === row.environment)?.releases.find((r) => r.name === row.release);
        if (release && (release.file === file || release.valuesFiles.includes(file))) environments.add(row.environment);
      }
      changed.push({ file, environments: [...environments].sort() });
    }
  }
  return { rows, changed };
}

async function checkWithCache(loaded: LoadedRepo, options: RunUpgradesOptions): Promise<UpgradeRow[]> {
  const { cacheDir, logger, ...check } = options;
  const metadataCache = cacheDir ? new ImageMetadataCache({ dir: cacheDir, ...(logger ? { warn: (message: string) => logger.warning(message) } : {}) }) : undefined;
  try {
    return await checkUpgrades({ ...check, loaded, ...(metadataCache ? { metadataCache } : {}) });
  } finally {
    await metadataCache?.save();
  }
}
