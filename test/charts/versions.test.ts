import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ChartVersionSource } from '../../src/charts/source.js';
import { RegistryClient } from '../../src/registry/client.js';
import { credentialResolver } from '../../src/registry/credentials.js';
import { RegistryNotFoundError, RegistryUnavailableError } from '../../src/registry/errors.js';
import { chooseSemver } from '../../src/versions/policy.js';
import { pushOciCharts, startChartRepo } from '../harness/charts.js';
import { cleanupAll } from '../harness/process.js';
import { startFaultProxy } from '../harness/proxies.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';

const FAST_RETRY = { attempts: 3, baseDelayMs: 20, maxDelayMs: 100, timeoutMs: 2_000 };
const CHARTS = [
  { name: 'web', versions: ['1.0.0', '1.0.1', '1.1.0', '1.2.0-rc.1', '2.0.0', '1.0.2+build.7'] },
  { name: 'db', versions: ['0.1.0'] },
];

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  await cleanupAll();
});

describe('classic Helm repository', () => {
  let repo: Awaited<ReturnType<typeof startChartRepo>>;
  beforeAll(async () => {
    repo = await startChartRepo(CHARTS);
    stops.push(() => repo.stop());
  });

  test('lists every version of one chart from index.yaml, fetched once for many charts', async () => {
    const source = new ChartVersionSource({ registry: new RegistryClient(), retry: FAST_RETRY });
    const [web, db] = await Promise.all([
      source.listVersions({ kind: 'repo', reference: 'r/web', repoName: 'r', chartName: 'web', repoUrl: repo.url, version: '1.0.0' }),
      source.helmRepoVersions(`${repo.url}/`, 'db'),
    ]);
    expect(web.map((v) => v.version).sort()).toEqual([...CHARTS[0]!.versions].sort());
    expect(web.every((v) => v.created instanceof Date && /^sha256:[a-f0-9]{64}$/.test(v.digest ?? ''))).toBe(true);
    expect(db.map((v) => v.version)).toEqual(['0.1.0']);
    expect(repo.requests.filter((r) => r.path === '/index.yaml')).toHaveLength(1);
    expect(source.stats.byKind.index).toBe(1);
  });

  test('tracks move within their bounds over the repository versions', async () => {
    const source = new ChartVersionSource({ registry: new RegistryClient(), retry: FAST_RETRY });
    const versions = (await source.helmRepoVersions(repo.url, 'web')).map((v) => v.version);
    expect(chooseSemver('1.0.0', versions, 'PatchLevel')).toMatchObject({ kind: 'upgrade', tag: '1.0.2+build.7' });
    expect(chooseSemver('1.0.0', versions, 'MinorVersion')).toMatchObject({ kind: 'upgrade', tag: '1.1.0' });
    expect(chooseSemver('1.0.0', versions, 'MajorVersion')).toMatchObject({ kind: 'upgrade', tag: '2.0.0' });
  });

  test('a chart missing from the index is not found, not "no versions"', async () => {
    const source = new ChartVersionSource({ registry: new RegistryClient(), retry: FAST_RETRY });
    await expect(source.helmRepoVersions(repo.url, 'nope')).rejects.toThrow(RegistryNotFoundError);
  });

  test('a truncated index.yaml is retried; a repository that keeps failing is unavailable', async () => {
    const truncating = await startFaultProxy(repo.url, [{ match: '/index.yaml', fault: 'truncate', times: 1 }]);
    const failing = await startFaultProxy(repo.url, [{ match: '/index.yaml', fault: '500', times: 100 }]);
    stops.push(() => truncating.stop(), () => failing.stop());
    const source = new ChartVersionSource({ registry: new RegistryClient(), retry: FAST_RETRY });
    expect((await source.helmRepoVersions(truncating.url, 'web')).length).toBe(6);
    expect(truncating.requests.map((r) => r.path)).toEqual(['/index.yaml', '/index.yaml']);
    await expect(source.helmRepoVersions(failing.url, 'web')).rejects.toThrow(RegistryUnavailableError);
    expect(failing.requests).toHaveLength(3);
  });
});

describe.each(['anonymous', 'token'] as const)('OCI charts (%s registry)', (auth) => {
  let reg: RunningRegistry;
  let reference: (name: string) => string;
  beforeAll(async () => {
    reg = await startRegistry({ auth });
    stops.push(() => reg.stop());
    reference = (await pushOciCharts(reg, CHARTS)).reference;
  });

  test('lists the chart repository tags with `_` mapped back to `+`', async () => {
    const explicit = reg.username ? { [reg.host]: { username: reg.username, password: reg.password! } } : {};
    const registry = new RegistryClient({ retry: FAST_RETRY, credentials: credentialResolver({ explicit }) });
    const source = new ChartVersionSource({ registry });
    const versions = (await source.listVersions({ kind: 'oci', reference: reference('web'), version: '1.0.0' })).map((v) => v.version);
    expect(versions.sort()).toEqual([...CHARTS[0]!.versions].sort());
    expect(chooseSemver('1.0.0', versions, 'PatchLevel')).toMatchObject({ kind: 'upgrade', tag: '1.0.2+build.7' });
    expect(chooseSemver('1.0.0', versions, 'MinorVersion')).toMatchObject({ kind: 'upgrade', tag: '1.1.0' });
    expect(await source.ociVersions(reference('db'))).toEqual([{ version: '0.1.0' }]);
  });
});
