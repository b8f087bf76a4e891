import { describe, expect, test } from 'vitest';
import { chartArgs, describeChart, forceFlag, getManifestArgs, HelmArgumentError, isReleaseNotFound, printedReleaseStatus, rollbackOnFailureFlag, templateArgs, uninstallArgs, upgradeArgs, type Helm, type ReleaseCommand } from './helm.js';

const helm3: Helm = { path: 'helm', version: 'v3.18.0', major: 3 };
const helm4: Helm = { path: 'helm', version: 'v4.1.4', major: 4 };
const command: ReleaseCommand = { release: 'web', namespace: 'shop', chart: { kind: 'dir', chart: '/repo/charts/web' }, valuesFile: '/tmp/v.yaml', kubeconfig: '/tmp/kc', context: 'ctx' };
const repoChart = { kind: 'repo', reference: 'shared/echo', repoName: 'shared', chartName: 'echo', repoUrl: 'http://127.0.0.1:1/charts', version: '0.1.0' } as const;

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
      'upgrade', '--install', '--values', '/tmp/v.yaml',
      '--namespace', 'shop', '--kubeconfig', '/tmp/kc', '--kube-context', 'ctx',
      '--timeout', '5m', '--wait', rollback, '--create-namespace',
      '--labels', 'kubecd.io/managed-by=kubecd,kubecd.io/fingerprint=abc',
      '--', 'web', '/repo/charts/web',
    ]);
  });

  test('dry-run asks the API server and leaves out what was not asked for', () => {
    const args = upgradeArgs(helm4, { ...command, kubeconfig: undefined, context: undefined }, { dryRun: true });
    expect(args).toContain('--dry-run=server');
    for (const flag of ['--wait', '--atomic', '--rollback-on-failure', '--kubeconfig', '--kube-context', '--labels', '--create-namespace']) expect(args).not.toContain(flag);
  });

  test('chart arguments for dir, repo and OCI charts, with a locked version', () => {
    expect(chartArgs({ kind: 'dir', dir: 'charts/web' }, (d) => `/repo/${d}`)).toEqual({ kind: 'dir', chart: '/repo/charts/web' });
    expect(chartArgs(repoChart, String)).toEqual({ kind: 'repo', chart: 'echo', repo: 'http://127.0.0.1:1/charts', version: '0.1.0' });
    expect(chartArgs(repoChart, String, '0.2.0')).toEqual({ kind: 'repo', chart: 'echo', repo: 'http://127.0.0.1:1/charts', version: '0.2.0' });
    expect(chartArgs({ kind: 'oci', reference: 'oci://r/c', version: '1.0.0' }, String)).toEqual({ kind: 'oci', chart: 'oci://r/c', version: '1.0.0' });
  });

  test('template puts the repository and version flags first and RELEASE CHART after --', () => {
    expect(templateArgs({ ...command, chart: chartArgs(repoChart, String) })).toEqual([
      'template', '--repo', 'http://127.0.0.1:1/charts', '--version', '0.1.0', '--values', '/tmp/v.yaml', '--namespace', 'shop', '--', 'web', 'echo',
    ]);
  });

  test('get manifest and uninstall target the namespace and cluster', () => {
    expect(getManifestArgs('web', 'shop', { kubeconfig: '/kc' })).toEqual(['get', 'manifest', '--namespace', 'shop', '--kubeconfig', '/kc', '--', 'web']);
    expect(uninstallArgs('old', 'shop', {}, { dryRun: true, timeout: '1m' })).toEqual(['uninstall', '--namespace', 'shop', '--timeout', '1m', '--dry-run', '--', 'old']);
  });

  test('recognises a missing release', () => {
    expect(isReleaseNotFound({ code: 1, stdout: '', stderr: 'Error: release: not found\n' })).toBe(true);
    expect(isReleaseNotFound({ code: 1, stdout: '', stderr: 'Error: Kubernetes cluster unreachable' })).toBe(false);
    expect(isReleaseNotFound({ code: 0, stdout: '', stderr: '' })).toBe(false);
  });
});

describe('the argument guard', () => {
  const upgrade = (change: Partial<ReleaseCommand>) => () => upgradeArgs(helm4, { ...command, ...change }, {});
  test.each([
    ['a chart name that is an option', { chart: { kind: 'repo', chart: '--post-renderer=sh', repo: 'http://127.0.0.1:1/c', version: '1.0.0' } }, /chart "--post-renderer=sh" is not a chart name/],
    ['a REPO/CHART whose chart is an option', { chart: { kind: 'repo', chart: 'shared/-h', version: '1.0.0' } }, /chart "shared\/-h" is not REPO\/CHART/],
    ['a relative chart directory', { chart: { kind: 'dir', chart: '-h' } }, /chart directory "-h" is not an absolute path/],
    ['an OCI reference with a space', { chart: { kind: 'oci', chart: 'oci://r/c --post-renderer', version: '1.0.0' } }, /chart reference/],
    ['a version that is an option', { chart: { kind: 'oci', chart: 'oci://r/c', version: '--devel' } }, /chart version "--devel"/],
    ['a repository URL that is not http', { chart: { kind: 'repo', chart: 'echo', repo: 'file:///etc', version: '1.0.0' } }, /chart repository URL "file:\/\/\/etc" is not an http\(s\) URL/],
    ['an invalid release name', { release: 'Web_1' }, /release name "Web_1" is not a valid release name/],
    ['a release name that is an option', { release: '--debug' }, /release name "--debug"/],
    ['an invalid namespace', { namespace: 'shop\nfake' }, /namespace "shop\\nfake"/],
    ['a kube context that is an option', { context: '--insecure-skip-tls-verify' }, /kube context/],
    ['a kubeconfig that is an option', { kubeconfig: '-h' }, /kubeconfig path "-h"/],
  ] as const)('refuses %s', (_, change, message) => {
    expect(upgrade(change as Partial<ReleaseCommand>)).toThrow(HelmArgumentError);
    expect(upgrade(change as Partial<ReleaseCommand>)).toThrow(message);
    // helm template talks to no cluster: only what it is given is checked
    if (!('context' in change) && !('kubeconfig' in change)) expect(() => templateArgs({ ...command, ...(change as Partial<ReleaseCommand>) })).toThrow(HelmArgumentError);
  });

  test('refuses a timeout or release that is not what helm expects, in every command', () => {
    expect(() => upgradeArgs(helm3, command, { timeout: '5m --post-renderer=sh' })).toThrow(/timeout/);
    expect(() => uninstallArgs('-h', 'shop', {})).toThrow(/release name "-h"/);
    expect(() => getManifestArgs('web', '--all-namespaces', {})).toThrow(/namespace "--all-namespaces"/);
  });

  test('a repository URL in a message or log line has its password masked', () => {
    const secret = { kind: 'repo', chart: 'echo', repo: 'ftp://u:hunter22@127.0.0.1/c', version: '1.0.0' } as const;
    expect(() => templateArgs({ ...command, chart: secret })).toThrow(/"ftp:\/\/u:\*\*\*@127\.0\.0\.1\/c"/);
    expect(() => templateArgs({ ...command, chart: secret })).not.toThrow(/hunter22/);
    expect(describeChart({ ...secret, repo: 'http://u:hunter22@127.0.0.1/c' })).toBe('echo from http://u:***@127.0.0.1/c version 1.0.0');
  });
});

test('an upgrade counts only when helm printed the release status block', () => {
  expect(printedReleaseStatus('Release "web" has been upgraded. Happy Helming!\nNAME: web\nLAST DEPLOYED: now\nNAMESPACE: shop\nSTATUS: deployed\nREVISION: 2\n', 'web')).toBe(true);
  expect(printedReleaseStatus('Usage:\n  helm upgrade [RELEASE] [CHART] [flags]\n', 'web')).toBe(false);
  expect(printedReleaseStatus('NAME: other\nSTATUS: deployed\n', 'web')).toBe(false);
});
