import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { timed, type TimedOptions } from './run.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by function, largest first. */
  top: { name: string; ms: number; percent: number }[];
  /** Self time by category: node internals, garbage collection, idle, bundle code, ... */
  categories: { name: string; ms: number; percent: number }[];
}

/** Runs `node --cpu-prof SCRIPT ARGS` and sums self time per function and per category. */
export async function profileNode(script: string, args: string[], options: TimedOptions = {}): Promise<ProfileSummary> {
  const dir = await mkdtemp(join(tmpdir(), 'kubecd-bench-prof-'));
  try {
    await timed(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200', script, ...args], options);
    const file = (await readdir(dir)).find((name) => name.endsWith('.cpuprofile'));
    if (!file) throw new Error('node wrote no .cpuprofile');
    return summarise(JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile, basename(script));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function summarise(profile: CpuProfile, bundleName: string): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  const byCategory = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const name = frame.functionName || '(anonymous)';
    const where = frame.url ? `${basename(frame.url)}:${frame.lineNumber + 1}` : '';
    const key = where ? `${name} (${where})` : name;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    byCategory.set(category(frame, bundleName), (byCategory.get(category(frame, bundleName)) ?? 0) + us);
  }
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const rows = (map: Map<string, number>, limit: number) => [...map]
    .sort((a, b) => b[1] - a[1]).slice(0, limit)
    .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10, percent: Math.round((us / totalUs) * 1000) / 10 }));
  return { totalMs: Math.round(totalUs / 1000), top: rows(byFunction, 10), categories: rows(byCategory, 8) };
}

function category(frame: ProfileNode['callFrame'], bundleName: string): string {
  const { functionName, url } = frame;
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(idle)') return 'idle (waiting for I/O or children)';
  if (functionName === '(program)') return 'V8/Node native (parse, compile, startup)';
  if (url.startsWith('node:')) return 'Node built-in modules';
  if (url.endsWith(bundleName) || url.includes(`/${bundleName}`)) return 'bundle code';
  if (!url) return `native: ${functionName}`;
  return basename(url);
}

export function profileNote(what: string, summary: ProfileSummary): string {
  const categories = summary.categories.map((c) => `${c.name} ${c.ms} ms (${c.percent}%)`).join('; ');
  const top = summary.top.slice(0, 6).map((t) => `${t.name} ${t.ms} ms`).join('; ');
  return `Profile of ${what} (node --cpu-prof, ${summary.totalMs} ms sampled): ${categories}. Top self time: ${top}.`;
}
