import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run } from '../../src/exec/run.js';
import { repoRoot } from './actionlint.js';

// Runs the lint action's TypeScript source through @github/local-action, the way action authors debug an
// action locally: inputs come from a .env file of INPUT_* values, @actions/core is replaced by its stubs,
// which print `::set-output` lines and write the job summary to GITHUB_STEP_SUMMARY.

const LOCAL_ACTION = join(repoRoot, 'node_modules/@github/local-action/bin/local-action.js');
// Relative to the action folder, as local-action wants it: the module exports the run() local-action calls.
const LINT_ENTRY = '../src/actions/lint.ts';

let temp: string;
beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'kubecd-local-action-'));
});
afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true });
});

interface LocalRun {
  code: number;
  output: string;
  outputs: Record<string, string>;
  errors: string[];
  summary: string;
}

const stripColours = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

/** Writes the .env file (local-action's only way to pass inputs) and runs the lint action through local-action. */
async function runLintAction(name: string, env: Record<string, string>): Promise<LocalRun> {
  const dir = join(temp, name);
  await mkdir(dir, { recursive: true });
  const summaryFile = join(dir, 'summary.md');
  await writeFile(summaryFile, '');
  const dotenv = Object.entries({ ...env, GITHUB_STEP_SUMMARY: summaryFile })
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .join('\n');
  const envFile = join(dir, 'lint.env');
  await writeFile(envFile, `${dotenv}\n`);

  // local-action re-runs itself with `npm exec tsx`, so npm and Node 24 must come first on PATH.
  const result = await run(process.execPath, [LOCAL_ACTION, 'run', join(repoRoot, 'action-lint'), LINT_ENTRY, envFile], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeoutMs: 150_000,
  });
  const output = stripColours(result.stdout + result.stderr);
  const outputs: Record<string, string> = {};
  for (const match of output.matchAll(/^::set-output name=([\w-]+)::(.*)$/gm)) outputs[match[1]!] = match[2]!;
  const errors = [...output.matchAll(/^::error(?: [^:]*)?::(.*)$/gm)].map((m) => m[0]);
  return { code: result.code, output, outputs, errors, summary: await readFile(summaryFile, 'utf8') };
}

describe('the lint action run by @github/local-action', () => {
  test('reports the matrix of examples/environments.yaml as its outputs', async () => {
    const examples = join(repoRoot, 'examples');
    const result = await runLintAction('examples', { INPUT_ENVIRONMENTS: 'environments.yaml', GITHUB_WORKSPACE: examples });

    expect(result.errors, result.output).toEqual([]);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/Action Outputs/);
    expect(JSON.parse(result.outputs.environments ?? 'null')).toEqual(['test', 'staging', 'prod']);
    expect(JSON.parse(result.outputs.matrix ?? 'null')).toEqual({
      include: [
        { environment: 'test', cluster: 'local', namespace: 'shop-test', provider: 'existingContext', context: 'kind-kubecd' },
        { environment: 'staging', cluster: 'local', namespace: 'shop-staging', provider: 'existingContext', context: 'kind-kubecd' },
        { environment: 'prod', cluster: 'prod', namespace: 'shop', provider: 'gke', project: 'zedge-prod', location: 'us-central1-b' },
      ],
    });
    expect(result.summary).toContain('kubecd lint');
    for (const namespace of ['shop-test', 'shop-staging', 'shop']) expect(result.summary).toContain(`<td>${namespace}</td>`);
  }, 180_000);

  test('reports an invalid environments file as an error annotation and sets no outputs', async () => {
    const workspace = join(temp, 'broken-repo');
    await mkdir(workspace, { recursive: true });
    await writeFile(join(workspace, 'environments.yaml'), ['environments:', '  - name: test', '    kubeNamespace: shop-test', '    releases: [releases/missing.yaml]', ''].join('\n'));
    const result = await runLintAction('broken', { INPUT_ENVIRONMENTS: 'environments.yaml', GITHUB_WORKSPACE: workspace });

    expect(result.errors.length, result.output).toBeGreaterThan(0);
    expect(result.errors.join('\n')).toMatch(/^::error [^:]*file=environments\.yaml,line=4,[^:]*::.*releases\/missing\.yaml/m);
    expect(result.outputs).toEqual({});
    // local-action's setFailed stub records the failure but does not set the exit code: the error lines are the signal.
    expect(result.output).toMatch(/No outputs were set!/);
  }, 180_000);
});
