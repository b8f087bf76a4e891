import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatProblem } from '../model/problems.js';
import { loadRepo } from './load.js';
import { BASE_CHART, BASE_RELEASES, writeTempRepo } from '../../test/support/temp-repo.js';

const seed = path.resolve('test/fixtures/seed');

describe('the seed design doc examples', () => {
  test('the environments example and its release files load without problems', async () => {
    const loaded = await loadRepo(path.join(seed, 'environments.yaml'));
    expect(loaded.problems.map(formatProblem)).toEqual([]);
    const names = loaded.repo.environments.map((e) => [e.name, e.namespace, e.releases.map((r) => r.name)]);
    expect(names).toEqual([
      ['analytics', 'default', ['clickhouse', 'kafkaesque', 'kafka']],
      ['airflow', 'airflow', ['airflow']],
    ]);
  });

  test('each release fragment loads without problems', async () => {
    const loaded = await loadRepo(path.join(seed, 'fragments/environments.yaml'));
    expect(loaded.problems.map(formatProblem)).toEqual([]);
    expect(loaded.repo.environments.flatMap((e) => e.releases.map((r) => r.name))).toEqual(['clickhouse', 'kafkaesque', 'ingress', 'mysql']);
  });
});

describe('YAML merge keys', () => {
  test('`<<: *anchor` merges, as YAML 1.1 tools allow', async () => {
    const root = await writeTempRepo({
      'environments.yaml': `environments:
  - &test
    name: test
    provider: {minikube: {}}
    kubeNamespace: test
    releases: [releases.yaml]
  - <<: *test
    name: prod
    kubeNamespace: prod
`,
      'releases.yaml': BASE_RELEASES,
      ...BASE_CHART,
    });
    const loaded = await loadRepo(path.join(root, 'environments.yaml'));
    expect(loaded.problems.map(formatProblem)).toEqual([]);
    expect(loaded.repo.environments.map((e) => `${e.name}/${e.namespace}/${e.releases.map((r) => r.name)}`)).toEqual(['test/test/web', 'prod/prod/web']);
  });
});
