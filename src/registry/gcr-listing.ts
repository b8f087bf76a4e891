/**
 * GCR and Artifact Registry answer the distribution `GET /v2/NAME/tags/list` with a `manifest` map beside
 * `tags`: digest -> `{tag: [...], timeCreatedMs, timeUploadedMs, mediaType, imageSizeBytes}`, the times as
 * decimal strings of milliseconds. kubecd takes `timeCreatedMs`, the image config's creation time — the
 * same time the config blob would give, so `Newest` decides exactly as it did per tag. `timeUploadedMs` is
 * the push, which re-tagging or copying an old image moves. A `timeCreatedMs` of 0 (an index, which has no
 * config of its own, or a reproducible build dated 1970) is no time: that tag falls back to its config blob.
 */
import { isDigest, isOciTag } from '../model/grammar.js';
import type { ListedImage } from './listing-times.js';

const MILLISECONDS = /^\d{1,15}$/;

export interface ManifestMapTimes {
  times: Map<string, ListedImage>;
  /** Entries or tags left out: not a digest, not a tag, an unreadable time, a tag on two digests. */
  ignored: number;
}

function millisecondsOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  if (typeof value === 'string' && MILLISECONDS.test(value) && Number(value) > 0) return Number(value);
  return undefined;
}

/** The creation times a `manifest` map gives, by tag; `undefined` or a non-object map gives none. */
export function timesFromManifestMap(manifest: unknown): ManifestMapTimes {
  const times = new Map<string, ListedImage>();
  const result: ManifestMapTimes = { times, ignored: 0 };
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) return result;
  const conflicted = new Set<string>();
  for (const [digest, entry] of Object.entries(manifest as Record<string, unknown>)) {
    if (!isDigest(digest) || !entry || typeof entry !== 'object' || Array.isArray(entry)) {
      result.ignored++;
      continue;
    }
    const { tag: tags, timeCreatedMs } = entry as { tag?: unknown; timeCreatedMs?: unknown };
    if (!Array.isArray(tags)) continue;
    const ms = millisecondsOf(timeCreatedMs);
    for (const tag of tags) {
      if (!isOciTag(tag)) {
        result.ignored++;
        continue;
      }
      if (ms === undefined || conflicted.has(tag)) continue;
      // One tag names one manifest; a map that says otherwise is not believed for that tag.
      if (times.has(tag)) {
        times.delete(tag);
        conflicted.add(tag);
        result.ignored++;
        continue;
      }
      times.set(tag, { created: new Date(ms), digest });
    }
  }
  return result;
}
