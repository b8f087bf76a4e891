import { plainLogger } from '../../src/log/plain.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRegistryCredentials } from '../../src/registry/credentials.js';
import { runUpgrades } from '../../src/upgrades/run.js';
import { createSources } from '../../src/upgrades/sources.js';
import { pushImage } from '../harness/images.js';
import { cleanupAll, makeTempDir } from '../harness/process.js';
import { startFaultProxy, startPaginatingProxy, type RunningProxy } from '../harness/proxies.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { environmentsYaml, FAST_RETRY, FIXED_NOW, imageRelease, load, makeDeployments, read, releasesYaml } from './fixture.js';

const registries: Record<'anonymous' | 'basic' | 'token', RunningRegistry> = {} as never;
const proxies: RunningProxy[] = [];
const TAGS = ['1.0.0', '1.0.1', '1.0.2', '1.1.0', '1.0.3-rc.1', '2.0.0', 'latest', 'a1', 'a2', 'a3', 'a4', 'a5'];

beforeAll(async () => {
  const [anonymous, basic, token] = await Promise.all([startRegistry(), startRegistry({ auth: 'basic' }), startRegistry({ auth: 'token' })]);
  Object.assign(registries, { anonymous, basic, token });
  for (const reg of [anonymous, basic, token]) {
    await pushImage(reg, { repository: 'team/svc', tag: TAGS, created: '2024-01-01T00:00:00Z' });
  }
  await pushImage(anonymous, { repository: 'team/other', tag: ['3.0.0', '3.0.1'], created: '2024-01-01T00:00:00Z' });
}, 120_000);

afterAll(async () => {
  await Promise.all(proxies.map((p) => p.stop()));
  await Promise.all(Object.values(registries).map((r) => r.stop()));
  await cleanupAll();
});

/** A docker config (as docker/login-action writes it) holding the basic and token registries' users. */
async function dockerConfigDir(): Promise<string> {
  const dir = await makeTempDir('docker-config');
  const auths: Record<string, { auth: string }> = {};
  for (const reg of [registries.basic, registries.token]) auths[reg.host] = { auth: Buffer.from(`${reg.username}:${reg.password}`).toString('base64') };
  await writeFile(join(dir, 'config.json'), JSON.stringify({ auths }));
  return dir;
}

describe('registry access', () => {
  it('works anonymously, with Basic auth and with a token server (credentials from the docker config)', async () => {
    const root = await makeDeployments({
      'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'] }),
      'releases/prod.yaml': releasesYaml([
        imageRelease('anon', `${registries.anonymous.host}/team/svc`, '1.0.0', 'PatchLevel'),
        imageRelease('basic', `${registries.basic.host}/team/svc`, '1.0.0', 'PatchLevel'),
        imageRelease('token', `${registries.token.host}/team/svc`, '1.0.0', 'PatchLevel'),
      ]),
    });
    const secrets: string[] = [];
    const sources = await createSources({ env: { DOCKER_CONFIG: await dockerConfigDir() }, logger: { ...plainLogger(() => undefined), secret: (s: string) => { secrets.push(s); } } });
    const { rows } = await runUpgrades(await load(root), { ...sources, write: 'lock', dryRun: true, now: FIXED_NOW });
    expect(rows.map((r) => `${r.release} ${r.decision} ${r.candidate ?? r.reason}`)).toEqual(['anon upgrade 1.0.2', 'basic upgrade 1.0.2', 'token upgrade 1.0.2']);
    expect(secrets).toEqual(expect.arrayContaining([registries.basic.password, registries.token.password]));
    expect(registries.token.tokenServer!.requests.some((r) => r.status === 200 && r.scopes.includes('repository:team/svc:pull'))).toBe(true);

    // Without credentials the protected registries are skipped with the reason; the anonymous one still works.
    const bare = await createSources({ env: { DOCKER_CONFIG: await makeTempDir('empty-docker') } });
    const again = await runUpgrades(await load(root), { ...bare, write: 'lock', dryRun: true, now: FIXED_NOW });
    expect(again.rows.map((r) => `${r.release} ${r.decision}`)).toEqual(['anon upgrade', 'basic skip', 'token skip']);
    expect(again.rows[1]!.reason).toMatch(/registry failed: .*credentials/);
  });

  it('takes credentials from the registry-credentials input form as well', async () => {
    const root = await makeDeployments({
      'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'] }),
      'releases/prod.yaml': releasesYaml([
        imageRelease('basic', `${registries.basic.host}/team/svc`, '1.0.0', 'PatchLevel'),
        imageRelease('token', `${registries.token.host}/team/svc`, '1.0.0', 'PatchLevel'),
      ]),
    });
    const credentials = parseRegistryCredentials(JSON.stringify({
      [registries.basic.host]: { username: registries.basic.username, password: registries.basic.password },
      [registries.token.host]: { username: registries.token.username, password: registries.token.password },
    }));
    const sources = await createSources({ env: { DOCKER_CONFIG: await makeTempDir('empty-docker') }, credentials });
    const { rows } = await runUpgrades(await load(root), { ...sources, write: 'lock', dryRun: true, now: FIXED_NOW });
    expect(rows.map((r) => `${r.release} ${r.decision} ${r.candidate ?? r.reason}`)).toEqual(['basic upgrade 1.0.2', 'token upgrade 1.0.2']);
  });

  it('follows Link pagination of tag lists', async () => {
    const proxy = await startPaginatingProxy(registries.anonymous.url, { pageSize: 3 });
    proxies.push(proxy);
    const root = await makeDeployments({
      'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'] }),
      'releases/prod.yaml': releasesYaml([imageRelease('svc', `${proxy.host}/team/svc`, '1.0.0', 'MajorVersion')]),
    });
    const { rows } = await runUpgrades(await load(root), { ...(await createSources()), write: 'lock', dryRun: true, now: FIXED_NOW });
    expect(rows[0]).toMatchObject({ decision: 'upgrade', candidate: '2.0.0' });
    const pages = proxy.requests.filter((r) => r.path.includes('/tags/list'));
    expect(pages.length).toBe(Math.ceil(TAGS.length / 3));
  });

  it('retries 429, 500 and stalls; a registry that keeps failing is skipped, the others still handled, its lock entry untouched', async () => {
    const up = registries.anonymous.url;
    const flaky = await startFaultProxy(up, [
      { match: '/tags/list', fault: '429', times: 1, retryAfterSeconds: 0 },
      { match: '/tags/list', fault: '500', times: 1 },
    ]);
    const stalling = await startFaultProxy(up, [{ match: '/tags/list', fault: 'stall', times: 1 }]);
    const down = await startFaultProxy(up, [{ match: '/v2/', fault: '500', times: 1000 }]);
    proxies.push(flaky, stalling, down);
    const lockText = [
      '# hand-made lock',
      'environment: prod',
      'entries:',
      '  - release: down',
      '    key: image.tag',
      '    value: "1.0.1"',
      `    repository: ${down.host}/team/svc`,
      '    resolvedAt: "2025-01-01T00:00:00.000Z"',
      '',
    ].join('\n');
    const root = await makeDeployments({
      'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'] }),
      'releases/prod.yaml': releasesYaml([
        imageRelease('flaky', `${flaky.host}/team/svc`, '1.0.0', 'PatchLevel'),
        imageRelease('stalling', `${stalling.host}/team/svc`, '1.0.0', 'MinorVersion'),
        imageRelease('down', `${down.host}/team/svc`, '1.0.0', 'PatchLevel'),
        imageRelease('other', `${registries.anonymous.host}/team/other`, '3.0.0', 'PatchLevel'),
      ]),
      'locks/prod.yaml': lockText,
    });
    const started = performance.now();
    const sources = await createSources({ retry: FAST_RETRY });
    const { rows, changed } = await runUpgrades(await load(root), { ...sources, write: 'lock', now: FIXED_NOW });
    const elapsed = Math.round(performance.now() - started);
    expect(rows.map((r) => `${r.release} ${r.decision} ${r.candidate ?? ''}`.trim())).toEqual([
      'flaky upgrade 1.0.2', 'stalling upgrade 1.1.0', 'down skip', 'other upgrade 3.0.1',
    ]);
    expect(rows[2]!.reason).toMatch(/registry failed: .*HTTP 500.*after 3 attempts/);
    expect(flaky.requests.filter((r) => r.path.includes('/tags/list')).map((r) => r.status)).toEqual([429, 500, 200]);
    expect(stalling.requests.filter((r) => r.path.includes('/tags/list')).map((r) => r.status)).toEqual([0, 200]);
    expect(changed.map((c) => c.file)).toEqual(['locks/prod.yaml']);
    const written = await read(root, 'locks/prod.yaml');
    // The failed trigger's entry is kept exactly: same value, same resolvedAt.
    expect(written).toMatch(new RegExp(`- release: down\\n    key: image.tag\\n    value: "1.0.1"\\n    repository: ${down.host.replace('.', '\\.')}/team/svc\\n    resolvedAt: "?2025-01-01T00:00:00.000Z"?\\n`));
    console.log(`fault run: ${elapsed} ms`);
    expect(elapsed).toBeLessThan(15_000);
  });
});
