import { excerpt, problem } from '../../model/problems.js';
import { lockKeyOf } from '../../lock/chart-version.js';
import type { LockFile } from '../../lock/types.js';
import type { Environment, Problem } from '../../model/types.js';

/**
 * Lock entries must match a release and a trigger that still exist. An error, not a warning: apply
 * layers every entry over the release values, so a stale entry would silently set a key nobody
 * asks for any more (or pin a tag the user meant to stop tracking).
 *
 * `unreadReleaseFiles`: release files that failed to read or parse. Their releases are unknown, so an entry
 * naming a release that is not found is not called stale: the file's own error is the one to fix.
 */
export function checkLock(env: Environment, lock: LockFile, lockFile: string, unreadReleaseFiles: ReadonlySet<string> = new Set()): Problem[] {
  const releasesUnknown = env.releaseFiles.some((file) => unreadReleaseFiles.has(file));
  const problems: Problem[] = [];
  if (lock.environment !== env.name) {
    problems.push(problem({ file: lockFile, line: 1, column: 1 }, `lock file says environment \`${excerpt(lock.environment)}\`, but it is the lock file of environment \`${env.name}\``));
  }
  for (const entry of lock.entries) {
    const pos = entry.pos ?? { file: lockFile, line: 1, column: 1 };
    const release = env.releases.find((r) => r.name === entry.release);
    if (!release) {
      if (releasesUnknown) continue;
      problems.push(problem(pos, `lock entry names release \`${excerpt(entry.release)}\`, which environment \`${env.name}\` no longer has; run check-upgrades to refresh the lock file`));
      continue;
    }
    const keys = release.triggers.map(lockKeyOf);
    if (!keys.includes(entry.key)) {
      problems.push(
        problem(
          pos,
          `lock entry sets \`${excerpt(entry.key)}\` of release \`${excerpt(entry.release)}\`, but no trigger of that release uses this key (${keys.length ? `expected one of: ${keys.join(', ')}` : 'it has no triggers'}); run check-upgrades to refresh the lock file`,
        ),
      );
    }
  }
  return problems;
}
