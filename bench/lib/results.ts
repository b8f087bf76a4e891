/** What every benchmark hands back: figures (ours beside the peer's), goals with a verdict, and notes. */

export interface Figure {
  /** What is measured, e.g. "wall time, 1,000 releases". */
  metric: string;
  ours: number;
  /** The peer's figure for the same measurement, when there is one. */
  peer?: number;
  /** Who the peer is, e.g. "helm upgrade loop". */
  peerName?: string;
  unit: 'ms' | 'requests' | 'KiB' | 'ms/release' | 'x' | 'count';
}

export interface Goal {
  goal: string;
  met: boolean;
  /** By how much it is met or missed, in words with the figures, e.g. "412 ms, 59% under 1,000 ms". */
  margin: string;
}

export interface BenchResult {
  name: string;
  title: string;
  figures: Figure[];
  goals: Goal[];
  /** Explanations that come from the measurement (profiles, breakdowns), never typed-in figures. */
  notes: string[];
  wallMs: number;
}

export interface Machine {
  nproc: number;
  memoryGiB: number;
  cpu: string;
  node: string;
  os: string;
}

export interface ResultsFile {
  machine: Machine;
  /** When each benchmark last ran (ISO), by name. */
  ranAt: Record<string, string>;
  results: Record<string, BenchResult>;
  /** The latest `npm run bench` invocation: which benchmarks it ran, when it ended, how long it took. */
  lastRun?: { benchmarks: string[]; endedAt: string; wallMs: number };
}

/** "met: 412 ms, 59% under the 1,000 ms limit" style helpers. */
export function underLimit(value: number, limit: number, unit: string): Goal['margin'] {
  const percent = Math.round((Math.abs(limit - value) / limit) * 100);
  return value <= limit
    ? `${fmt(value)} ${unit}, ${percent}% under the ${fmt(limit)} ${unit} limit`
    : `${fmt(value)} ${unit}, ${percent}% over the ${fmt(limit)} ${unit} limit`;
}

export function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
