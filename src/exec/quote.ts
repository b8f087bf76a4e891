/** A value for a message about a refused argument: quoted with control characters escaped, and cut short. */
export function quoted(value: unknown): string {
  const text = JSON.stringify(typeof value === 'string' ? value : String(value));
  return text.length > 82 ? `${text.slice(0, 80)}…"` : text;
}
