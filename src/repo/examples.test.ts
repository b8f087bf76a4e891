import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { composeValues, imageOf } from '../values/compose.js';
import { formatProblem } from '../model/problems.js';
import { loadRepo } from './load.js';

const examples = path.resolve('examples/environments.yaml');

describe('examples/', () => {
  test('loads with zero problems', async () => {
    const loaded = await loadRepo(examples);
    expect(loaded.problems.map(formatProblem)).toEqual([]);
    expect(loaded.repo.environments.map((e) => `${e.name}@${e.cluster.name}/${e.namespace}`)).toEqual([
      'test@local/shop-test',
      'staging@local/shop-staging',
      'prod@prod/shop',
    ]);
  });

  test('uses every track and a chart trigger', async () => {
    const loaded = await loadRepo(examples);
    const triggers = loaded.repo.environments.flatMap((e) => e.releases.flatMap((r) => r.triggers.map((t) => `${t.kind}:${t.track}`)));
    expect(new Set(triggers)).toEqual(new Set(['image:Newest', 'image:MajorVersion', 'image:MinorVersion', 'image:PatchLevel', 'chart:MinorVersion']));
  });

  test('the web image in prod is the registry prefix plus the repository', async () => {
    const loaded = await loadRepo(examples);
    const prod = loaded.repo.environments.find((e) => e.name === 'prod')!;
    const web = prod.releases.find((r) => r.name === 'web')!;
    const values = composeValues(loaded, prod, web);
    expect(imageOf(values, web.triggers[0] as never)).toEqual({ repository: 'registry.example.test/team/web', tag: '1.4.2' });
    expect(values['replicaCount']).toBe(3);
    expect((values['podAnnotations'] as Record<string, unknown>)['prometheus.io/scrape']).toBe('true');
  });

  test('environment inputs list the files that affect an environment', async () => {
    const loaded = await loadRepo(examples);
    expect(loaded.environmentInputs('prod')).toEqual([
      'charts/web',
      'charts/worker',
      'defaults/common.yaml',
      'environments.yaml',
      'locks/prod.yaml',
      'releases/common.yaml',
      'releases/prod.yaml',
      'resources/pod-disruption-budget.yaml',
      'resources/team-contacts.yaml',
      'values/web-prod.yaml',
      'values/web.yaml',
    ]);
  });
});
