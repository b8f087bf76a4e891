/**
 * lint-scale: the bundled lint action, run as the runner runs it (`node dist/lint/index.js` with INPUT_*
 * variables), end to end including process start, over a generated repo of 20 × 50 and 200 × 50 releases.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBundles } from '../lib/bundles.js';
import { profileNode, profileNote } from '../lib/profile.js';
import { fmt, median, underLimit, type BenchResult, type Figure } from '../lib/results.js';
import { timed, timedOk } from '../lib/run.js';
import { generateDeploymentsRepo, type RepoSpec } from '../generators/deployments-repo.js';

const GOAL_MS = 1_000;
const RUNS = 5;

function spec(environments: number): RepoSpec {
  return {
    environments,
    releasesPerEnvironment: 50,
    repositories: 200,
    imageHost: '127.0.0.1:5000',
    track: (i) => (['PatchLevel', 'MinorVersion', 'MajorVersion', 'Newest'] as const)[i % 4]!,
    currentTag: (i) => `3.${i % 10}.${i % 7}`,
    lockFiles: true,
  };
}

export async function lintScale(): Promise<BenchResult> {
  const started = performance.now();
  const bundles = await ensureBundles();
  const lintAction = bundles.entry('lint');
  const work = await mkdtemp(join(tmpdir(), 'kubecd-bench-lint-'));
  try {
    const env = (root: string, outputs: string): NodeJS.ProcessEnv => ({
      PATH: process.env.PATH, HOME: process.env.HOME,
      GITHUB_WORKSPACE: root, GITHUB_OUTPUT: outputs, INPUT_ENVIRONMENTS: 'environments.yaml',
    });
    const measure = async (environments: number, runs: number) => {
      const root = join(work, `repo-${environments}`);
      const repo = await generateDeploymentsRepo(root, spec(environments));
      const outputs = join(work, `outputs-${environments}`);
      const times: number[] = [];
      for (let i = 0; i <= runs; i++) {
        await writeFile(outputs, '');
        const run = await timedOk(process.execPath, [lintAction], { env: env(root, outputs), cwd: root });
        if (i > 0) times.push(run.ms); // the first run warms the page cache
      }
      const matrix = /matrix<<(\S+)\n([\s\S]*?)\n\1/.exec(await readFile(outputs, 'utf8'))?.[2] ?? '';
      const entries = (JSON.parse(matrix || '{"include":[]}') as { include: unknown[] }).include.length;
      if (entries !== environments) throw new Error(`lint emitted ${entries} matrix entries for ${environments} environments`);
      return { root, releases: repo.releases, ms: median(times), outputs };
    };

    const small = await measure(20, RUNS);
    const large = await measure(200, 3);
    const nodeOnly = median(await Promise.all([0, 1, 2].map(async () => (await timed(process.execPath, ['-e', '0'])).ms)));
    const perReleaseSmall = small.ms / small.releases;
    const marginal = (large.ms - small.ms) / (large.releases - small.releases);

    const figures: Figure[] = [
      { metric: `lint action wall time, ${fmt(small.releases)} releases (median of ${RUNS})`, ours: Math.round(small.ms), unit: 'ms' },
      { metric: `lint action wall time, ${fmt(large.releases)} releases (median of 3)`, ours: Math.round(large.ms), unit: 'ms' },
      { metric: `ms per release at ${fmt(small.releases)}`, ours: round2(perReleaseSmall), unit: 'ms/release' },
      { metric: `ms per release at ${fmt(large.releases)}`, ours: round2(large.ms / large.releases), unit: 'ms/release' },
      { metric: `marginal ms per added release (${fmt(small.releases)} → ${fmt(large.releases)})`, ours: round2(marginal), unit: 'ms/release' },
      { metric: 'node start-up alone (`node -e 0`), for reference', ours: Math.round(nodeOnly), unit: 'ms' },
    ];
    const met = small.ms < GOAL_MS;
    const notes: string[] = [];
    const profile = await profileNode(lintAction, [], { env: env(met ? large.root : small.root, join(work, 'profile-outputs')), cwd: met ? large.root : small.root });
    notes.push(profileNote(`the lint action at ${fmt(met ? large.releases : small.releases)} releases`, profile));
    return {
      name: 'lint-scale',
      title: 'Lint at scale (bundled action, process start included)',
      figures,
      goals: [{ goal: `under 1 s for ${fmt(small.releases)} releases`, met, margin: underLimit(Math.round(small.ms), GOAL_MS, 'ms') }],
      notes,
      wallMs: performance.now() - started,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const round2 = (value: number) => Math.round(value * 100) / 100;
