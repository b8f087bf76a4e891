import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { composeValues, imageOf } from '../values/compose.js';
import { formatProblem } from '../model/problems.js';
import { loadRepo } from './load.js';

const file = path.resolve('test/fixtures/kubecd-original/environments.yaml');

describe("the original kubecd's later format", () => {
  test('loads without problems and maps every provider', async () => {
    const loaded = await loadRepo(file);
    expect(loaded.problems.map(formatProblem)).toEqual([]);
    const providers = Object.fromEntries(loaded.repo.environments.map((e) => [e.name, [e.cluster.name, e.cluster.provider]]));
    expect(providers).toEqual({
      prod: ['prod-cluster', { kind: 'gke', project: 'acme-prod', clusterName: 'prod', region: 'europe-west1' }],
      local: ['mini', { kind: 'existingContext', context: 'minikube' }],
      desktop: ['desktop', { kind: 'existingContext', context: 'docker-desktop' }],
      other: ['other', { kind: 'existingContext', context: 'other-context' }],
    });
    expect(loaded.repo.clusters[0]!.parameters).toEqual({ ingressAddressName: 'prod-ingress' });
  });

  test('reads trigger, helm triggers, repoPrefixValue, skipDefaultValues and per-release resource files', async () => {
    const loaded = await loadRepo(file);
    const prod = loaded.repo.environments.find((e) => e.name === 'prod')!;
    const [api, ingress] = prod.releases;
    expect(api!.triggers).toMatchObject([{ kind: 'image', tagValue: 'image.tag', repoValue: 'image.repository', prefixValue: 'image.prefix', track: 'MinorVersion' }]);
    expect(api!.resourceFiles).toEqual(['resources/api-pdb.yaml']);
    expect(prod.resourceFiles).toEqual(['resources/quota.yaml', 'resources/api-pdb.yaml']);
    expect(ingress!.chart).toEqual({ kind: 'repo', reference: 'stable/nginx-ingress', repoName: 'stable', chartName: 'nginx-ingress', repoUrl: 'https://charts.example.test/stable', version: '1.41.3' });
    expect(ingress!.triggers).toMatchObject([{ kind: 'chart', track: 'PatchLevel' }]);
    expect(ingress!.skipDefaultValues).toBe(true);
    expect(ingress!.values[0]!.valueFrom).toEqual({ gceAddress: { nameFromClusterParam: 'ingressAddressName', isGlobal: false } });
    expect(imageOf(composeValues(loaded, prod, api!), api!.triggers[0] as never)).toEqual({ repository: 'eu.gcr.io/acme-prod/api', tag: '2.3.1' });
  });

  test('one release file shared by three environments is read once and reported once', async () => {
    const loaded = await loadRepo(file);
    const apis = loaded.repo.environments.filter((e) => e.name !== 'prod').map((e) => e.releases[0]);
    expect(new Set(apis).size).toBe(1);
  });
});
