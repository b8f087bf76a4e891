/**
 * What an orchestrating process spends on the commands it runs: a wrapper script in front of a binary logs
 * each invocation's start, end and arguments, then `commandBreakdown` sums them by subcommand.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fmt } from './results.js';

/** Writes DIR/NAME, which runs `real` with its arguments and appends "startNs endNs args..." to `log`. */
export async function tracingWrapper(dir: string, name: string, real: string, log: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, [
    '#!/bin/bash',
    'start=$(date +%s%N)',
    `${JSON.stringify(real)} "$@"`,
    'code=$?',
    `echo "$start $(date +%s%N) $*" >> ${JSON.stringify(log)}`,
    'exit $code',
    '',
  ].join('\n'));
  await chmod(path, 0o755);
  return path;
}

export interface CommandBreakdown {
  invocations: number;
  /** First start to last end, ms. */
  spanMs: number;
  bySubcommand: { name: string; count: number; totalMs: number }[];
}

export async function commandBreakdown(log: string, label: string): Promise<CommandBreakdown> {
  const lines = (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  const groups = new Map<string, { count: number; totalMs: number }>();
  let first = Infinity;
  let last = 0;
  for (const line of lines) {
    const [start, end, ...args] = line.split(' ');
    const startNs = Number(start);
    const endNs = Number(end);
    first = Math.min(first, startNs);
    last = Math.max(last, endNs);
    const words = args.filter((arg) => !arg.startsWith('-')).slice(0, 1);
    const name = `${label} ${words.join(' ')}`.trim();
    const group = groups.get(name) ?? { count: 0, totalMs: 0 };
    group.count++;
    group.totalMs += (endNs - startNs) / 1e6;
    groups.set(name, group);
  }
  return {
    invocations: lines.length,
    spanMs: lines.length ? (last - first) / 1e6 : 0,
    bySubcommand: [...groups].map(([name, g]) => ({ name, ...g })).sort((a, b) => b.totalMs - a.totalMs),
  };
}

export function breakdownNote(what: string, wallMs: number, parts: CommandBreakdown[]): string {
  const all = parts.flatMap((p) => p.bySubcommand);
  const total = all.reduce((sum, g) => sum + g.totalMs, 0);
  const list = all.map((g) => `${g.name} ×${g.count} ${fmt(g.totalMs)} ms`).join('; ');
  return `${what}: ${fmt(wallMs)} ms wall; ${parts.reduce((n, p) => n + p.invocations, 0)} commands run, ${fmt(total)} ms of command time in all (concurrent ones overlap): ${list || 'none'}; `
    + `wall minus command time: ${fmt(wallMs - total)} ms in kubecd's own process (node start, bundle load, repo load, values, fingerprints).`;
}
