/**
 * startup: each bundle's cold start (a new node process on the bundle, as the runner starts an action) to its
 * first useful log line, on a tiny repo so that start-up dominates; and the size of dist/ on disk.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pushImages } from '../../test/harness/images.js';
import { startRegistry } from '../../test/harness/registry.js';
import { helmBinary, kubectlBinary } from '../../test/harness/tools.js';
import { BUNDLES, ensureBundles, type BundleName } from '../lib/bundles.js';
import { profileNode, profileNote } from '../lib/profile.js';
import { fmt, median, type BenchResult, type Figure } from '../lib/results.js';
import { timed, type TimedOptions } from '../lib/run.js';
import { generateDeploymentsRepo } from '../generators/deployments-repo.js';

const RUNS = 5;

export async function startup(): Promise<BenchResult> {
  const started = performance.now();
  const bundles = await ensureBundles();
  const work = await mkdtemp(join(tmpdir(), 'kubecd-bench-startup-'));
  const registry = await startRegistry();
  try {
    await pushImages(registry, [
      { repository: 'bench/app-000', tag: '1.0.0', created: '2025-01-01T00:00:00Z' },
      { repository: 'bench/app-000', tag: '1.0.1', created: '2025-01-02T00:00:00Z' },
    ]);
    const root = join(work, 'repo');
    await generateDeploymentsRepo(root, {
      environments: 1, releasesPerEnvironment: 1, repositories: 1, imageHost: registry.host,
      track: () => 'PatchLevel', currentTag: () => '1.0.0', kubeconfig: 'kubeconfig.yaml',
    });
    // A cluster nobody listens on: apply's first lines come before it connects.
    await writeFile(join(root, 'kubeconfig.yaml'), [
      'apiVersion: v1', 'kind: Config', 'current-context: bench',
      'clusters: [{name: bench, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]',
      'users: [{name: bench, user: {token: not-a-real-token}}]',
      'contexts: [{name: bench, context: {cluster: bench, user: bench, namespace: env-000}}]', '',
    ].join('\n'), { mode: 0o600 });
    await writeFile(join(work, 'outputs'), '');
    const base = { PATH: process.env.PATH, HOME: work, GITHUB_WORKSPACE: root, GITHUB_OUTPUT: join(work, 'outputs'), INPUT_ENVIRONMENTS: 'environments.yaml' };
    const cases: Record<BundleName, { args: string[]; env: NodeJS.ProcessEnv; firstLine: RegExp; what: string }> = {
      lint: { args: [], env: base, firstLine: /environment\(s\) in the matrix/, what: 'the matrix line' },
      'check-upgrades': {
        args: [], env: { ...base, INPUT_COMMIT: 'none', 'INPUT_DRY-RUN': 'true', INPUT_WRITE: 'lock' },
        firstLine: /image\.tag: 1\.0\.0 -> 1\.0\.1/, what: 'the first checked trigger',
      },
      apply: {
        args: [], env: { ...base, INPUT_ENVIRONMENT: 'env-000', INPUT_MODE: 'plan', INPUT_KUBECONFIG: join(root, 'kubeconfig.yaml'), INPUT_HELM: await helmBinary(4), INPUT_KUBECTL: await kubectlBinary() },
        firstLine: /^(?!::debug::)\S/, what: 'its first log line',
      },
      cli: { args: ['list', '-f', join(root, 'environments.yaml')], env: base, firstLine: /env-000/, what: 'the environment list' },
    };

    const figures: Figure[] = [];
    const notes: string[] = [];
    const bare = median(await sequential(RUNS, async () => (await timed(process.execPath, ['-e', '0'])).ms));
    figures.push({ metric: 'node itself (`node -e 0`), for reference', ours: Math.round(bare), unit: 'ms' });
    for (const name of BUNDLES) {
      const c = cases[name];
      const options: TimedOptions = { env: c.env, cwd: root, firstLine: c.firstLine };
      const runs = await sequential(RUNS, () => timed(process.execPath, [bundles.entry(name), ...c.args], options));
      const hits = runs.filter((run) => run.firstLineMs !== undefined);
      if (hits.length === 0) throw new Error(`${name}: no line matched ${c.firstLine}; it printed:\n${runs[0]!.stdout.slice(0, 2000)}\n${runs[0]!.stderr.slice(0, 2000)}`);
      const first = median(hits.map((run) => run.firstLineMs!));
      figures.push({ metric: `${name}: cold start to ${c.what} (median of ${RUNS})`, ours: Math.round(first), unit: 'ms' });
      notes.push(`${name}: first useful line was "${hits[0]!.firstLine!.slice(0, 120)}"; whole run ${fmt(median(runs.map((r) => r.ms)))} ms.`);
    }
    figures.push({ metric: 'dist/ on disk (one shared bundle behind all four entries)', ours: Math.round((await bundles.size()) / 1024), unit: 'KiB' });
    const slowest = figures.filter((f) => f.metric.includes('cold start')).sort((a, b) => b.ours - a.ours)[0];
    if (slowest) {
      const name = slowest.metric.split(':')[0] as BundleName;
      const c = cases[name];
      notes.push(profileNote(`the slowest start (${name})`, await profileNode(bundles.entry(name), c.args, { env: c.env, cwd: root })));
    }
    return { name: 'startup', title: 'Start-up and bundle sizes', figures, goals: [], notes, wallMs: performance.now() - started };
  } finally {
    await registry.stop();
    await rm(work, { recursive: true, force: true });
  }
}

async function sequential<T>(times: number, body: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < times; i++) out.push(await body());
  return out;
}
