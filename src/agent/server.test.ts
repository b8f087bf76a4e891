import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { json, startAgentServer, type AgentServer } from './server.js';
import { MAX_WEBHOOK_BYTES } from './webhook.js';

let server: AgentServer;
const bodies: number[] = [];

beforeAll(async () => {
  server = await startAgentServer({ host: '127.0.0.1', port: 0 }, {
    webhook: (_, body) => {
      bodies.push(body.length);
      return json(202, { got: body.length });
    },
    healthz: () => json(200, { ok: true }),
    readyz: () => json(503, { ready: false }),
    metrics: async () => ({ status: 200, body: 'm 1\n', contentType: 'text/plain; version=0.0.4' }),
  }, () => undefined);
});
afterAll(() => server?.close());

function call(method: string, path: string, body?: Buffer): Promise<{ status: number; text: string; type: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.address.port, method, path }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => { text += chunk.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, type: String(res.headers['content-type']) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the agent HTTP server', () => {
  test('routes the four endpoints and nothing else', async () => {
    expect(await call('GET', '/healthz')).toMatchObject({ status: 200, text: '{"ok":true}\n', type: 'application/json' });
    expect((await call('GET', '/readyz')).status).toBe(503);
    expect(await call('GET', '/metrics')).toMatchObject({ status: 200, text: 'm 1\n', type: 'text/plain; version=0.0.4' });
    expect(await call('POST', '/webhook', Buffer.from('{}'))).toMatchObject({ status: 202, text: '{"got":2}\n' });
    expect((await call('GET', '/webhook')).status).toBe(405);
    expect((await call('POST', '/metrics')).status).toBe(405);
    expect((await call('GET', '/../etc/passwd')).status).toBe(404);
  });

  test('a body over the cap is refused with 413 without reaching the handler', async () => {
    const before = bodies.length;
    const reply = await call('POST', '/webhook', Buffer.alloc(MAX_WEBHOOK_BYTES + 1, 0x61)).catch((error: NodeJS.ErrnoException) => ({ status: error.code === 'ECONNRESET' || error.code === 'EPIPE' ? 413 : 0, text: '', type: '' }));
    expect(reply.status).toBe(413);
    expect(bodies.length).toBe(before);
  });
});
