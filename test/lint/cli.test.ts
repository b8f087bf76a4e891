// The `kubecd` command as a user runs it from a clone: `npx kubecd ...` (package.json `bin`, the committed
// dist/cli bundle), with a real helm on PATH for render.
import { dirname } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run } from '../../src/exec/run.js';
import { HELM_MAJORS, helmBinary, REPO_ROOT } from '../harness/tools.js';

const kubecd = async (args: string[], helmDir?: string) =>
  run('npx', ['--no-install', 'kubecd', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, PATH: [helmDir, process.env.PATH].filter(Boolean).join(':') },
  });

test('npx kubecd lint examples/environments.yaml exits 0', async () => {
  const result = await kubecd(['lint', 'examples/environments.yaml']);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toContain('ok: 3 environment(s): test, staging, prod');
});

test('npx kubecd list names every release and where it is defined', async () => {
  const result = await kubecd(['list', 'examples/environments.yaml']);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^prod\s+prod\s+shop\s+echo\s+shared\/echo@0\.1\.0\s+releases\/prod\.yaml:\d+$/m);
});

test('usage errors exit 2 and say what was wrong', async () => {
  const result = await kubecd(['render', 'examples/environments.yaml']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('kubecd: render needs an environment name');
  expect((await kubecd(['frobnicate'])).code).toBe(2);
});

describe.each(HELM_MAJORS)('with Helm %i on PATH', (major) => {
  test('npx kubecd render examples/environments.yaml test prints the manifests of every release', async () => {
    const result = await kubecd(['render', 'examples/environments.yaml', 'test'], dirname(await helmBinary(major)));
    expect(result.code, result.stderr).toBe(0);
    const sources = [...result.stdout.matchAll(/^# Source: ([\w./-]+)$/gm)].map((m) => m[1]);
    expect(sources).toEqual(expect.arrayContaining(['web/templates/deployment.yaml', 'worker/templates/deployment.yaml']));
    expect(result.stdout).toMatch(/image: "?registry\.example\.test\/[\w/-]+:1\.4\.2"?/);
    expect(result.stdout).toContain('test.shop.example.test');
  });
});
