/** Short, safe renderings of user-controlled text for messages: never whole file content, never raw control characters. */

export const EXCERPT_MAX = 40;
export const MESSAGE_MAX = 400;

/** Control characters (C0, DEL, C1) and line/paragraph separators, shown escaped. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function escapeControl(text: string): string {
  return text.replace(CONTROL, (ch) => {
    switch (ch) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}

/** At most `max` characters (after escaping) of `text`, cut with an ellipsis. */
export function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** A user value for a message: control characters escaped, at most `max` characters, cut with an ellipsis. */
export function excerpt(value: unknown, max = EXCERPT_MAX): string {
  const text = typeof value === 'string' ? value : String(value);
  // Escape a bounded prefix only: a 4 MiB string must not be escaped whole to show 40 characters of it.
  return cut(escapeControl(text.slice(0, max * 2 + 8)), max);
}
