/**
 * Generates a deployments repo of E environments × R releases: one release file per environment, a values
 * file per application (shared by every environment), environment defaults, image triggers, optionally a
 * lock file per environment. Environments share image repositories: environment e runs the R repositories
 * of group e mod G, where G = repositories / R.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Track } from '../../src/model/types.js';

export interface RepoSpec {
  environments: number;
  releasesPerEnvironment: number;
  /** Distinct image repositories; a multiple of releasesPerEnvironment (or smaller than it). */
  repositories: number;
  /** `host:port` the image repositories live on. */
  imageHost: string;
  /** Track of the trigger on repository i. */
  track: (repository: number) => Track;
  /** The tag an environment runs of repository i. */
  currentTag: (repository: number, environment: number) => string;
  /** Write locks/<env>.yaml holding the current tags (as check-upgrades would have). */
  lockFiles?: boolean;
  /** `existingContext` kubeconfig path (relative to the repo root) for every environment. */
  kubeconfig?: string;
  /** Extra values for release k of environment e (e.g. a changed message for the apply benchmarks). */
  extraValues?: (environment: number, release: number) => Record<string, string>;
  /** Namespace of environment e (default its name). */
  namespaceOf?: (environment: number) => string;
}

export const environmentName = (e: number) => `env-${String(e).padStart(3, '0')}`;
export const releaseName = (k: number) => `app-${String(k).padStart(3, '0')}`;
export const repositoryPath = (i: number) => `bench/app-${String(i).padStart(3, '0')}`;

/** The repository index release k of environment e uses. */
export function repositoryOf(spec: RepoSpec, e: number, k: number): number {
  const perEnvironment = spec.releasesPerEnvironment;
  const groups = Math.max(1, Math.floor(spec.repositories / perEnvironment));
  return (k + perEnvironment * (e % groups)) % spec.repositories;
}

export async function generateDeploymentsRepo(root: string, spec: RepoSpec): Promise<{ environmentsFile: string; releases: number; triggers: number }> {
  await rm(root, { recursive: true, force: true });
  const files = new Map<string, string>();
  files.set('charts/app/Chart.yaml', 'apiVersion: v2\nname: app\nversion: 1.0.0\nappVersion: "1.0.0"\ndescription: A small chart for the kubecd benchmarks\ntype: application\n');
  files.set('charts/app/values.yaml', 'image:\n  repository: example/app\n  tag: "1.0.0"\nmessage: hello\nreplicaCount: 1\n');
  files.set('charts/app/templates/configmap.yaml', [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: {{ .Release.Name }}',
    'data:',
    '  image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
    '  message: {{ .Values.message | quote }}',
    '  domain: {{ .Values.ingress.domain | quote }}',
    '',
  ].join('\n'));
  files.set('defaults.yaml', 'ingress:\n  domain: bench.test\nresources:\n  requests:\n    cpu: 10m\n');
  for (let k = 0; k < spec.releasesPerEnvironment; k++) {
    files.set(`values/${releaseName(k)}.yaml`, `# Values of ${releaseName(k)} in every environment.\nreplicaCount: ${1 + (k % 3)}\nservice:\n  port: ${8000 + k}\nconfig:\n  feature${k}: true\n`);
  }

  const cluster = spec.kubeconfig
    ? `  - name: local\n    provider:\n      existingContext:\n        kubeconfig: ${spec.kubeconfig}\n`
    : '  - name: local\n    provider:\n      existingContext:\n        context: bench\n';
  const environments: string[] = [];
  let triggers = 0;
  for (let e = 0; e < spec.environments; e++) {
    const env = environmentName(e);
    environments.push([
      `  - name: ${env}`,
      '    cluster: local',
      `    kubeNamespace: ${spec.namespaceOf?.(e) ?? env}`,
      '    releases:',
      `      - releases/${env}.yaml`,
      '    defaultValuesFile: defaults.yaml',
      '    defaultValues:',
      '      - key: ingress.domain',
      `        value: ${env}.bench.test`,
    ].join('\n'));
    const releases: string[] = ['releases:'];
    const lockEntries: string[] = [];
    for (let k = 0; k < spec.releasesPerEnvironment; k++) {
      const repository = repositoryOf(spec, e, k);
      const image = `${spec.imageHost}/${repositoryPath(repository)}`;
      const tag = spec.currentTag(repository, e);
      const extra = Object.entries(spec.extraValues?.(e, k) ?? {}).flatMap(([key, value]) => [`      - key: ${key}`, `        value: ${JSON.stringify(value)}`]);
      releases.push(
        `  - name: ${releaseName(k)}`,
        '    chart:',
        '      dir: ../charts/app',
        '    valuesFiles:',
        `      - ../values/${releaseName(k)}.yaml`,
        '    values:',
        '      - key: image.repository',
        `        value: ${image}`,
        '      - key: image.tag',
        `        value: ${JSON.stringify(tag)}`,
        ...extra,
        '    triggers:',
        '      - image:',
        `          track: ${spec.track(repository)}`,
      );
      triggers++;
      lockEntries.push(
        `  - release: ${releaseName(k)}`,
        '    key: image.tag',
        `    value: ${JSON.stringify(tag)}`,
        `    repository: ${image}`,
        `    track: ${spec.track(repository)}`,
        '    resolvedAt: 2026-01-01T00:00:00.000Z',
      );
    }
    files.set(`releases/${env}.yaml`, `${releases.join('\n')}\n`);
    if (spec.lockFiles) {
      files.set(`locks/${env}.yaml`, `# Generated by kubecd check-upgrades for environment "${env}".\nenvironment: ${env}\nentries:\n${lockEntries.join('\n')}\n`);
    }
  }
  files.set('environments.yaml', `clusters:\n${cluster}\nenvironments:\n${environments.join('\n\n')}\n`);

  for (const [path, content] of files) {
    const target = join(root, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return { environmentsFile: join(root, 'environments.yaml'), releases: spec.environments * spec.releasesPerEnvironment, triggers };
}
