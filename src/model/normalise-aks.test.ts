import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatProblem } from './problems.js';
import { loadRepo } from '../repo/load.js';
import { matrixEntry } from '../lint/matrix.js';
import { baseRepo, writeTempRepo } from '../../test/support/temp-repo.js';
import { AKS_CLUSTER_NAME, AZURE_GUID, AZURE_RESOURCE_GROUP } from './normalise-aks.js';

const TENANT = '72F988BF-86F1-41AF-91AB-2D7CD011DB47';
const SUBSCRIPTION = '0b1f6471-1bf0-4dda-aec3-111122223333';
const REST = '    kubeNamespace: test\n    releases:\n      - releases.yaml\n';

/** An environments file whose one environment has `provider: {aks: ...}` with these lines (8 spaces in). */
function aksRepo(lines: string[]): Record<string, string | null> {
  return baseRepo({ 'environments.yaml': `environments:\n  - name: test\n    provider:\n      aks:\n${lines.map((l) => `        ${l}\n`).join('')}${REST}` });
}

const GOOD = [`tenantId: ${TENANT}`, `subscriptionId: ${SUBSCRIPTION}`, 'resourceGroup: rg-prod', 'clusterName: aks-prod'];

async function load(files: Record<string, string | null>) {
  const loaded = await loadRepo(path.join(await writeTempRepo(files), 'environments.yaml'));
  return { loaded, problems: loaded.problems.map(formatProblem) };
}

describe('the aks provider in the environments file', () => {
  test('a valid one loads, ids lower-cased, and names its cluster after subscription, group and name', async () => {
    const { loaded, problems } = await load(aksRepo([...GOOD, 'clientId: AAAAAAAA-1111-2222-3333-444444444444', 'endpoint: private']));
    expect(problems).toEqual([]);
    const cluster = loaded.repo?.environments.find((e) => e.name === 'test')?.cluster;
    expect(cluster?.provider).toEqual({
      kind: 'aks', tenantId: TENANT.toLowerCase(), subscriptionId: SUBSCRIPTION, resourceGroup: 'rg-prod', clusterName: 'aks-prod',
      clientId: 'aaaaaaaa-1111-2222-3333-444444444444', endpoint: 'private',
    });
    expect(cluster?.name).toBe(`aks_${SUBSCRIPTION}_rg-prod_aks-prod`);
    expect(matrixEntry(loaded.repo!.environments[0]!)).toEqual({ environment: 'test', cluster: `aks_${SUBSCRIPTION}_rg-prod_aks-prod`, namespace: 'test', provider: 'aks' });
  });

  test('each bad value is reported at its line and column with what was expected', async () => {
    const { problems } = await load(aksRepo([
      'tenantId: contoso.onmicrosoft.com',
      'subscriptionId: 0b1f6471-1bf0-4dda-aec3',
      'resourceGroup: "rg/../other"',
      'clusterName: -aks',
      'clientId: "--token=x"',
    ]));
    expect(problems).toEqual([
      'environments.yaml:5:19: error: AKS `tenantId` `contoso.onmicrosoft.com` is invalid; expected a GUID like 00000000-0000-0000-0000-000000000000',
      'environments.yaml:6:25: error: AKS `subscriptionId` `0b1f6471-1bf0-4dda-aec3` is invalid; expected a GUID like 00000000-0000-0000-0000-000000000000',
      'environments.yaml:7:24: error: AKS `resourceGroup` `rg/../other` is invalid; expected at most 90 letters, digits, `_`, `-`, `.`, `(` and `)`, not ending in `.`',
      'environments.yaml:8:22: error: AKS `clusterName` `-aks` is invalid; expected at most 63 letters, digits, `_` and `-`, starting and ending with a letter or digit',
      'environments.yaml:9:19: error: AKS `clientId` `--token=x` is invalid; expected a GUID like 00000000-0000-0000-0000-000000000000',
    ]);
  });

  test('a missing key, an unknown key and an endpoint outside the enum come from the schema', async () => {
    const { problems } = await load(aksRepo([`tenantId: ${TENANT}`, 'resourceGroup: rg', 'clusterName: c', 'endpont: public', 'endpoint: dns']));
    expect(problems).toEqual([
      'environments.yaml:5:9: error: `aks` is missing `subscriptionId`',
      'environments.yaml:8:9: error: unknown key `endpont` (did you mean `endpoint`?)',
      'environments.yaml:9:19: error: `endpoint` should be one of public, private, found the string "dns"',
    ]);
  });

  test('aks is one of the provider kinds the error for an empty provider lists', async () => {
    const { problems } = await load(baseRepo({ 'environments.yaml': `environments:\n  - name: test\n    provider: {}\n${REST}` }));
    expect(problems.join('\n')).toMatch(/`provider` should have exactly one of gke, aks, /);
  });
});

describe('the Azure name grammars', () => {
  test.each([
    ['GUID', AZURE_GUID, ['00000000-0000-0000-0000-000000000000', 'ABCDEF01-2345-6789-abcd-ef0123456789'], ['', '0000000-0000-0000-0000-000000000000', '{00000000-0000-0000-0000-000000000000}', '00000000-0000-0000-0000-000000000000\n']],
    ['resource group', AZURE_RESOURCE_GROUP, ['a', 'rg_prod-1.(eu)', 'Ressourcengruppe-Ü', 'x'.repeat(90)], ['', 'rg.', 'rg/x', 'rg x', 'rg%2f', 'x'.repeat(91)]],
    ['cluster name', AKS_CLUSTER_NAME, ['a', 'aks-prod_1', 'A'.repeat(63)], ['', '-a', 'a-', 'a.b', 'A'.repeat(64), 'aks\n']],
  ] as const)('%s', (_, grammar, good, bad) => {
    for (const value of good) expect(grammar.test(value), value).toBe(true);
    for (const value of bad) expect(grammar.test(value), JSON.stringify(value)).toBe(false);
  });
});
