// Secrets inside a `kind: List`, in plan's diffs, against a real API server with real kubectl and helm 3 and 4:
// neither the release's manifest diff nor kubectl's diff of a resource file shows a value, old or new.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { useCluster } from '../harness/use-cluster.js';
import { HELM_MAJORS, helmBinary, kubectlBinary } from '../harness/tools.js';
import { detectHelm, type Helm } from '../../src/helm/helm.js';
import { outcomeMarkdown } from '../../src/deploy/report.js';
import { createNamespace, deploy, kubeconfigRepo, type FixtureRepo } from './helpers.js';

const cluster = useCluster();

const secretList = (password: string) => `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Secret
    metadata:
      name: listed-credentials
    stringData:
      password: ${password}
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: listed-config
    data:
      note: visible
`;

async function writeLists(repo: FixtureRepo, password: string): Promise<void> {
  await mkdir(join(repo.root, 'charts', 'lists', 'templates'), { recursive: true });
  await writeFile(join(repo.root, 'charts', 'lists', 'Chart.yaml'), 'apiVersion: v2\nname: lists\nversion: 0.1.0\n');
  await writeFile(join(repo.root, 'charts', 'lists', 'templates', 'list.yaml'), secretList(`chart-${password}`).replace(/listed-/g, 'chart-listed-'));
  await writeFile(join(repo.root, 'resources', 'secret-list.yaml'), secretList(`file-${password}`));
}

describe.each(HELM_MAJORS)('plan with Helm %i', (major) => {
  let helm: Helm;
  let kubectl: string;
  beforeAll(async () => {
    helm = await detectHelm(await helmBinary(major));
    kubectl = await kubectlBinary();
  });

  test('redacts Secrets inside Lists in the release diff and the resource file diff; a dry run still counts as accepted', async () => {
    const namespace = `secret-lists-h${major}`;
    await createNamespace(cluster, namespace);
    const repo = await kubeconfigRepo(cluster, namespace);
    onTestFinished(() => repo.remove());
    await repo.edit('releases/apps.yaml', '  - ../resources/shared-config.yaml', '  - ../resources/shared-config.yaml\n  - ../resources/secret-list.yaml');
    await repo.addReleases('  - name: lists\n    chart:\n      dir: ../charts/lists\n');
    await writeLists(repo, 'old-Pa55');
    const first = await deploy(repo, helm, kubectl);
    expect(first.outcome.failed, first.log).toBe(false);

    await writeLists(repo, 'new-Pa55');
    const plan = await deploy(repo, helm, kubectl, { mode: 'plan' });
    expect(plan.outcome.failed, plan.log).toBe(false);
    const release = plan.outcome.releases.find((r) => r.name === 'lists')!;
    expect(release.result).toBe('changes');
    expect(release.diff).toMatch(/^\+\s+password: \(redacted, changed\)$/m);
    const file = plan.outcome.resources.find((r) => r.file === 'resources/secret-list.yaml')!;
    expect(file.result).toBe('changes');
    expect(file.diff).toMatch(/password: \(redacted\)/);
    // helm's server-side dry run prints the status block too, so it counts as accepted, not as a silent no-op
    const dryRun = await deploy(repo, helm, kubectl, { mode: 'dry-run', releases: ['lists'] });
    expect(dryRun.outcome.releases.map((r) => [r.name, r.result]), dryRun.log).toEqual([['lists', 'dry-run']]);
    for (const text of [plan.log, JSON.stringify(plan.outcome), outcomeMarkdown(plan.outcome), dryRun.log]) {
      for (const secret of ['old-Pa55', 'new-Pa55']) {
        expect(text).not.toContain(secret);
        for (const side of ['chart', 'file']) expect(text).not.toContain(Buffer.from(`${side}-${secret}`).toString('base64'));
      }
    }
  });
});
