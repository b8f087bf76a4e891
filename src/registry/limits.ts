/**
 * How large one registry or chart repository answer may be, per request kind. A body over its cap is
 * aborted while it streams in (never buffered whole), and the trigger that needed it is skipped.
 */
import type { RequestKind } from './transport.js';

const KiB = 1024;
const MiB = 1024 * KiB;

export type BodyLimits = Record<RequestKind, number>;

export const DEFAULT_BODY_LIMITS: BodyLimits = {
  ping: 64 * KiB,
  token: 64 * KiB,
  tags: 16 * MiB,
  manifest: 4 * MiB,
  blob: 8 * MiB,
  index: 64 * MiB,
};

/** Aliases an `index.yaml` may use; a billion-laughs document needs far more. */
export const HELM_INDEX_MAX_ALIASES = 100;
