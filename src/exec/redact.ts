/**
 * Secrets that travel inside values kubecd prints: the user info of a URL (`http://user:password@host/`) and
 * the output of commands that were handed such a URL. Every place that prints a URL goes through redactUrl;
 * every command output that is logged goes through a Redactor holding the run's known secrets.
 */

export const MASK = '***';

/** Secrets shorter than this are not replaced in free text: a one-letter password would mangle every line. */
const MIN_SECRET_LENGTH = 3;

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function userInfo(url: string): { user: string; password: string } | undefined {
  // Not `new URL`: it rejects some spellings helm accepts, and what matters is only what sits before the `@`.
  const match = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#@]*)@/.exec(url);
  if (!match) return undefined;
  const [user, ...rest] = match[1]!.split(':');
  return { user: user ?? '', password: rest.join(':') };
}

/**
 * Every spelling of the secret parts of `url` a log could show: the password, `user:password`, their
 * percent-decoded forms, and the whole URL. Empty when the URL holds no password.
 */
export function urlSecrets(url: string): string[] {
  const info = userInfo(url);
  if (!info || (info.password === '' && info.user === '')) return [];
  // User info without a password is a token (`https://TOKEN@host/`): then the user is the secret.
  const raw = info.password === '' ? [info.user, url] : [info.password, `${info.user}:${info.password}`, url];
  const all = [...raw, ...raw.map(safeDecode)];
  return [...new Set(all)].filter((secret) => secret.length > 0);
}

/** `url` with the password of its user info (or a token standing alone) replaced by `***` (`http://u:***@host/path`). */
export function redactUrl(url: string): string {
  const info = userInfo(url);
  if (!info || (info.password === '' && info.user === '')) return url;
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#@]*@/, info.password === '' ? `$1${MASK}@` : `$1${info.user}:${MASK}@`);
}

/** Known secrets, replaced wherever they occur in text handed to `redact`. */
export class Redactor {
  private readonly replacements = new Map<string, string>();

  add(secret: string, replacement = MASK): void {
    if (secret.length >= MIN_SECRET_LENGTH && !this.replacements.has(secret)) this.replacements.set(secret, replacement);
  }

  /** The URL's secret parts; the whole URL (either spelling) becomes its redacted form, so the host stays readable. */
  addUrl(url: string): void {
    for (const whole of new Set([url, safeDecode(url)])) if (urlSecrets(url).length > 0) this.add(whole, redactUrl(url));
    for (const secret of urlSecrets(url)) this.add(secret);
  }

  redact(text: string): string {
    // Longest first, so a whole URL is replaced before the password inside it.
    let result = text;
    for (const [secret, replacement] of [...this.replacements].sort(([a], [b]) => b.length - a.length)) result = result.replaceAll(secret, replacement);
    return result;
  }
}
