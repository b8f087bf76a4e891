import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackStandIn, type SlackStandIn } from './slack.js';

let slack: SlackStandIn;
beforeAll(async () => {
  slack = await startSlackStandIn();
});
afterAll(() => slack?.stop());

function post(url: string, body: string, contentType = 'application/json'): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
}

describe('Slack incoming webhook stand-in', () => {
  it('accepts text and blocks and records the messages', async () => {
    const text = await post(slack.webhookUrl, JSON.stringify({ text: 'deployed prod' }));
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await text.text()).toBe('ok');
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*prod*' } }];
    expect((await post(slack.webhookUrl, JSON.stringify({ blocks }))).status).toBe(200);
    const form = await post(slack.webhookUrl, new URLSearchParams({ payload: JSON.stringify({ text: 'form' }) }).toString(), 'application/x-www-form-urlencoded');
    expect(form.status).toBe(200);
    expect(slack.messages).toEqual([{ text: 'deployed prod' }, { blocks }, { text: 'form' }]);
  });

  it('answers Slack errors for bad bodies and wrong paths', async () => {
    const before = slack.messages.length;
    const bad = await post(slack.webhookUrl, '{not json');
    expect([bad.status, await bad.text()]).toEqual([400, 'invalid_payload']);
    const empty = await post(slack.webhookUrl, JSON.stringify({ username: 'kubecd' }));
    expect([empty.status, await empty.text()]).toEqual([400, 'no_text']);
    const wrongSecret = await post(slack.webhookUrl.replace(/[^/]+$/, 'wrong'), JSON.stringify({ text: 'x' }));
    expect([wrongSecret.status, await wrongSecret.text()]).toEqual([403, 'invalid_token']);
    const elsewhere = await post(`${slack.url}/services/T1/B1/abc`, JSON.stringify({ text: 'x' }));
    expect([elsewhere.status, await elsewhere.text()]).toEqual([404, 'no_service']);
    expect(slack.messages.length).toBe(before);
  });
});

describe('Slack stand-in with a path-echoing gateway', () => {
  it('quotes the request path, secret included, in its error bodies', async () => {
    const echoing = await startSlackStandIn({ echoPath: true, failWith: 500 });
    try {
      const response = await post(echoing.webhookUrl, JSON.stringify({ text: 'x' }));
      expect(response.status).toBe(500);
      expect(await response.text()).toBe(`internal_error (POST ${new URL(echoing.webhookUrl).pathname})`);
      expect(echoing.messages).toEqual([]);
    } finally {
      await echoing.stop();
    }
  });
});
