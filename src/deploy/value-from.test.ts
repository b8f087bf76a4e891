import { expect, test } from 'vitest';
import type { Environment, ValueSetting } from '../model/types.js';
import { regionOfLocation, resolveValueFroms, valueFromSettings } from './value-from.js';

const pos = { file: 'r.yaml', line: 1, column: 1 };
const setting = (key: string, gceAddress: ValueSetting['valueFrom'] extends infer V ? V extends { gceAddress: infer G } ? G : never : never): ValueSetting => ({ key, valueFrom: { gceAddress }, pos });

function environment(provider: Environment['cluster']['provider'], defaults: ValueSetting[] = []): Environment {
  return {
    name: 'prod', namespace: 'shop', releaseFiles: [], defaultValues: defaults, lockFile: 'locks/prod.yaml', releases: [], resourceFiles: [], pos,
    cluster: { name: 'prod', provider, parameters: { ingressAddress: 'from-param' }, pos },
  };
}

test('regions from zones', () => {
  expect(regionOfLocation('us-central1-b')).toBe('us-central1');
  expect(regionOfLocation('europe-west4')).toBe('europe-west4');
});

test('resolves regional, global and parameter-named addresses once each; failures fail only their settings', async () => {
  const regional = setting('a', { name: 'ingress', isGlobal: false });
  const again = setting('b', { name: 'ingress', isGlobal: false });
  const global = setting('c', { name: 'anycast', isGlobal: true });
  const byParam = setting('d', { nameFromClusterParam: 'ingressAddress', isGlobal: false });
  const missing = setting('e', { name: 'nope', isGlobal: false });
  const env = environment({ kind: 'gke', project: 'p', clusterName: 'c', zone: 'us-central1-b' }, [regional, again, global, byParam, missing]);
  const calls: string[] = [];
  const resolve = await resolveValueFroms(env, valueFromSettings(env, []), async (project, region, name) => {
    calls.push(`${project}/${region ?? 'global'}/${name}`);
    if (name === 'nope') throw new Error('it does not exist');
    return `ip-of-${name}`;
  });
  expect(resolve(regional)).toBe('ip-of-ingress');
  expect(resolve(again)).toBe('ip-of-ingress');
  expect(resolve(global)).toBe('ip-of-anycast');
  expect(resolve(byParam)).toBe('ip-of-from-param');
  expect(() => resolve(missing)).toThrow(/e \(r\.yaml:1\): it does not exist/);
  expect(calls.sort()).toEqual(['p/global/anycast', 'p/us-central1/from-param', 'p/us-central1/ingress', 'p/us-central1/nope']);
});

test('an existingContext cluster cannot resolve GCE addresses', async () => {
  const s = setting('a', { name: 'ingress', isGlobal: false });
  const env = environment({ kind: 'existingContext' }, [s]);
  const resolve = await resolveValueFroms(env, [s], async () => '1.2.3.4');
  expect(() => resolve(s)).toThrow(/needs a gke cluster/);
});
