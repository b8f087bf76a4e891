// `kubecd agent` as a real child process, run from source through tsx, with its JSON log lines parsed as
// they arrive.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../harness/tools.js';

export interface LogLine {
  time: string;
  level: string;
  msg: string;
  [field: string]: unknown;
}

export interface AgentProcess {
  child: ChildProcess;
  /** Every JSON line so far, in order. */
  lines: LogLine[];
  /** Everything it printed that was not a JSON line (stderr, or a crash). */
  other(): string;
  /** The first line (at or after index `from`) that `match` accepts; rejects on exit or after `timeoutMs`. */
  waitFor(match: (line: LogLine) => boolean, timeoutMs: number, from?: number): Promise<LogLine>;
  /** http://127.0.0.1:PORT, once the agent said where it listens. */
  url(): Promise<string>;
  /** Sends SIGTERM and resolves with the exit code (SIGKILL after `limitMs`). */
  stop(limitMs?: number): Promise<number | null>;
  exited: Promise<number | null>;
}

export async function startAgentProcess(dir: string, args: string[], env: NodeJS.ProcessEnv): Promise<AgentProcess> {
  const entry = join(dir, 'kubecd-entry.mjs');
  await writeFile(entry, `await (await import(${JSON.stringify(pathToFileURL(join(REPO_ROOT, 'src', 'cli', 'main.ts')).href)})).main();\n`);
  const loader = pathToFileURL(join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', loader, entry, 'agent', ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: LogLine[] = [];
  let other = '';
  let partial = '';
  const listeners = new Set<() => void>();
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    exitCode = code;
    listeners.forEach((l) => l());
    resolve(code);
  }));
  child.stdout!.on('data', (chunk: Buffer) => {
    partial += chunk.toString();
    const complete = partial.split('\n');
    partial = complete.pop()!;
    for (const text of complete) {
      try {
        lines.push(JSON.parse(text) as LogLine);
      } catch {
        other += `${text}\n`;
      }
    }
    listeners.forEach((l) => l());
  });
  child.stderr!.on('data', (chunk: Buffer) => { other += chunk.toString(); });

  const waitFor: AgentProcess['waitFor'] = (match, timeoutMs, from = 0) => new Promise((resolve, reject) => {
    const check = () => {
      const found = lines.slice(from).find(match);
      if (found) return done(() => resolve(found));
      if (exitCode !== undefined) done(() => reject(new Error(`the agent exited (${exitCode}) first:\n${tail()}`)));
    };
    const timer = setTimeout(() => done(() => reject(new Error(`no such log line within ${timeoutMs} ms:\n${tail()}`))), timeoutMs);
    const done = (settle: () => void) => { clearTimeout(timer); listeners.delete(check); settle(); };
    listeners.add(check);
    check();
  });
  const tail = () => [...lines.slice(-25).map((l) => JSON.stringify(l)), other.slice(-3000)].join('\n');

  return {
    child,
    lines,
    other: () => other,
    waitFor,
    url: async () => `http://127.0.0.1:${(await waitFor((l) => l.msg === 'kubecd agent listening', 60_000)).port}`,
    async stop(limitMs = 30_000) {
      if (exitCode !== undefined) return exitCode;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), limitMs);
      const code = await exited;
      clearTimeout(killer);
      return code;
    },
    exited,
  };
}
