import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningCluster } from '../harness/cluster.js';
import { applyEnvironment } from '../../src/deploy/apply.js';
import type { ApplyOutcome, ApplyRequest } from '../../src/deploy/types.js';
import { plainLogger } from '../../src/log/plain.js';
import type { Helm } from '../../src/helm/helm.js';
import { loadRepo } from '../../src/repo/load.js';

export const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'repo');

export interface FixtureRepo {
  root: string;
  environmentsFile: string;
  /** Appends YAML to releases/apps.yaml (more releases). */
  addReleases(yaml: string): Promise<void>;
  /** Replaces text in a repo file. */
  edit(file: string, from: string, to: string): Promise<void>;
  remove(): Promise<void>;
}

/** A copy of the fixture deployments repo whose environment `test` deploys into `namespace` through `provider`. */
export async function fixtureRepo(namespace: string, provider: string): Promise<FixtureRepo> {
  const root = await mkdtemp(join(tmpdir(), 'kubecd-apply-repo-'));
  await cp(FIXTURE, root, { recursive: true });
  const environmentsFile = join(root, 'environments.yaml');
  await writeFile(environmentsFile, `environments:
  - name: test
    provider:
${provider.replace(/^/gm, '      ')}
    kubeNamespace: ${namespace}
    releases:
      - releases/apps.yaml
`);
  const edit = async (file: string, from: string, to: string) => {
    const path = join(root, file);
    const text = await readFile(path, 'utf8');
    if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
    await writeFile(path, text.replace(from, to));
  };
  return {
    root,
    environmentsFile,
    addReleases: async (yaml) => writeFile(join(root, 'releases', 'apps.yaml'), `${await readFile(join(root, 'releases', 'apps.yaml'), 'utf8')}\n${yaml}`),
    edit,
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** A fixture repo with an existingContext provider and a kubeconfig (admin, or `token`) inside the repo. */
export async function kubeconfigRepo(cluster: RunningCluster, namespace: string, token?: string): Promise<FixtureRepo> {
  const repo = await fixtureRepo(namespace, 'existingContext:\n  kubeconfig: kubeconfig.yaml\n  context: kubecd-apply');
  await cluster.writeKubeconfig({ path: join(repo.root, 'kubeconfig.yaml'), context: 'kubecd-apply', ...(token ? { token } : {}) });
  return repo;
}

export interface Deployed {
  outcome: ApplyOutcome;
  log: string;
}

/** Loads the repo afresh (as a new run would) and applies environment `test`. */
export async function deploy(repo: FixtureRepo, helm: Helm, kubectl: string, options: Partial<ApplyRequest> = {}): Promise<Deployed> {
  let log = '';
  const outcome = await applyEnvironment({
    loaded: await loadRepo(repo.environmentsFile),
    environment: 'test',
    mode: 'apply',
    helm,
    kubectl,
    logger: plainLogger((text) => { log += text; }),
    ...options,
  });
  return { outcome, log };
}

export function resultsByName(outcome: ApplyOutcome): Record<string, string> {
  return Object.fromEntries(outcome.releases.map((r) => [r.name, r.result]));
}

/** Newest Helm revision per release in the namespace, read straight from the API server. */
export async function revisions(cluster: RunningCluster, namespace: string): Promise<Record<string, number>> {
  const result = await cluster.kubectl(['get', 'secrets', '-n', namespace, '-l', 'owner=helm', '-o', 'json']);
  if (result.code !== 0) throw new Error(result.stderr);
  const revisions: Record<string, number> = {};
  for (const item of (JSON.parse(result.stdout) as { items: { metadata: { labels: Record<string, string> } }[] }).items) {
    const { name, version } = item.metadata.labels;
    if (name && version) revisions[name] = Math.max(revisions[name] ?? 0, Number(version));
  }
  return revisions;
}

export async function deploymentImage(cluster: RunningCluster, namespace: string, name: string): Promise<string | undefined> {
  const result = await cluster.kubectl(['get', 'deployment', name, '-n', namespace, '-o', 'jsonpath={.spec.template.spec.containers[0].image}']);
  return result.code === 0 ? result.stdout.trim() : undefined;
}

export async function createNamespace(cluster: RunningCluster, namespace: string): Promise<void> {
  const result = await cluster.kubectl(['create', 'namespace', namespace]);
  if (result.code !== 0 && !/AlreadyExists/.test(result.stderr)) throw new Error(result.stderr);
}
