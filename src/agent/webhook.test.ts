import { describe, expect, test } from 'vitest';
import { judgeWebhook, signature, validSignature } from './webhook.js';

const SECRET = Buffer.from("It's a Secret to Everybody");
const SHA = 'a'.repeat(40);

function request(body: string, headers: Record<string, string | undefined>) {
  return { headers, body: Buffer.from(body) };
}

function signedPush(payload: unknown, extra: Record<string, string> = {}) {
  const body = JSON.stringify(payload);
  return request(body, { 'x-github-event': 'push', 'x-hub-signature-256': signature(SECRET, body), 'content-type': 'application/json', ...extra });
}

describe('webhook signatures', () => {
  test("GitHub's documented example verifies", () => {
    // The example from GitHub's "Validating webhook deliveries" page.
    expect(validSignature(SECRET, Buffer.from('Hello, World!'), 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17')).toBe(true);
  });

  test.each([
    ['missing', undefined],
    ['sha1', 'sha1=0123456789abcdef0123456789abcdef01234567'],
    ['too short', 'sha256=abc'],
    ['wrong', `sha256=${'0'.repeat(64)}`],
    ['over another body', signature(SECRET, 'Hello, World?')],
    ['under another secret', signature('another secret', 'Hello, World!')],
  ])('refuses a signature that is %s', (_, header) => {
    expect(validSignature(SECRET, Buffer.from('Hello, World!'), header)).toBe(false);
  });
});

describe('judging a delivery', () => {
  test('a signed push to the watched branch triggers, with the pushed commit', () => {
    expect(judgeWebhook(signedPush({ ref: 'refs/heads/main', after: SHA }), SECRET, 'main')).toEqual({ kind: 'push', commit: SHA });
  });

  test('the form encoding GitHub offers is read too', () => {
    const body = `payload=${encodeURIComponent(JSON.stringify({ ref: 'refs/heads/main', after: SHA }))}`;
    const verdict = judgeWebhook(request(body, { 'x-github-event': 'push', 'x-hub-signature-256': signature(SECRET, body), 'content-type': 'application/x-www-form-urlencoded' }), SECRET, 'main');
    expect(verdict).toEqual({ kind: 'push', commit: SHA });
  });

  test('nothing is read before the signature checks out', () => {
    expect(judgeWebhook(request('not json', { 'x-github-event': 'push' }), SECRET, 'main')).toEqual({ kind: 'refused', status: 401, reason: 'no X-Hub-Signature-256 header (unsigned deliveries are refused)' });
    expect(judgeWebhook(request('{"ref":"refs/heads/main"}', { 'x-github-event': 'push', 'x-hub-signature-256': signature('guess', '{"ref":"refs/heads/main"}') }), SECRET, 'main')).toMatchObject({ kind: 'refused', status: 401 });
    // Two signature headers are not one signature.
    expect(judgeWebhook({ headers: { 'x-hub-signature-256': [signature(SECRET, '{}'), signature(SECRET, '{}')] }, body: Buffer.from('{}') }, SECRET, 'main')).toMatchObject({ kind: 'refused', status: 401 });
  });

  test('ping is answered; other events, other branches and a deleted branch are ignored', () => {
    const ping = JSON.stringify({ zen: 'Design for failure.' });
    expect(judgeWebhook(request(ping, { 'x-github-event': 'ping', 'x-hub-signature-256': signature(SECRET, ping) }), SECRET, 'main')).toEqual({ kind: 'ping' });
    const issue = JSON.stringify({ action: 'opened' });
    expect(judgeWebhook(request(issue, { 'x-github-event': 'issues', 'x-hub-signature-256': signature(SECRET, issue) }), SECRET, 'main')).toEqual({ kind: 'ignored', reason: 'event "issues" is not a push' });
    expect(judgeWebhook(signedPush({ ref: 'refs/heads/feature' }), SECRET, 'main')).toEqual({ kind: 'ignored', reason: 'a push to "refs/heads/feature", not to refs/heads/main' });
    expect(judgeWebhook(signedPush({ ref: 'refs/tags/main' }), SECRET, 'main')).toMatchObject({ kind: 'ignored' });
    expect(judgeWebhook(signedPush({ ref: 'refs/heads/main', deleted: true }), SECRET, 'main')).toEqual({ kind: 'ignored', reason: 'branch main was deleted' });
  });

  test('a signed but malformed push is refused; a commit that is no object id is dropped', () => {
    const garbage = 'not json';
    expect(judgeWebhook(request(garbage, { 'x-github-event': 'push', 'x-hub-signature-256': signature(SECRET, garbage) }), SECRET, 'main')).toEqual({ kind: 'refused', status: 400, reason: 'the push payload is not JSON' });
    expect(judgeWebhook(signedPush({ after: SHA }), SECRET, 'main')).toEqual({ kind: 'refused', status: 400, reason: 'the push payload has no ref' });
    expect(judgeWebhook(signedPush(null), SECRET, 'main')).toMatchObject({ kind: 'refused', status: 400 });
    expect(judgeWebhook(signedPush({ ref: 'refs/heads/main', after: '--upload-pack=x' }), SECRET, 'main')).toEqual({ kind: 'push' });
  });
});
