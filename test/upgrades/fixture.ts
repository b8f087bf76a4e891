import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadRepo } from '../../src/repo/load.js';
import type { LoadedRepo } from '../../src/repo/loaded-repo.js';
import { makeTempDir } from '../harness/process.js';
import { plainLogger } from '../../src/log/plain.js';
import { runUpgrades } from '../../src/upgrades/run.js';
import { createSources } from '../../src/upgrades/sources.js';
import type { UpgradeRow } from '../../src/upgrades/types.js';

/** The files every test deployments repo has: a tiny chart whose values.yaml sets nothing image-related. */
export const CHART_FILES: Record<string, string> = {
  'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
  'charts/app/values.yaml': 'replicas: 1\n',
  'charts/app/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n',
};

/** `environments.yaml` with one existingContext cluster and the given environments (name → release files). */
export function environmentsYaml(environments: Record<string, string[]>, extra = ''): string {
  const lines = ['clusters:', '  - name: local', '    provider:', '      existingContext:', '        context: kind-test', extra, 'environments:'];
  for (const [name, releases] of Object.entries(environments)) {
    lines.push(`  - name: ${name}`, '    cluster: local', `    kubeNamespace: ns-${name}`, '    releases:', ...releases.map((r) => `      - ${r}`));
  }
  return `${lines.filter((l) => l !== '').join('\n')}\n`;
}

/** One release on the local chart with an image trigger. */
export function imageRelease(name: string, repository: string, tag: string, track: string): string {
  return [
    `  - name: ${name}`,
    '    chart:',
    '      dir: ../charts/app',
    '    values:',
    '      - key: image.repository',
    `        value: ${repository}`,
    '      - key: image.tag',
    `        value: "${tag}"`,
    '    triggers:',
    '      - image:',
    `          track: ${track}`,
  ].join('\n');
}

export function releasesYaml(releases: string[]): string {
  return `releases:\n${releases.join('\n')}\n`;
}

export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

/** A deployments repo in a fresh temp folder; returns its root. */
export async function makeDeployments(files: Record<string, string>): Promise<string> {
  const root = await makeTempDir('deployments');
  await writeFiles(root, { ...CHART_FILES, ...files });
  return root;
}

export async function load(root: string): Promise<LoadedRepo> {
  const loaded = await loadRepo(join(root, 'environments.yaml'));
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new Error(`fixture has errors:\n${errors.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n')}`);
  return loaded;
}

export async function read(root: string, file: string): Promise<string> {
  return readFile(join(root, file), 'utf8');
}

/** A fixed clock for lock files. */
export const FIXED_NOW = () => new Date('2026-01-02T03:04:05.000Z');

/** Retries that give up fast, so fault tests stay short. */
export const FAST_RETRY = { attempts: 3, baseDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 2_000, timeoutMs: 700 };

/** Day `n` of March 2024 at noon, as an image's creation time. */
export const imageDay = (n: number) => `2024-03-${String(n).padStart(2, '0')}T12:00:00.000Z`;
/** Tags and the day each image was made: 1.1.0 is the newest image, 1.2.0 the highest version, so Newest must pick by time. */
export const NEWEST_BY_TIME: [string | string[], number][] = [['1.0.0', 1], ['1.2.0', 2], ['1.0.1', 3], ['1.1.0', 5], [['latest', 'main'], 9]];
/** The tags of NEWEST_BY_TIME that Newest considers (moving tags left out). */
export const NEWEST_BY_TIME_CANDIDATES = 4;

/**
 * A dry-run check-upgrades in process of one environment `prod` with these release entries, with `env` as the
 * sources' environment (DOCKER_CONFIG, KUBECD_REGISTRY_ENDPOINTS, ...): the rows, the warnings and the secrets told.
 */
export async function checkReleases(releases: string[], env: NodeJS.ProcessEnv): Promise<{ rows: UpgradeRow[]; warnings: string[]; secrets: string[] }> {
  const root = await makeDeployments({
    'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'] }),
    'releases/prod.yaml': releasesYaml(releases),
  });
  const warnings: string[] = [];
  const secrets: string[] = [];
  const logger = { ...plainLogger(() => undefined), warning: (m: string) => { warnings.push(m); }, secret: (s: string) => { secrets.push(s); } };
  const sources = await createSources({ env, retry: FAST_RETRY, logger });
  const { rows } = await runUpgrades(await load(root), { ...sources, write: 'lock', dryRun: true, now: FIXED_NOW, logger });
  return { rows, warnings, secrets };
}
