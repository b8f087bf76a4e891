import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isLoopback } from './reference.js';
import { realmVerdict } from './realm.js';
import { describeNetworkError } from './retry.js';
import { keepValid, parseCreated } from './sanitise.js';
import { isOciTag } from '../model/grammar.js';
import { RedirectRefusedError, ResponseTooLargeError, Transport, readCapped } from './transport.js';

describe('registry values are checked against their grammar', () => {
  test('hostile tags are dropped, counted once, and shown only as a short printable excerpt', () => {
    const warnings: string[] = [];
    const hostile = '9.9.9"\n securityContext: {privileged: true}';
    const kept = keepValid(['1.0.0', hostile, 'x'.repeat(200), 42, null, '1.0.1'], isOciTag, 'tag', 'r/app', (m) => warnings.push(m));
    expect(kept).toEqual(['1.0.0', '1.0.1']);
    expect(warnings).toEqual(['r/app: ignored 4 invalid tags (e.g. "9.9.9"\\n securityContex…")']);
    expect(warnings[0]).not.toContain('\n');
  });

  test('excerpts never carry control characters and are short', () => {
    const warnings: string[] = [];
    keepValid(['a\u0000b\r\nc' + 'z'.repeat(100)], (_: unknown): _ is string => false, 'tag', 'r/app', (m) => warnings.push(m));
    expect(warnings).toEqual(['r/app: ignored 1 invalid tag (e.g. "a\\u0000b\\r\\nczzzzzzzzzz…")']);
  });

  test('creation times must be RFC 3339', () => {
    expect(parseCreated('2024-01-02T03:04:05.123456789Z')?.toISOString()).toBe('2024-01-02T03:04:05.123Z');
    expect(parseCreated('2024-01-02T03:04:05+01:00')?.toISOString()).toBe('2024-01-02T02:04:05.000Z');
    for (const bad of ['2024', 'Tue Jan 02 2024', '2024-01-02T03:04:05Z\nx: y', 1704164645, null]) expect(parseCreated(bad)).toBeUndefined();
  });
});

describe('token realm policy', () => {
  const plain = (host: string) => isLoopback(host);
  test.each([
    ['registry.example.com', 'https://registry.example.com/token', true],
    ['registry.example.com:5000', 'https://registry.example.com:8443/token', true],
    ['registry.example.com', 'https://example.com/token', true],
    ['registry.example.com', 'https://auth.example.com/token', true],
    ['registry-1.docker.io', 'https://auth.docker.io/token', true],
    ['registry.example.com', 'https://evil.example.org/token', false],
    ['registry.example.com', 'https://a.b.example.com/token', false],
    ['example.com', 'https://auth.com/token', false],
    ['registry.example.com', 'http://registry.example.com/token', false],
    ['127.0.0.1:5000', 'http://127.0.0.1:6000/token', true],
    ['127.0.0.1:5000', 'http://127.0.0.2:6000/token', false],
    ['127.0.0.1:5000', 'http://localhost:6000/token', false],
    ['10.0.0.1', 'https://10.0.0.2/token', false],
  ])('%s → %s: send=%s', (registry, realm, send) => {
    expect(realmVerdict(registry, new URL(realm), plain).send).toBe(send);
  });

  test('says why it withholds', () => {
    expect(realmVerdict('127.0.0.1:5000', new URL('http://127.0.0.2:1/t'), plain)).toEqual({ send: false, why: 'the token realm is on another host (127.0.0.2:1)' });
  });
});

describe('network errors in plain words', () => {
  test.each([
    [new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }), 'connection refused by 127.0.0.1:5000'],
    [new TypeError('terminated', { cause: { code: 'UND_ERR_SOCKET' } }), 'connection reset by 127.0.0.1:5000'],
    [new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }), 'connection reset by 127.0.0.1:5000'],
    [new TypeError('fetch failed', { cause: { code: 'UND_ERR_CONNECT_TIMEOUT' } }), 'timed out after 2.5 s'],
    [new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 'timed out after 2.5 s'],
    [new TypeError('fetch failed', { cause: new Error('weird') }), 'network error talking to 127.0.0.1:5000'],
  ])('%s', (error, text) => {
    expect(describeNetworkError(error, 2500, '127.0.0.1:5000')).toBe(text);
  });

  test('other errors are not network errors', () => {
    expect(describeNetworkError(new RangeError('Maximum call stack size exceeded'), 1000)).toBeUndefined();
  });
});

describe('body caps', () => {
  const streamOf = (chunks: number, size: number) => new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < chunks; i++) controller.enqueue(new Uint8Array(size));
      controller.close();
    },
  });

  test('a streamed body over the cap is aborted with the host and the cap', async () => {
    await expect(readCapped(new Response(streamOf(10, 1024)), 4096, 'r.example:5000')).rejects.toThrow(new ResponseTooLargeError('r.example:5000', 4096));
    await expect(readCapped(new Response(streamOf(10, 1024)), 4096, 'r')).rejects.toThrow('response from r exceeds 4 KiB');
  });

  test('a declared Content-Length over the cap is refused before reading', async () => {
    const response = new Response(streamOf(1, 10), { headers: { 'content-length': String(20 * 1024 * 1024) } });
    await expect(readCapped(response, 16 * 1024 * 1024, 'r')).rejects.toThrow('response from r exceeds 16 MiB');
  });

  test('a body within the cap is read whole', async () => {
    expect((await readCapped(new Response(streamOf(4, 1024)), 4096, 'r')).length).toBe(4096);
  });
});

describe('redirects', () => {
  const seen: { server: string; path: string; authorization?: string }[] = [];
  const servers: Server[] = [];
  let here = '';
  let there = '';

  const start = (address: string, name: string, handle: (path: string, headers: IncomingHttpHeaders) => { status: number; location?: string }) =>
    new Promise<string>((resolve) => {
      const server = createServer((req, res) => {
        seen.push({ server: name, path: req.url ?? '', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
        const answer = handle(req.url ?? '', req.headers);
        res.writeHead(answer.status, answer.location ? { location: answer.location } : {}).end(answer.status === 200 ? 'ok' : '');
      });
      servers.push(server);
      server.listen(0, address, () => resolve(`http://${address}:${(server.address() as AddressInfo).port}`));
    });

  beforeAll(async () => {
    there = await start('127.0.0.2', 'there', () => ({ status: 200 }));
    here = await start('127.0.0.1', 'here', (path) => {
      if (path === '/same') return { status: 307, location: '/final' };
      if (path === '/other') return { status: 302, location: `${there}/landed` };
      if (path === '/loop') return { status: 301, location: '/loop' };
      if (path === '/file') return { status: 302, location: 'file:///etc/passwd' };
      return { status: 200 };
    });
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  const transport = () => new Transport({ retry: { attempts: 1, timeoutMs: 2000 } });
  const get = (url: string) => transport().send('manifest', url, { headers: async () => ({ authorization: 'Basic c2VjcmV0' }) }, (r) => ({ status: r.status, url: r.url }));

  test('a same-origin redirect keeps the authorization header', async () => {
    seen.length = 0;
    expect(await get(`${here}/same`)).toEqual({ status: 200, url: `${here}/final` });
    expect(seen.map((s) => [s.path, s.authorization])).toEqual([['/same', 'Basic c2VjcmV0'], ['/final', 'Basic c2VjcmV0']]);
  });

  test('a redirect to another origin drops the authorization header', async () => {
    seen.length = 0;
    expect(await get(`${here}/other`)).toEqual({ status: 200, url: `${there}/landed` });
    expect(seen).toEqual([{ server: 'here', path: '/other', authorization: 'Basic c2VjcmV0' }, { server: 'there', path: '/landed' }]);
  });

  test('at most 5 hops are followed', async () => {
    seen.length = 0;
    await expect(get(`${here}/loop`)).rejects.toThrow(RedirectRefusedError);
    expect(seen.length).toBe(6);
  });

  test('a non-http(s) location is refused', async () => {
    await expect(get(`${here}/file`)).rejects.toThrow(/redirected to a file location; only http\(s\) is followed/);
  });
});
