import { chmod, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLockFile } from '../../src/lock/parse.js';
import { runUpgrades } from '../../src/upgrades/run.js';
import { createSources } from '../../src/upgrades/sources.js';
import { pushOciCharts, startChartRepo } from '../harness/charts.js';
import { pushImage } from '../harness/images.js';
import { cleanupAll } from '../harness/process.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { environmentsYaml, FIXED_NOW, load, makeDeployments, read } from './fixture.js';

let reg: RunningRegistry;
let chartRepo: Awaited<ReturnType<typeof startChartRepo>>;
let ociReference: string;

beforeAll(async () => {
  reg = await startRegistry();
  await pushImage(reg, { repository: 'shop/web', tag: ['1.4.2', '1.4.3', '1.5.0', '2.0.0'], created: '2024-01-01T00:00:00Z' });
  await pushImage(reg, { repository: 'shop/worker', tag: ['2.0.1', '2.0.9'], created: '2024-01-01T00:00:00Z' });
  const [repo, oci] = await Promise.all([
    startChartRepo([{ name: 'ingress', versions: ['0.9.5', '0.9.7', '0.10.0', '1.0.0', '0.9.8-rc.1'] }]),
    pushOciCharts(reg, [{ name: 'redis', versions: ['1.2.0', '1.3.0', '1.3.1', '2.0.0'] }]),
  ]);
  chartRepo = repo;
  ociReference = oci.reference('redis');
}, 180_000);

afterAll(async () => {
  await chartRepo?.stop();
  await reg?.stop();
  await cleanupAll();
});

function commentedReleases(): string {
  return `# yaml-language-server: $schema=../schema/releases.schema.json
#
# Production releases. Reviewed by the shop team.

releases:   # keep alphabetical

  # --- the shop front ---
  - name: web      # public
    chart:
      dir: ../charts/app   # local chart
    values:
      - key: image.repository
        value: ${reg.host}/shop/web
      # Bumped by kubecd (patch mode).
      - key: image.tag
        value: '1.4.2'    # single quotes on purpose
      - {key: replicas, value: 3}   # flow style
    triggers:
      - image: {track: MinorVersion}  # minor bumps only

  # --- background jobs ---
  - name: worker
    chart:
      dir: ../charts/app
    values:
      - key: image.repository
        value: ${reg.host}/shop/worker
      - key: image.tag
        value: 2.0.1
    triggers:
      - image:
          track: PatchLevel


  # trailing comment
`;
}

describe('patch mode', () => {
  it('edits a heavily commented release file in place: identical except for the tags, mode kept', async () => {
    const original = commentedReleases();
    const root = await makeDeployments({ 'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'] }), 'releases/prod.yaml': original });
    await chmod(join(root, 'releases/prod.yaml'), 0o640);
    const { rows, changed } = await runUpgrades(await load(root), { ...(await createSources()), write: 'patch', now: FIXED_NOW });
    expect(rows.map((r) => `${r.release} ${r.candidate}`)).toEqual(['web 1.5.0', 'worker 2.0.9']);
    expect(changed).toEqual([{ file: 'releases/prod.yaml', environments: ['prod'] }]);
    const patched = await read(root, 'releases/prod.yaml');
    expect(patched).toBe(original.replace("value: '1.4.2'", "value: '1.5.0'").replace('value: 2.0.1', 'value: 2.0.9'));
    expect((await stat(join(root, 'releases/prod.yaml'))).mode & 0o777).toBe(0o640);
    await expect(read(root, 'locks/prod.yaml')).rejects.toThrow();

    const again = await runUpgrades(await load(root), { ...(await createSources()), write: 'patch', now: FIXED_NOW });
    expect(again.changed).toEqual([]);
    expect(await read(root, 'releases/prod.yaml')).toBe(patched);
  });
});

describe('chart triggers', () => {
  it('move a classic-repository chart and an OCI chart within their tracks', async () => {
    const root = await makeDeployments({
      'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'] }, `helmRepos:\n  - name: shared\n    url: ${chartRepo.url}`),
      'releases/prod.yaml': [
        'releases:',
        '  - name: ingress',
        '    chart:',
        '      reference: shared/ingress',
        '      version: 0.9.5',
        '    triggers:',
        '      - chart:',
        '          track: PatchLevel',
        '  - name: cache',
        '    chart:',
        `      reference: ${ociReference}`,
        '      version: "1.2.0"',
        '    triggers:',
        '      - chart:',
        '          track: MinorVersion',
        '',
      ].join('\n'),
    });
    const { rows } = await runUpgrades(await load(root), { ...(await createSources()), write: 'lock', now: FIXED_NOW });
    expect(rows.map((r) => `${r.release} ${r.key} ${r.current} -> ${r.candidate}`)).toEqual([
      'ingress chart.version 0.9.5 -> 0.9.7',
      'cache chart.version 1.2.0 -> 1.3.1',
    ]);
    const lock = parseLockFile(await read(root, 'locks/prod.yaml'), 'locks/prod.yaml').lock!;
    expect(lock.entries.map((e) => `${e.release} ${e.key} ${e.value} ${e.repository}`)).toEqual([
      `cache chart.version 1.3.1 ${ociReference}`,
      'ingress chart.version 0.9.7 shared/ingress',
    ]);
    // The lock is what the next run starts from: nothing further within the tracks.
    const again = await runUpgrades(await load(root), { ...(await createSources()), write: 'lock', now: FIXED_NOW });
    expect(again.rows.map((r) => `${r.release} ${r.current} ${r.decision}`)).toEqual(['ingress 0.9.7 current', 'cache 1.3.1 current']);
    expect(again.changed).toEqual([]);
  });

  it('Newest moves an OCI chart to the most recently pushed version, by the time Helm recorded at push', async () => {
    // Helm stamps org.opencontainers.image.created with whole seconds: push the versions a second apart,
    // the newest first by name so that version order and push order disagree.
    const pushed = await pushOciCharts(reg, [{ name: 'ticker', versions: ['9.0.0'] }]);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await pushOciCharts(reg, [{ name: 'ticker', versions: ['1.0.0'] }]);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await pushOciCharts(reg, [{ name: 'ticker', versions: ['1.1.0'] }]);
    const reference = pushed.reference('ticker');
    const root = await makeDeployments({
      'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'] }),
      'releases/prod.yaml': ['releases:', '  - name: ticker', '    chart:', `      reference: ${reference}`, '      version: "1.0.0"', '    triggers:', '      - chart:', '          track: Newest', ''].join('\n'),
    });
    const { rows } = await runUpgrades(await load(root), { ...(await createSources()), write: 'lock', now: FIXED_NOW });
    expect(rows.map((r) => `${r.release} ${r.current} -> ${r.candidate ?? '-'} ${r.decision}`)).toEqual(['ticker 1.0.0 -> 1.1.0 upgrade']);
  });
});

