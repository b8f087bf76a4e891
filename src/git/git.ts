import { run, type RunResult } from '../exec/run.js';
import { checkBranch, checkPath, checkRemote, checkRevision } from './arguments.js';
import { GitError } from './errors.js';

export { GitError };

/** The identity used when the repository has none configured (as GitHub's own bot commits). */
export const BOT_IDENTITY = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' };

export interface GitContext {
  /** Any folder inside the working copy. */
  cwd: string;
  /** The remote to push to. Default `origin`. */
  remote?: string;
  /**
   * A token for pushing over HTTPS. It is handed to git as an `http.extraheader` through the environment
   * (GIT_CONFIG_*), never inside a URL git might print.
   */
  token?: string;
  /** Extra environment for every git command. */
  env?: NodeJS.ProcessEnv;
}

/** git settings as environment variables (GIT_CONFIG_*): nothing is written to a config file. */
export function configEnv(settings: readonly (readonly [string, string])[]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { GIT_CONFIG_COUNT: String(settings.length) };
  settings.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}

/** The `http.extraheader` setting that sends `token` as GitHub expects it over HTTPS. */
export function tokenHeader(token: string): readonly [string, string] {
  return ['http.extraheader', `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`];
}

function authEnv(ctx: GitContext): NodeJS.ProcessEnv {
  return ctx.token ? configEnv([tokenHeader(ctx.token)]) : {};
}

/** Runs git; `network` adds the push/fetch credentials. Throws GitError with git's message (the token never is in it). */
export async function git(ctx: GitContext, args: readonly string[], opts: { network?: boolean; env?: NodeJS.ProcessEnv; input?: string; allowFail?: boolean } = {}): Promise<RunResult> {
  if (ctx.remote !== undefined) checkRemote(ctx.remote);
  const env = { ...process.env, GIT_TERMINAL_PROMPT: '0', ...ctx.env, ...(opts.network ? authEnv(ctx) : {}), ...opts.env };
  const result = await run('git', args, { cwd: ctx.cwd, env, ...(opts.input !== undefined ? { input: opts.input } : {}) });
  if (result.code !== 0 && !opts.allowFail) {
    const message = ctx.token ? result.stderr.replaceAll(ctx.token, '***') : result.stderr;
    throw new GitError(`git ${args[0]} failed: ${message.trim()}`);
  }
  return result;
}

export async function gitOut(ctx: GitContext, args: readonly string[], opts: Parameters<typeof git>[2] = {}): Promise<string> {
  return (await git(ctx, args, opts)).stdout.trim();
}

/** Author/committer environment: the repository's own identity when set, else the bot's. */
export async function identityEnv(ctx: GitContext): Promise<NodeJS.ProcessEnv> {
  const name = (await git(ctx, ['config', 'user.name'], { allowFail: true })).stdout.trim();
  const email = (await git(ctx, ['config', 'user.email'], { allowFail: true })).stdout.trim();
  if (name && email) return {};
  return {
    GIT_AUTHOR_NAME: name || BOT_IDENTITY.name,
    GIT_AUTHOR_EMAIL: email || BOT_IDENTITY.email,
    GIT_COMMITTER_NAME: name || BOT_IDENTITY.name,
    GIT_COMMITTER_EMAIL: email || BOT_IDENTITY.email,
  };
}

export async function topLevel(ctx: GitContext): Promise<string> {
  return gitOut(ctx, ['rev-parse', '--show-toplevel']);
}

/** The checked-out branch, or undefined on a detached HEAD. */
export async function currentBranch(ctx: GitContext): Promise<string | undefined> {
  const result = await git(ctx, ['symbolic-ref', '--quiet', '--short', 'HEAD'], { allowFail: true });
  return result.code === 0 ? result.stdout.trim() : undefined;
}

/** The commit a remote branch points at, or undefined when the remote has no such branch. */
export async function remoteBranchSha(ctx: GitContext, branch: string): Promise<string | undefined> {
  const out = await gitOut(ctx, ['ls-remote', '--heads', '--', ctx.remote ?? 'origin', `refs/heads/${checkBranch(branch)}`], { network: true });
  const line = out.split('\n').find((l) => l.endsWith(`\trefs/heads/${branch}`));
  return line?.split('\t')[0];
}

/** Fetches a remote branch's commit so its files can be read; returns its sha or undefined. */
export async function fetchBranch(ctx: GitContext, branch: string): Promise<string | undefined> {
  const sha = await remoteBranchSha(ctx, branch);
  if (!sha) return undefined;
  await git(ctx, ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--', ctx.remote ?? 'origin', `+refs/heads/${checkBranch(branch)}:refs/kubecd/${branch}`], { network: true });
  return sha;
}

/** A file's text at a commit (path relative to the repository top), or undefined when it is not there. */
export async function fileAt(ctx: GitContext, commit: string, path: string): Promise<string | undefined> {
  const result = await git(ctx, ['show', '--end-of-options', `${checkRevision(commit, 'commit')}:${checkPath(path)}`], { allowFail: true });
  return result.code === 0 ? result.stdout : undefined;
}
