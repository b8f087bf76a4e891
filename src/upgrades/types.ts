import type { TriggerTrack } from '../model/types.js';

/** `held`: the lock entry says `hold: true`, so it was not checked. */
export type DecisionKind = 'upgrade' | 'current' | 'skip' | 'held';

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
  track: TriggerTrack;
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
  /** `digest`: the tag stays, the digest it points at moved (pinned triggers); else a new version. */
  change?: 'version' | 'digest';
  /** With `change: digest`: the digest the lock held (none when it held none). */
  previousDigest?: string;
  /** A `track: Promote` upgrade: the environment it comes from, and since when that one has run it (RFC 3339). */
  promotedFrom?: string;
  promotedSince?: string;
}

export type WriteMode = 'lock' | 'patch';
