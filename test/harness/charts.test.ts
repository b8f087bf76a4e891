import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartArchives, isolatedHelmEnv, pushOciCharts, startChartRepo } from './charts.js';
import { cleanupAll, makeTempDir, runningProcesses } from './process.js';
import { listTags, startRegistry, type RunningRegistry } from './registry.js';
import { HELM_MAJORS, helmBinary } from './tools.js';

const execFileAsync = promisify(execFile);
const charts = [
  { name: 'demo', versions: ['1.0.0', '1.1.0', '2.0.0-rc.1'] },
  { name: 'other', versions: ['0.3.0', '0.4.0+build.7'] },
];

let repo: Awaited<ReturnType<typeof startChartRepo>>;
let reg: RunningRegistry;
let oci: Awaited<ReturnType<typeof pushOciCharts>>;

beforeAll(async () => {
  const started = performance.now();
  [repo, reg] = await Promise.all([startChartRepo(charts), startRegistry({ auth: 'basic' })]);
  console.log(`chart repo and registry ready in ${Math.round(performance.now() - started)} ms (registry ${reg.startupMs} ms)`);
  const pushing = performance.now();
  oci = await pushOciCharts(reg, charts);
  console.log(`pushed ${charts.flatMap((c) => c.versions).length} OCI charts in ${Math.round(performance.now() - pushing)} ms`);
});

afterAll(async () => {
  await repo?.stop();
  await reg?.stop();
  await cleanupAll();
  expect(runningProcesses()).toEqual([]);
});

it('serves an index listing every version', async () => {
  const index = await (await fetch(`${repo.url}/index.yaml`)).text();
  for (const version of ['1.0.0', '1.1.0', '2.0.0-rc.1', '0.3.0', '0.4.0+build.7']) expect(index).toContain(`version: ${version}`);
  expect((await fetch(`${repo.url}/missing-9.9.9.tgz`)).status).toBe(404);
});

it('stores OCI chart versions as tags, with + spelled _', async () => {
  expect((await listTags(reg, 'charts/demo')).sort()).toEqual(['1.0.0', '1.1.0', '2.0.0-rc.1']);
  expect((await listTags(reg, 'charts/other')).sort()).toEqual(['0.3.0', '0.4.0_build.7']);
  expect(oci.reference('demo')).toBe(`oci://${reg.host}/charts/demo`);
});

describe.each(HELM_MAJORS)('Helm %i', (major) => {
  let helm: string;
  let home: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    helm = await helmBinary(major);
    home = await makeTempDir(`charts-helm${major}`);
    env = isolatedHelmEnv(home, oci.registryConfig);
  });
  const renderedVersion = (stdout: string) => /chartVersion: "([^"]+)"/.exec(stdout)?.[1];

  it('templates and pulls a classic-repo chart by --repo and --version', async () => {
    const { stdout } = await execFileAsync(helm, ['template', 'rel', 'demo', '--repo', repo.url, '--version', '1.1.0'], { env });
    expect(renderedVersion(stdout)).toBe('1.1.0');
    expect(stdout).toContain('name: rel-demo');
    const destination = join(home, 'classic');
    await mkdir(destination);
    await execFileAsync(helm, ['pull', 'demo', '--repo', repo.url, '--version', '2.0.0-rc.1', '--destination', destination], { env });
    expect(await chartArchives(destination)).toEqual(['demo-2.0.0-rc.1.tgz']);
  });

  it('templates and pulls an OCI chart', async () => {
    const { stdout } = await execFileAsync(helm, ['template', 'rel', oci.reference('demo'), '--version', '1.0.0', '--plain-http'], { env });
    expect(renderedVersion(stdout)).toBe('1.0.0');
    const built = await execFileAsync(helm, ['template', 'rel', oci.reference('other'), '--version', '0.4.0+build.7', '--plain-http'], { env });
    expect(renderedVersion(built.stdout)).toBe('0.4.0+build.7');
    const destination = join(home, 'oci');
    await mkdir(destination);
    await execFileAsync(helm, ['pull', oci.reference('demo'), '--version', '1.1.0', '--plain-http', '--destination', destination], { env });
    expect(await chartArchives(destination)).toEqual(['demo-1.1.0.tgz']);
  });

  it('is refused by the registry without credentials', async () => {
    const anonymous = isolatedHelmEnv(home, join(home, 'no-credentials.json'));
    await expect(execFileAsync(helm, ['template', 'rel', oci.reference('demo'), '--version', '1.0.0', '--plain-http'], { env: anonymous })).rejects.toThrow(/401|unauthorized|basic credential not found/i);
  });
});
