// An unchanged environment costs one read: the real API server, with helm and kubectl wrapped by scripts
// that log every process they start.
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { cleanupAll } from '../harness/process.js';
import { useCluster } from '../harness/use-cluster.js';
import { HELM_MAJORS, helmBinary, kubectlBinary } from '../harness/tools.js';
import { detectHelm, type Helm } from '../../src/helm/helm.js';
import { createNamespace, deploy, kubeconfigRepo, resultsByName } from './helpers.js';
import { loggedBinary, type LoggedBinary } from './process-log.js';

// Folders made with makeTempDir in this worker (the logging wrappers) are removed here; the global teardown cannot see them.
afterAll(cleanupAll);

const cluster = useCluster();

const verbs = (runs: string[]) => runs.map((run) => run.split(' ')[0]);

describe.each(HELM_MAJORS)('with Helm %i', (major) => {
  let helm: Helm;
  let helmLog: LoggedBinary;
  let kubectlLog: LoggedBinary;
  beforeAll(async () => {
    helmLog = await loggedBinary(await helmBinary(major), 'helm');
    kubectlLog = await loggedBinary(await kubectlBinary(), 'kubectl');
    helm = await detectHelm(helmLog.path);
  });

  test('an unchanged environment with resource files: zero kubectl apply and zero helm runs, one read', async () => {
    const namespace = `unchanged-h${major}`;
    await createNamespace(cluster, namespace);
    const repo = await kubeconfigRepo(cluster, namespace);
    onTestFinished(() => repo.remove());

    await helmLog.reset();
    await kubectlLog.reset();
    const first = await deploy(repo, helm, kubectlLog.path);
    expect(first.outcome.failed, first.log).toBe(false);
    expect(first.outcome.resources.map((r) => r.result)).toEqual(['applied']);
    expect(verbs(await helmLog.runs())).toEqual(['upgrade', 'upgrade']);
    // the read, the resource file, and kubecd's record of it
    expect(verbs(await kubectlLog.runs())).toEqual(['get', 'apply', 'apply']);

    await helmLog.reset();
    await kubectlLog.reset();
    const second = await deploy(repo, helm, kubectlLog.path);
    expect(second.outcome.failed, second.log).toBe(false);
    expect(resultsByName(second.outcome)).toEqual({ web: 'skipped', worker: 'skipped' });
    expect(second.outcome.resources.map((r) => [r.file, r.result])).toEqual([['resources/shared-config.yaml', 'unchanged']]);
    expect(await helmLog.runs()).toEqual([]);
    expect(verbs(await kubectlLog.runs())).toEqual(['get']);

    // a changed resource file is applied again (and only it: the releases stay skipped)
    await repo.edit('resources/shared-config.yaml', 'platform-team', 'web-team');
    await kubectlLog.reset();
    const third = await deploy(repo, helm, kubectlLog.path);
    expect(third.outcome.resources.map((r) => r.result)).toEqual(['applied']);
    expect(verbs(await kubectlLog.runs())).toEqual(['get', 'apply', 'apply']);
    expect((await cluster.kubectl(['get', 'configmap', 'shared-config', '-n', namespace, '-o', 'jsonpath={.data.owner}'])).stdout).toBe('web-team');

    // --force still applies everything
    await helmLog.reset();
    await kubectlLog.reset();
    const forced = await deploy(repo, helm, kubectlLog.path, { force: true });
    expect(resultsByName(forced.outcome)).toEqual({ web: 'applied', worker: 'applied' });
    expect(forced.outcome.resources.map((r) => r.result)).toEqual(['applied']);
    expect(verbs(await helmLog.runs())).toEqual(['upgrade', 'upgrade']);
    expect(verbs(await kubectlLog.runs()).filter((verb) => verb === 'apply').length).toBeGreaterThanOrEqual(1);
  });

  test('plan names the deployed revision of an installed release instead of "not installed"', async () => {
    const namespace = `plan-installed-h${major}`;
    await createNamespace(cluster, namespace);
    const repo = await kubeconfigRepo(cluster, namespace);
    onTestFinished(() => repo.remove());
    expect((await deploy(repo, helm, kubectlLog.path)).outcome.failed).toBe(false);

    const plan = await deploy(repo, helm, kubectlLog.path, { mode: 'plan' });
    expect(plan.outcome.failed, plan.log).toBe(false);
    expect(resultsByName(plan.outcome)).toEqual({ web: 'no-changes', worker: 'no-changes' });
    expect(plan.log).toMatch(/fingerprint \w+; deployed revision 1 \(deployed\)/);
    expect(plan.log).not.toMatch(/; not installed/);
  });
});
