/**
 * Track policies: which tag (or chart version) a release moves to.
 *
 * The semver tracks (`PatchLevel`, `MinorVersion`, `MajorVersion`) read tags in the seed's forms `X`, `X.Y`,
 * `X.Y.Z`, with or without a `v` prefix:
 *
 * - `PatchLevel` moves within the current major.minor, `MinorVersion` within the current major,
 *   `MajorVersion` to any higher version. Only a strictly higher version (semver order, build metadata
 *   ignored) is an upgrade; the highest one wins.
 * - A candidate must be spelled like the current tag: the same prefix (`v` or none) and the same number of
 *   parts. So `1.2` never jumps to `1.2.3` or `v1.3`, and `1.2.3` never to `1234567` or `20240101`.
 * - A tag whose major number has 6 or more digits (a date such as `20240101`, or a commit SHA that happens
 *   to be all digits such as `1234567`) is a candidate only when the current major has exactly as many
 *   digits: a release tagged `20240101` can move to `20240315`, a release tagged `5` never to `1234567`.
 * - Pre-releases (`1.3.0-rc.1`) are skipped when the current tag is a release. When the current tag is a
 *   pre-release, two kinds of candidates are allowed (this is npm's range rule): higher pre-releases of the
 *   same major.minor.patch (`2.0.0-rc.1` → `2.0.0-rc.2`), and releases within the track, including that
 *   version's own release (`2.0.0-rc.2` → `2.0.0`). Pre-releases of other versions are never picked.
 * - When several tags spell the same version (`1.2.3+a`, `1.2.3+b`) the one without build metadata wins,
 *   then the lexically smallest, so the choice never depends on the registry's order.
 * - A current tag the track cannot read (`latest`, `sha-abc123`) is a `skip` with a reason, never an error.
 * - The chosen tag is returned exactly as the registry spells it.
 *
 * `PatchLevel` on an `X` or `X.Y` tag has no patch number to move, so it always reports `current`.
 *
 * `Newest` picks the most recently created image (see {@link chooseNewest}):
 * - Moving tags are never picked. A moving tag is one of the well-known branch/channel names
 *   ({@link MOVING_TAG_NAMES}, case-insensitive), or any tag whose digest equals the digest of a more
 *   specific tag. Among tags on one digest the most specific is, in order: shaped like the current tag
 *   (digits aside: `v20170911-0926` and `v20171001-1200` have the same shape), then a version with more
 *   parts, then the longer tag, then the lexically smallest.
 * - Candidates without a valid creation time are ignored. The newest image wins; images created at the same
 *   instant are ordered by the same specificity, then by tag, so the result does not depend on input order.
 * - It is an upgrade only when the winner is a different image (digest) created after the current tag's
 *   image. If the current tag's creation time is not known (not among the candidates and not given), the
 *   decision is `skip`: moving could be a downgrade.
 */
import type { SemverTrack } from '../model/types.js';
import { parseTag, type ParsedTag } from './tag.js';

export type Decision =
  | { kind: 'upgrade'; tag: string; reason: string }
  | { kind: 'current'; reason: string }
  | { kind: 'skip'; reason: string };

export type { SemverTrack };

/** Tags that name a branch or channel rather than one build: they move, so pinning to them pins nothing. */
export const MOVING_TAG_NAMES: ReadonlySet<string> = new Set([
  'latest', 'main', 'master', 'trunk', 'head', 'stable', 'edge', 'nightly', 'dev', 'develop', 'development',
  'canary', 'next', 'unstable', 'testing', 'current', 'release', 'preview', 'snapshot',
]);

const DATE_OR_SHA_DIGITS = 6;

export function isMovingTagName(tag: string): boolean {
  return MOVING_TAG_NAMES.has(tag.toLowerCase());
}

function majorDigits(tag: ParsedTag): number {
  return String(tag.version.major).length;
}

function withinTrack(current: ParsedTag, candidate: ParsedTag, track: SemverTrack): boolean {
  const c = current.version;
  const v = candidate.version;
  switch (track) {
    case 'PatchLevel':
      return v.major === c.major && v.minor === c.minor;
    case 'MinorVersion':
      return v.major === c.major;
    case 'MajorVersion':
      return true;
  }
}

/** Why a candidate is not considered at all (spelling, pre-release, date-like), or undefined if it is. */
function rejectReason(current: ParsedTag, candidate: ParsedTag): string | undefined {
  if (candidate.prefix !== current.prefix || candidate.parts !== current.parts) return 'spelled differently';
  const candidateDigits = majorDigits(candidate);
  if (candidateDigits >= DATE_OR_SHA_DIGITS && candidateDigits !== majorDigits(current)) return 'date or SHA-like';
  if (candidate.prerelease) {
    if (!current.prerelease) return 'pre-release';
    const c = current.version;
    const v = candidate.version;
    if (v.major !== c.major || v.minor !== c.minor || v.patch !== c.patch) return 'pre-release of another version';
  }
  return undefined;
}

/** Higher version first; equal versions: no build metadata first, then lexically smallest tag. */
function compareCandidates(a: ParsedTag, b: ParsedTag): number {
  const byVersion = b.version.compare(a.version);
  if (byVersion !== 0) return byVersion;
  const aBuild = a.version.build.length > 0 ? 1 : 0;
  const bBuild = b.version.build.length > 0 ? 1 : 0;
  if (aBuild !== bBuild) return aBuild - bBuild;
  return a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0;
}

export function chooseSemver(current: string, tags: readonly string[], track: SemverTrack): Decision {
  const parsedCurrent = parseTag(current);
  if (!parsedCurrent) {
    return {
      kind: 'skip',
      reason: `current tag "${current}" is not a version (X, X.Y or X.Y.Z, optional v prefix); ${track} cannot track it`,
    };
  }
  if (track === 'PatchLevel' && parsedCurrent.parts < 3) {
    return { kind: 'current', reason: `"${current}" has no patch number, so ${track} never moves it` };
  }
  let best: ParsedTag | undefined;
  let considered = 0;
  for (const tag of new Set(tags)) {
    const candidate = parseTag(tag);
    if (!candidate || rejectReason(parsedCurrent, candidate) !== undefined) continue;
    if (!withinTrack(parsedCurrent, candidate, track)) continue;
    considered++;
    if (candidate.version.compare(parsedCurrent.version) <= 0) continue;
    if (!best || compareCandidates(candidate, best) < 0) best = candidate;
  }
  if (!best) {
    return { kind: 'current', reason: `no version above ${current} on track ${track} (${considered} tags on track)` };
  }
  return { kind: 'upgrade', tag: best.raw, reason: `${best.raw} is the highest version on track ${track}` };
}

export interface NewestCandidate {
  tag: string;
  created: Date;
  digest?: string;
}

export interface NewestOptions {
  /** The current tag's creation time when it is known elsewhere (a lock file) and not among the candidates. */
  currentCreated?: Date;
  /** The current tag's digest when known elsewhere. */
  currentDigest?: string;
}

/** The tag with runs of digits collapsed, so `v20170911-0926` and `v20171001-1200` compare equal. */
function shapeOf(tag: string): string {
  return tag.replace(/[0-9]+/g, '0');
}

/** Negative when `a` is more specific than `b` (see the module comment). */
function compareSpecificity(currentShape: string, a: string, b: string): number {
  const aShape = shapeOf(a) === currentShape ? 0 : 1;
  const bShape = shapeOf(b) === currentShape ? 0 : 1;
  if (aShape !== bShape) return aShape - bShape;
  const aParts = parseTag(a)?.parts ?? 0;
  const bParts = parseTag(b)?.parts ?? 0;
  if (aParts !== bParts) return bParts - aParts;
  if (a.length !== b.length) return b.length - a.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function isValidDate(date: Date): boolean {
  return date instanceof Date && !Number.isNaN(date.getTime());
}

export function chooseNewest(
  current: string,
  candidates: readonly NewestCandidate[],
  options: NewestOptions = {},
): Decision {
  const currentShape = shapeOf(current);
  const currentEntry = candidates.find((c) => c.tag === current && isValidDate(c.created));
  const currentCreated = currentEntry?.created ?? options.currentCreated;
  const currentDigest = currentEntry?.digest ?? options.currentDigest;

  // One representative per image: the most specific non-moving tag on each digest.
  const byImage = new Map<string, NewestCandidate>();
  for (const candidate of candidates) {
    if (!isValidDate(candidate.created) || isMovingTagName(candidate.tag)) continue;
    const key = candidate.digest ? `digest:${candidate.digest}` : `tag:${candidate.tag}`;
    const held = byImage.get(key);
    if (!held || compareSpecificity(currentShape, candidate.tag, held.tag) < 0) byImage.set(key, candidate);
  }
  let best: NewestCandidate | undefined;
  for (const candidate of byImage.values()) {
    if (!best) {
      best = candidate;
      continue;
    }
    const byTime = candidate.created.getTime() - best.created.getTime();
    if (byTime > 0 || (byTime === 0 && compareSpecificity(currentShape, candidate.tag, best.tag) < 0)) {
      best = candidate;
    }
  }
  if (!best) return { kind: 'current', reason: 'no tag with a known creation time other than moving tags' };
  if (best.tag === current || (currentDigest !== undefined && best.digest === currentDigest)) {
    return { kind: 'current', reason: `${current} is the newest image` };
  }
  if (!currentCreated) {
    return {
      kind: 'skip',
      reason: `creation time of current tag "${current}" is unknown (tag not in the registry), so ${best.tag} might be older`,
    };
  }
  if (best.created.getTime() <= currentCreated.getTime()) {
    return { kind: 'current', reason: `no image created after ${current} (${currentCreated.toISOString()})` };
  }
  return {
    kind: 'upgrade',
    tag: best.tag,
    reason: `${best.tag} is the newest image (created ${best.created.toISOString()})`,
  };
}
