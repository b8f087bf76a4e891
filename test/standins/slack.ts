// Stand-in for a Slack incoming webhook (hooks.slack.com/services/T…/B…/X…).
// Contract: Slack docs "Sending messages using incoming webhooks" and its error table — POST a JSON body with
// `text` and/or `blocks` (or a form field `payload` holding that JSON); answers 200 `ok` as text/plain;
// 400 `invalid_payload` for a body that is not such JSON, 400 `no_text` when neither text nor blocks is given,
// 403 `invalid_token` for a wrong secret on a known team/channel, 404 `no_service` for any other path.
// `echoPath` makes it behave like a gateway in front of it that quotes the request path in its error bodies
// (`failWith` forces such an error): what a client must never copy into a log.
import { randomBytes } from 'node:crypto';
import { mediaType, parseJsonObject, startServer, type RequestLog } from './common.js';

export interface SlackMessage {
  text?: string;
  blocks?: unknown[];
  [field: string]: unknown;
}

export interface SlackStandIn {
  url: string;
  /** The full webhook URL (its last path segment is the secret). */
  webhookUrl: string;
  messages: SlackMessage[];
  log: RequestLog;
  stop(): Promise<void>;
}

export interface SlackStandInOptions {
  secret?: string;
  /** Error bodies end with ` (POST /services/…)`, the full request path, secret included. */
  echoPath?: boolean;
  /** Answer every request with this status (and Slack's body for it), e.g. 500. */
  failWith?: number;
}

export async function startSlackStandIn(options: SlackStandInOptions = {}): Promise<SlackStandIn> {
  const secret = options.secret ?? randomBytes(12).toString('hex');
  const hookPrefix = '/services/T00STANDIN/B00STANDIN/';
  const messages: SlackMessage[] = [];

  const server = await startServer(({ method, url, headers, body, reply }) => {
    const plain = (status: number, text: string) => reply(status, status !== 200 && options.echoPath ? `${text} (${method} ${url.pathname})` : text, 'text/plain; charset=utf-8');
    if (options.failWith) return plain(options.failWith, options.failWith >= 500 ? 'internal_error' : 'invalid_payload');
    if (!url.pathname.startsWith(hookPrefix)) return plain(404, 'no_service');
    if (url.pathname !== hookPrefix + secret) return plain(403, 'invalid_token');
    if (method !== 'POST') return plain(400, 'invalid_payload');

    const message = parseMessage(mediaType(headers), body);
    if (!message) return plain(400, 'invalid_payload');
    const hasText = typeof message.text === 'string' && message.text.trim() !== '';
    const hasBlocks = Array.isArray(message.blocks) && message.blocks.length > 0;
    if (message.blocks !== undefined && !Array.isArray(message.blocks)) return plain(400, 'invalid_blocks');
    if (!hasText && !hasBlocks) return plain(400, 'no_text');
    messages.push(message as SlackMessage);
    return plain(200, 'ok');
  });

  return { url: server.url, webhookUrl: `${server.url}${hookPrefix}${secret}`, messages, log: server.log, stop: server.stop };
}

function parseMessage(type: string, body: string): Record<string, unknown> | undefined {
  if (type === 'application/json') return parseJsonObject(body);
  if (type === 'application/x-www-form-urlencoded') {
    const payload = new URLSearchParams(body).get('payload');
    return payload === null ? undefined : parseJsonObject(payload);
  }
  return undefined;
}
