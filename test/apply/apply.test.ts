import { beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { useCluster } from '../harness/use-cluster.js';
import { HELM_MAJORS, helmBinary, kubectlBinary } from '../harness/tools.js';
import { detectHelm, type Helm } from '../../src/helm/helm.js';
import { run } from '../../src/exec/run.js';
import { createNamespace, deploy, deploymentImage, kubeconfigRepo, resultsByName, revisions } from './helpers.js';

const cluster = useCluster();

describe.each(HELM_MAJORS)('apply with Helm %i', (major) => {
  let helm: Helm;
  let kubectl: string;
  beforeAll(async () => {
    helm = await detectHelm(await helmBinary(major));
    kubectl = await kubectlBinary();
  });

  test('deploys the locked images, skips unchanged releases, upgrades exactly the changed one', async () => {
    const namespace = `apply-basic-h${major}`;
    await createNamespace(cluster, namespace);
    const repo = await kubeconfigRepo(cluster, namespace);
    onTestFinished(() => repo.remove());

    const first = await deploy(repo, helm, kubectl);
    expect(first.outcome.failed, first.log).toBe(false);
    expect(resultsByName(first.outcome)).toEqual({ web: 'applied', worker: 'applied' });
    expect(first.outcome.resources.map((r) => [r.file, r.result])).toEqual([['resources/shared-config.yaml', 'applied']]);
    // web's tag comes from the lock file (1.0.7), not the release file (1.0.0)
    expect(await deploymentImage(cluster, namespace, 'web')).toBe('registry.test/team/app:1.0.7');
    expect(await deploymentImage(cluster, namespace, 'worker')).toBe('registry.test/team/worker:2.0.0');
    expect((await cluster.kubectl(['get', 'configmap', 'shared-config', '-n', namespace, '-o', 'jsonpath={.data.owner}'])).stdout).toBe('platform-team');
    expect(await revisions(cluster, namespace)).toEqual({ web: 1, worker: 1 });

    const second = await deploy(repo, helm, kubectl);
    expect(resultsByName(second.outcome)).toEqual({ web: 'skipped', worker: 'skipped' });
    expect(await revisions(cluster, namespace)).toEqual({ web: 1, worker: 1 });

    await repo.edit('releases/apps.yaml', 'value: "2.0.0"', 'value: "2.0.1"');
    const third = await deploy(repo, helm, kubectl);
    expect(resultsByName(third.outcome)).toEqual({ web: 'skipped', worker: 'applied' });
    expect(await revisions(cluster, namespace)).toEqual({ web: 1, worker: 2 });
    expect(await deploymentImage(cluster, namespace, 'worker')).toBe('registry.test/team/worker:2.0.1');

    // a changed chart file counts as a change for every release of that chart; force redeploys regardless
    const forced = await deploy(repo, helm, kubectl, { force: true, releases: ['web'] });
    expect(resultsByName(forced.outcome)).toEqual({ web: 'applied' });
    expect(await revisions(cluster, namespace)).toEqual({ web: 2, worker: 2 });
  });

  test('plan shows the diff and changes nothing; prune removes only what kubecd installed', async () => {
    const namespace = `apply-plan-h${major}`;
    await createNamespace(cluster, namespace);
    const repo = await kubeconfigRepo(cluster, namespace);
    onTestFinished(() => repo.remove());
    await repo.addReleases(`  - name: extra
    chart:
      dir: ../charts/app
`);
    expect((await deploy(repo, helm, kubectl)).outcome.failed).toBe(false);
    // a release installed by hand, with the same chart
    const manual = await run(helm.path, ['install', 'by-hand', `${repo.root}/charts/app`, '--namespace', namespace, '--kubeconfig', `${repo.root}/kubeconfig.yaml`]);
    expect(manual.code, manual.stderr).toBe(0);

    await repo.edit('values/web.yaml', 'greeting: hello from web', 'greeting: bonjour');
    await repo.edit('releases/apps.yaml', 'value: "2.0.0"', 'value: "2.1.0"\n      - key: password\n        value: new-secret-password');
    const before = await revisions(cluster, namespace);
    const plan = await deploy(repo, helm, kubectl, { mode: 'plan' });
    expect(plan.outcome.failed, plan.log).toBe(false);
    expect(resultsByName(plan.outcome)).toEqual({ web: 'changes', worker: 'changes', extra: 'no-changes' });
    const web = plan.outcome.releases.find((r) => r.name === 'web')!.diff!;
    expect(web).toMatch(/^-\s+greeting: hello from web$/m);
    expect(web).toMatch(/^\+\s+greeting: bonjour$/m);
    const worker = plan.outcome.releases.find((r) => r.name === 'worker')!.diff!;
    expect(worker).toMatch(/^\+\s+image: registry\.test\/team\/worker:2\.1\.0$/m);
    expect(worker).toMatch(/^\+\s+password: \(redacted, changed\)$/m);
    for (const secret of ['new-secret-password', Buffer.from('new-secret-password').toString('base64'), Buffer.from('chart-default-password').toString('base64')]) {
      expect(plan.log).not.toContain(secret);
      expect(JSON.stringify(plan.outcome)).not.toContain(secret);
    }
    expect(await revisions(cluster, namespace)).toEqual(before);
    expect(await deploymentImage(cluster, namespace, 'worker')).toBe('registry.test/team/worker:2.0.0');

    // remove `extra` from the file: plan names it, apply with prune uninstalls it, by-hand stays
    await repo.edit('releases/apps.yaml', '  - name: extra\n', '  - name: extra-renamed\n');
    const planPrune = await deploy(repo, helm, kubectl, { mode: 'plan', prune: true });
    expect(planPrune.outcome.pruned).toEqual([{ name: 'extra', result: 'would-prune' }]);
    expect(Object.keys(await revisions(cluster, namespace)).sort()).toEqual(['by-hand', 'extra', 'web', 'worker']);

    const pruned = await deploy(repo, helm, kubectl, { prune: true });
    expect(pruned.outcome.failed, pruned.log).toBe(false);
    expect(pruned.outcome.pruned).toEqual([{ name: 'extra', result: 'pruned' }]);
    expect(Object.keys(await revisions(cluster, namespace)).sort()).toEqual(['by-hand', 'extra-renamed', 'web', 'worker']);
    expect(await deploymentImage(cluster, namespace, 'extra')).toBeUndefined();
    expect(await deploymentImage(cluster, namespace, 'by-hand')).toBe('registry.test/team/app:0.0.1');
  });

  test('a broken release fails alone with helm\'s error; the others deploy', async () => {
    const namespace = `apply-broken-h${major}`;
    await createNamespace(cluster, namespace);
    const repo = await kubeconfigRepo(cluster, namespace);
    onTestFinished(() => repo.remove());
    await repo.edit('releases/apps.yaml', 'releases:\n', 'releases:\n  - name: broken\n    chart:\n      dir: ../charts/broken\n\n');
    const { outcome, log } = await deploy(repo, helm, kubectl, { concurrency: 2 });
    expect(outcome.failed).toBe(true);
    expect(resultsByName(outcome)).toEqual({ broken: 'failed', web: 'applied', worker: 'applied' });
    const broken = outcome.releases.find((r) => r.name === 'broken')!;
    expect(broken.error).toMatch(/noSuchFunction/);
    expect(log).toMatch(/broken: failed/);
    expect(await revisions(cluster, namespace)).toEqual({ web: 1, worker: 1 });

    // fail-fast with one at a time: nothing after the failure starts
    await repo.edit('releases/apps.yaml', 'value: "2.0.0"', 'value: "2.0.2"');
    const failFast = await deploy(repo, helm, kubectl, { concurrency: 1, failFast: true });
    expect(resultsByName(failFast.outcome)).toEqual({ broken: 'failed', web: 'not-started', worker: 'not-started' });
    expect(await revisions(cluster, namespace)).toEqual({ web: 1, worker: 1 });
  });

  test('a namespace-bound credential deploys its namespace; a release writing elsewhere is refused', async () => {
    const namespace = `apply-rbac-h${major}`;
    const other = `apply-rbac-other-h${major}`;
    await createNamespace(cluster, other);
    const credential = await cluster.namespaceCredential(namespace);
    const repo = await kubeconfigRepo(cluster, namespace, credential.token);
    onTestFinished(() => repo.remove());
    await repo.addReleases(`  - name: escape
    chart:
      dir: ../charts/escape
    values:
      - key: otherNamespace
        value: ${other}
`);
    const { outcome, log } = await deploy(repo, helm, kubectl);
    expect(resultsByName(outcome), log).toEqual({ web: 'applied', worker: 'applied', escape: 'failed' });
    const escape = outcome.releases.find((r) => r.name === 'escape')!;
    expect(escape.error).toMatch(/forbidden/i);
    expect(escape.error).toContain(credential.user);
    expect(await deploymentImage(cluster, namespace, 'web')).toBe('registry.test/team/app:1.0.7');
    expect((await cluster.kubectl(['get', 'configmap', 'escape-elsewhere', '-n', other])).code).not.toBe(0);
  });
});
