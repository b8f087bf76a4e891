// What every adversarial test checks in what kubecd printed or reported: stack traces, internal errors,
// canaries; and what it did to the disk: files left behind or changed outside the repo.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** A line of a JavaScript stack trace (`    at fn (file:1:2)`), as a crash prints it. */
export const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m;

export function hasStackTrace(text: string): boolean {
  return STACK_FRAME.test(text);
}

export function hasInternalError(text: string): boolean {
  return /internal error/i.test(text);
}

/** stdout without the `::add-mask::` lines (the only place a secret may appear: it is how masking is asked for). */
export function withoutMaskLines(stdout: string): string {
  return stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
}

/** A `file:line:column: error: message` line (what lint prints for a problem). */
export const POSITIONED_ERROR = /^[^\s:][^:\n]*:(\d+):(\d+): error: .+$/m;

/** Every regular file under `dir` (relative paths), not following symlinks. */
export async function listTree(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (at: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out.push(relative(dir, path));
    }
  };
  await walk(dir);
  return out.sort();
}

/** Name, size, mtime and content hash-free fingerprint of every file under `dir`, to see that nothing changed. */
export async function fingerprint(dir: string): Promise<string> {
  const files = await listTree(dir);
  const parts = await Promise.all(
    files.map(async (file) => {
      const info = await stat(join(dir, file)).catch(() => undefined);
      const content = info?.isFile() ? await readFile(join(dir, file), 'utf8').catch(() => '') : '';
      return `${file}\t${info?.size ?? -1}\t${info?.mtimeMs ?? -1}\t${content}`;
    }),
  );
  return parts.join('\n');
}

/** A few long values of this process's initial environment: text from /proc/self/environ that must never be echoed. */
export async function environSamples(): Promise<string[]> {
  const text = await readFile('/proc/self/environ', 'utf8').catch(() => '');
  return text.split('\0').filter((entry) => /^(PATH|HOME|PWD|SHELL)=/.test(entry) && entry.length >= 10);
}

/** Peak resident memory of this process, sampled. */
export class RssSampler {
  peak = process.memoryUsage().rss;
  private readonly timer: NodeJS.Timeout;
  constructor(intervalMs = 25) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }
  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}

export const MiB = 1024 * 1024;

/** Keeps the first few examples per key, so a failure message says what went wrong without listing thousands. */
export class Tally {
  readonly counts = new Map<string, number>();
  readonly examples = new Map<string, string[]>();
  add(key: string, example: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    const list = this.examples.get(key) ?? [];
    if (list.length < 2) list.push(example.length > 400 ? `${example.slice(0, 400)}…` : example);
    this.examples.set(key, list);
  }
  get total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }
  report(): string[] {
    return [...this.counts.entries()].sort().map(([key, n]) => `${key} ×${n}: ${this.examples.get(key)!.join(' | ')}`);
  }
}
