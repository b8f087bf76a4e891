import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { makeTempDir } from './process.js';

const execFileAsync = promisify(execFile);

export const DEFAULT_BRANCH = 'main';
export const TEST_AUTHOR = { name: 'kubecd test', email: 'kubecd-test@example.invalid' };

/** git with no user or system config in the way (a developer's hooks, signing or default branch). */
export async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync('git', args, {
      cwd,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' },
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`git ${args.join(' ')} (in ${cwd}) failed: ${stderr.trim() || String(error)}`);
  }
}

export interface BareRemote {
  bareDir: string;
  /** file:// URL of the bare repository, usable as a remote. */
  url: string;
}

/** An empty bare repository whose HEAD points at `main`. */
export async function createBareRemote(): Promise<BareRemote> {
  const bareDir = join(await makeTempDir('git-remote'), 'remote.git');
  await mkdir(bareDir);
  await git(bareDir, ['init', '--bare', `--initial-branch=${DEFAULT_BRANCH}`, '--quiet']);
  return { bareDir, url: pathToFileURL(bareDir).href };
}

export interface CloneOptions {
  /** Branch to check out (default: the remote's HEAD). */
  branch?: string;
  author?: { name: string; email: string };
}

/** A working clone of `remote` with user.name/user.email set locally, so commits work without a global config. */
export async function cloneWorkingCopy(remote: BareRemote, opts: CloneOptions = {}): Promise<string> {
  const workDir = join(await makeTempDir('git-work'), 'work');
  await git(dirname(workDir), ['clone', '--quiet', ...(opts.branch ? ['--branch', opts.branch] : []), remote.url, workDir]);
  const author = opts.author ?? TEST_AUTHOR;
  await git(workDir, ['config', 'user.name', author.name]);
  await git(workDir, ['config', 'user.email', author.email]);
  await git(workDir, ['config', 'commit.gpgsign', 'false']);
  return workDir;
}

/** Writes files (paths relative to the working copy, folders created) and commits them; returns the new commit's sha. */
export async function commitFiles(workDir: string, files: Record<string, string>, message: string): Promise<string> {
  for (const [path, content] of Object.entries(files)) {
    const target = join(workDir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  await git(workDir, ['add', '--', ...Object.keys(files)]);
  await git(workDir, ['commit', '--quiet', '-m', message]);
  return (await git(workDir, ['rev-parse', 'HEAD'])).trim();
}

export interface SeededRepo extends BareRemote {
  workDir: string;
  /** The initial commit on main. */
  commit: string;
}

/** A bare remote with one commit of `files` on `main`, plus a working clone of it (configured author). */
export async function seedRepo(files: Record<string, string>): Promise<SeededRepo> {
  const remote = await createBareRemote();
  const seedDir = join(await makeTempDir('git-seed'), 'seed');
  await git(dirname(seedDir), ['init', '--quiet', `--initial-branch=${DEFAULT_BRANCH}`, seedDir]);
  await git(seedDir, ['config', 'user.name', TEST_AUTHOR.name]);
  await git(seedDir, ['config', 'user.email', TEST_AUTHOR.email]);
  const commit = await commitFiles(seedDir, files, 'Initial commit');
  await git(seedDir, ['push', '--quiet', remote.url, `HEAD:refs/heads/${DEFAULT_BRANCH}`]);
  const workDir = await cloneWorkingCopy(remote);
  return { ...remote, workDir, commit };
}

/** Branch name -> commit sha, as the remote has them. */
export async function remoteBranches(remote: BareRemote): Promise<Map<string, string>> {
  const out = await git(remote.bareDir, ['for-each-ref', '--format=%(refname:strip=2) %(objectname)', 'refs/heads']);
  return new Map(out.split('\n').filter(Boolean).map((line) => {
    const [name, sha] = line.split(' ');
    return [name!, sha!] as const;
  }));
}
