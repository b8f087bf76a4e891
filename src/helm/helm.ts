import type { ChartSource } from '../model/types.js';
import { run, type RunResult } from '../exec/run.js';

/** A helm binary and its major version; flags differ between Helm 3 and Helm 4. */
export interface Helm {
  path: string;
  version: string;
  major: 3 | 4;
}

export class HelmError extends Error {}

export async function detectHelm(path = 'helm'): Promise<Helm> {
  const result = await run(path, ['version', '--template', '{{.Version}}']);
  const version = result.stdout.trim();
  const major = /^v(\d+)\./.exec(version)?.[1];
  if (result.code !== 0 || (major !== '3' && major !== '4')) {
    throw new HelmError(`cannot use helm at ${path}: ${result.code !== 0 ? result.stderr.trim() : `unsupported version ${version || '(none)'}; kubecd needs Helm 3 or 4`}`);
  }
  return { path, version, major: Number(major) as 3 | 4 };
}

/**
 * The chart arguments for `helm template|upgrade`: a local dir, `--repo URL name`, or an OCI reference.
 * `version` overrides the declared version (the lock file may pin a newer one).
 */
export function chartArgs(chart: ChartSource, absoluteDir: (dir: string) => string, version?: string): string[] {
  switch (chart.kind) {
    case 'dir':
      return [absoluteDir(chart.dir)];
    case 'repo':
      return chart.repoUrl
        ? [chart.chartName, '--repo', chart.repoUrl, '--version', version ?? chart.version]
        : [chart.reference, '--version', version ?? chart.version];
    case 'oci':
      return [chart.reference, '--version', version ?? chart.version];
  }
}

/** Which cluster a command talks to: a kubeconfig file and/or one of its contexts (undefined: helm's defaults). */
export interface KubeTarget {
  kubeconfig?: string;
  context?: string;
}

export interface ReleaseCommand extends KubeTarget {
  release: string;
  namespace: string;
  chart: string[];
  valuesFile: string;
}

export function targetArgs(namespace: string, target: KubeTarget): string[] {
  const args = ['--namespace', namespace];
  if (target.kubeconfig) args.push('--kubeconfig', target.kubeconfig);
  if (target.context) args.push('--kube-context', target.context);
  return args;
}

/** Flags whose names changed in Helm 4. */
export function rollbackOnFailureFlag(helm: Helm): string {
  return helm.major >= 4 ? '--rollback-on-failure' : '--atomic';
}
export function forceFlag(helm: Helm): string {
  return helm.major >= 4 ? '--force-replace' : '--force';
}

export function helmTemplate(helm: Helm, command: ReleaseCommand): Promise<RunResult> {
  return run(helm.path, ['template', command.release, ...command.chart, '--values', command.valuesFile, '--namespace', command.namespace]);
}

export interface UpgradeOptions {
  timeout?: string;
  wait?: boolean;
  rollbackOnFailure?: boolean;
  createNamespace?: boolean;
  dryRun?: boolean;
  labels?: Record<string, string>;
}

export function upgradeArgs(helm: Helm, command: ReleaseCommand, options: UpgradeOptions): string[] {
  const args = ['upgrade', '--install', command.release, ...command.chart, '--values', command.valuesFile, ...targetArgs(command.namespace, command)];
  if (options.timeout) args.push('--timeout', options.timeout);
  // Helm 4 waits with kstatus; a bare --wait means its default strategy on both majors.
  if (options.wait) args.push('--wait');
  if (options.rollbackOnFailure) args.push(rollbackOnFailureFlag(helm));
  if (options.createNamespace) args.push('--create-namespace');
  if (options.dryRun) args.push('--dry-run=server');
  const labels = Object.entries(options.labels ?? {});
  if (labels.length > 0) args.push('--labels', labels.map(([k, v]) => `${k}=${v}`).join(','));
  return args;
}

export function helmUpgrade(helm: Helm, command: ReleaseCommand, options: UpgradeOptions): Promise<RunResult> {
  return run(helm.path, upgradeArgs(helm, command, options));
}

/** `helm get manifest`: what the release's deployed revision consists of. */
export function getManifestArgs(release: string, namespace: string, target: KubeTarget): string[] {
  return ['get', 'manifest', release, ...targetArgs(namespace, target)];
}

export function helmGetManifest(helm: Helm, release: string, namespace: string, target: KubeTarget): Promise<RunResult> {
  return run(helm.path, getManifestArgs(release, namespace, target));
}

/** Helm's way of saying a release does not exist (both majors). */
export function isReleaseNotFound(result: RunResult): boolean {
  return result.code !== 0 && /release: not found|not found/i.test(result.stderr);
}

export interface UninstallOptions {
  timeout?: string;
  wait?: boolean;
  dryRun?: boolean;
}

export function uninstallArgs(release: string, namespace: string, target: KubeTarget, options: UninstallOptions = {}): string[] {
  const args = ['uninstall', release, ...targetArgs(namespace, target)];
  if (options.timeout) args.push('--timeout', options.timeout);
  if (options.wait) args.push('--wait');
  if (options.dryRun) args.push('--dry-run');
  return args;
}

export function helmUninstall(helm: Helm, release: string, namespace: string, target: KubeTarget, options: UninstallOptions = {}): Promise<RunResult> {
  return run(helm.path, uninstallArgs(release, namespace, target, options));
}
