/**
 * A read-only follower of one branch of a remote: clone once, then fetch and fast-forward. It never pushes
 * and never rewrites: a branch that moved to a commit that does not descend from the checked-out one is
 * refused. Only the URL's own transport is allowed (no file://, ext:: or submodule transports), redirects
 * are not followed (the token header would go with them), and received objects are checked (fsck).
 */
import { chmod, copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { quoted } from '../exec/quote.js';
import { isPlainArgument } from '../model/grammar.js';
import { checkBranch, checkObjectId } from './arguments.js';
import { GitArgumentError, GitError } from './errors.js';
import { configEnv, git, tokenHeader } from './git.js';

export type CloneTransport = 'https' | 'http' | 'ssh';

export interface CheckedUrl {
  url: string;
  transport: CloneTransport;
  host: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;
/** `git@github.com:acme/deployments.git` */
const SCP_LIKE = /^([A-Za-z0-9._-]+)@([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):([A-Za-z0-9._~/-]+)$/;

function refuseUrl(url: string, why: string): never {
  throw new GitArgumentError(`refusing to clone ${quoted(url)}: ${why}`);
}

/**
 * A clone URL kubecd accepts: https://HOST/PATH, ssh://[USER@]HOST[:PORT]/PATH or USER@HOST:PATH; http:// only
 * to a loopback address (a git server beside the agent). No password in the URL (use a token file).
 */
export function checkCloneUrl(url: string): CheckedUrl {
  if (!isPlainArgument(url) || /\s/.test(url)) refuseUrl(url, 'expected one plain word, not starting with "-"');
  const scp = SCP_LIKE.exec(url);
  if (scp) {
    if (scp[4]!.startsWith('-')) refuseUrl(url, 'the path must not start with "-"');
    return { url, transport: 'ssh', host: scp[2]! };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuseUrl(url, 'expected https://HOST/PATH, ssh://USER@HOST/PATH or USER@HOST:PATH');
  }
  const transport = parsed.protocol.slice(0, -1);
  if (transport !== 'https' && transport !== 'http' && transport !== 'ssh') refuseUrl(url, `the ${transport}: transport is not allowed (https, ssh, or http to a loopback address)`);
  const host = parsed.hostname;
  if (!(HOST.test(host) || host === '[::1]')) refuseUrl(url, 'the host is not a host name or address');
  if (parsed.password !== '') refuseUrl(url, 'a password in the URL would be printed by git; give a token file instead');
  if (transport !== 'ssh' && parsed.username !== '') refuseUrl(url, 'a user name in an HTTPS URL is a credential; give a token file instead');
  if (transport === 'http' && !LOOPBACK.has(host)) refuseUrl(url, 'plain http is only allowed to a loopback address; use https');
  if (parsed.search !== '' || parsed.hash !== '') refuseUrl(url, 'a query or fragment is not part of a repository URL');
  return { url, transport, host };
}

/** How the follower authenticates: a bearer token over HTTPS, or a deploy key over SSH. */
export interface RemoteAuth {
  /** Returns the token (read afresh each time: a mounted Secret may change). */
  token?: () => Promise<string>;
  /** From prepareSshCommand. */
  sshCommand?: string;
}

/** Only kubecd-made paths go into the SSH command line, and only in this spelling. */
const SAFE_PATH = /^\/[A-Za-z0-9._/-]+$/;

/**
 * Copies the deploy key and known_hosts into `dir` (a private folder kubecd made) with mode 0600 and returns
 * the SSH command git runs. git runs core.sshCommand through a shell, so the command holds nothing but fixed
 * words and the two copied paths, checked against a strict character set. Host keys must be known.
 */
export async function prepareSshCommand(dir: string, keyFile: string, knownHostsFile: string): Promise<string> {
  const sshDir = join(dir, 'ssh');
  await mkdir(sshDir, { recursive: true, mode: 0o700 });
  const key = join(sshDir, 'deploy-key');
  const knownHosts = join(sshDir, 'known_hosts');
  await copyFile(keyFile, key).catch((error: NodeJS.ErrnoException) => { throw new GitError(`cannot read the SSH deploy key ${keyFile}: ${error.code ?? error.message}`); });
  await copyFile(knownHostsFile, knownHosts).catch((error: NodeJS.ErrnoException) => { throw new GitError(`cannot read the SSH known hosts file ${knownHostsFile}: ${error.code ?? error.message}`); });
  await Promise.all([chmod(key, 0o600), chmod(knownHosts, 0o600)]);
  return sshCommand(key, knownHosts);
}

export function sshCommand(key: string, knownHosts: string): string {
  for (const path of [key, knownHosts]) {
    if (!SAFE_PATH.test(path)) throw new GitArgumentError(`refusing to build the SSH command: path ${quoted(path)} has characters other than letters, digits, ".", "_", "-" and "/" (set TMPDIR to a plain path)`);
  }
  return [
    'ssh', '-F', '/dev/null', '-i', key,
    '-o', 'IdentitiesOnly=yes', '-o', 'BatchMode=yes',
    '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'GlobalKnownHostsFile=/dev/null',
  ].join(' ');
}

export interface Follower {
  /** The working copy's folder. */
  dir: string;
  url: CheckedUrl;
  branch: string;
  auth: RemoteAuth;
}

export interface FetchResult {
  /** The commit checked out before. */
  from: string;
  /** The commit checked out now. */
  to: string;
  changed: boolean;
}

/** Thrown when the remote branch moved to a commit that does not descend from the checked-out one. */
export class NotFastForwardError extends GitError {}

/** One `-c`-like setting per entry, passed through the environment so nothing is written to the clone's config. */
async function remoteEnv(follower: Omit<Follower, 'dir'>): Promise<{ env: NodeJS.ProcessEnv; token?: string }> {
  const { transport } = follower.url;
  const settings: (readonly [string, string])[] = [
    ['protocol.allow', 'never'],
    [`protocol.${transport}.allow`, 'always'],
    ['http.followRedirects', 'false'],
    ['transfer.fsckObjects', 'true'],
    ['credential.helper', ''],
  ];
  let token: string | undefined;
  if (follower.auth.token && transport !== 'ssh') {
    token = (await follower.auth.token()).trim();
    if (token === '' || /[\s\u0000-\u001f]/.test(token)) throw new GitError('the git token is empty or not one line');
    settings.push(tokenHeader(token));
  }
  const env: NodeJS.ProcessEnv = { ...configEnv(settings), GIT_CONFIG_NOSYSTEM: '1' };
  if (transport === 'ssh') {
    if (!follower.auth.sshCommand) throw new GitError('an SSH clone URL needs a deploy key and a known hosts file');
    env.GIT_SSH_COMMAND = follower.auth.sshCommand;
  }
  return { env, ...(token ? { token } : {}) };
}

/**
 * ssh's own text for a host key it cannot verify is a banner whose advice (edit or `ssh-keygen -R` a file)
 * names kubecd's private copy of the known hosts file, which nobody can fix; this says what happened instead.
 */
export function hostKeyFailure(stderr: string): string | undefined {
  if (!/^Host key verification failed\./m.test(stderr)) return undefined;
  const changed = /^Host key for (\S+) has changed/m.exec(stderr);
  if (changed) {
    const offered = /^(SHA256:[A-Za-z0-9+/]+)/m.exec(stderr)?.[1];
    return `host key verification failed: ${changed[1]} offered a host key${offered ? ` (${offered})` : ''} that is not the one the known hosts file lists for it, so kubecd did not log in (a wrong known hosts file, or someone in between)`;
  }
  const unknown = /^No (\S+) host key is known for (\S+)/m.exec(stderr);
  if (unknown) return `host key verification failed: the known hosts file has no ${unknown[1]} key for ${unknown[2]}, so kubecd did not log in`;
  return 'host key verification failed: the SSH server\'s host key could not be checked against the known hosts file, so kubecd did not log in';
}

/** git over the network, its error with the token masked. */
async function networkGit(cwd: string, follower: Omit<Follower, 'dir'>, args: string[]): Promise<void> {
  const { env, token } = await remoteEnv(follower);
  const result = await git({ cwd }, args, { env, allowFail: true });
  if (result.code !== 0) {
    const message = (follower.url.transport === 'ssh' ? hostKeyFailure(result.stderr) : undefined) ?? (result.stderr.trim() || `exit code ${result.code}`);
    throw new GitError(`git ${args[0]} ${follower.url.url} failed: ${token ? message.replaceAll(token, '***') : message}`);
  }
}

async function head(dir: string): Promise<string> {
  const result = await git({ cwd: dir }, ['rev-parse', '--verify', '--end-of-options', 'HEAD^{commit}']);
  return checkObjectId(result.stdout.trim());
}

/** Clones `branch` of the follower's URL into `dir` (which must not exist or be empty); returns the commit. */
export async function cloneBranch(follower: Follower): Promise<string> {
  checkBranch(follower.branch);
  await mkdir(follower.dir, { recursive: true });
  try {
    await networkGit(follower.dir, follower, ['clone', '--quiet', '--no-tags', '--single-branch', `--branch=${follower.branch}`, '--', follower.url.url, '.']);
  } catch (error) {
    // The next attempt clones into an empty folder again.
    await rm(follower.dir, { recursive: true, force: true });
    throw error;
  }
  return head(follower.dir);
}

/** Fetches the branch and fast-forwards the working copy to it; refuses (NotFastForwardError) anything else. */
export async function fetchFastForward(follower: Follower): Promise<FetchResult> {
  const branch = checkBranch(follower.branch);
  const tracking = `refs/remotes/origin/${branch}`;
  await networkGit(follower.dir, follower, ['fetch', '--quiet', '--no-tags', '--', follower.url.url, `+refs/heads/${branch}:${tracking}`]);
  // Both arguments start with fixed text (the branch is checked), so neither can read as an option.
  const both = await git({ cwd: follower.dir }, ['rev-parse', 'HEAD^{commit}', `${tracking}^{commit}`]);
  const [from, to] = both.stdout.trim().split('\n').map((id) => checkObjectId(id)) as [string, string];
  if (from === to) return { from, to, changed: false };
  const ancestor = await git({ cwd: follower.dir }, ['merge-base', '--is-ancestor', from, to], { allowFail: true });
  if (ancestor.code === 1) {
    throw new NotFastForwardError(`branch ${branch} of ${follower.url.url} moved from ${from.slice(0, 12)} to ${to.slice(0, 12)}, which is not a fast-forward (a force-push or rewrite); kubecd only follows fast-forwards, so it stays at ${from.slice(0, 12)}`);
  }
  if (ancestor.code !== 0) throw new GitError(`git merge-base failed: ${ancestor.stderr.trim()}`);
  await git({ cwd: follower.dir }, ['merge', '--ff-only', '--quiet', to]);
  return { from, to, changed: true };
}
