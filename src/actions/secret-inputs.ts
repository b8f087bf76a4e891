import * as core from '@actions/core';
import { webhookSecrets } from '../notify/slack.js';

/** The inputs that hold secrets, by action; masking them is the first thing each action does. */
const SECRET_INPUTS = ['token', 'registry-credentials', 'slack-webhook-url'] as const;

/** Every string inside a JSON value (the `registry-credentials` passwords and tokens), however it is nested. */
function jsonStrings(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return [value];
  if (depth > 8 || value === null || typeof value !== 'object') return [];
  return Object.values(value as Record<string, unknown>).flatMap((item) => jsonStrings(item, depth + 1));
}

/** What to mask of one secret input: the whole value, each of its lines, and the parts a log could quote alone. */
export function secretsOfInput(name: string, value: string): string[] {
  const secrets = [value, ...value.split(/\r?\n/).map((line) => line.trim())];
  if (name === 'slack-webhook-url') secrets.push(...webhookSecrets(value));
  if (name === 'registry-credentials') {
    try {
      secrets.push(...jsonStrings(JSON.parse(value)));
    } catch {
      // Not JSON: the parser reports that later without quoting it; each line is masked already.
    }
  }
  return [...new Set(secrets)].filter((secret) => secret !== '');
}

/**
 * Masks every secret input (token, registry credentials, webhook URL) before anything else runs, so no later
 * message, annotation or stack trace can print one. The runner's own masking of `secrets.*` does not cover a
 * value that reaches an input some other way, nor its parts.
 */
export function maskSecretInputs(): void {
  for (const name of SECRET_INPUTS) {
    const value = core.getInput(name);
    if (value.trim() === '') continue;
    for (const secret of secretsOfInput(name, value)) core.setSecret(secret);
  }
  // The same values in the process environment, as an error quoting /proc/self/environ would show them.
  for (const name of SECRET_INPUTS) {
    const raw = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
    if (raw && raw.trim() !== '' && raw !== core.getInput(name)) core.setSecret(raw);
  }
}
