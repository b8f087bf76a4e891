/**
 * Checks of single values a registry or chart repository sends, before they are compared, stored or
 * written, and the one warning line that says how many were dropped.
 */
import { excerpt } from '../model/excerpt.js';
import { isDigest, isRfc3339 } from '../model/grammar.js';

/** A hostile value as a warning shows it: escaped, at most 24 characters. */
export function hostileExcerpt(value: unknown): string {
  return excerpt(typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)), 24);
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
  if (dropped > 0) warn?.(`${source}: ignored ${dropped} invalid ${what}${dropped === 1 ? '' : 's'} (e.g. "${hostileExcerpt(first)}")`);
  return kept;
}

/** An RFC 3339 time as a Date; undefined for anything else (including dates JavaScript would guess at). */
export function parseCreated(value: unknown): Date | undefined {
  return isRfc3339(value) ? new Date(value) : undefined;
}

/** The digest algorithms kubecd can verify a body against. */
export function digestAlgorithm(digest: string): 'sha256' | 'sha512' | undefined {
  if (!isDigest(digest)) return undefined;
  return digest.startsWith('sha512:') ? 'sha512' : 'sha256';
}

/** A token a registry or vendor API gave that an `Authorization` header can carry: printable ASCII, at most 16 KiB. */
export function isHeaderSafeToken(token: string): boolean {
  return token.length > 0 && token.length <= 16_384 && !/[^\x21-\x7e]/.test(token);
}
