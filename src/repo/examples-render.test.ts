import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { HELM_MAJORS, helmBinary, isolatedHelmEnv } from '../../test/harness/index.js';
import { composeValues } from '../values/compose.js';
import { loadRepo } from './load.js';
import { makeTestDir } from '../../test/support/temp-repo.js';

const run = promisify(execFile);

/** The examples' local charts render with helm, fed the values kubecd composes, in every environment. */
describe.each(HELM_MAJORS)('examples/ renders with Helm %i', (major) => {
  test('every local-chart release of every environment', { timeout: 60_000 }, async () => {
    const helm = await helmBinary(major);
    const loaded = await loadRepo(path.resolve('examples/environments.yaml'));
    expect(loaded.problems).toEqual([]);
    const home = await makeTestDir('examples');
    const images: string[] = [];
    for (const env of loaded.repo.environments) {
      for (const release of env.releases) {
        if (release.chart.kind !== 'dir') continue;
        const valuesFile = path.join(home, `${env.name}-${release.name}.yaml`);
        await writeFile(valuesFile, JSON.stringify(composeValues(loaded, env, release)));
        const { stdout } = await run(
          helm,
          ['template', release.name, path.join(loaded.repo.root, release.chart.dir), '--namespace', env.namespace, '-f', valuesFile],
          { env: isolatedHelmEnv(home) },
        );
        const kinds = parseAllDocuments(stdout).map((d) => d.toJS() as { kind: string; spec?: { template?: { spec?: { containers?: Array<{ image: string }> } } } });
        expect(kinds.map((k) => k.kind)).toContain('Deployment');
        expect(kinds.map((k) => k.kind)).toContain('Service');
        images.push(...kinds.flatMap((k) => k.spec?.template?.spec?.containers?.map((c) => `${env.name} ${c.image}`) ?? []));
      }
    }
    expect(images).toEqual([
      'test registry.example.test/team/web:1.4.2',
      'test registry.example.test/team/worker:2.0.1',
      'staging registry.example.test/team/web:1.4.2',
      'staging registry.example.test/team/worker:2.0.1',
      'prod registry.example.test/team/web:1.4.2',
      'prod registry.example.test/team/worker:2.0.1',
    ]);
  });
});
