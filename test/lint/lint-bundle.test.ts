// The committed lint bundle run exactly as the acceptance command does:
// INPUT_ENVIRONMENTS=examples/environments.yaml GITHUB_OUTPUT=<file> node dist/lint/index.js
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { run } from '../../src/exec/run.js';
import { REPO_ROOT } from '../harness/tools.js';

let temp: string;
beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'kubecd-lint-bundle-'));
});
afterAll(() => rm(temp, { recursive: true, force: true }));

/** Reads GITHUB_OUTPUT's `name<<DELIMITER` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const match of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[match[1]!] = match[3]!;
  return outputs;
}

async function lintBundle(environments: string, cwd: string) {
  const outputFile = join(temp, `output-${Math.random().toString(36).slice(2)}`);
  await writeFile(outputFile, '');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, INPUT_ENVIRONMENTS: environments, GITHUB_OUTPUT: outputFile };
  const result = await run(process.execPath, [join(REPO_ROOT, 'dist/lint/index.js')], { cwd, env });
  return { ...result, outputs: parseOutputs(await readFile(outputFile, 'utf8')) };
}

test('exits 0 on examples/ and writes the matrix and environments outputs', async () => {
  const result = await lintBundle('examples/environments.yaml', REPO_ROOT);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  expect(JSON.parse(result.outputs.environments!)).toEqual(['test', 'staging', 'prod']);
  const matrix = JSON.parse(result.outputs.matrix!) as { include: { environment: string; namespace: string; provider: string }[] };
  expect(matrix.include.map((e) => [e.environment, e.namespace, e.provider])).toEqual([
    ['test', 'shop-test', 'existingContext'],
    ['staging', 'shop-staging', 'existingContext'],
    ['prod', 'shop', 'gke'],
  ]);
  expect(result.stdout).not.toContain('::error');
});

test('exits 1 with an annotation for a duplicate release and for a missing values file, and no outputs', async () => {
  const copy = join(temp, 'broken');
  await cp(join(REPO_ROOT, 'examples'), copy, { recursive: true });
  const releases = join(copy, 'releases/test.yaml');
  const text = await readFile(releases, 'utf8');
  // A second `web` in the same file, and the first one's values file gone.
  await writeFile(releases, `${text}\n  - name: web\n    chart:\n      dir: ../charts/web\n`);
  await rm(join(copy, 'values/web.yaml'));

  const result = await lintBundle('environments.yaml', copy);
  expect(result.code).toBe(1);
  const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error file='));
  expect(errors.some((line) => /^::error file=releases\/test\.yaml,line=\d+,.*duplicate release `web`/.test(line)), errors.join('\n')).toBe(true);
  expect(errors.some((line) => /^::error file=releases\/(test|staging)\.yaml,line=\d+,.*values\/web\.yaml/.test(line)), errors.join('\n')).toBe(true);
  expect(result.outputs).toEqual({});
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
});
