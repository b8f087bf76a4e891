// A deployments repository made from a copy of examples/, pointed at the loopback stack, pushed to the stack's
// bare remote (the repository the GitHub stand-in serves).
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_BRANCH, git } from '../harness/git.js';
import { makeTempDir } from '../harness/process.js';
import type { Stack } from '../harness/stack.js';
import { REPO_ROOT } from '../harness/tools.js';

export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');

/** Sets `image.prefix` (the one line naming the registry) and the `shared` Helm repository's URL. */
export async function pointExamplesAtStack(dir: string, registryHost: string, chartRepoUrl: string): Promise<void> {
  const defaults = join(dir, 'defaults', 'common.yaml');
  const defaultsText = await readFile(defaults, 'utf8');
  const prefixed = defaultsText.replace(/^(\s+prefix:\s*).*$/m, `$1${registryHost}/`);
  if (prefixed === defaultsText) throw new Error(`${defaults}: no image.prefix line to point at the local registry`);
  await writeFile(defaults, prefixed);

  const environments = join(dir, 'environments.yaml');
  const envText = await readFile(environments, 'utf8');
  const repointed = envText.replace(/^(\s+url:\s*)https:\/\/charts\.example\.test\/shared\s*$/m, `$1${chartRepoUrl}`);
  if (repointed === envText) throw new Error(`${environments}: no helmRepos url for "shared" to point at the local chart repository`);
  await writeFile(environments, repointed);
}

export interface DeploymentsRepo {
  /** The commit on main after the initial push. */
  initialCommit: string;
  /** A working clone the test keeps (to inspect what others pushed). */
  clone: string;
}

/** Copies examples/, points it at the stack, commits it and pushes main to the stack's bare remote. */
export async function createDeploymentsRepo(stack: Stack): Promise<DeploymentsRepo> {
  const seed = join(await makeTempDir('deployments-seed'), 'deployments');
  await cp(EXAMPLES_DIR, seed, { recursive: true });
  await pointExamplesAtStack(seed, stack.registry.host, stack.chartRepo.url);
  await git(seed, ['init', '--quiet', `--initial-branch=${DEFAULT_BRANCH}`]);
  await git(seed, ['config', 'user.name', 'kubecd e2e']);
  await git(seed, ['config', 'user.email', 'kubecd-e2e@example.invalid']);
  await git(seed, ['add', '--all']);
  await git(seed, ['commit', '--quiet', '-m', 'Deployments repo from kubecd examples']);
  const sha = (await git(seed, ['rev-parse', 'HEAD'])).trim();
  await git(seed, ['push', '--quiet', stack.remote.url, `HEAD:refs/heads/${DEFAULT_BRANCH}`]);
  return { initialCommit: sha, clone: seed };
}

/** A fresh checkout of main, as actions/checkout makes one for a job (no git identity configured). */
export async function checkout(stack: Stack, ref: string = DEFAULT_BRANCH): Promise<{ dir: string; sha: string }> {
  const dir = join(await makeTempDir('workspace'), 'deployments');
  await git(REPO_ROOT, ['clone', '--quiet', '--branch', ref, stack.remote.url, dir]);
  return { dir, sha: (await git(dir, ['rev-parse', 'HEAD'])).trim() };
}
