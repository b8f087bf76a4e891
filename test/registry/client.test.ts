import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RegistryClient, SOURCE_LABEL, type RegistryClientOptions } from '../../src/registry/client.js';
import { credentialResolver, loadDockerConfig } from '../../src/registry/credentials.js';
import { RegistryAuthError, RegistryNotFoundError, RegistryUnavailableError } from '../../src/registry/errors.js';
import { pushImage } from '../harness/images.js';
import { cleanupAll } from '../harness/process.js';
import { startFaultProxy, startPaginatingProxy } from '../harness/proxies.js';
import { startRegistry, type RegistryAuth, type RunningRegistry } from '../harness/registry.js';

const FAST_RETRY = { attempts: 4, baseDelayMs: 20, maxDelayMs: 100, timeoutMs: 2_000 };

function clientFor(reg: RunningRegistry, extra: RegistryClientOptions = {}): RegistryClient {
  const explicit = reg.username && reg.password ? { [reg.host]: { username: reg.username, password: reg.password } } : {};
  return new RegistryClient({ credentials: credentialResolver({ explicit }), retry: FAST_RETRY, ...extra });
}

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  await cleanupAll();
});

async function registry(auth: RegistryAuth = 'anonymous'): Promise<RunningRegistry> {
  const reg = await startRegistry({ auth });
  stops.push(() => reg.stop());
  return reg;
}

describe.each(['anonymous', 'basic', 'token'] as const)('auth mode %s', (auth) => {
  let reg: RunningRegistry;
  beforeAll(async () => {
    reg = await registry(auth);
    await pushImage(reg, { repository: 'team/app', tag: ['1.0.0', '1.1.0', 'latest'], created: '2024-01-01T00:00:00Z' });
  });

  test('lists tags with explicit credentials, reporting every secret', async () => {
    const secrets: string[] = [];
    const logs: string[] = [];
    const client = clientFor(reg, { onSecret: (s) => secrets.push(s), log: (m) => logs.push(m) });
    expect((await client.listTags(`${reg.host}/team/app`)).sort()).toEqual(['1.0.0', '1.1.0', 'latest']);
    if (reg.password) {
      expect(secrets).toContain(reg.password);
      expect(secrets).toContain(Buffer.from(`${reg.username}:${reg.password}`).toString('base64'));
    } else {
      expect(secrets).toEqual([]);
    }
    if (auth === 'token') expect(secrets.length).toBeGreaterThanOrEqual(3); // password, basic payload, registry token
    for (const line of logs) for (const secret of secrets) expect(line).not.toContain(secret);
  });

  test('a token (or Basic credential) is fetched once and reused across requests', async () => {
    const client = clientFor(reg);
    await client.listTags(`${reg.host}/team/app`);
    await client.getImageInfo(`${reg.host}/team/app:1.1.0`);
    expect(client.stats.byKind.ping).toBe(1);
    expect(client.stats.byKind.token).toBe(auth === 'token' ? 1 : 0);
    if (auth === 'token') {
      const mine = reg.tokenServer!.requests.filter((r) => r.method === 'GET' && r.scopes.includes('repository:team/app:pull'));
      expect(mine.length).toBeGreaterThanOrEqual(1);
    }
  });

  if (auth !== 'anonymous') {
    test('without credentials the registry is an auth error, not an empty list', async () => {
      await expect(new RegistryClient({ retry: FAST_RETRY }).listTags(`${reg.host}/team/app`)).rejects.toThrow(RegistryAuthError);
    });

    test('wrong credentials are an auth error', async () => {
      const client = new RegistryClient({
        retry: FAST_RETRY,
        credentials: credentialResolver({ explicit: { [reg.host]: { username: reg.username!, password: 'wrong' } } }),
      });
      await expect(client.listTags(`${reg.host}/team/app`)).rejects.toThrow(RegistryAuthError);
    });

    test('credentials from a docker config file work', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'kubecd-dockercfg-'));
      try {
        const auth64 = Buffer.from(`${reg.username}:${reg.password}`).toString('base64');
        await writeFile(join(dir, 'config.json'), JSON.stringify({ auths: { [`http://${reg.host}`]: { auth: auth64 } } }));
        const config = await loadDockerConfig({ DOCKER_CONFIG: dir });
        const client = new RegistryClient({ retry: FAST_RETRY, credentials: credentialResolver({ dockerConfig: config.credentials }) });
        expect((await client.listTags(`${reg.host}/team/app`)).length).toBe(3);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }

  if (auth === 'token') {
    test('a cached token is fetched again once it expires', async () => {
      // The real token server grants 300 s; shorten what the client is told, to watch it renew.
      const shortLived: typeof fetch = async (input, init) => {
        const response = await fetch(input, init);
        if (!String(input).startsWith(reg.tokenServerUrl!)) return response;
        const body = (await response.json()) as Record<string, unknown>;
        return new Response(JSON.stringify({ ...body, expires_in: 1 }), { status: response.status, headers: response.headers });
      };
      const client = clientFor(reg, { fetch: shortLived });
      await client.listTags(`${reg.host}/team/app`);
      await client.getDigest(`${reg.host}/team/app:1.0.0`);
      expect(client.stats.byKind.token).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await client.getImageInfo(`${reg.host}/team/app:1.0.0`);
      expect(client.stats.byKind.token).toBe(2);
    });

    test('a pull-only user can list tags', async () => {
      const client = new RegistryClient({
        retry: FAST_RETRY,
        credentials: credentialResolver({ explicit: { [reg.host]: reg.readOnlyUser! } }),
      });
      expect((await client.listTags(`${reg.host}/team/app`)).length).toBe(3);
    });
  }
});

describe('manifests', () => {
  let reg: RunningRegistry;
  const digests: Record<string, string> = {};
  beforeAll(async () => {
    reg = await registry();
    digests.docker = (await pushImage(reg, { repository: 'm/docker', tag: '1.0.0', created: '2024-02-01T10:00:00Z', format: 'docker', labels: { [SOURCE_LABEL]: 'https://example.test/docker' } })).digest;
    digests.oci = (await pushImage(reg, { repository: 'm/oci', tag: ['2.0.0', 'latest'], created: '2024-03-01T10:00:00Z', format: 'oci', labels: { [SOURCE_LABEL]: 'https://example.test/oci' } })).digest;
    digests.index = (await pushImage(reg, {
      repository: 'm/index', tag: '3.0.0', created: '2024-01-01T00:00:00Z', format: 'index',
      platforms: [
        { os: 'linux', architecture: 'amd64', created: '2024-04-01T00:00:00Z' },
        { os: 'linux', architecture: 'arm64', created: '2024-04-05T12:00:00Z' },
        { os: 'linux', architecture: 's390x', created: '2024-03-01T00:00:00Z' },
      ],
      labels: { [SOURCE_LABEL]: 'https://example.test/index' },
    })).digest;
  });

  test('a docker v2 manifest gives its config created time, labels and digest', async () => {
    const info = await clientFor(reg).getImageInfo(`${reg.host}/m/docker:1.0.0`);
    expect(info.created?.toISOString()).toBe('2024-02-01T10:00:00.000Z');
    expect(info.labels[SOURCE_LABEL]).toBe('https://example.test/docker');
    expect(info.digest).toBe(digests.docker);
    expect(info.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
  });

  test('an OCI manifest is read with an OCI Accept header', async () => {
    const info = await clientFor(reg).getImageInfo(`${reg.host}/m/oci:2.0.0`);
    expect(info.created?.toISOString()).toBe('2024-03-01T10:00:00.000Z');
    expect(info.labels[SOURCE_LABEL]).toBe('https://example.test/oci');
    expect(info.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
  });

  test('an index is as new as its newest platform', async () => {
    const info = await clientFor(reg).getImageInfo(`${reg.host}/m/index:3.0.0`);
    expect(info.created?.toISOString()).toBe('2024-04-05T12:00:00.000Z');
    expect(info.platforms.map((p) => p.architecture)).toEqual(['amd64', 'arm64', 's390x']);
    expect(info.labels[SOURCE_LABEL]).toBe('https://example.test/index');
    expect(info.digest).toBe(digests.index);
  });

  test('HEAD gives the digest; an unknown tag is undefined; an unknown repository is not found', async () => {
    const client = clientFor(reg);
    expect(await client.getDigest(`${reg.host}/m/oci:latest`)).toBe(digests.oci);
    expect(await client.getDigest(`${reg.host}/m/oci:9.9.9`)).toBeUndefined();
    expect(client.stats.byKind.blob).toBe(0);
    await expect(client.listTags(`${reg.host}/m/nothing`)).rejects.toThrow(RegistryNotFoundError);
  });

  test('the same tag list, manifest and blob asked for many times are fetched once', async () => {
    const client = clientFor(reg);
    const ref = `${reg.host}/m/index:3.0.0`;
    await Promise.all([
      ...Array.from({ length: 10 }, () => client.listTags(`${reg.host}/m/index`)),
      ...Array.from({ length: 10 }, () => client.getImageInfo(ref)),
    ]);
    await client.getImageInfo(ref);
    await client.getDigest(ref);
    // one index + three platform manifests, three config blobs (same layer, different configs)
    expect(client.stats.byKind).toMatchObject({ ping: 1, tags: 1, manifest: 4, blob: 3 });
    expect(client.stats.requests).toBe(9);
  });
});

describe('pagination', () => {
  test('follows Link rel="next" through every page', async () => {
    const reg = await registry();
    const tags = ['1.0.0', '1.0.1', '1.1.0', '2.0.0', 'v3', 'latest', 'sha-1234567'];
    await pushImage(reg, { repository: 'p/app', tag: tags, created: '2024-01-01T00:00:00Z' });
    const proxy = await startPaginatingProxy(reg.url, { pageSize: 2 });
    stops.push(() => proxy.stop());
    const client = clientFor(reg);
    expect((await client.listTags(`${proxy.host}/p/app`)).sort()).toEqual([...tags].sort());
    expect(proxy.requests.filter((r) => r.path.includes('/tags/list'))).toHaveLength(4);
  });

  test('a page limit stops a list that never ends, as an error', async () => {
    const reg = await registry();
    await pushImage(reg, { repository: 'p/many', tag: ['a', 'b', 'c', 'd', 'e'], created: '2024-01-01T00:00:00Z' });
    const proxy = await startPaginatingProxy(reg.url, { pageSize: 1 });
    stops.push(() => proxy.stop());
    await expect(clientFor(reg, { maxTagPages: 3 }).listTags(`${proxy.host}/p/many`)).rejects.toThrow(/more than 3 pages/);
  });
});

describe('faults', () => {
  let reg: RunningRegistry;
  beforeAll(async () => {
    reg = await registry();
    await pushImage(reg, { repository: 'f/app', tag: ['1.0.0', '1.0.1'], created: '2024-05-01T00:00:00Z', format: 'oci' });
  });

  async function faulty(rules: Parameters<typeof startFaultProxy>[1]) {
    const proxy = await startFaultProxy(reg.url, rules);
    stops.push(() => proxy.stop());
    return proxy;
  }

  test('429 is retried after the Retry-After it asked for', async () => {
    const proxy = await faulty([{ match: '/tags/list', fault: '429', times: 1, retryAfterSeconds: 1 }]);
    const client = clientFor(reg);
    const started = performance.now();
    expect((await client.listTags(`${proxy.host}/f/app`)).sort()).toEqual(['1.0.0', '1.0.1']);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(proxy.requests.filter((r) => r.path.includes('/tags/list')).map((r) => r.status)).toEqual([429, 200]);
    expect(client.stats.retries).toBe(1);
  });

  test('500 twice is retried', async () => {
    const proxy = await faulty([{ match: '/tags/list', fault: '500', times: 2 }]);
    const client = clientFor(reg);
    expect((await client.listTags(`${proxy.host}/f/app`)).length).toBe(2);
    expect(proxy.requests.filter((r) => r.path.includes('/tags/list')).map((r) => r.status)).toEqual([500, 500, 200]);
  });

  test('a stalled request times out and is retried', async () => {
    const proxy = await faulty([{ match: '/tags/list', fault: 'stall', times: 1 }]);
    const client = clientFor(reg, { retry: { ...FAST_RETRY, timeoutMs: 300 } });
    const started = performance.now();
    expect((await client.listTags(`${proxy.host}/f/app`)).length).toBe(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(client.stats.retries).toBe(1);
  });

  test('a reset connection and truncated manifest and blob bodies are retried', async () => {
    const proxy = await faulty([
      { match: '/tags/list', fault: 'reset', times: 1 },
      { match: '/manifests/1.0.1', fault: 'truncate', times: 1 },
      { match: '/blobs/', fault: 'truncate', times: 1 },
    ]);
    const client = clientFor(reg);
    expect((await client.listTags(`${proxy.host}/f/app`)).length).toBe(2);
    const info = await client.getImageInfo(`${proxy.host}/f/app:1.0.1`);
    expect(info.created?.toISOString()).toBe('2024-05-01T00:00:00.000Z');
    expect(client.stats.retries).toBe(3);
  });

  test('persistent failure is a RegistryUnavailableError after bounded attempts; other registries still answer', async () => {
    const proxy = await faulty([{ match: '/tags/list', fault: '500', times: 1000 }]);
    const other = await registry();
    await pushImage(other, { repository: 'ok/app', tag: '1.0.0', created: '2024-01-01T00:00:00Z' });
    const client = clientFor(reg, { retry: { ...FAST_RETRY, attempts: 3 } });
    const failing = client.listTags(`${proxy.host}/f/app`);
    const working = client.listTags(`${other.host}/ok/app`);
    await expect(failing).rejects.toThrow(RegistryUnavailableError);
    await expect(failing).rejects.toMatchObject({ reason: expect.stringMatching(/HTTP 500.*after 3 attempts/) });
    expect(await working).toEqual(['1.0.0']);
    expect(proxy.requests.filter((r) => r.path.includes('/tags/list'))).toHaveLength(3);
    // Asked again in the same run, the failure is reported without hammering the registry.
    await expect(client.listTags(`${proxy.host}/f/app`)).rejects.toThrow(RegistryUnavailableError);
    expect(proxy.requests.filter((r) => r.path.includes('/tags/list'))).toHaveLength(3);
  });

  test('persistent stalls are a RegistryUnavailableError too', async () => {
    const proxy = await faulty([{ match: '/manifests/', fault: 'stall', times: 1000 }]);
    const client = clientFor(reg, { retry: { ...FAST_RETRY, attempts: 2, timeoutMs: 200 } });
    await expect(client.getImageInfo(`${proxy.host}/f/app:1.0.0`)).rejects.toThrow(/timed out after 0.2 s/);
  });

  test('a registry that is not there at all is unavailable', async () => {
    const gone = await registry();
    const host = gone.host;
    await gone.stop();
    const client = new RegistryClient({ retry: { ...FAST_RETRY, attempts: 2 } });
    await expect(client.listTags(`${host}/x/y`)).rejects.toThrow(RegistryUnavailableError);
  });
});
