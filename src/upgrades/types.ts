import type { Track } from '../model/types.js';

export type DecisionKind = 'upgrade' | 'current' | 'skip';

/** One trigger checked in one environment: what it runs now, what it could run, and why. */
export interface UpgradeRow {
  environment: string;
  release: string;
  /** The release file that declares the release (root-relative). */
  file: string;
  kind: 'image' | 'chart';
  /** The value key the trigger sets (`image.tag`), or `chart.version`. */
  key: string;
  current: string;
  /** The version it would move to (set for upgrades). */
  candidate?: string;
  decision: DecisionKind;
  reason: string;
  track: Track;
  /** The image repository as the values spell it, or the chart reference. */
  repository: string;
  digest?: string;
  /** Creation time of the candidate (RFC 3339). */
  created?: string;
  /** From the image's `org.opencontainers.image.source` label. */
  sourceUrl?: string;
  /**
   * Set on a `skip` because the registry or chart repository failed or could not be trusted (down, auth,
   * untrusted or oversized answer) — not a policy decision. The reason names the source.
   */
  failure?: true;
}

export type WriteMode = 'lock' | 'patch';
