// The lock pins a chart version different from the release file's: lint --render, `kubecd render`, plan
// and apply (real API server) all use the lock's. The chart's template prints .Chart.Version.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, onTestFinished, test, vi } from 'vitest';
import { startChartRepo } from '../harness/charts.js';
import { cleanupAll, makeTempDir } from '../harness/process.js';
import { useCluster } from '../harness/use-cluster.js';
import { HELM_MAJORS, helmBinary, kubectlBinary } from '../harness/tools.js';
import { detectHelm, type Helm } from '../../src/helm/helm.js';
import { lint } from '../../src/lint/lint.js';
import { renderCommand } from '../../src/cli/commands/render.js';
import { createNamespace, deploy, type FixtureRepo } from './helpers.js';
import { loggedBinary, type LoggedBinary } from './process-log.js';

// Folders made with makeTempDir in this worker are removed here; the global teardown cannot see them.
afterAll(cleanupAll);

const cluster = useCluster();
let chartRepo: Awaited<ReturnType<typeof startChartRepo>>;
beforeAll(async () => {
  chartRepo = await startChartRepo([{ name: 'demo', versions: ['1.0.0', '1.1.0'] }]);
});
afterAll(() => chartRepo?.stop());

/** A deployments repo whose release file pins demo 1.0.0 and whose lock file pins 1.1.0. */
async function lockedRepo(namespace: string): Promise<FixtureRepo> {
  const root = await makeTempDir('locked-chart-repo');
  await mkdir(join(root, 'releases'));
  await mkdir(join(root, 'locks'));
  await writeFile(join(root, 'environments.yaml'), `helmRepos:
  - name: charts
    url: ${chartRepo.url}
environments:
  - name: test
    provider:
      existingContext:
        kubeconfig: kubeconfig.yaml
        context: kubecd-apply
    kubeNamespace: ${namespace}
    releases:
      - releases/demo.yaml
`);
  await writeFile(join(root, 'releases', 'demo.yaml'), `releases:
  - name: demo
    chart:
      reference: charts/demo
      version: 1.0.0
    triggers:
      - chart:
          track: MinorVersion
`);
  await writeFile(join(root, 'locks', 'test.yaml'), `environment: test
entries:
  - release: demo
    key: chart.version
    value: "1.1.0"
    repository: charts/demo
    track: MinorVersion
    resolvedAt: 2026-01-02T03:04:05Z
`);
  await cluster.writeKubeconfig({ path: join(root, 'kubeconfig.yaml'), context: 'kubecd-apply' });
  return { root, environmentsFile: join(root, 'environments.yaml'), addReleases: async () => undefined, edit: async () => undefined, remove: async () => undefined };
}

describe.each(HELM_MAJORS)('with Helm %i', (major) => {
  let helm: Helm;
  let helmLog: LoggedBinary;
  beforeAll(async () => {
    helmLog = await loggedBinary(await helmBinary(major), 'helm');
    helm = await detectHelm(helmLog.path);
  });

  test('lint --render, render, plan and apply all use the chart version of the lock file', async () => {
    const namespace = `locked-chart-h${major}`;
    await createNamespace(cluster, namespace);
    const repo = await lockedRepo(namespace);

    await helmLog.reset();
    const linted = await lint({ environmentsFile: repo.environmentsFile, render: { helm } });
    expect(linted.problems).toEqual([]);
    expect(linted.renders).toEqual([{ environment: 'test', release: 'demo', ok: true }]);
    const templates = (await helmLog.runs()).filter((run) => run.startsWith('template '));
    expect(templates).toHaveLength(1);
    expect(templates[0]).toMatch(/ --version 1\.1\.0( |$)/);

    let printed = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed += String(chunk);
      return true;
    });
    onTestFinished(() => write.mockRestore());
    const code = await renderCommand([repo.environmentsFile, 'test', '--helm', helm.path]);
    write.mockRestore();
    expect(code).toBe(0);
    expect(printed).toMatch(/^\s+chartVersion: "1\.1\.0"$/m);

    const kubectl = await kubectlBinary();
    const plan = await deploy(repo, helm, kubectl, { mode: 'plan' });
    expect(plan.outcome.failed, plan.log).toBe(false);
    expect(plan.log).toMatch(/chart demo from \S+ version 1\.1\.0/);
    expect(plan.outcome.releases[0]!.diff).toMatch(/^\+\s+chartVersion: "?1\.1\.0"?$/m);

    const applied = await deploy(repo, helm, kubectl);
    expect(applied.outcome.failed, applied.log).toBe(false);
    const live = await cluster.kubectl(['get', 'configmap', 'demo-demo', '-n', namespace, '-o', 'jsonpath={.data.chartVersion}']);
    expect(live.stdout).toBe('1.1.0');
  });
});
