import { excerpt, problem } from '../../model/problems.js';
import { CHART_VERSION_KEY, type Environment, type LockFile, type Problem } from '../../model/types.js';

/**
 * Lock entries must match a release and a trigger that still exist. An error, not a warning: apply
 * layers every entry over the release values, so a stale entry would silently set a key nobody
 * asks for any more (or pin a tag the user meant to stop tracking).
 */
export function checkLock(env: Environment, lock: LockFile, lockFile: string): Problem[] {
  const problems: Problem[] = [];
  if (lock.environment !== env.name) {
    problems.push(problem({ file: lockFile, line: 1, column: 1 }, `lock file says environment \`${excerpt(lock.environment)}\`, but it is the lock file of environment \`${env.name}\``));
  }
  for (const entry of lock.entries) {
    const pos = entry.pos ?? { file: lockFile, line: 1, column: 1 };
    const release = env.releases.find((r) => r.name === entry.release);
    if (!release) {
      problems.push(problem(pos, `lock entry names release \`${excerpt(entry.release)}\`, which environment \`${env.name}\` no longer has; run check-upgrades to refresh the lock file`));
      continue;
    }
    const keys = release.triggers.map((t) => (t.kind === 'image' ? t.tagValue : CHART_VERSION_KEY));
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
