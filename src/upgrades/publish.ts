/**
 * Hands the upgrades to humans: one branch and pull request per group (environment, or all), pushed with
 * --force-with-lease, updated in place on later runs, closed when nothing is left; or one commit straight
 * to the base branch.
 */
import { realpath } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { commitAndPush, commitFilesOnto, pushWithLease, treeOf } from '../git/commit.js';
import { currentBranch, fetchBranch, fileAt, gitOut, topLevel, type GitContext } from '../git/git.js';
import { closePullRequest, findOpenPullRequest, openOrUpdatePullRequest, type GitHubRepo, type PullRequestRef } from '../git/pull-requests.js';
import { parseLockFile } from '../lock/parse.js';
import type { Logger } from '../log/logger.js';
import type { LoadedRepo } from '../repo/loaded-repo.js';
import type { LockFile } from '../lock/types.js';
import { commitMessage, pullRequestBody, pullRequestTitle } from './report.js';
import type { ChangedFile } from './run.js';
import type { UpgradeRow } from './types.js';

export type CommitMode = 'pull-request' | 'push' | 'none';
export type GroupMode = 'environment' | 'all';

export const BRANCH_PREFIX = 'kubecd/upgrades';

export function branchFor(group: GroupMode, environment: string): string {
  return group === 'all' ? BRANCH_PREFIX : `${BRANCH_PREFIX}/${environment}`;
}

/** Root-relative path → path relative to the git top level. */
async function toTop(ctx: GitContext, root: string): Promise<(file: string) => string> {
  const prefix = relative(await realpath(ctx.cwd), await realpath(root)).split(sep).join('/');
  return (file) => (prefix ? `${prefix}/${file}` : file);
}

/** The context with cwd at the top level, where every path given to git is taken as top-relative. */
async function atTop(ctx: GitContext): Promise<GitContext> {
  return { ...ctx, cwd: await realpath(await topLevel(ctx)) };
}

/**
 * The lock files as the existing upgrade branches hold them, so a run that finds the same upgrades again
 * produces the same bytes (same `resolvedAt`) and leaves the pull request alone.
 */
export async function branchLocks(ctx: GitContext, loaded: LoadedRepo, environments: readonly string[], group: GroupMode): Promise<Map<string, LockFile>> {
  const locks = new Map<string, LockFile>();
  ctx = await atTop(ctx);
  const top = await toTop(ctx, loaded.repo.root);
  const fetched = new Map<string, Promise<string | undefined>>();
  for (const name of environments) {
    const environment = loaded.repo.environments.find((e) => e.name === name);
    if (!environment) continue;
    const branch = branchFor(group, name);
    if (!fetched.has(branch)) fetched.set(branch, fetchBranch(ctx, branch));
    const sha = await fetched.get(branch)!;
    if (!sha) continue;
    const text = await fileAt(ctx, sha, top(environment.lockFile));
    if (text === undefined) continue;
    const { lock } = parseLockFile(text, environment.lockFile);
    if (lock) locks.set(name, lock);
  }
  return locks;
}

export interface PublishOptions {
  ctx: GitContext;
  loaded: LoadedRepo;
  commit: CommitMode;
  group: GroupMode;
  /** The base branch; default the checked-out branch, else GITHUB_REF_NAME. */
  base?: string;
  github?: GitHubRepo;
  rows: readonly UpgradeRow[];
  changed: readonly ChangedFile[];
  /** Environments checked in this run. */
  environments: readonly string[];
  /** False when the run looked at only some triggers (release filter, image mode): no pull request is closed then. */
  complete: boolean;
  /** Each push and pull request, as it happens, to its `info`. */
  logger?: Logger;
}

export type PullRequestOutcome = PullRequestRef & { action: 'created' | 'updated' | 'unchanged' | 'closed' };

export interface PublishResult {
  pullRequests: PullRequestOutcome[];
  /** Commits pushed. */
  commits: string[];
}

export async function publish(options: PublishOptions): Promise<PublishResult> {
  const { loaded } = options;
  const ctx = await atTop(options.ctx);
  const log = (message: string) => options.logger?.info(message);
  const result: PublishResult = { pullRequests: [], commits: [] };
  if (options.commit === 'none') return result;
  const top = await toTop(ctx, loaded.repo.root);
  const base = options.base || (await currentBranch(ctx)) || process.env.GITHUB_REF_NAME;
  if (!base) throw new Error('cannot tell the base branch (detached HEAD): set the `base` input');
  const updates = options.rows.filter((r) => r.decision === 'upgrade');

  if (options.commit === 'push') {
    if (options.changed.length === 0) return result;
    const sha = await commitAndPush(ctx, options.changed.map((c) => top(c.file)), commitMessage(updates, undefined), base);
    log(`pushed ${sha.slice(0, 12)} to ${base}`);
    result.commits.push(sha);
    return result;
  }

  if (!options.github) throw new Error('commit: pull-request needs a GitHub token and repository');
  const github = options.github;
  const headSha = await gitOut(ctx, ['rev-parse', 'HEAD']);
  const groups = options.group === 'all' ? [{ name: undefined as string | undefined, environments: [...options.environments] }] : options.environments.map((e) => ({ name: e as string | undefined, environments: [e] }));
  for (const group of groups) {
    const branch = group.name === undefined ? BRANCH_PREFIX : branchFor('environment', group.name);
    const files = options.changed.filter((c) => c.environments.some((e) => group.environments.includes(e))).map((c) => top(c.file));
    const groupUpdates = updates.filter((u) => group.environments.includes(u.environment));
    if (files.length === 0 || groupUpdates.length === 0) {
      const skipped = options.rows.some((r) => group.environments.includes(r.environment) && r.decision === 'skip');
      if (options.complete && !skipped) {
        const closed = await closePullRequest(github, branch, base, 'kubecd check-upgrades found nothing left to upgrade here; closing.');
        if (closed) {
          log(`closed pull request #${closed.number} (${branch}): nothing left`);
          result.pullRequests.push({ ...closed, action: 'closed' });
        }
      }
      continue;
    }
    const commit = await commitFilesOnto(ctx, headSha, files, commitMessage(groupUpdates, group.name));
    const existing = await fetchBranch(ctx, branch);
    const title = pullRequestTitle(groupUpdates, group.name);
    const body = pullRequestBody(groupUpdates);
    if (existing && (await treeOf(ctx, existing)) === commit.tree) {
      const open = await findOpenPullRequest(github, branch, base);
      if (open) {
        log(`pull request #${open.number} (${branch}) already has these changes`);
        result.pullRequests.push({ ...open, action: 'unchanged' });
        continue;
      }
    } else {
      await pushWithLease(ctx, commit.sha, branch, existing);
      result.commits.push(commit.sha);
      log(`pushed ${commit.sha.slice(0, 12)} to ${branch}`);
    }
    const pull = await openOrUpdatePullRequest(github, { branch, base, title, body });
    log(`${pull.action} pull request #${pull.number}: ${pull.url}`);
    result.pullRequests.push(pull);
  }
  return result;
}
