/**
 * Checks of single values a registry or chart repository sends, before they are compared, stored or
 * written, and the one warning line that says how many were dropped.
 */
import { isDigest } from '../model/grammar.js';

/** A short, printable excerpt of a hostile value: control characters shown as `?`, at most 24 characters. */
export function excerpt(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 24 ? `${clean.slice(0, 24)}...` : clean;
}

/** Keeps the values `valid` accepts; says once (through `warn`) how many were dropped and what the first looked like. */
export function keepValid<T>(values: readonly unknown[], valid: (value: unknown) => value is T, what: string, source: string, warn?: (message: string) => void): T[] {
  const kept: T[] = [];
  let dropped = 0;
  let first: unknown;
  for (const value of values) {
    if (valid(value)) kept.push(value);
    else if (dropped++ === 0) first = value;
  }
  if (dropped > 0) warn?.(`${source}: ignored ${dropped} invalid ${what}${dropped === 1 ? '' : 's'} (e.g. "${excerpt(first)}")`);
  return kept;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 time as a Date; undefined for anything else (including dates JavaScript would guess at). */
export function parseCreated(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !RFC3339.test(value)) return undefined;
  const date = new Date(value.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The digest algorithms kubecd can verify a body against. */
export function digestAlgorithm(digest: string): 'sha256' | 'sha512' | undefined {
  if (!isDigest(digest)) return undefined;
  return digest.startsWith('sha512:') ? 'sha512' : 'sha256';
}
