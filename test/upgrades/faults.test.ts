/**
 * The fault grid: every fault mode of the proxy, on every kind of request check-upgrades makes, for the
 * semver and Newest tracks, against a real registry (anonymous and token auth) and a classic chart repo.
 * A faulted registry may cost an upgrade (a skip flagged as a source failure), never a wrong decision.
 */
import { plainLogger } from '../../src/log/plain.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse, stringify } from 'yaml';
import { isChartVersion, isOciTag } from '../../src/model/grammar.js';
import { RegistryClient } from '../../src/registry/client.js';
import { credentialResolver } from '../../src/registry/credentials.js';
import { checkUpgrades } from '../../src/upgrades/check.js';
import { createSources } from '../../src/upgrades/sources.js';
import type { UpgradeRow } from '../../src/upgrades/types.js';
import { startChartRepo } from '../harness/charts.js';
import { pushImage } from '../harness/images.js';
import { cleanupAll } from '../harness/process.js';
import { startFaultProxy, type FaultMode, type RunningFaultProxy } from '../harness/proxies.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { environmentsYaml, imageRelease, load, makeDeployments, releasesYaml } from './fixture.js';

const MODES: FaultMode[] = ['429', '500', 'stall', 'reset', 'truncate', '404', 'huge', 'bad-json', 'empty-tags', 'null-tags', 'hostile-tags', 'bad-digest', 'redirect-other-host'];
const KINDS = { token: '/token', tags: '/tags/list', manifest: '/manifests/', blob: '/blobs/', index: '/index.yaml' } as const;
type Kind = keyof typeof KINDS;
const TRACKS = ['PatchLevel', 'Newest'] as const;
const RETRY = { attempts: 2, baseDelayMs: 10, maxDelayMs: 40, maxRetryAfterMs: 2_000, timeoutMs: 600 };
const KiB = 1024;
const LIMITS = { tags: 256 * KiB, manifest: 256 * KiB, blob: 256 * KiB, token: 64 * KiB, index: 256 * KiB };
const HUGE = 2 * 1024 * KiB;
const UNCLEAR = /UND_ERR|fetch failed|Maximum call stack|terminated|\n|\s at |ECONN|TypeError|SyntaxError/;

let anonymous: RunningRegistry;
let token: RunningRegistry;
let chartRepo: Awaited<ReturnType<typeof startChartRepo>>;
const chartCurrent = '1.0.0';
let chartIndex: Server;
let chartIndexUrl = '';
const proxies: RunningFaultProxy[] = [];

beforeAll(async () => {
  [anonymous, token, chartRepo] = await Promise.all([
    startRegistry(),
    startRegistry({ auth: 'token' }),
    startChartRepo([{ name: 'app', versions: ['1.0.0', '1.0.1', '1.0.2', '1.1.0'] }]),
  ]);
  const created = { '1.0.0': '2024-01-01T00:00:00Z', '1.0.1': '2024-01-02T00:00:00Z', '1.0.2': '2024-01-03T00:00:00Z', '1.1.0': '2024-01-04T00:00:00Z' };
  for (const reg of [anonymous, token]) {
    for (const [tag, when] of Object.entries(created)) await pushImage(reg, { repository: 'team/svc', tag, created: when });
  }
  // `helm repo index` stamps every version with one time; Newest needs them apart, so the index helm wrote
  // is served with one day between versions by a stand-in in front of the chart repo.
  const index = parse(await (await fetch(`${chartRepo.url}/index.yaml`)).text()) as { entries: { app: { version: string; created: string }[] } };
  for (const entry of index.entries.app) entry.created = `2024-02-0${['1.0.0', '1.0.1', '1.0.2', '1.1.0'].indexOf(entry.version) + 1}T00:00:00Z`;
  const text = stringify(index);
  chartIndex = createServer((req, res) => {
    if (req.url === '/index.yaml') res.writeHead(200, { 'content-type': 'application/x-yaml' }).end(text);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => chartIndex.listen(0, '127.0.0.1', resolve));
  chartIndexUrl = `http://127.0.0.1:${(chartIndex.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await Promise.all(proxies.map((p) => p.stop()));
  await Promise.all([anonymous?.stop(), token?.stop(), chartRepo?.stop(), new Promise((resolve) => chartIndex ? chartIndex.close(resolve) : resolve(undefined))]);
  await cleanupAll();
});

interface Target { name: string; upstream: 'anonymous' | 'token' | 'chart'; kinds: Kind[] }
const TARGETS: Target[] = [
  { name: 'anonymous registry', upstream: 'anonymous', kinds: ['tags', 'manifest', 'blob'] },
  { name: 'token registry', upstream: 'token', kinds: ['token', 'tags', 'manifest', 'blob'] },
  { name: 'chart repo', upstream: 'chart', kinds: ['index'] },
];

async function proxyFor(target: Target, rules: Parameters<typeof startFaultProxy>[1]): Promise<RunningFaultProxy> {
  const proxy = target.upstream === 'chart'
    ? await startFaultProxy(chartIndexUrl, rules)
    : target.upstream === 'token'
      ? await startFaultProxy(token.url, rules, { tokenServer: token.tokenServerUrl! })
      : await startFaultProxy(anonymous.url, rules);
  proxies.push(proxy);
  return proxy;
}

/** One check-upgrades run of one trigger through `proxy`. */
async function checkThrough(target: Target, proxy: RunningFaultProxy, track: (typeof TRACKS)[number]): Promise<UpgradeRow> {
  const files: Record<string, string> = target.upstream === 'chart'
    ? {
        'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'] }, `helmRepos:\n  - name: shared\n    url: ${proxy.url}`),
        'releases/prod.yaml': ['releases:', '  - name: app', '    chart:', '      reference: shared/app', `      version: "${chartCurrent}"`, '    triggers:', '      - chart:', `          track: ${track}`, ''].join('\n'),
      }
    : {
        'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'] }),
        'releases/prod.yaml': releasesYaml([imageRelease('svc', `${proxy.host}/team/svc`, '1.0.0', track)]),
      };
  const root = await makeDeployments(files);
  const credentials = target.upstream === 'token' ? { [proxy.host]: { username: token.username!, password: token.password! } } : undefined;
  const sources = await createSources({
    env: { DOCKER_CONFIG: root },
    retry: RETRY,
    bodyLimits: LIMITS,
    ...(credentials ? { credentials } : {}),
  });
  const rows = await checkUpgrades({ loaded: await load(root), ...sources });
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

function summary(row: UpgradeRow): string {
  return row.decision === 'upgrade' ? `upgrade ${row.candidate} ${row.digest ?? ''}` : `${row.decision}${row.failure ? ' (source failure)' : ''}: ${row.reason}`;
}

describe('fault grid', () => {
  it('every faulted cell gives the correct upgrade or a skip flagged as a source failure', async () => {
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 20);
    const started = performance.now();
    try {
      const baseline = new Map<string, UpgradeRow>();
      for (const target of TARGETS) {
        for (const track of TRACKS) {
          const row = await checkThrough(target, await proxyFor(target, []), track);
          expect(row.decision, `${target.name} ${track} without faults: ${summary(row)}`).toBe('upgrade');
          baseline.set(`${target.name} ${track}`, row);
        }
      }
      const cells = TARGETS.flatMap((target) => target.kinds.flatMap((kind) => MODES.flatMap((mode) => TRACKS.map((track) => ({ target, kind, mode, track })))));
      const wrong: string[] = [];
      const unclear: string[] = [];
      const leaked: string[] = [];
      let outcomes = { upgrade: 0, skip: 0 };
      let next = 0;
      const worker = async () => {
        while (next < cells.length) {
          const cell = cells[next++]!;
          const label = `${cell.target.name} ${cell.kind} ${cell.mode} ${cell.track}`;
          const proxy = await proxyFor(cell.target, [{ match: KINDS[cell.kind], fault: cell.mode, times: 1_000, retryAfterSeconds: 0, hugeBytes: HUGE }]);
          const row = await checkThrough(cell.target, proxy, cell.track);
          const expected = baseline.get(`${cell.target.name} ${cell.track}`)!;
          const correctUpgrade = row.decision === 'upgrade' && row.candidate === expected.candidate && row.digest === expected.digest;
          const flaggedSkip = row.decision === 'skip' && row.failure === true && row.reason.startsWith('registry failed: ');
          const grammatical = row.candidate === undefined || (cell.target.upstream === 'chart' ? isChartVersion(row.candidate) : isOciTag(row.candidate));
          if (!(correctUpgrade || flaggedSkip) || !grammatical) wrong.push(`${label}: ${summary(row)}`);
          if (UNCLEAR.test(row.reason) || row.reason.length > 300) unclear.push(`${label}: ${row.reason}`);
          for (const request of proxy.redirected) if (request.authorization) leaked.push(`${label}: ${request.path}`);
          if (process.env.FAULT_DEBUG) console.log(`${label} => ${summary(row)}`);
          outcomes[row.decision === 'upgrade' ? 'upgrade' : 'skip']++;
          await proxy.stop();
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      const elapsed = Math.round(performance.now() - started);
      console.log(`fault grid: ${cells.length} cells run in ${elapsed} ms (${outcomes.upgrade} correct upgrades, ${outcomes.skip} flagged skips); ` +
        `wrong decisions: ${wrong.length}; unclear messages: ${unclear.length}; credentials after a cross-host redirect: ${leaked.length}; ` +
        `peak RSS: ${Math.round(peakRss / 1024 / 1024)} MiB`);
      expect(wrong).toEqual([]);
      expect(unclear).toEqual([]);
      expect(leaked).toEqual([]);
      expect(cells.length).toBe(2 * MODES.length * 8);
      // Each mode faults something: the grid is not all pass-through.
      expect(outcomes.skip).toBeGreaterThan(cells.length / 2);
      expect(elapsed).toBeLessThan(60_000);
    } finally {
      clearInterval(sampler);
    }
  }, 120_000);
});

describe('single faults', () => {
  const anonymousTarget = TARGETS[0]!;

  it('hostile tags never reach a row; the upgrade is the one without them', async () => {
    const proxy = await proxyFor(anonymousTarget, [{ match: '/tags/list', fault: 'hostile-tags', times: 1_000 }]);
    const row = await checkThrough(anonymousTarget, proxy, 'PatchLevel');
    expect(row).toMatchObject({ decision: 'upgrade', candidate: '1.0.2' });
  });

  it('a body over the default cap is aborted while it streams, and said in plain words', async () => {
    const proxy = await proxyFor(anonymousTarget, [{ match: '/tags/list', fault: 'huge', times: 1_000, hugeBytes: 20 * 1024 * KiB }]);
    const root = await makeDeployments({
      'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'] }),
      'releases/prod.yaml': releasesYaml([imageRelease('svc', `${proxy.host}/team/svc`, '1.0.0', 'PatchLevel')]),
    });
    const rows = await checkUpgrades({ loaded: await load(root), ...(await createSources({ retry: RETRY })) });
    expect(rows[0]).toMatchObject({ decision: 'skip', failure: true, reason: `registry failed: ${proxy.host}/team/svc: response from ${proxy.host} exceeds 16 MiB` });
  });

  it('an empty tag list is an untrusted answer, not "no newer version"', async () => {
    const proxy = await proxyFor(anonymousTarget, [{ match: '/tags/list', fault: 'empty-tags', times: 1_000 }]);
    const row = await checkThrough(anonymousTarget, proxy, 'PatchLevel');
    expect(row).toMatchObject({ decision: 'skip', failure: true });
    expect(row.reason).toBe(`registry failed: ${proxy.host}/team/svc: registry listed no tags for team/svc (untrusted answer)`);
  });

  it('a reset connection is reported as such', async () => {
    const proxy = await proxyFor(anonymousTarget, [{ match: '/tags/list', fault: 'reset', times: 1_000 }]);
    const row = await checkThrough(anonymousTarget, proxy, 'PatchLevel');
    expect(row.reason).toBe(`registry failed: ${proxy.host}/team/svc: connection reset by ${proxy.host} (after 2 attempts)`);
  });

  it('a token realm on another host never receives the Basic credentials', async () => {
    const proxy = await startFaultProxy(token.url, [], { tokenServer: token.tokenServerUrl!, realmOnOtherHost: true });
    proxies.push(proxy);
    const warnings: string[] = [];
    const root = await makeDeployments({
      'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'] }),
      'releases/prod.yaml': releasesYaml([imageRelease('svc', `${proxy.host}/team/svc`, '1.0.0', 'PatchLevel')]),
    });
    const sources = await createSources({
      env: { DOCKER_CONFIG: root },
      retry: RETRY,
      credentials: { [proxy.host]: { username: token.username!, password: token.password! } },
      logger: { ...plainLogger(() => undefined), warning: (m: string) => { warnings.push(m); } },
    });
    const rows = await checkUpgrades({ loaded: await load(root), ...sources });
    const tokenRequests = proxy.redirected.filter((r) => r.path.startsWith('/token'));
    expect(tokenRequests.length).toBeGreaterThan(0);
    expect(tokenRequests.map((r) => r.authorization ?? 'none')).toEqual(tokenRequests.map(() => 'none'));
    expect(rows[0]).toMatchObject({ decision: 'skip', failure: true });
    expect(rows[0]!.reason).toMatch(/credentials were not sent: the token realm is on another host \(127\.0\.0\.2:\d+\)/);
    expect(warnings.some((w) => w.includes('not sending credentials to the token server'))).toBe(true);
  });

  it('a tag list of 200,000 tags on one page is read whole', async () => {
    const tags = Array.from({ length: 200_000 }, (_, i) => `1.${Math.floor(i / 1000)}.${i % 1000}`);
    const body = JSON.stringify({ name: 'big/app', tags });
    const server = createServer((req, res) => {
      if (req.url === '/v2/') return res.writeHead(200).end('{}');
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
      const client = new RegistryClient({ retry: RETRY, credentials: credentialResolver({}) });
      const listed = await client.listTags(`${host}/big/app`);
      expect(listed.length).toBe(200_000);
      expect(listed[199_999]).toBe('1.199.999');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

