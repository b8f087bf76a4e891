import type { ChartSource } from '../model/types.js';
import type { KubeTarget } from '../kube/target.js';
import { run, type RunResult } from '../exec/run.js';
import { redactUrl } from '../exec/redact.js';
import { checkChart, checkLabel, checkNamespace, checkPlain, checkRelease, checkRepoUrl, checkTimeout, checkVersion } from './arguments.js';

export { HelmArgumentError } from './arguments.js';

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
 * The chart of a `helm template|upgrade`: `chart` is the positional argument (a local dir, `repo/chart`, a chart
 * name fetched from `repo`, or an OCI reference). `version` overrides the declared one (the lock may pin a newer).
 */
export interface ChartArguments {
  kind: ChartSource['kind'];
  chart: string;
  repo?: string;
  version?: string;
}

export function chartArgs(chart: ChartSource, absoluteDir: (dir: string) => string, version?: string): ChartArguments {
  switch (chart.kind) {
    case 'dir':
      return { kind: 'dir', chart: absoluteDir(chart.dir) };
    case 'repo':
      return chart.repoUrl
        ? { kind: 'repo', chart: chart.chartName, repo: chart.repoUrl, version: version ?? chart.version }
        : { kind: 'repo', chart: chart.reference, version: version ?? chart.version };
    case 'oci':
      return { kind: 'oci', chart: chart.reference, version: version ?? chart.version };
  }
}

/** The chart for a log line, any password in its repository URL masked. */
export function describeChart(chart: ChartArguments): string {
  return [chart.chart, ...(chart.repo ? ['from', redactUrl(chart.repo)] : []), ...(chart.version ? ['version', chart.version] : [])].join(' ');
}

export interface ReleaseCommand extends KubeTarget {
  release: string;
  namespace: string;
  chart: ChartArguments;
  valuesFile: string;
}

/** The flags that place a command in a namespace of a cluster. */
export function targetArgs(namespace: string, target: KubeTarget): string[] {
  const args = ['--namespace', checkNamespace(namespace)];
  if (target.kubeconfig) args.push('--kubeconfig', checkPlain('kubeconfig path', target.kubeconfig));
  if (target.context) args.push('--kube-context', checkPlain('kube context', target.context));
  return args;
}

/** `--repo`/`--version` flags of a chart, every part checked; the chart itself goes after `--`. */
function chartFlags(chart: ChartArguments): string[] {
  const flags: string[] = [];
  if (chart.repo !== undefined) flags.push('--repo', checkRepoUrl(chart.repo));
  if (chart.kind !== 'dir' && chart.version) flags.push('--version', checkVersion(chart.version));
  return flags;
}

/** Checks one release command's values and returns its flags, `--`, then RELEASE CHART. */
function releaseArgs(command: ReleaseCommand, flags: string[]): string[] {
  const release = checkRelease(command.release);
  const chart = checkChart(command.chart);
  return [...chartFlags(command.chart), '--values', checkPlain('values file', command.valuesFile), ...flags, '--', release, chart];
}

/** Flags whose names changed in Helm 4. */
export function rollbackOnFailureFlag(helm: Helm): string {
  return helm.major >= 4 ? '--rollback-on-failure' : '--atomic';
}
export function forceFlag(helm: Helm): string {
  return helm.major >= 4 ? '--force-replace' : '--force';
}

export function templateArgs(command: ReleaseCommand): string[] {
  return ['template', ...releaseArgs(command, ['--namespace', checkNamespace(command.namespace)])];
}

export function helmTemplate(helm: Helm, command: ReleaseCommand): Promise<RunResult> {
  return run(helm.path, templateArgs(command));
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
  const args = [...targetArgs(command.namespace, command)];
  if (options.timeout) args.push('--timeout', checkTimeout(options.timeout));
  // Helm 4 waits with kstatus; a bare --wait means its default strategy on both majors.
  if (options.wait) args.push('--wait');
  if (options.rollbackOnFailure) args.push(rollbackOnFailureFlag(helm));
  if (options.createNamespace) args.push('--create-namespace');
  if (options.dryRun) args.push('--dry-run=server');
  const labels = Object.entries(options.labels ?? {});
  if (labels.length > 0) args.push('--labels', labels.map(([k, v]) => `${checkLabel(k)}=${checkLabel(v)}`).join(','));
  return ['upgrade', '--install', ...releaseArgs(command, args)];
}

/**
 * `upgrade --install` (and its dry run) ends with the release's status block (`NAME: …` … `STATUS: …`). An exit
 * code 0 without it means helm did something else (printed its help, say): nothing is known to be deployed.
 */
export function printedReleaseStatus(stdout: string, release: string): boolean {
  const lines = stdout.split('\n').map((line) => line.trim());
  return lines.includes(`NAME: ${release}`) && lines.some((line) => /^STATUS: \S+/.test(line));
}

export function helmUpgrade(helm: Helm, command: ReleaseCommand, options: UpgradeOptions): Promise<RunResult> {
  return run(helm.path, upgradeArgs(helm, command, options));
}

/** `helm get manifest`: what the release's deployed revision consists of. */
export function getManifestArgs(release: string, namespace: string, target: KubeTarget): string[] {
  return ['get', 'manifest', ...targetArgs(namespace, target), '--', checkRelease(release)];
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
  const args = ['uninstall', ...targetArgs(namespace, target)];
  if (options.timeout) args.push('--timeout', checkTimeout(options.timeout));
  if (options.wait) args.push('--wait');
  if (options.dryRun) args.push('--dry-run');
  return [...args, '--', checkRelease(release)];
}

export function helmUninstall(helm: Helm, release: string, namespace: string, target: KubeTarget, options: UninstallOptions = {}): Promise<RunResult> {
  return run(helm.path, uninstallArgs(release, namespace, target, options));
}
