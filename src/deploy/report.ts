import type { ApplyOutcome, ReleaseOutcome } from './types.js';

/** The action's outputs: release names by what happened to them. */
export function outcomeLists(outcome: ApplyOutcome): { applied: string[]; skipped: string[]; failed: string[] } {
  const names = (pick: (r: ReleaseOutcome) => boolean) => outcome.releases.filter(pick).map((r) => r.name);
  return {
    applied: names((r) => r.result === 'applied'),
    skipped: names((r) => r.result === 'skipped'),
    failed: names((r) => r.result === 'failed'),
  };
}

const SUMMARY_DIFF_BUDGET = 800 * 1024; // the job summary holds at most 1 MiB per step

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function escapeCell(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '&#124;').replace(/\r?\n/g, '<br>');
}

function fence(text: string, language = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${language}\n${text.trimEnd()}\n${ticks}`;
}

/** The job summary: a table of releases (and resource files, pruned releases), then per-release diffs in plan mode. */
export function outcomeMarkdown(outcome: ApplyOutcome): string {
  const lists = outcomeLists(outcome);
  const lines: string[] = [];
  lines.push(`## kubecd ${outcome.mode}: ${outcome.environment}`);
  lines.push('');
  lines.push(`Namespace \`${outcome.namespace}\` — ${escapeCell(outcome.cluster)} — ${outcome.failed ? '**failed**' : 'ok'} in ${seconds(outcome.durationMs)}` +
    (outcome.mode === 'apply' ? ` — ${lists.applied.length} applied, ${lists.skipped.length} skipped, ${lists.failed.length} failed` : ''));
  lines.push('');
  lines.push('| release | result | why | duration |', '| --- | --- | --- | --- |');
  for (const release of outcome.releases) {
    const why = release.error ? `<pre>${escapeCell(release.error)}</pre>` : escapeCell(release.reason);
    lines.push(`| ${escapeCell(release.name)} | ${release.result} | ${why} | ${seconds(release.durationMs)} |`);
  }
  if (outcome.releases.length === 0) lines.push('| (none) | | | |');
  if (outcome.resources.length > 0) {
    lines.push('', '| resource file | result | error | duration |', '| --- | --- | --- | --- |');
    for (const resource of outcome.resources) {
      lines.push(`| ${escapeCell(resource.file)}${resource.release ? ` (${escapeCell(resource.release)})` : ''} | ${resource.result} | ${resource.error ? `<pre>${escapeCell(resource.error)}</pre>` : ''} | ${seconds(resource.durationMs)} |`);
    }
  }
  if (outcome.pruned.length > 0) {
    lines.push('', '| pruned release | result | error |', '| --- | --- | --- |');
    for (const pruned of outcome.pruned) lines.push(`| ${escapeCell(pruned.name)} | ${pruned.result} | ${pruned.error ? `<pre>${escapeCell(pruned.error)}</pre>` : ''} |`);
  }
  let budget = SUMMARY_DIFF_BUDGET;
  const diffs = [...outcome.resources.map((r) => ({ title: `resource file ${r.file}`, diff: r.diff })), ...outcome.releases.map((r) => ({ title: r.name, diff: r.diff }))];
  for (const { title, diff } of diffs) {
    if (!diff) continue;
    lines.push('', `<details><summary>${escapeCell(title)}</summary>`, '');
    if (diff.length > budget) lines.push(`The diff (${diff.length} bytes) does not fit in the job summary; see the log.`);
    else {
      lines.push(fence(diff, 'diff'));
      budget -= diff.length;
    }
    lines.push('', '</details>');
  }
  return `${lines.join('\n')}\n`;
}

/** Plain text for a terminal: one line per release, then the diffs. */
export function outcomeText(outcome: ApplyOutcome): string {
  const rows: string[] = [];
  for (const r of outcome.resources) rows.push(`resource ${r.file}${r.release ? ` (${r.release})` : ''}: ${r.result}${r.error ? ` — ${r.error.split('\n')[0]}` : ''}`);
  for (const r of outcome.releases) rows.push(`${r.name}: ${r.result} — ${r.reason} (${seconds(r.durationMs)})`);
  for (const p of outcome.pruned) rows.push(`prune ${p.name}: ${p.result}${p.error ? ` — ${p.error.split('\n')[0]}` : ''}`);
  const diffs = [...outcome.resources, ...outcome.releases].flatMap((r) => ('diff' in r && r.diff ? [r.diff.trimEnd()] : []));
  return [...rows, ...diffs, `${outcome.mode} ${outcome.environment}: ${outcome.failed ? 'FAILED' : 'ok'} in ${seconds(outcome.durationMs)}`].join('\n') + '\n';
}
