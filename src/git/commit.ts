/**
 * Commits working-tree files onto a base commit without checking anything out: a private index is
 * filled from the base tree plus the files, written as a tree, and committed with `commit-tree`. The
 * checkout, its index and its branch stay as they were, so several groups can be committed in one run.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { tempRoot } from '../fs/temp-dir.js';
import { checkBranch, checkObjectId, checkPath, checkRevision } from './arguments.js';
import { git, gitOut, identityEnv, type GitContext } from './git.js';

export interface TreeCommit {
  sha: string;
  tree: string;
}

/** `files` are relative to the repository top. */
export async function commitFilesOnto(ctx: GitContext, base: string, files: readonly string[], message: string): Promise<TreeCommit> {
  const index = join(tempRoot(), `kubecd-index-${randomBytes(6).toString('hex')}`);
  const env = { GIT_INDEX_FILE: index };
  try {
    await git(ctx, ['read-tree', '--end-of-options', checkRevision(base, 'base commit')], { env });
    if (files.length > 0) await git(ctx, ['update-index', '--add', '--remove', '--', ...files.map(checkPath)], { env });
    const tree = checkObjectId(await gitOut(ctx, ['write-tree'], { env }), 'tree');
    const parent = checkObjectId(await gitOut(ctx, ['rev-parse', '--verify', '--end-of-options', `${base}^{commit}`]), 'base commit');
    // commit-tree takes no --end-of-options; both ids are checked full object ids.
    const sha = await gitOut(ctx, ['commit-tree', tree, '-p', parent, '-F', '-'], { env: { ...env, ...(await identityEnv(ctx)) }, input: message });
    return { sha, tree };
  } finally {
    await rm(index, { force: true });
  }
}

export async function treeOf(ctx: GitContext, commit: string): Promise<string> {
  return gitOut(ctx, ['rev-parse', '--verify', '--end-of-options', `${checkRevision(commit, 'commit')}^{tree}`]);
}

/**
 * Pushes `commit` to `branch`, replacing it only if it still is at `expected` (undefined: must not exist yet),
 * so a branch someone else moved meanwhile is never overwritten.
 */
export async function pushWithLease(ctx: GitContext, commit: string, branch: string, expected: string | undefined): Promise<void> {
  checkBranch(branch);
  if (expected !== undefined) checkObjectId(expected, 'expected commit');
  await git(ctx, ['push', '--quiet', `--force-with-lease=refs/heads/${branch}:${expected ?? ''}`, '--', ctx.remote ?? 'origin', `${checkRevision(commit, 'commit')}:refs/heads/${branch}`], { network: true });
}

/** Commits `files` on the checked-out branch and pushes it to `branch` on the remote (a plain, non-forced push). */
export async function commitAndPush(ctx: GitContext, files: readonly string[], message: string, branch: string): Promise<string> {
  const paths = files.map(checkPath);
  await git(ctx, ['add', '--', ...paths]);
  await git(ctx, ['commit', '--quiet', '--no-verify', '-F', '-', '--', ...paths], { env: await identityEnv(ctx), input: message });
  const sha = await gitOut(ctx, ['rev-parse', 'HEAD']);
  await git(ctx, ['push', '--quiet', '--', ctx.remote ?? 'origin', `HEAD:refs/heads/${checkBranch(branch)}`], { network: true });
  return sha;
}
