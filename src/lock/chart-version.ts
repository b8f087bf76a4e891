/**
 * What a chart-version lock entry means. A chart trigger's resolved version is stored like an image tag,
 * under the pseudo value key `chart.version`; it is never a value handed to the chart, it replaces the
 * chart version the release file pins.
 */
import { isChartVersion, isOciTag } from '../model/grammar.js';
import type { Release, Trigger } from '../model/types.js';
import type { LockEntry, LockFile } from './types.js';

export const CHART_VERSION_KEY = 'chart.version';

export function isChartVersionEntry(entry: Pick<LockEntry, 'key'>): boolean {
  return entry.key === CHART_VERSION_KEY;
}

/** The lock key a trigger's resolved version is stored under. */
export function lockKeyOf(trigger: Trigger): string {
  return trigger.kind === 'image' ? trigger.tagValue : CHART_VERSION_KEY;
}

/** The chart version the lock pins for `release`, if any. */
export function lockedChartVersion(lock: LockFile | undefined, release: string): string | undefined {
  return lock?.entries.find((e) => e.release === release && isChartVersionEntry(e))?.value;
}

/** The chart version to use: the lock's when `lock` is given and pins one, else the release file's; none for a chart folder. */
export function chartVersionToUse(release: Release, lock: LockFile | undefined): string | undefined {
  if (release.chart.kind === 'dir') return undefined;
  return lockedChartVersion(lock, release.name) ?? release.chart.version;
}

/** The value entries that set chart values (everything but the chart version) for `release`. */
export function lockedValues(lock: LockFile | undefined, release: string): LockEntry[] {
  return (lock?.entries ?? []).filter((e) => e.release === release && !isChartVersionEntry(e));
}

/** Whether `value` may be stored for `key`: a chart version for `chart.version`, else an image tag. */
export function isLockValueFor(key: string, value: unknown): value is string {
  return key === CHART_VERSION_KEY ? isChartVersion(value) : isOciTag(value);
}

/** What a value for `key` should be, for messages. */
export function expectedValueFor(key: string): string {
  return key === CHART_VERSION_KEY ? 'a chart version (SemVer)' : 'an image tag (letters, digits, `_`, `.` and `-`, at most 128)';
}
