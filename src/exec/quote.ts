import { excerpt } from '../model/excerpt.js';

/** A value for a message about a refused argument: control characters escaped, cut short, in quotes. */
export function quoted(value: unknown): string {
  return `"${excerpt(value, 80)}"`;
}
