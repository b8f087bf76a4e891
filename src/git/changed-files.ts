import { relative, resolve, sep } from 'node:path';
import { checkRevision } from './arguments.js';
import { git, GitError, gitOut, topLevel } from './git.js';

/**
 * Files changed between `since` and the working tree (untracked files included), as paths relative to
 * `root` with forward slashes. Files outside `root` are dropped.
 */
export async function changedFilesSince(root: string, since: string): Promise<string[]> {
  checkRevision(since, 'since');
  const ctx = { cwd: root };
  const top = await topLevel(ctx).catch((error: Error) => {
    throw new GitError(`${root} is not in a git repository: ${error.message}`);
  });
  const verify = await git(ctx, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${since}^{commit}`], { allowFail: true });
  if (verify.code !== 0) throw new GitError(`since: "${since}" is not a commit in this repository (a shallow checkout needs fetch-depth: 0 or the ref fetched)`);
  const diff = await gitOut(ctx, ['diff', '--name-only', '--no-renames', '-z', '--end-of-options', since, '--']);
  const untracked = await gitOut({ cwd: top }, ['ls-files', '--others', '--exclude-standard', '-z']);
  const files = [...diff.split('\0'), ...untracked.split('\0')].filter(Boolean);
  return [...new Set(files.map((file) => relative(root, resolve(top, file)).split(sep).join('/')))].filter((file) => !file.startsWith('../')).sort();
}

/** True when `file` is `input` or lies inside the folder `input`. */
export function touches(file: string, input: string): boolean {
  return file === input || file.startsWith(input.endsWith('/') ? input : `${input}/`);
}
