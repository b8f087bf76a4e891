import type { UpgradeRow } from './types.js';

const DECISION_WORD = { upgrade: 'newer found', current: 'up to date', skip: 'skipped' } as const;

/** Markdown-safe cell text. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** Only http(s) links are linked; anything else is shown as text. */
function sourceLink(url: string | undefined): string {
  if (!url) return '';
  return /^https?:\/\//i.test(url) ? `[source](${url.replaceAll(')', '%29')})` : cell(url);
}

/** Every trigger checked, for the terminal and the job summary: header row first. */
export function checkedTable(rows: readonly UpgradeRow[]): string[][] {
  return [
    ['ENVIRONMENT', 'RELEASE', 'KEY', 'CURRENT', 'CANDIDATE', 'TRACK', 'DECISION', 'WHY'],
    ...rows.map((r) => [r.environment, r.release, r.key, r.current, r.candidate ?? '', r.track, DECISION_WORD[r.decision], r.reason]),
  ];
}

/** The pull request body: a table of the upgrades. */
export function pullRequestBody(updates: readonly UpgradeRow[]): string {
  const lines = [
    'kubecd check-upgrades found newer versions for these releases:',
    '',
    '| environment | release | key | old → new | track | source |',
    '| --- | --- | --- | --- | --- | --- |',
    ...updates.map((u) => `| ${cell(u.environment)} | ${cell(u.release)} | \`${cell(u.key)}\` | ${cell(u.current)} → ${cell(u.candidate ?? '')} | ${u.track} | ${sourceLink(u.sourceUrl)} |`),
    '',
    '<sub>Opened by kubecd check-upgrades; a later run updates this pull request, or closes it when nothing is left.</sub>',
    '',
  ];
  return lines.join('\n');
}

export function pullRequestTitle(updates: readonly UpgradeRow[], group: string | undefined): string {
  const where = group ? ` in ${group}` : '';
  if (updates.length === 1) {
    const u = updates[0]!;
    return `Upgrade ${u.release} ${u.key} to ${u.candidate}${where}`;
  }
  return `Upgrade ${updates.length} versions${where}`;
}

export function commitMessage(updates: readonly UpgradeRow[], group: string | undefined): string {
  return [
    pullRequestTitle(updates, group),
    '',
    ...updates.map((u) => `- ${u.environment}/${u.release} ${u.key}: ${u.current} -> ${u.candidate} (${u.track})`),
    '',
  ].join('\n');
}

/** The `updates` output: one object per upgrade. */
export function updatesJson(updates: readonly UpgradeRow[]): object[] {
  return updates.map((u) => ({
    environment: u.environment,
    release: u.release,
    key: u.key,
    from: u.current,
    to: u.candidate,
    track: u.track,
    repository: u.repository,
    ...(u.digest ? { digest: u.digest } : {}),
    ...(u.sourceUrl ? { source: u.sourceUrl } : {}),
  }));
}
