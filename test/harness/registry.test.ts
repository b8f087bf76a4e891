import { execFile } from 'node:child_process';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedHelmEnv, packageCharts } from './charts.js';
import { pushImage } from './images.js';
import { cleanupAll, makeTempDir, runningProcesses } from './process.js';
import { RegistryClient } from './registry-client.js';
import { listTags, registryClient, startRegistry, type RegistryAuth, type RunningRegistry } from './registry.js';
import { HELM_MAJORS, helmBinary } from './tools.js';

const execFileAsync = promisify(execFile);
const registries: RunningRegistry[] = [];

afterAll(async () => {
  await Promise.all(registries.map((reg) => reg.stop()));
  await cleanupAll();
  expect(runningProcesses()).toEqual([]);
});

async function started(auth: RegistryAuth): Promise<RunningRegistry> {
  const reg = await startRegistry({ auth });
  registries.push(reg);
  console.log(`registry (${auth}) started in ${reg.startupMs} ms at ${reg.host}`);
  return reg;
}

describe.each(['anonymous', 'basic', 'token'] as const)('registry with %s auth', (auth) => {
  let reg: RunningRegistry;
  beforeAll(async () => { reg = await started(auth); });

  it('takes an image push and lists its tags', async () => {
    expect(reg.host).toMatch(/^127\.0\.0\.1:\d+$/);
    await pushImage(reg, { repository: 'team/app', tag: ['1.0.0', '1.1.0'], created: '2024-05-01T00:00:00Z' });
    expect((await listTags(reg, 'team/app')).sort()).toEqual(['1.0.0', '1.1.0']);
  });

  it(auth === 'anonymous' ? 'needs no credentials' : 'refuses a client without credentials', async () => {
    const response = await new RegistryClient(reg.url).request('/v2/team/app/tags/list', { scope: 'repository:team/app:pull' });
    await response.arrayBuffer();
    expect(response.status).toBe(auth === 'anonymous' ? 200 : 401);
  });

  if (auth !== 'anonymous') {
    it('refuses a wrong password', async () => {
      const response = await new RegistryClient(reg.url, { username: reg.username!, password: 'wrong' }).request('/v2/team/app/tags/list', { scope: 'repository:team/app:pull' });
      await response.arrayBuffer();
      expect(response.status).toBe(401);
    });
  }
});

describe('token auth', () => {
  let reg: RunningRegistry;
  const methodsSeen: string[] = [];
  beforeAll(async () => {
    reg = await started('token');
    await pushImage(reg, { repository: 'team/app', tag: '1.0.0', created: '2024-05-01T00:00:00Z' });
  });

  it('gives a pull-only user a token that pulls but cannot push', async () => {
    const reader = registryClient(reg, reg.readOnlyUser);
    expect(await reader.listTags('team/app')).toEqual(['1.0.0']);
    const upload = await reader.request('/v2/team/app/blobs/uploads/', { method: 'POST', scope: 'repository:team/app:pull,push' });
    await upload.arrayBuffer();
    expect([401, 403]).toContain(upload.status);
    const asked = reg.tokenServer!.requests.filter((r) => r.username === reg.readOnlyUser!.username && r.scopes.includes('repository:team/app:pull,push'));
    expect(asked.length).toBeGreaterThan(0);
  });

  it('gives no token to an anonymous client', async () => {
    const url = new URL(reg.tokenServerUrl!);
    url.searchParams.set('service', 'kubecd-test-registry');
    url.searchParams.set('scope', 'repository:team/app:pull');
    const response = await fetch(url);
    await response.arrayBuffer();
    expect(response.status).toBe(401);
  });

  it('answers the POST form flow, with refresh tokens', async () => {
    const post = (form: Record<string, string>) => fetch(reg.tokenServerUrl!, { method: 'POST', body: new URLSearchParams(form) });
    const first = await post({ grant_type: 'password', username: reg.username!, password: reg.password!, service: 'kubecd-test-registry', scope: 'repository:team/app:pull', client_id: 'test' });
    expect(first.status).toBe(200);
    const { refresh_token: refreshToken, access_token: accessToken } = (await first.json()) as { refresh_token: string; access_token: string };
    const manifest = await fetch(`${reg.url}/v2/team/app/manifests/1.0.0`, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/vnd.docker.distribution.manifest.v2+json' } });
    await manifest.arrayBuffer();
    expect(manifest.status).toBe(200);
    const refreshed = await post({ grant_type: 'refresh_token', refresh_token: refreshToken, service: 'kubecd-test-registry', scope: 'repository:team/app:pull' });
    expect(refreshed.status).toBe(200);
    const wrong = await post({ grant_type: 'password', username: reg.username!, password: 'wrong', service: 'kubecd-test-registry', scope: 'repository:team/app:pull' });
    await wrong.arrayBuffer();
    expect(wrong.status).toBe(401);
  });

  describe.each(HELM_MAJORS)('Helm %i', (major) => {
    it('logs in, pushes and pulls a chart', async () => {
      const helm = await helmBinary(major);
      const home = await makeTempDir(`helm${major}-token`);
      const env = isolatedHelmEnv(home);
      const [chart] = await packageCharts([{ name: `token-chart-${major}`, versions: ['0.1.0'] }], join(home, 'packages'));
      const before = reg.tokenServer!.requests.length;
      await execFileAsync(helm, ['registry', 'login', reg.host, '--username', reg.username!, '--password', reg.password!, '--plain-http'], { env });
      await execFileAsync(helm, ['push', chart!, `oci://${reg.host}/charts`, '--plain-http'], { env });
      await mkdir(join(home, 'pulled'));
      await execFileAsync(helm, ['pull', `oci://${reg.host}/charts/token-chart-${major}`, '--version', '0.1.0', '--plain-http', '--destination', join(home, 'pulled')], { env });
      expect((await stat(join(home, 'pulled', `token-chart-${major}-0.1.0.tgz`))).size).toBeGreaterThan(0);
      expect(await listTags(reg, `charts/token-chart-${major}`)).toEqual(['0.1.0']);
      const flows = reg.tokenServer!.requests.slice(before);
      console.log(`helm ${major} token requests: ${flows.map((r) => `${r.method} ${r.grantType} ${r.status}`).join(', ')}`);
      expect(flows.length).toBeGreaterThan(0);
      expect(flows.every((r) => r.status === 200 && r.username === reg.username)).toBe(true);
      methodsSeen.push(...flows.map((r) => r.method));
    });
  });

  it('was asked for tokens both ways by the two Helm majors (GET with Basic auth, POST form)', () => {
    // Seen with the pinned binaries: Helm 3.18 uses GET throughout; Helm 4.1 logs in with a POST form, then GETs.
    expect(new Set(methodsSeen)).toEqual(new Set(['GET', 'POST']));
  });
});
