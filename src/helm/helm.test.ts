import { describe, expect, test } from 'vitest';
import { chartArgs, forceFlag, getManifestArgs, isReleaseNotFound, rollbackOnFailureFlag, uninstallArgs, upgradeArgs, type Helm } from './helm.js';

const helm3: Helm = { path: 'helm', version: 'v3.18.0', major: 3 };
const helm4: Helm = { path: 'helm', version: 'v4.1.4', major: 4 };
const command = { release: 'web', namespace: 'shop', chart: ['/repo/charts/web'], valuesFile: '/tmp/v.yaml', kubeconfig: '/tmp/kc', context: 'ctx' };

describe('helm flags', () => {
  test('rollback on failure and force map to the installed major', () => {
    expect(rollbackOnFailureFlag(helm3)).toBe('--atomic');
    expect(rollbackOnFailureFlag(helm4)).toBe('--rollback-on-failure');
    expect(forceFlag(helm3)).toBe('--force');
    expect(forceFlag(helm4)).toBe('--force-replace');
  });

  test.each([[helm3, '--atomic'], [helm4, '--rollback-on-failure']] as const)('upgrade args for Helm %#', (helm, rollback) => {
    const args = upgradeArgs(helm, command, { timeout: '5m', wait: true, rollbackOnFailure: true, createNamespace: true, labels: { 'kubecd.io/managed-by': 'kubecd', 'kubecd.io/fingerprint': 'abc' } });
    expect(args).toEqual([
      'upgrade', '--install', 'web', '/repo/charts/web', '--values', '/tmp/v.yaml',
      '--namespace', 'shop', '--kubeconfig', '/tmp/kc', '--kube-context', 'ctx',
      '--timeout', '5m', '--wait', rollback, '--create-namespace',
      '--labels', 'kubecd.io/managed-by=kubecd,kubecd.io/fingerprint=abc',
    ]);
  });

  test('dry-run asks the API server and leaves out what was not asked for', () => {
    const args = upgradeArgs(helm4, { ...command, kubeconfig: undefined, context: undefined }, { dryRun: true });
    expect(args).toContain('--dry-run=server');
    for (const flag of ['--wait', '--atomic', '--rollback-on-failure', '--kubeconfig', '--kube-context', '--labels', '--create-namespace']) expect(args).not.toContain(flag);
  });

  test('chart arguments for dir, repo and OCI charts, with a locked version', () => {
    expect(chartArgs({ kind: 'dir', dir: 'charts/web' }, (d) => `/repo/${d}`)).toEqual(['/repo/charts/web']);
    const repo = { kind: 'repo', reference: 'shared/echo', repoName: 'shared', chartName: 'echo', repoUrl: 'http://127.0.0.1:1/charts', version: '0.1.0' } as const;
    expect(chartArgs(repo, String)).toEqual(['echo', '--repo', 'http://127.0.0.1:1/charts', '--version', '0.1.0']);
    expect(chartArgs(repo, String, '0.2.0')).toEqual(['echo', '--repo', 'http://127.0.0.1:1/charts', '--version', '0.2.0']);
    expect(chartArgs({ kind: 'oci', reference: 'oci://r/c', version: '1.0.0' }, String)).toEqual(['oci://r/c', '--version', '1.0.0']);
  });

  test('get manifest and uninstall target the namespace and cluster', () => {
    expect(getManifestArgs('web', 'shop', { kubeconfig: '/kc' })).toEqual(['get', 'manifest', 'web', '--namespace', 'shop', '--kubeconfig', '/kc']);
    expect(uninstallArgs('old', 'shop', {}, { dryRun: true, timeout: '1m' })).toEqual(['uninstall', 'old', '--namespace', 'shop', '--timeout', '1m', '--dry-run']);
  });

  test('recognises a missing release', () => {
    expect(isReleaseNotFound({ code: 1, stdout: '', stderr: 'Error: release: not found\n' })).toBe(true);
    expect(isReleaseNotFound({ code: 1, stdout: '', stderr: 'Error: Kubernetes cluster unreachable' })).toBe(false);
    expect(isReleaseNotFound({ code: 0, stdout: '', stderr: '' })).toBe(false);
  });
});
