/**
 * GitHub's push webhook as the agent takes it: nothing is parsed before the X-Hub-Signature-256 HMAC of the
 * raw body checks out against the shared secret (compared in constant time); then `ping` is answered and
 * only a `push` to the watched branch asks for a sync. The body is untrusted even when signed: only `ref`,
 * `after` and `deleted` are read, each checked.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Push payloads list commits and files; GitHub caps deliveries at 25 MB, kubecd needs far less. */
export const MAX_WEBHOOK_BYTES = 4 * 1024 * 1024;

export interface WebhookRequest {
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type WebhookVerdict =
  | { kind: 'refused'; status: 401 | 400; reason: string }
  | { kind: 'ping' }
  | { kind: 'ignored'; reason: string }
  | { kind: 'push'; commit?: string };

function header(request: WebhookRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? undefined : value;
}

/** True only for `sha256=` + the hex HMAC-SHA256 of `body` under `secret`. */
export function validSignature(secret: Buffer, body: Buffer, signature: string | undefined): boolean {
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(signature ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(match[1]!, 'hex'));
}

export function signature(secret: Buffer | string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The JSON payload, whether GitHub was set to send application/json or a form with `payload=`. */
function payloadOf(request: WebhookRequest): unknown {
  const type = (header(request, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const text = request.body.toString('utf8');
  const json = type === 'application/x-www-form-urlencoded' ? new URLSearchParams(text).get('payload') ?? '' : text;
  return JSON.parse(json);
}

export function judgeWebhook(request: WebhookRequest, secret: Buffer, branch: string): WebhookVerdict {
  const signed = header(request, 'x-hub-signature-256');
  if (signed === undefined) return { kind: 'refused', status: 401, reason: 'no X-Hub-Signature-256 header (unsigned deliveries are refused)' };
  if (!validSignature(secret, request.body, signed)) return { kind: 'refused', status: 401, reason: 'the X-Hub-Signature-256 signature does not match' };
  const event = header(request, 'x-github-event') ?? '';
  if (event === 'ping') return { kind: 'ping' };
  if (event !== 'push') return { kind: 'ignored', reason: `event "${event.slice(0, 40)}" is not a push` };
  let payload: unknown;
  try {
    payload = payloadOf(request);
  } catch {
    return { kind: 'refused', status: 400, reason: 'the push payload is not JSON' };
  }
  const { ref, after, deleted } = (payload ?? {}) as { ref?: unknown; after?: unknown; deleted?: unknown };
  if (typeof ref !== 'string') return { kind: 'refused', status: 400, reason: 'the push payload has no ref' };
  if (ref !== `refs/heads/${branch}`) return { kind: 'ignored', reason: `a push to ${JSON.stringify(ref.slice(0, 100))}, not to refs/heads/${branch}` };
  if (deleted === true) return { kind: 'ignored', reason: `branch ${branch} was deleted` };
  return { kind: 'push', ...(typeof after === 'string' && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(after) ? { commit: after } : {}) };
}
