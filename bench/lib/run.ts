import { spawn } from 'node:child_process';

export interface Timed {
  ms: number;
  code: number;
  stdout: string;
  stderr: string;
  /** Milliseconds from spawn to the first output line matching `firstLine` (when asked). */
  firstLineMs?: number;
  firstLine?: string;
}

export interface TimedOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Notes when the first line of stdout matching this appears. */
  firstLine?: RegExp;
  timeoutMs?: number;
}

/** Runs a command (argument array, no shell) and times it from spawn to exit. */
export function timed(command: string, args: string[], options: TimedOptions = {}): Promise<Timed> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let firstLineMs: number | undefined;
    let firstLine: string | undefined;
    let pending = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      stdout += text;
      if (options.firstLine && firstLineMs === undefined) {
        pending += text;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        const hit = lines.find((line) => options.firstLine!.test(line));
        if (hit !== undefined) {
          firstLineMs = performance.now() - started;
          firstLine = hit;
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      resolvePromise({ ms, code: code ?? (signal ? 128 : 1), stdout, stderr, ...(firstLineMs !== undefined ? { firstLineMs, firstLine: firstLine! } : {}) });
    });
  });
}

/** Like `timed`, but a non-zero exit is an error carrying the output's tail. */
export async function timedOk(command: string, args: string[], options: TimedOptions = {}): Promise<Timed> {
  const result = await timed(command, args, options);
  if (result.code !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-25).join('\n');
    throw new Error(`${command} ${args.join(' ')} exited ${result.code}:\n${tail}`);
  }
  return result;
}
