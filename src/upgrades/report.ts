import type { UpgradeRow } from './types.js';

const DECISION_WORD = { upgrade: 'newer found', current: 'up to date', skip: 'skipped', held: 'held' } as const;

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

/** Where an update comes from, when it is not simply a newer version: a promotion or a moved digest. */
export function updateNote(u: UpgradeRow): string {
  if (u.change === 'digest') return `digest ${u.previousDigest ? `\`${u.previousDigest}\`` : '(none recorded)'} → \`${u.digest ?? ''}\``;
  if (u.promotedFrom) return `promoted from ${u.promotedFrom}, running there since ${u.promotedSince ?? '?'}`;
  return '';
}

/** The pull request body: a table of the upgrades. */
export function pullRequestBody(updates: readonly UpgradeRow[]): string {
  const notes = updates.some((u) => updateNote(u) !== '');
  const lines = [
    'kubecd check-upgrades found newer versions for these releases:',
    '',
    `| environment | release | key | old → new | track | source |${notes ? ' note |' : ''}`,
    `| --- | --- | --- | --- | --- | --- |${notes ? ' --- |' : ''}`,
    ...updates.map((u) => `| ${cell(u.environment)} | ${cell(u.release)} | \`${cell(u.key)}\` | ${cell(u.current)} → ${cell(u.candidate ?? '')} | ${u.track} | ${sourceLink(u.sourceUrl)} |${notes ? ` ${cell(updateNote(u))} |` : ''}`),
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
    if (u.change === 'digest') return `Pin ${u.release} ${u.key} ${u.candidate} to its new digest${where}`;
    return `Upgrade ${u.release} ${u.key} to ${u.candidate}${where}`;
  }
  return `Upgrade ${updates.length} versions${where}`;
}

export function commitMessage(updates: readonly UpgradeRow[], group: string | undefined): string {
  return [
    pullRequestTitle(updates, group),
    '',
    ...updates.map((u) => `- ${u.environment}/${u.release} ${u.key}: ${u.current} -> ${u.candidate} (${u.track})${updateNote(u) ? `: ${updateNote(u).replaceAll('`', '')}` : ''}`),
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
    ...(u.change === 'digest' ? { kind: 'digest', ...(u.previousDigest ? { previousDigest: u.previousDigest } : {}) } : {}),
    ...(u.promotedFrom ? { promotedFrom: u.promotedFrom, promotedSince: u.promotedSince } : {}),
  }));
}

/**
 * True when the trigger was skipped because its registry or chart repository failed (unreachable, refused,
 * answered nonsense) rather than for a reason in the deployments repo. The engine marks such skips by their
 * reason; this is the one place that reads the mark.
 */
export function isRegistryFailure(row: UpgradeRow): boolean {
  return row.decision === 'skip' && row.failure === true;
}

/** Which registry or chart repository a row's trigger asks: a host, or a `helmRepos` name. */
export function registryOf(row: Pick<UpgradeRow, 'kind' | 'repository'>): string {
  const repository = row.repository;
  if (repository.startsWith('oci://')) return repository.slice('oci://'.length).split('/')[0] ?? repository;
  const first = repository.split('/')[0] ?? repository;
  if (row.kind === 'chart') return `chart repository ${first}`;
  const isHost = repository.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('['));
  return isHost ? first : 'the default image registry';
}

export interface RegistryFailure {
  registry: string;
  /** How many triggers it failed. */
  triggers: number;
  /** The first failure's reason (the others are usually the same). */
  reason: string;
}

/** The failed rows grouped by registry, in the order each registry first failed: one line's worth each. */
export function registryFailures(rows: readonly UpgradeRow[]): RegistryFailure[] {
  const byRegistry = new Map<string, RegistryFailure>();
  for (const row of rows.filter(isRegistryFailure)) {
    const registry = registryOf(row);
    const known = byRegistry.get(registry);
    if (known) known.triggers++;
    else byRegistry.set(registry, { registry, triggers: 1, reason: row.reason.replace(/^registry failed:\s*/, '') });
  }
  return [...byRegistry.values()];
}

/** `registry HOST failed for N trigger(s): REASON`, the reason on one line. */
export function registryFailureLine(failure: RegistryFailure): string {
  return `${failure.registry} failed for ${failure.triggers} trigger(s): ${failure.reason.replace(/\s*\n\s*/g, ' ')}`;
}

/** What makes check-upgrades fail: `registry-errors` (any registry failure), or `never`. */
export type FailOn = 'registry-errors' | 'never';
export const FAIL_ON: readonly FailOn[] = ['registry-errors', 'never'];
