// The GitOps loop as the example workflows (docs/workflows/deploy.yml, check-upgrades.yml) run it, with the
// bundled actions run as a GitHub runner runs them: deploy on push (lint → apply per matrix entry), a newer
// image is pushed, check-upgrades opens a pull request, it is merged, and the deploy workflow runs again.
// Shared by the end-to-end test and the README demo.
import { runBundledAction, type ActionName, type ActionResult } from '../harness/action-runner.js';
import { git } from '../harness/git.js';
import { pushImages } from '../harness/images.js';
import { GITHUB_OWNER, GITHUB_REPO, type Stack } from '../harness/stack.js';
import { helmBinary, kubectlBinary, REPO_ROOT } from '../harness/tools.js';
import { checkout, createDeploymentsRepo } from './deployments-repo.js';

export const OLD_TAGS = { web: '1.4.2', worker: '2.0.1' } as const;
export const NEW_TAGS = { web: '1.4.3', worker: '2.0.2' } as const;

export interface MatrixEntry {
  environment: string;
  cluster: string;
  namespace: string;
  provider: 'gke' | 'existingContext';
  context?: string;
}

export interface StepRecord {
  /** e.g. `apply (staging, Helm 4)` */
  title: string;
  action: ActionName;
  result: ActionResult;
}

export interface LoopHooks {
  /** Told before each step starts (the demo prints a heading). */
  onStepStart?(title: string): void;
  /** Told after each action ran (the demo prints its job summary). */
  onStep?(step: StepRecord): void;
  /** Told of each thing the loop does between actions. */
  log?(line: string): void;
  /** Where the actions' own output goes while they run (the demo shows it; tests keep it in the result). */
  echo?: NodeJS.WritableStream;
}

export class StepFailed extends Error {
  constructor(readonly step: StepRecord) {
    super(`${step.title} failed (exit ${step.result.code}):\n${[...step.result.errors, step.result.stderr.trim()].filter(Boolean).join('\n').slice(0, 4000) || step.result.stdout.slice(-4000)}`);
  }
}

export interface LoopResult {
  steps: StepRecord[];
  /** Deployment images per namespace, after the first deploy and at the end. */
  imagesBefore: Record<string, Record<string, string>>;
  imagesAfter: Record<string, Record<string, string>>;
  pullRequest: { number: number; url: string; branch: string; action: string };
  /** The lock files main holds at the end (path → YAML). */
  lockFiles: Record<string, string>;
}

/** Runs the loop against a started stack; throws StepFailed when an action fails. */
export async function runLoop(stack: Stack, hooks: LoopHooks = {}): Promise<LoopResult> {
  const steps: StepRecord[] = [];
  const log = hooks.log ?? (() => undefined);
  const helm = { 3: await helmBinary(3), 4: await helmBinary(4) } as const;
  const kubectl = await kubectlBinary();

  const step = async (title: string, action: ActionName, workspace: { dir: string; sha: string }, inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionResult> => {
    hooks.onStepStart?.(title);
    const result = await runBundledAction(action, {
      workspace: workspace.dir, sha: workspace.sha, inputs, env,
      githubToken: stack.githubToken, apiUrl: stack.github.url, repository: `${GITHUB_OWNER}/${GITHUB_REPO}`,
      ...(hooks.echo ? { echo: hooks.echo } : {}),
    });
    const record = { title, action, result };
    steps.push(record);
    hooks.onStep?.(record);
    if (result.code !== 0) throw new StepFailed(record);
    return result;
  };

  /** deploy.yml: lint (matrix of what changed since `before`), then one apply job per matrix entry. */
  const deploy = async (label: string, before: string | undefined) => {
    const lintWorkspace = await checkout(stack);
    const lint = await step(`${label}: lint`, 'lint', lintWorkspace, before ? { since: before } : {});
    const matrix = JSON.parse(lint.outputs.matrix ?? 'null') as { include: MatrixEntry[] } | null;
    if (!matrix || !Array.isArray(matrix.include)) throw new Error(`lint gave no matrix output: ${JSON.stringify(lint.outputs)}`);
    log(`matrix: ${matrix.include.map((e) => `${e.environment} (${e.provider})`).join(', ') || '(empty: the apply job is skipped)'}`);
    for (const [index, entry] of matrix.include.entries()) {
      const major = index % 2 === 0 ? 3 : 4;
      const { inputs, env } = await applyJob(stack, entry);
      await step(`${label}: apply ${entry.environment} (Helm ${major})`, 'apply', await checkout(stack), {
        environment: entry.environment, helm: helm[major], kubectl, ...inputs,
      }, env);
    }
    return matrix.include;
  };

  await createDeploymentsRepo(stack);
  log(`deployments repo: examples/ pointed at ${stack.registry.host} and ${stack.chartRepo.url}, pushed to ${stack.remote.url}`);
  const old = new Date(Date.now() - 7 * 24 * 3600_000).toISOString();
  await pushImages(stack.registry, [
    { repository: 'team/web', tag: OLD_TAGS.web, created: old },
    { repository: 'team/worker', tag: OLD_TAGS.worker, created: old },
  ]);
  log(`registry: team/web:${OLD_TAGS.web}, team/worker:${OLD_TAGS.worker}`);

  const firstMatrix = await deploy('deploy (first push of main)', undefined);
  const imagesBefore = await imagesOf(stack, firstMatrix);

  const now = new Date().toISOString();
  await pushImages(stack.registry, [
    { repository: 'team/web', tag: NEW_TAGS.web, created: now, format: 'oci' },
    { repository: 'team/worker', tag: NEW_TAGS.worker, created: now, format: 'index' },
  ]);
  hooks.onStepStart?.('a build pushes newer images');
  log(`registry: pushed team/web:${NEW_TAGS.web} (OCI manifest) and team/worker:${NEW_TAGS.worker} (multi-arch OCI index)`);

  // check-upgrades.yml, on its schedule. group: all gives one pull request, so one fast-forward merge takes it all.
  const upgradeWorkspace = await checkout(stack);
  const upgrades = await step('check-upgrades (scheduled)', 'check-upgrades', upgradeWorkspace, { group: 'all' });
  const pulls = JSON.parse(upgrades.outputs['pull-requests'] ?? '[]') as LoopResult['pullRequest'][];
  const pullRequest = pulls[0];
  if (pulls.length !== 1 || !pullRequest) throw new Error(`check-upgrades touched ${pulls.length} pull requests: ${upgrades.outputs['pull-requests']}`);

  hooks.onStepStart?.(`merge pull request #${pullRequest.number}`);
  const mainBefore = (await git(REPO_ROOT, ['--git-dir', stack.remote.bareDir, 'rev-parse', 'refs/heads/main'])).trim();
  const merge = await fetch(`${stack.github.url}/repos/${GITHUB_OWNER}/${GITHUB_REPO}/pulls/${pullRequest.number}/merge`, {
    method: 'PUT',
    headers: { authorization: `token ${stack.githubToken}`, 'user-agent': 'kubecd-e2e-reviewer', 'content-type': 'application/json' },
    body: JSON.stringify({ merge_method: 'merge' }),
  });
  const merged = (await merge.json()) as { merged?: boolean; sha?: string; message?: string };
  if (merge.status !== 200 || !merged.merged) throw new Error(`merging pull request #${pullRequest.number}: ${merge.status} ${merged.message}`);
  log(`merged pull request #${pullRequest.number} (${pullRequest.branch}) into main: ${mainBefore.slice(0, 7)} → ${merged.sha?.slice(0, 7)}`);

  // The push to main starts deploy.yml again, comparing with the commit before the push.
  const secondMatrix = await deploy('deploy (push of the merge)', mainBefore);
  const imagesAfter = await imagesOf(stack, secondMatrix.length > 0 ? secondMatrix : firstMatrix);

  const final = await checkout(stack);
  const lockList = (await git(final.dir, ['ls-files', 'locks'])).split('\n').filter(Boolean);
  const lockFiles: Record<string, string> = {};
  for (const path of lockList) lockFiles[path] = await git(final.dir, ['show', `HEAD:${path}`]);

  return { steps, imagesBefore, imagesAfter, pullRequest, lockFiles };
}

/** Inputs and variables of an apply job for one matrix entry (deploy.yml's apply job). */
async function applyJob(stack: Stack, entry: MatrixEntry): Promise<{ inputs: Record<string, string>; env: Record<string, string> }> {
  if (entry.provider === 'gke') {
    // Workload identity: the job's OIDC token → STS → IAM → GKE clusters.get, all stand-ins; the API server is local.
    const job = stack.gkeJob();
    return { inputs: { ...job.inputs, 'create-namespace': 'true' }, env: job.env };
  }
  // An environment secret KUBECONFIG, written to RUNNER_TEMP by the workflow: a credential that may write only
  // this environment's namespace, under the context name the environments file expects.
  const { token } = await stack.cluster.namespaceCredential(entry.namespace);
  const kubeconfig = await stack.cluster.writeKubeconfig({ token, ...(entry.context ? { context: entry.context } : {}), namespace: entry.namespace });
  return { inputs: { kubeconfig }, env: {} };
}

/** Deployment name → first container image, per namespace, read from the API server with kubectl -o json. */
export async function imagesOf(stack: Stack, entries: MatrixEntry[]): Promise<Record<string, Record<string, string>>> {
  const images: Record<string, Record<string, string>> = {};
  for (const { namespace } of entries) {
    const result = await stack.cluster.kubectl(['get', 'deployments', '-n', namespace, '-o', 'json']);
    if (result.code !== 0) throw new Error(`kubectl get deployments -n ${namespace}: ${result.stderr}`);
    const list = JSON.parse(result.stdout) as { items: { metadata: { name: string }; spec: { template: { spec: { containers: { image: string }[] } } } }[] };
    images[namespace] = Object.fromEntries(list.items.map((d) => [d.metadata.name, d.spec.template.spec.containers[0]?.image ?? '']));
  }
  return images;
}
