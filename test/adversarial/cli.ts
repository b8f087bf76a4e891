// Runs a bundle (dist/**/index.js) under this process's Node 24, in its own process group, killed after a limit,
// under /usr/bin/time (when present) for its peak resident memory.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../harness/tools.js';

/** The bundles: dist/, or the build `$KUBECD_ACTION_DIST` names (as for the action runner, test/harness/action-runner.ts). */
export const DIST = process.env.KUBECD_ACTION_DIST || join(REPO_ROOT, 'dist');
export const CLI = join(DIST, 'cli', 'index.js');
const TIME = '/usr/bin/time';
const hasTime = access(TIME).then(() => true, () => false);

export interface BundleRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Killed by the time limit. */
  hung: boolean;
  /** Peak RSS in KiB (undefined without /usr/bin/time). */
  maxRssKiB?: number;
}

export interface BundleOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  limitMs?: number;
}

export async function runBundle(script: string, args: string[], options: BundleOptions): Promise<BundleRun> {
  const limitMs = options.limitMs ?? 10_000;
  const timed = await hasTime;
  const rssFile = join(tmpdir(), `kubecd-adv-rss-${process.pid}-${randomBytes(6).toString('hex')}`);
  const [command, argv] = timed ? [TIME, ['-f', '%M', '-o', rssFile, process.execPath, script, ...args]] : [process.execPath, [script, ...args]];
  const started = performance.now();
  const result = await new Promise<Omit<BundleRun, 'maxRssKiB'>>((resolve) => {
    const child = spawn(command, argv, { cwd: options.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, limitMs);
    child.stdout.on('data', (chunk: Buffer) => { if (stdout.length < 2_000_000) stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { if (stderr.length < 2_000_000) stderr += chunk.toString(); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started, hung });
    });
  });
  let maxRssKiB: number | undefined;
  if (timed) {
    const last = (await readFile(rssFile, 'utf8').catch(() => '')).trim().split('\n').pop() ?? '';
    if (/^\d+$/.test(last)) maxRssKiB = Number(last);
    await rm(rssFile, { force: true });
  }
  return { ...result, ...(maxRssKiB !== undefined ? { maxRssKiB } : {}) };
}
