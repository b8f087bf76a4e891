import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushImage, pushImages } from './images.js';
import { cleanupAll, runningProcesses } from './process.js';
import { startFaultProxy, startPaginatingProxy, type FaultRule } from './proxies.js';
import { RegistryClient } from './registry-client.js';
import { listTags, startRegistry, type RunningRegistry } from './registry.js';

let reg: RunningRegistry;
const tags = Array.from({ length: 23 }, (_, i) => `1.${i}.0`);

beforeAll(async () => {
  reg = await startRegistry({ auth: 'token' });
  console.log(`registry (token) started in ${reg.startupMs} ms`);
  await pushImages(reg, tags.map((tag, i) => ({ repository: 'team/app', tag, created: new Date(Date.UTC(2024, 0, 1 + i)).toISOString() })));
});

afterAll(async () => {
  await reg?.stop();
  await cleanupAll();
  expect(runningProcesses()).toEqual([]);
});

const credentials = () => ({ username: reg.username!, password: reg.password! });

describe('paginating proxy', () => {
  it('pages through every tag with n and Link, in lexical order, with auth passed through', async () => {
    const proxy = await startPaginatingProxy(reg.url, { pageSize: 10 });
    try {
      const client = new RegistryClient(proxy.url, credentials());
      expect(await client.listTags('team/app', 5)).toEqual([...tags].sort());
      const pages = proxy.requests.filter((r) => r.path.includes('/tags/list') && r.status === 200);
      expect(pages.map((r) => r.path)).toEqual([
        '/v2/team/app/tags/list?n=5',
        ...[...tags].sort().slice(0, 20).filter((_, i) => i % 5 === 4).map((last) => `/v2/team/app/tags/list?n=5&last=${last}`),
      ]);
      expect(proxy.requests.some((r) => r.status === 401)).toBe(true);
    } finally {
      await proxy.stop();
    }
  });

  it('caps n at the page size, uses the page size without n, and ends without a Link', async () => {
    const proxy = await startPaginatingProxy(reg.url, { pageSize: 10 });
    try {
      const client = new RegistryClient(proxy.url, credentials());
      const first = await client.request('/v2/team/app/tags/list?n=1000', { scope: 'repository:team/app:pull' });
      expect(((await first.json()) as { tags: string[] }).tags).toHaveLength(10);
      expect(first.headers.get('link')).toMatch(/^<\/v2\/team\/app\/tags\/list\?n=10&last=[^>]+>; rel="next"$/);
      const plain = await client.request('/v2/team/app/tags/list', { scope: 'repository:team/app:pull' });
      expect(((await plain.json()) as { tags: string[] }).tags).toHaveLength(10);
      const lastPage = await client.request(`/v2/team/app/tags/list?n=10&last=${[...tags].sort()[19]}`, { scope: 'repository:team/app:pull' });
      expect(((await lastPage.json()) as { tags: string[] }).tags).toEqual([...tags].sort().slice(20));
      expect(lastPage.headers.get('link')).toBeNull();
    } finally {
      await proxy.stop();
    }
  });

  it('passes pushes through (upload locations point back at the proxy)', async () => {
    const proxy = await startPaginatingProxy(reg.url, { pageSize: 10 });
    try {
      await pushImage({ ...reg, host: proxy.host, url: proxy.url }, { repository: 'team/other', tag: '0.1.0', created: '2024-06-01T00:00:00Z' });
      expect(await listTags(reg, 'team/other')).toEqual(['0.1.0']);
      expect(proxy.requests.some((r) => r.method === 'PUT' && r.path.includes('/blobs/uploads/'))).toBe(true);
    } finally {
      await proxy.stop();
    }
  });
});

describe('fault proxy', () => {
  const target = '/v2/team/app/tags/list';

  it.each(['429', '500'] as const)('answers %s for the first `times` matching requests, then passes through', async (fault) => {
    const proxy = await startFaultProxy(reg.url, [{ match: /\/tags\/list$/, fault, times: 2, retryAfterSeconds: 7 }]);
    try {
      const client = new RegistryClient(proxy.url, credentials());
      await client.discoverAuth();
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await client.request(target, { scope: 'repository:team/app:pull' });
        statuses.push(response.status);
        if (fault === '429' && response.status === 429) expect(response.headers.get('retry-after')).toBe('7');
        await response.arrayBuffer();
      }
      expect(statuses).toEqual([Number(fault), Number(fault), 200]);
      expect(proxy.requests.filter((r) => r.path === target).map((r) => r.status)).toEqual([Number(fault), Number(fault), 200]);
    } finally {
      await proxy.stop();
    }
  });

  it.each(['stall', 'reset', 'truncate'] as const)('%s breaks the first `times` matching requests, then passes through', async (fault) => {
    const rules: FaultRule[] = [{ match: 'tags/list', fault, times: 2 }];
    const proxy = await startFaultProxy(reg.url, rules);
    try {
      // a token the client can send straight to the proxy, so each attempt is exactly one proxied request
      const tokenUrl = new URL(reg.tokenServerUrl!);
      tokenUrl.searchParams.set('service', 'kubecd-test-registry');
      tokenUrl.searchParams.set('scope', 'repository:team/app:pull');
      const { token } = (await (await fetch(tokenUrl, { headers: { authorization: `Basic ${Buffer.from(`${reg.username}:${reg.password}`).toString('base64')}` } })).json()) as { token: string };
      const attempt = async () => {
        const response = await fetch(`${proxy.url}${target}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(500) });
        return JSON.parse(await response.text()) as { tags: string[] };
      };
      const symptom = { stall: /aborted due to timeout/, reset: /fetch failed/, truncate: /terminated|JSON/ }[fault];
      for (let i = 0; i < 2; i++) await expect(attempt()).rejects.toThrow(symptom);
      expect((await attempt()).tags).toHaveLength(tags.length);
      expect(proxy.requests.filter((r) => r.path === target)).toHaveLength(3);
    } finally {
      await proxy.stop();
    }
  });

  it('applies a rule only to matching paths', async () => {
    const proxy = await startFaultProxy(reg.url, [{ match: '/manifests/', fault: '500', times: 1 }]);
    try {
      const response = await new RegistryClient(proxy.url, credentials()).request(target, { scope: 'repository:team/app:pull' });
      await response.arrayBuffer();
      expect(response.status).toBe(200);
      expect(proxy.requests.every((r) => r.status !== 500)).toBe(true);
    } finally {
      await proxy.stop();
    }
  });
});
