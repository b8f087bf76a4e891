import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { run } from '../../src/exec/run.js';
import { actionlint, formatFindings, installActionlint, repoRoot } from './actionlint.js';

const ACTIONS = ['action-lint', 'action-check-upgrades', 'action-apply'] as const;
const EXAMPLES = ['check-upgrades.yml', 'deploy-aws.yml', 'deploy-azure.yml', 'deploy.yml', 'drift-repair.yml', 'pull-request.yml', 'redeploy.yml'];

let binary: string;
let temp: string;

beforeAll(async () => {
  binary = await installActionlint();
  temp = await mkdtemp(join(tmpdir(), 'kubecd-actionlint-'));
});
afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true });
});

async function workflowFiles(dir: string): Promise<string[]> {
  return (await readdir(join(repoRoot, dir))).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => `${dir}/${f}`);
}

/**
 * A throwaway project (actionlint finds a project by its `.git`) whose action folders and dist/ are symlinks
 * into this repository: `uses: ./action-apply` there loads the real action.yml and checks its `runs.main`.
 */
async function projectWithOurActions(name: string, workflow: string): Promise<string> {
  const dir = join(temp, name);
  await mkdir(join(dir, '.git'), { recursive: true });
  await mkdir(join(dir, '.github/workflows'), { recursive: true });
  for (const link of [...ACTIONS, 'dist']) await symlink(join(repoRoot, link), join(dir, link));
  await writeFile(join(dir, '.github/workflows/uses-local-actions.yml'), workflow);
  return dir;
}

interface ActionMetadata {
  inputs?: Record<string, { required?: boolean; deprecationMessage?: string }>;
  outputs?: Record<string, unknown>;
}

async function metadata(action: string): Promise<ActionMetadata> {
  return parse(await readFile(join(repoRoot, action, 'action.yml'), 'utf8')) as ActionMetadata;
}

/** A workflow that passes every input each action declares and reads every output it declares. */
async function workflowUsingEveryInputAndOutput(): Promise<string> {
  const lines = ['name: local actions', 'on: push', 'permissions:', '  contents: read', 'jobs:', '  all:', '    runs-on: ubuntu-24.04', '    steps:', '      - uses: actions/checkout@v5'];
  for (const action of ACTIONS) {
    const meta = await metadata(action);
    const id = action.replace('action-', '').replace('-', '_');
    lines.push(`      - uses: ./${action}`, `        id: ${id}`, '        with:');
    // Deprecated names are left out: actionlint rightly reports their use (see the test below).
    for (const [input, spec] of Object.entries(meta.inputs ?? {})) if (!spec.deprecationMessage) lines.push(`          ${input}: 'x'`);
    lines.push(`      - run: echo "$OUTPUTS"`, '        env:');
    lines.push(`          OUTPUTS: ${Object.keys(meta.outputs ?? {}).map((o) => `\${{ steps.${id}.outputs.${o} }}`).join(' ')}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('actionlint', () => {
  test('is the version scripts/install-actionlint.sh pins', async () => {
    const script = await readFile(join(repoRoot, 'scripts/install-actionlint.sh'), 'utf8');
    const pinned = script.match(/^version="(v[\d.]+)"$/m)?.[1];
    expect(pinned).toBeDefined();
    const result = await run(binary, ['-version']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(pinned);
  });

  test('finds nothing in the example workflows and in this repository\'s workflows', async () => {
    const examples = await workflowFiles('docs/workflows');
    expect(examples).toEqual(EXAMPLES.map((f) => `docs/workflows/${f}`));
    const own = await workflowFiles('.github/workflows');
    expect(own.length).toBeGreaterThan(0);
    // The agent image's release workflow cannot run here (no container engine): actionlint is its check.
    expect(own).toContain('.github/workflows/release-agent.yml');

    const result = await actionlint(binary, [...examples, ...own], repoRoot);
    expect(formatFindings(result.findings)).toEqual([]);
    expect(result.code).toBe(0);
  });

  test('reports mistakes in a broken copy of deploy.yml', async () => {
    const deploy = await readFile(join(repoRoot, 'docs/workflows/deploy.yml'), 'utf8');
    const broken = deploy
      .replace('fromJSON(needs.lint.outputs.matrix)', 'fromJSON(needs.lint.outputs.matrx)')
      .replace('cancel-in-progress: false', 'cancel-in-progress: sometimes');
    expect(broken).not.toBe(deploy);
    const dir = join(temp, 'broken');
    await mkdir(join(dir, '.git'), { recursive: true });
    await writeFile(join(dir, 'deploy.yml'), broken);

    const result = await actionlint(binary, ['deploy.yml'], dir);
    expect(result.code).toBe(1);
    const lines = broken.split('\n');
    const lineOf = (text: string) => lines.findIndex((l) => l.includes(text)) + 1;
    const reported = result.findings.map((f) => ({ line: f.line, kind: f.kind }));
    expect(reported).toContainEqual({ line: lineOf('outputs.matrx'), kind: 'expression' });
    expect(reported).toContainEqual({ line: lineOf('sometimes'), kind: 'syntax-check' });
  });

  test('checks the three action.yml files through a workflow that uses them as local actions', async () => {
    const workflow = await workflowUsingEveryInputAndOutput();
    const dir = await projectWithOurActions('good', workflow);
    const result = await actionlint(binary, ['.github/workflows/uses-local-actions.yml'], dir);
    expect(formatFindings(result.findings)).toEqual([]);
    expect(result.code).toBe(0);
  });

  test('a wrong input name, a missing required input and an unknown output are reported against our action.yml files', async () => {
    const workflow = [
      'on: push',
      'jobs:',
      '  all:',
      '    runs-on: ubuntu-24.04',
      '    steps:',
      '      - uses: ./action-lint',
      '        id: lint',
      '        with:',
      '          sincee: HEAD~1',
      '      - uses: ./action-check-upgrades',
      '        with:',
      '          images: web:1.2.3',
      '      - uses: ./action-apply',
      '        with:',
      '          mode: plan',
      '      - run: echo "$M"',
      '        env:',
      '          M: ${{ steps.lint.outputs.matrixx }}',
      '',
    ].join('\n');
    const dir = await projectWithOurActions('wrong', workflow);
    const result = await actionlint(binary, ['.github/workflows/uses-local-actions.yml'], dir);
    expect(result.code).toBe(1);
    const messages = result.findings.map((f) => `${f.line}: ${f.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^9: input "sincee" is not defined in action "kubecd lint"/));
    expect(messages).toContainEqual(expect.stringMatching(/^12: input "images" is not defined in action "kubecd check-upgrades"/));
    expect(messages).toContainEqual(expect.stringMatching(/^13: missing input "environment" which is required by action "kubecd apply"/));
    expect(messages).toContainEqual(expect.stringMatching(/^18: property "matrixx" is not defined/));
  });

  test('the inputs kubecd renamed to kebab-case are declared deprecated, so actionlint points a workflow at the new name', async () => {
    const workflow = [
      'on: push',
      'jobs:',
      '  all:',
      '    runs-on: ubuntu-24.04',
      '    steps:',
      '      - uses: ./action-apply',
      '        with:',
      '          environment: prod',
      '          workload_identity_provider: x',
      '          service_account: x',
      '',
    ].join('\n');
    const dir = await projectWithOurActions('deprecated', workflow);
    const result = await actionlint(binary, ['.github/workflows/uses-local-actions.yml'], dir);
    expect(result.code).toBe(1);
    expect(result.findings.map((f) => `${f.line}: ${f.message}`)).toEqual([
      '9: avoid using deprecated input "workload_identity_provider" in action "kubecd apply" defined at "./action-apply": use "workload-identity-provider"',
      '10: avoid using deprecated input "service_account" in action "kubecd apply" defined at "./action-apply": use "service-account"',
    ]);
    // Every input of kubecd's own is kebab-case, but for the deprecated old names.
    for (const action of ACTIONS) {
      const inputs = Object.entries((await metadata(action)).inputs ?? {});
      expect(inputs.filter(([name, spec]) => !spec.deprecationMessage && !/^[a-z]+(-[a-z]+)*$/.test(name)).map(([name]) => `${action}: ${name}`)).toEqual([]);
    }
  });
});
