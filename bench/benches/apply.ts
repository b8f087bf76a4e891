/**
 * apply-unchanged and apply-full: one environment of 50 small releases (a ConfigMap each) in the local API
 * server, applied by the bundled `kubecd apply`, against what teams hand-roll: a sequential loop of
 * `helm upgrade --install` over all 50 releases (run here as 50 helm processes one after another, each with
 * its own argument array — exactly what the shell loop spawns).
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type StartedCluster } from '../../test/harness/cluster.js';
import { helmBinary, kubectlBinary } from '../../test/harness/tools.js';
import { ensureBundles } from '../lib/bundles.js';
import { onShutdown } from '../lib/cleanup.js';
import { breakdownNote, commandBreakdown, tracingWrapper } from '../lib/command-trace.js';
import { profileNode, profileNote } from '../lib/profile.js';
import { fmt, median, type BenchResult, type Figure, type Goal } from '../lib/results.js';
import { timedOk, type Timed } from '../lib/run.js';
import { environmentName, generateDeploymentsRepo, releaseName, type RepoSpec } from '../generators/deployments-repo.js';

const RELEASES = 50;

interface ApplyStack {
  cluster: StartedCluster;
  work: string;
  kubeconfig: string;
  helm: string;
  kubectl: string;
  cli: string;
}

let shared: Promise<ApplyStack> | undefined;

function applyStack(): Promise<ApplyStack> {
  shared ??= (async () => {
    const [bundles, cluster, helm, kubectl] = await Promise.all([ensureBundles(), startCluster(), helmBinary(4), kubectlBinary()]);
    const work = await mkdtemp(join(tmpdir(), 'kubecd-bench-apply-'));
    const kubeconfig = await cluster.writeKubeconfig({ path: join(work, 'kubeconfig.yaml') });
    onShutdown(async () => {
      await cluster.stop();
      await rm(work, { recursive: true, force: true });
    });
    return { cluster, work, kubeconfig, helm, kubectl, cli: bundles.entry('cli') };
  })();
  return shared;
}

/** One deployments repo (one environment in `namespace`) and the same releases for the helm loop in `namespace-loop`. */
class Scenario {
  readonly root: string;
  readonly loopNamespace: string;
  private messages: string[] = Array.from({ length: RELEASES }, () => 'v1');

  constructor(private readonly stack: ApplyStack, readonly namespace: string) {
    this.root = join(stack.work, namespace);
    this.loopNamespace = `${namespace}-loop`;
  }

  spec(): RepoSpec {
    return {
      environments: 1, releasesPerEnvironment: RELEASES, repositories: RELEASES, imageHost: '127.0.0.1:5000',
      track: () => 'PatchLevel', currentTag: (i) => `1.${i}.0`, kubeconfig: 'kubeconfig.yaml',
      namespaceOf: () => this.namespace,
      extraValues: (_, k) => ({ message: this.messages[k]! }),
    };
  }

  /** Sets release messages and regenerates the repo (the loop's values files too). */
  async declare(message: (k: number) => string): Promise<void> {
    this.messages = this.messages.map((_, k) => message(k));
    await generateDeploymentsRepo(this.root, this.spec());
    await copyFile(this.stack.kubeconfig, join(this.root, 'kubeconfig.yaml'));
    await mkdir(join(this.root, 'loop'), { recursive: true });
    for (let k = 0; k < RELEASES; k++) {
      await writeFile(join(this.root, 'loop', `${releaseName(k)}.yaml`), [
        'ingress:', `  domain: ${environmentName(0)}.bench.test`,
        'image:', `  repository: 127.0.0.1:5000/bench/app-${String(k).padStart(3, '0')}`, `  tag: "1.${k}.0"`,
        `message: ${JSON.stringify(this.messages[k])}`, '',
      ].join('\n'));
    }
  }

  kubecd(command: 'apply' | 'list', extra: string[] = []): Promise<Timed> {
    const args = command === 'apply'
      ? [this.stack.cli, 'apply', '-f', join(this.root, 'environments.yaml'), environmentName(0), '--helm', this.stack.helm, '--kubectl', this.stack.kubectl, '--create-namespace', ...extra]
      : [this.stack.cli, 'list', '-f', join(this.root, 'environments.yaml')];
    return timedOk(process.execPath, args, { env: { PATH: process.env.PATH, HOME: this.stack.work, KUBECONFIG: this.stack.kubeconfig } });
  }

  profileApply(): ReturnType<typeof profileNode> {
    return profileNode(this.stack.cli, ['apply', '-f', join(this.root, 'environments.yaml'), environmentName(0), '--helm', this.stack.helm, '--kubectl', this.stack.kubectl],
      { env: { PATH: process.env.PATH, HOME: this.stack.work, KUBECONFIG: this.stack.kubeconfig } });
  }

  /** An apply with helm and kubectl behind tracing wrappers: where its wall time goes, command by command. */
  async tracedApply(what: string): Promise<string> {
    const dir = await mkdtemp(join(this.stack.work, 'trace-'));
    const helmLog = join(dir, 'helm.log');
    const kubectlLog = join(dir, 'kubectl.log');
    const helm = await tracingWrapper(dir, 'helm', this.stack.helm, helmLog);
    const kubectl = await tracingWrapper(dir, 'kubectl', this.stack.kubectl, kubectlLog);
    const run = await timedOk(process.execPath, [this.stack.cli, 'apply', '-f', join(this.root, 'environments.yaml'), environmentName(0), '--helm', helm, '--kubectl', kubectl],
      { env: { PATH: process.env.PATH, HOME: this.stack.work, KUBECONFIG: this.stack.kubeconfig } });
    return breakdownNote(what, run.ms, [await commandBreakdown(helmLog, 'helm'), await commandBreakdown(kubectlLog, 'kubectl')]);
  }

  helmUpgrade(k: number): Promise<Timed> {
    return timedOk(this.stack.helm, [
      'upgrade', '--install', releaseName(k), join(this.root, 'charts', 'app'),
      '--namespace', this.loopNamespace, '--create-namespace', '--kubeconfig', this.stack.kubeconfig,
      '-f', join(this.root, 'defaults.yaml'), '-f', join(this.root, 'values', `${releaseName(k)}.yaml`), '-f', join(this.root, 'loop', `${releaseName(k)}.yaml`),
    ], { env: { PATH: process.env.PATH, HOME: this.stack.work } });
  }

  /** The hand-rolled loop: `for r in ...; do helm upgrade --install ...; done`. */
  async helmLoop(): Promise<number> {
    const started = performance.now();
    for (let k = 0; k < RELEASES; k++) await this.helmUpgrade(k);
    return performance.now() - started;
  }

  async deployedMessage(namespace: string, k: number): Promise<string> {
    const result = await this.stack.cluster.kubectl(['get', 'configmap', releaseName(k), '-n', namespace, '-o', 'jsonpath={.data.message}']);
    return result.stdout.trim();
  }

  async expectMessages(namespace: string, expected: (k: number) => string, sample: number[]): Promise<void> {
    for (const k of sample) {
      const actual = await this.deployedMessage(namespace, k);
      if (actual !== expected(k)) throw new Error(`${namespace}/${releaseName(k)}: deployed message "${actual}", expected "${expected(k)}"`);
    }
  }
}

const CHANGED = 7;

export async function applyUnchanged(): Promise<BenchResult> {
  const started = performance.now();
  const stack = await applyStack();
  const s = new Scenario(stack, 'bench-unchanged');
  await s.declare(() => 'v1');
  const first = await s.kubecd('apply');
  await s.expectMessages(s.namespace, () => 'v1', [0, CHANGED, RELEASES - 1]);
  const nothing = { ms: median(await timesOf(3, async () => (await s.kubecd('apply')).ms)) };
  await s.helmLoop(); // the loop's own first install, not measured

  // Three one-change applies (a different value each time); the median counts.
  const ones: Timed[] = [];
  for (let i = 0; i < 3; i++) {
    await s.declare((k) => (k === CHANGED ? `v2-${i}` : 'v1'));
    ones.push(await s.kubecd('apply'));
    await s.expectMessages(s.namespace, (k) => (k === CHANGED ? `v2-${i}` : 'v1'), [CHANGED, 0]);
  }
  const one = { ms: median(ones.map((r) => r.ms)), stdout: ones.at(-1)!.stdout };
  await s.declare((k) => (k === CHANGED ? 'v2' : 'v1'));
  const loop = await s.helmLoop();
  await s.expectMessages(s.loopNamespace, (k) => (k === CHANGED ? 'v2' : 'v1'), [CHANGED, 0]);

  const singles: number[] = [];
  for (let i = 0; i < 3; i++) {
    await s.declare((k) => (k === CHANGED ? `v2-s${i}` : 'v1'));
    singles.push((await s.helmUpgrade(CHANGED)).ms);
  }
  const single = median(singles);
  const startups: number[] = [];
  for (let i = 0; i < 3; i++) startups.push((await s.kubecd('list')).ms);
  const startup = median(startups);

  const speedup = loop / one.ms;
  const ideal = single + startup;
  const figures: Figure[] = [
    { metric: `first apply, ${RELEASES} releases (kubecd, default concurrency)`, ours: Math.round(first.ms), unit: 'ms' },
    { metric: 'apply with one value changed (median of 3)', ours: Math.round(one.ms), peer: Math.round(loop), peerName: `helm upgrade --install loop (${RELEASES})`, unit: 'ms' },
    { metric: 'apply with nothing changed (median of 3)', ours: Math.round(nothing.ms), unit: 'ms' },
    { metric: 'one `helm upgrade` of one release (median of 3)', ours: Math.round(single), unit: 'ms' },
    { metric: 'kubecd fixed start-up: process start, load and validate the repo (`kubecd list`, median of 3)', ours: Math.round(startup), unit: 'ms' },
  ];
  const goals: Goal[] = [
    { goal: 'one-change apply at least 20× faster than the helm loop', met: speedup >= 20, margin: `${fmt(speedup)}× faster (${fmt(one.ms)} ms vs ${fmt(loop)} ms); goal 20×` },
    {
      goal: 'one-change apply within 1.5× of one helm upgrade + kubecd start-up',
      met: one.ms <= 1.5 * ideal,
      margin: `${fmt(one.ms / ideal)}× of ${fmt(single)} + ${fmt(startup)} = ${fmt(ideal)} ms (limit 1.5×, ${fmt(1.5 * ideal)} ms)`,
    },
  ];
  const notes = [`kubecd's one-change apply printed: ${summaryLine(one.stdout)}`];
  await s.declare((k) => (k === CHANGED ? 'v3' : 'v1'));
  notes.push(await s.tracedApply('Where a one-change apply goes (helm and kubectl traced)'));
  notes.push(await s.tracedApply('Where a nothing-changed apply goes'));
  if (goals.some((g) => !g.met)) {
    await s.declare((k) => (k === CHANGED ? 'v4' : 'v1'));
    notes.push(profileNote('a one-change apply in kubecd\'s own process (`idle` is waiting on helm and kubectl)', await s.profileApply()));
  }
  return { name: 'apply-unchanged', title: 'Apply with one change vs a helm loop', figures, goals, notes, wallMs: performance.now() - started };
}

export async function applyFull(): Promise<BenchResult> {
  const started = performance.now();
  const stack = await applyStack();
  const s = new Scenario(stack, 'bench-full');
  await s.declare(() => 'v1');
  await s.kubecd('apply');
  await s.helmLoop();

  await s.declare(() => 'v2');
  const all = await s.kubecd('apply');
  await s.expectMessages(s.namespace, () => 'v2', [0, 25, RELEASES - 1]);
  const loop = await s.helmLoop();
  await s.expectMessages(s.loopNamespace, () => 'v2', [0, 25, RELEASES - 1]);
  const speedup = loop / all.ms;
  return {
    name: 'apply-full',
    title: 'Apply with every release changed vs a helm loop',
    figures: [{ metric: `apply with all ${RELEASES} releases changed (kubecd concurrency 4)`, ours: Math.round(all.ms), peer: Math.round(loop), peerName: 'sequential helm loop', unit: 'ms' }],
    goals: [],
    notes: [`kubecd ${fmt(speedup)}× the loop's speed with all releases changed. kubecd printed: ${summaryLine(all.stdout)}`],
    wallMs: performance.now() - started,
  };
}

async function timesOf(times: number, body: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push(await body());
  return out;
}

function summaryLine(stdout: string): string {
  const lines = stdout.trim().split('\n').filter(Boolean);
  return lines.slice(-2).join(' / ').slice(0, 300) || '(nothing)';
}
