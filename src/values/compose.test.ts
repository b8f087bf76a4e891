import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadRepo } from '../repo/load.js';
import type { LoadedRepo } from '../repo/loaded-repo.js';
import { writeTempRepo } from '../../test/support/temp-repo.js';
import { composeValues, composeValuesDetailed, imageOf } from './compose.js';
import { chartVersionToUse } from '../lock/chart-version.js';

/** Every layer sets `layer` (and its own key), so the winner and the merge are both visible. */
const files = {
  'environments.yaml': `environments:
  - name: test
    provider: {minikube: {}}
    kubeNamespace: test
    releases: [releases.yaml]
    defaultValuesFile: defaults.yaml
    defaultValues:
      - {key: layer, value: defaultValues}
      - {key: fromDefaultValues, value: 1}
      - {key: list, value: [d]}
`,
  'defaults.yaml': 'layer: defaultValuesFile\nfromDefaultValuesFile: true\nlist: [a, b]\nnested: {a: 1, b: 1}\n',
  'releases.yaml': `releases:
  - name: web
    chart: {dir: chart}
    valuesFile: one.yaml
    valuesFiles: [two.yaml]
    values:
      - {key: layer, value: values}
      - {key: version, value: "1.10"}
      - {key: number, value: 1.10}
      - {key: yes, value: yes}
      - {key: podAnnotations.prometheus\\.io/scrape, value: "true"}
      - {key: image.tag, value: "1.0.0"}
      - key: ip
        valueFrom: {gceResource: {address: {name: web-ip}}}
    triggers:
      - image: {track: PatchLevel}
  - name: plain
    chart: {dir: chart}
    skipDefaultValues: true
    values:
      - {key: layer, value: values}
  - name: proxy
    chart: {reference: "oci://charts.example.test/proxy", version: 1.0.0}
    triggers:
      - chart: {track: MinorVersion}
`,
  'one.yaml': 'layer: valuesFile\nnested: {b: 2, c: 2}\n',
  'two.yaml': 'layer: valuesFiles\nnested: {c: 3}\n',
  'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
  'chart/values.yaml': 'layer: chart\nfromChart: true\nimage: {repository: team/web, tag: "0.1.0"}\n',
  'locks/test.yaml': `environment: test
entries:
  - {release: web, key: image.tag, value: "1.0.7", resolvedAt: "2026-01-01T00:00:00Z"}
  - {release: proxy, key: chart.version, value: "1.2.0", resolvedAt: "2026-01-01T00:00:00Z"}
`,
};

async function load(): Promise<{ loaded: LoadedRepo; release: (name: string) => LoadedRepo['repo']['environments'][number]['releases'][number] }> {
  const root = await writeTempRepo(files);
  const loaded = await loadRepo(path.join(root, 'environments.yaml'));
  expect(loaded.problems).toEqual([]);
  const env = loaded.repo.environments[0]!;
  return { loaded, release: (name) => env.releases.find((r) => r.name === name)! };
}

describe('composeValues', () => {
  test('layers in precedence order, merging maps and replacing lists; chart defaults left to helm', async () => {
    const { loaded, release } = await load();
    const values = composeValues(loaded, loaded.repo.environments[0]!, release('web'));
    expect(values['layer']).toBe('values');
    expect(values['fromChart']).toBeUndefined();
    expect(values['fromDefaultValuesFile']).toBe(true);
    expect(values['fromDefaultValues']).toBe(1);
    expect(values['list']).toEqual(['d']);
    expect(values['nested']).toEqual({ a: 1, b: 2, c: 3 });
  });

  test('values keep their YAML types', async () => {
    const { loaded, release } = await load();
    const values = composeValues(loaded, loaded.repo.environments[0]!, release('web'));
    expect(values['version']).toBe('1.10');
    expect(values['number']).toBe(1.1);
    expect(values['yes']).toBe('yes'); // YAML 1.2: not a boolean
  });

  test('an escaped dot stays inside a key part', async () => {
    const { loaded, release } = await load();
    const values = composeValues(loaded, loaded.repo.environments[0]!, release('web'));
    expect(values['podAnnotations']).toEqual({ 'prometheus.io/scrape': 'true' });
  });

  test('the lock file wins only when asked, and chart.version is not a value', async () => {
    const { loaded, release } = await load();
    const env = loaded.repo.environments[0]!;
    expect(imageOf(composeValues(loaded, env, release('web')), release('web').triggers[0] as never).tag).toBe('1.0.0');
    expect(imageOf(composeValues(loaded, env, release('web'), { withLock: true }), release('web').triggers[0] as never).tag).toBe('1.0.7');
    expect(composeValues(loaded, env, release('proxy'), { withLock: true })['chart']).toBeUndefined();
    expect(chartVersionToUse(release('proxy'), loaded.lock(env.name))).toBe('1.2.0');
    expect(chartVersionToUse(release('proxy'), undefined)).toBe('1.0.0');
  });

  test('skipDefaultValues drops both environment layers', async () => {
    const { loaded, release } = await load();
    const values = composeValues(loaded, loaded.repo.environments[0]!, release('plain'));
    expect(values).toEqual({ layer: 'values' });
  });

  test('valueFrom is resolved by the callback, or left out and noted', async () => {
    const { loaded, release } = await load();
    const env = loaded.repo.environments[0]!;
    const unresolved = composeValuesDetailed(loaded, env, release('web'));
    expect(unresolved.values['ip']).toBeUndefined();
    expect(unresolved.unresolved.map((s) => s.key)).toEqual(['ip']);
    const resolved = composeValues(loaded, env, release('web'), { resolveValueFrom: (s) => `10.0.0.1 for ${s.valueFrom!.gceAddress.name}` });
    expect(resolved['ip']).toBe('10.0.0.1 for web-ip');
  });

  test('the trigger check counts chart defaults', async () => {
    const { loaded, release } = await load();
    expect(loaded.chartDefaults(release('web'))).toMatchObject({ fromChart: true });
    expect(loaded.chartDefaults(release('proxy'))).toEqual({});
    const values = composeValuesDetailed(loaded, loaded.repo.environments[0]!, release('web'), { withChartDefaults: true }).values;
    expect(imageOf(values, release('web').triggers[0] as never)).toEqual({ repository: 'team/web', tag: '1.0.0' });
  });

  test('composing does not modify the loaded values files', async () => {
    const { loaded, release } = await load();
    const env = loaded.repo.environments[0]!;
    const values = composeValues(loaded, env, release('web'));
    (values['nested'] as Record<string, unknown>)['a'] = 99;
    expect(loaded.valuesFile('defaults.yaml')['nested']).toEqual({ a: 1, b: 1 });
  });
});
