import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from './actionlint.js';

// The properties that make the example workflows safe to copy; actionlint checks that they are valid,
// these tests that they do what docs/workflows/README.md promises.

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  environment?: string | { name: string };
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  permissions?: Record<string, string>;
  strategy?: { 'fail-fast'?: boolean; matrix?: unknown };
  outputs?: Record<string, string>;
  'timeout-minutes'?: number;
  steps: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, any>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}
interface ActionMetadata {
  inputs: Record<string, { required?: boolean }>;
  outputs: Record<string, unknown>;
}

const NAMES = ['deploy', 'check-upgrades', 'redeploy', 'pull-request', 'drift-repair'] as const;
type Name = (typeof NAMES)[number];
const KUBECD = /^zedge\/kubecd\/(action-[a-z-]+)@v1$/;
const MATRIX_FROM_LINT = '${{ fromJSON(needs.lint.outputs.matrix) }}';
const EMPTY_MATRIX_GUARD = "needs.lint.outputs.environments != '[]'";

const texts = {} as Record<Name, string>;
const workflows = {} as Record<Name, Workflow>;
const actions: Record<string, ActionMetadata> = {};

beforeAll(async () => {
  for (const name of NAMES) {
    texts[name] = await readFile(join(repoRoot, 'docs/workflows', `${name}.yml`), 'utf8');
    workflows[name] = parse(texts[name]) as Workflow;
  }
  for (const action of ['action-lint', 'action-check-upgrades', 'action-apply']) {
    actions[action] = parse(await readFile(join(repoRoot, action, 'action.yml'), 'utf8')) as ActionMetadata;
  }
});

function kubecdSteps(job: Job, action: string): Step[] {
  return job.steps.filter((s) => s.uses?.match(KUBECD)?.[1] === action);
}
function onlyStep(job: Job, action: string): Step {
  const steps = kubecdSteps(job, action);
  expect(steps, `one ${action} step`).toHaveLength(1);
  return steps[0]!;
}
function needs(job: Job): string[] {
  return job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
}
function allJobs(): [Name, string, Job][] {
  return NAMES.flatMap((name) => Object.entries(workflows[name].jobs).map(([id, job]): [Name, string, Job] => [name, id, job]));
}

/** A lint job whose outputs are the lint step's, and a job per matrix entry behind the empty-matrix guard. */
function expectMatrixFromLint(workflow: Workflow, jobId: string): { lint: Job; apply: Job } {
  const lint = workflow.jobs.lint!;
  const lintStep = onlyStep(lint, 'action-lint');
  expect(lint.outputs).toEqual({
    environments: `\${{ steps.${lintStep.id}.outputs.environments }}`,
    matrix: `\${{ steps.${lintStep.id}.outputs.matrix }}`,
  });
  const apply = workflow.jobs[jobId]!;
  expect(needs(apply)).toContain('lint');
  expect(apply.if).toBe(EMPTY_MATRIX_GUARD);
  expect(apply.strategy?.matrix).toBe(MATRIX_FROM_LINT);
  expect(apply.strategy?.['fail-fast']).toBe(false);
  expect(onlyStep(apply, 'action-apply').with?.environment).toBe('${{ matrix.environment }}');
  return { lint, apply };
}

function expectSerialisedPerEnvironment(job: Job, environmentExpression: string): void {
  expect(job.environment).toBe(`\${{ ${environmentExpression} }}`);
  expect(job.concurrency).toEqual({ group: `deploy-\${{ ${environmentExpression} }}`, 'cancel-in-progress': false });
}

describe('every example workflow', () => {
  test('pins actions to a major version and uses actions/checkout@v5', () => {
    for (const [name, id, job] of allJobs()) {
      for (const step of job.steps.filter((s) => s.uses)) {
        expect(step.uses, `${name}/${id}`).toMatch(/^[\w.-]+\/[\w./-]+@v\d+$/);
        if (step.uses!.startsWith('actions/checkout@')) expect(step.uses).toBe('actions/checkout@v5');
      }
      expect(job.steps[0]?.uses, `${name}/${id} starts with a checkout`).toBe('actions/checkout@v5');
      expect(job['timeout-minutes'], `${name}/${id} has a timeout`).toBeGreaterThan(0);
    }
  });

  test('passes only inputs the kubecd actions declare, and reads only outputs they declare', () => {
    for (const [name, id, job] of allJobs()) {
      for (const step of job.steps) {
        const action = step.uses?.match(KUBECD)?.[1];
        if (!action) continue;
        const declared = actions[action]!;
        for (const input of Object.keys(step.with ?? {})) expect(Object.keys(declared.inputs), `${name}/${id}: ${action} input`).toContain(input);
        for (const [input, spec] of Object.entries(declared.inputs)) if (spec.required) expect(step.with, `${name}/${id}: required ${input}`).toHaveProperty(input);
        const text = texts[name];
        for (const match of text.matchAll(new RegExp(`steps\\.${step.id}\\.outputs\\.([\\w-]+)`, 'g'))) {
          expect(Object.keys(declared.outputs), `${name}: steps.${step.id}.outputs`).toContain(match[1]);
        }
      }
    }
  });

  test('grants least privilege: read-only by default, id-token only to jobs that reach a cluster', () => {
    for (const name of NAMES) {
      const top = workflows[name].permissions;
      expect(top, `${name} sets workflow permissions`).toBeDefined();
      expect(top).not.toHaveProperty('id-token');
      if (name !== 'check-upgrades') expect(top).toEqual({ contents: 'read' });
    }
    for (const [name, id, job] of allJobs()) {
      const reachesCluster = kubecdSteps(job, 'action-apply').length > 0;
      if (reachesCluster) expect(job.permissions, `${name}/${id}`).toEqual({ contents: 'read', 'id-token': 'write' });
      else expect(job.permissions?.['id-token'], `${name}/${id}`).toBeUndefined();
    }
  });
});

describe('deploy.yml', () => {
  test('deploys pushes to main, one protected and serialised job per changed environment', () => {
    const workflow = workflows.deploy;
    expect(workflow.on).toEqual({ push: { branches: ['main'] } });
    const { lint, apply } = expectMatrixFromLint(workflow, 'apply');
    expectSerialisedPerEnvironment(apply, 'matrix.environment');
    expect(lint.steps[0]!.with?.['fetch-depth']).toBe(0);

    const withInputs = onlyStep(apply, 'action-apply').with!;
    expect(withInputs['workload-identity-provider']).toMatch(/^\$\{\{ vars\.\w+ \}\}$/);
    expect(withInputs['service-account']).toMatch(/^\$\{\{ vars\.\w+ \}\}$/);
    expect(texts.deploy).toMatch(/^\s*# - uses: google-github-actions\/auth@v\d+$/m);
  });

  test('narrows the matrix to the push, except on a first push or after a force push', () => {
    const lint = workflows.deploy.jobs.lint!;
    const since = lint.steps.find((s) => s.id === 'since')!;
    expect(since.env?.BEFORE).toBe('${{ github.event.before }}');
    expect(since.run).toContain('^0+$');
    expect(since.run).toContain('git cat-file -e "$BEFORE^{commit}"');
    expect(onlyStep(lint, 'action-lint').with?.since).toBe('${{ steps.since.outputs.ref }}');
  });
});

describe('check-upgrades.yml', () => {
  test('runs on a schedule, on an image-pushed dispatch and by hand, one run at a time', () => {
    const workflow = workflows['check-upgrades'];
    expect(workflow.on.schedule[0].cron).toMatch(/^(\S+ ){4}\S+$/);
    expect(workflow.on.repository_dispatch).toEqual({ types: ['image-pushed'] });
    expect(workflow.on).toHaveProperty('workflow_dispatch');
    expect(workflow.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
    expect(workflow.concurrency?.['cancel-in-progress']).toBe(false);
    expect(workflow.concurrency?.group).not.toContain('${{');

    const step = onlyStep(workflow.jobs['check-upgrades']!, 'action-check-upgrades');
    expect(step.with?.image).toContain('github.event.client_payload.image');
  });

  test('shows the command a build server sends the dispatch with', () => {
    const text = texts['check-upgrades'];
    expect(text).toMatch(/#\s+gh api repos\/\S+\/dispatches/);
    expect(text).toMatch(/#\s+curl .*-X POST https:\/\/api\.github\.com\/repos\/\S+\/dispatches/);
    expect(text).toContain('"event_type": "image-pushed"');
    expect(text).toContain('client_payload[image]=');
  });
});

describe('redeploy.yml', () => {
  test('asks for an environment (a choice of the example environments), releases and force', async () => {
    const inputs = workflows.redeploy.on.workflow_dispatch.inputs;
    expect(inputs.environment.type).toBe('choice');
    expect(inputs.environment.required).toBe(true);
    const examples = parse(await readFile(join(repoRoot, 'examples/environments.yaml'), 'utf8')) as { environments: { name: string }[] };
    expect(inputs.environment.options).toEqual(examples.environments.map((e) => e.name));
    expect(inputs.releases.type).toBe('string');
    expect(inputs.force.type).toBe('boolean');
    expect(inputs.force.default).toBe(false);
  });

  test('applies that one environment with those inputs, serialised with deploy and drift repair', () => {
    const job = workflows.redeploy.jobs.apply!;
    expectSerialisedPerEnvironment(job, 'inputs.environment');
    expect(onlyStep(job, 'action-apply').with).toMatchObject({
      environment: '${{ inputs.environment }}',
      releases: '${{ inputs.releases }}',
      force: '${{ inputs.force }}',
    });
  });
});

describe('pull-request.yml', () => {
  test('lints with render and plans the touched environments without deploying', () => {
    const workflow = workflows['pull-request'];
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    const { lint, apply: plan } = expectMatrixFromLint(workflow, 'plan');
    expect(lint.steps[0]!.with?.['fetch-depth']).toBe(0);
    expect(onlyStep(lint, 'action-lint').with).toMatchObject({ render: true, since: 'origin/${{ github.base_ref }}' });
    expect(onlyStep(plan, 'action-apply').with?.mode).toBe('plan');
    // Planning changes nothing: no environment protection to wait for.
    expect(plan.environment).toBeUndefined();
  });
});

describe('drift-repair.yml', () => {
  test('re-applies every environment on a schedule', () => {
    const workflow = workflows['drift-repair'];
    expect(workflow.on.schedule.map((s: { cron: string }) => s.cron)).toContain('*/15 * * * *');
    const { lint, apply } = expectMatrixFromLint(workflow, 'apply');
    expect(onlyStep(lint, 'action-lint').with?.since).toBeUndefined();
    expectSerialisedPerEnvironment(apply, 'matrix.environment');
  });

  test('forces a full redeploy only on its daily schedule or when asked', () => {
    const workflow = workflows['drift-repair'];
    const crons: string[] = workflow.on.schedule.map((s: { cron: string }) => s.cron);
    const force = String(onlyStep(workflow.jobs.apply!, 'action-apply').with?.force);
    const forced = crons.filter((cron) => force.includes(`github.event.schedule == '${cron}'`));
    expect(forced).toHaveLength(1);
    expect(forced[0]).not.toBe('*/15 * * * *');
    expect(force).toContain('inputs.force');
  });
});
