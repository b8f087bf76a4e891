import { relative, resolve, sep } from 'node:path';
import { run } from '../exec/run.js';

export class GitError extends Error {}

/**
 * Files changed between `since` and the working tree, as paths relative to `root` (forward slashes).
 * Files outside `root` are dropped.
 */
export async function changedFilesSince(root: string, since: string): Promise<string[]> {
  const top = await run('git', ['rev-parse', '--show-toplevel'], { cwd: root });
  if (top.code !== 0) throw new GitError(`${root} is not in a git repository: ${top.stderr.trim()}`);
  const verify = await run('git', ['rev-parse', '--verify', '--quiet', `${since}^{commit}`], { cwd: root });
  if (verify.code !== 0) throw new GitError(`since: "${since}" is not a commit in this repository (a shallow checkout needs fetch-depth: 0 or the ref fetched)`);
  const diff = await run('git', ['diff', '--name-only', '--no-renames', '-z', since, '--'], { cwd: root });
  if (diff.code !== 0) throw new GitError(`git diff ${since} failed: ${diff.stderr.trim()}`);
  const untracked = await run('git', ['ls-files', '--others', '--exclude-standard', '-z'], { cwd: top.stdout.trim() });
  const files = [...diff.stdout.split('\0'), ...untracked.stdout.split('\0')].filter(Boolean);
  const topDir = top.stdout.trim();
  return [...new Set(files.map((file) => relative(root, resolve(topDir, file)).split(sep).join('/')))].filter((file) => !file.startsWith('../')).sort();
}

/** True when `file` is `input` or lies inside the folder `input`. */
export function touches(file: string, input: string): boolean {
  return file === input || file.startsWith(input.endsWith('/') ? input : `${input}/`);
}
