import type { BenchResult, ResultsFile } from './results.js';
import { fmt } from './results.js';

function ratio(ours: number, peer: number | undefined, unit: string, peerName: string | undefined): string {
  if (peer === undefined || ours <= 0 || peer <= 0 || unit === 'KiB' || unit === 'count') return '';
  if (peerName === 'floor') return `${ours >= peer ? '+' : '-'}${fmt((Math.abs(ours - peer) / peer) * 100)}% vs floor`;
  if (unit === 'requests') return ours <= peer ? `${fmt(peer / ours)}× fewer` : `${fmt(ours / peer)}× more`;
  return ours <= peer ? `${fmt(peer / ours)}× faster` : `${fmt(ours / peer)}× slower`;
}

/** Rows of [benchmark, metric, kubecd, peer, peer figure, ratio]. */
export function tableRows(results: BenchResult[]): string[][] {
  return results.flatMap((result) => result.figures.map((f) => [
    result.name,
    f.metric,
    `${fmt(f.ours)} ${f.unit}`,
    f.peerName ?? '',
    f.peer === undefined ? '' : `${fmt(f.peer)} ${f.unit}`,
    ratio(f.ours, f.peer, f.unit, f.peerName),
  ]));
}

const HEADER = ['benchmark', 'measurement', 'kubecd', 'peer', 'peer figure', 'ratio'];

export function consoleTable(results: BenchResult[]): string {
  const rows = [HEADER, ...tableRows(results)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  const goals = results.flatMap((r) => r.goals.map((g) => `${g.met ? 'MET   ' : 'MISSED'} ${r.name}: ${g.goal} — ${g.margin}`));
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line), '', ...goals, ''].join('\n');
}

const escape = (cell: string) => cell.replace(/\|/g, '\\|');

export function markdownResults(file: ResultsFile, order: string[]): string {
  const results = order.map((name) => file.results[name]).filter((r): r is BenchResult => r !== undefined);
  const m = file.machine;
  const lines = [
    `Machine: ${m.nproc} CPUs (\`nproc\`), ${m.memoryGiB} GiB memory, ${m.cpu}; Node ${m.node}; ${m.os}.`,
    ...(file.lastRun
      ? ['', `Latest run: \`npm run bench${file.lastRun.benchmarks.length === order.length ? '' : ` -- ${file.lastRun.benchmarks.join(' ')}`}\`, ended ${file.lastRun.endedAt}, took ${Math.round(file.lastRun.wallMs / 1000)} s.`]
      : []),
    '',
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map(() => '---').join(' | ')} |`,
    ...tableRows(results).map((row) => `| ${row.map(escape).join(' | ')} |`),
    '',
    '### Goals',
    '',
    '| benchmark | goal | verdict | by how much |',
    '| --- | --- | --- | --- |',
    ...results.flatMap((r) => r.goals.map((g) => `| ${r.name} | ${escape(g.goal)} | ${g.met ? 'met' : '**missed**'} | ${escape(g.margin)} |`)),
    '',
    '### Notes from the runs',
    '',
    ...results.flatMap((r) => r.notes.map((note) => `- **${r.name}**: ${note}`)),
    '',
    ...results.map((r) => `- ${r.name} last ran ${file.ranAt[r.name] ?? '?'} (took ${fmt(r.wallMs / 1000)} s).`),
    '',
  ];
  return lines.join('\n');
}
