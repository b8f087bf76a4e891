import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A process the harness started; `stop()` ends it (SIGTERM, then SIGKILL) and is safe to call twice. */
export interface ManagedProcess {
  name: string;
  pid: number;
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr interleaved). */
  output(): string;
  /** Resolves with the first match of `pattern` in the output; rejects on exit or timeout. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

const running = new Set<ManagedProcess>();
const tempDirs = new Set<string>();

/** `keepOutputChars` bounds the kept output to its tail, for chatty long-lived servers (e.g. a registry's access log). */
export function startProcess(name: string, command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; keepOutputChars?: number } = {}): ManagedProcess {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  let output = '';
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    if (options.keepOutputChars !== undefined && output.length > 2 * options.keepOutputChars) output = output.slice(-options.keepOutputChars);
    notify();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exitPromise = new Promise<void>((resolve) => child.on('exit', (code, signal) => { exited = { code, signal }; notify(); resolve(); }));

  const managed: ManagedProcess = {
    name,
    pid: child.pid,
    child,
    output: () => output,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (match) return done(() => resolve(match));
          if (exited) return done(() => reject(new Error(`${name} exited (${exited!.code ?? exited!.signal}) before printing ${pattern}:\n${tail(output)}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`${name} did not print ${pattern} within ${timeoutMs} ms:\n${tail(output)}`))), timeoutMs);
        const done = (settle: () => void) => { clearTimeout(timer); listeners.delete(check); settle(); };
        listeners.add(check);
        check();
      });
    },
    async stop() {
      running.delete(managed);
      if (exited) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exitPromise;
      clearTimeout(killer);
    },
  };
  running.add(managed);
  return managed;
}

function tail(text: string): string {
  return text.split('\n').slice(-20).join('\n');
}

/** A throwaway folder (under `parent`, default the OS temp folder), removed by `cleanupAll()` (and by the caller when it wants it gone sooner). */
export async function makeTempDir(prefix: string, parent: string = tmpdir()): Promise<string> {
  const dir = await mkdtemp(join(parent, `kubecd-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

/** Processes still running that the harness started (for the no-leftovers check). */
export function runningProcesses(): ManagedProcess[] {
  return [...running];
}

/** Stops every process the harness started and removes every temp folder it made. */
export async function cleanupAll(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop()));
  await Promise.all([...tempDirs].map((dir) => rm(dir, { recursive: true, force: true })));
  tempDirs.clear();
}
