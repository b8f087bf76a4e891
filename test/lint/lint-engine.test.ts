// The lint engine's `render` (real helm 3 and 4) and `since` (a real git repository) options.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { detectHelm } from '../../src/helm/helm.js';
import { lint } from '../../src/lint/lint.js';
import { run } from '../../src/exec/run.js';
import { HELM_MAJORS, helmBinary, REPO_ROOT } from '../harness/tools.js';

let temp: string;
beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'kubecd-lint-engine-'));
});
afterAll(() => rm(temp, { recursive: true, force: true }));

/** A copy of examples/ without the chart reference (its repository is not served here). */
async function examplesCopy(name: string): Promise<string> {
  const dir = join(temp, name);
  await cp(join(REPO_ROOT, 'examples'), dir, { recursive: true });
  const prod = join(dir, 'releases/prod.yaml');
  const text = await readFile(prod, 'utf8');
  await writeFile(prod, text.slice(0, text.indexOf('  # A third-party chart')));
  return dir;
}

describe.each(HELM_MAJORS)('render with Helm %i', (major) => {
  test('renders every release and reports a broken template at its release, per environment', async () => {
    const dir = await examplesCopy(`render-${major}`);
    const helm = await detectHelm(await helmBinary(major));
    const clean = await lint({ environmentsFile: join(dir, 'environments.yaml'), render: { helm } });
    expect(clean.problems).toEqual([]);
    expect(clean.renders).toHaveLength(6);
    expect(clean.renders.every((r) => r.ok)).toBe(true);

    await writeFile(join(dir, 'charts/worker/templates/broken.yaml'), 'kind: ConfigMap\nmetadata:\n  name: {{ .Values.nope.missing }}\n');
    const broken = await lint({ environmentsFile: join(dir, 'environments.yaml'), render: { helm } });
    const failures = broken.problems.filter((p) => p.message.includes('does not render'));
    expect(failures.map((p) => `${p.file}:${p.line}`).sort()).toEqual(['releases/prod.yaml:23', 'releases/staging.yaml:17', 'releases/test.yaml:18']);
    expect(failures[0]!.message).toMatch(/release "worker" does not render in environment "\w+": .*nil pointer|missing/);
    expect(broken.renders.filter((r) => !r.ok).map((r) => r.release)).toEqual(['worker', 'worker', 'worker']);
  });
});

describe('since', () => {
  let dir: string;
  const git = (...args: string[]) => run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args], { cwd: dir });

  beforeAll(async () => {
    dir = await examplesCopy('since');
    await git('init', '-q', '-b', 'main');
    await git('add', '-A');
    await git('commit', '-q', '-m', 'initial');
  });

  const matrixOf = async (since: string) => {
    const result = await lint({ environmentsFile: join(dir, 'environments.yaml'), since });
    return { names: result.matrix.include.map((e) => e.environment), problems: result.problems };
  };

  test('nothing changed: an empty matrix', async () => {
    expect(await matrixOf('HEAD')).toEqual({ names: [], problems: [] });
  });

  test('a values file only prod uses puts only prod in the matrix (uncommitted changes count)', async () => {
    await writeFile(join(dir, 'values/web-prod.yaml'), '# changed\nreplicaCount: 5\n');
    expect((await matrixOf('HEAD')).names).toEqual(['prod']);
  });

  test('a committed change to a release file and a chart counts since the earlier commit', async () => {
    await git('commit', '-qam', 'prod values');
    await writeFile(join(dir, 'charts/worker/templates/extra.yaml'), '# a new template\n');
    await git('add', '-A');
    await git('commit', '-qm', 'worker chart');
    expect((await matrixOf('HEAD~2')).names).toEqual(['test', 'staging', 'prod']);
    expect((await matrixOf('HEAD~1')).names).toEqual(['test', 'staging', 'prod']);
    await writeFile(join(dir, 'releases/staging.yaml'), `${await readFile(join(dir, 'releases/staging.yaml'), 'utf8')}\n# note\n`);
    expect((await matrixOf('HEAD')).names).toEqual(['staging']);
  });

  test('an unknown ref is a problem that names it', async () => {
    const { problems } = await matrixOf('no-such-ref');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toContain('"no-such-ref" is not a commit');
  });
});

describe('agent environments', () => {
  test('an environment marked deployedBy: agent is left out of the matrix, the others stay', async () => {
    const dir = await examplesCopy('agent-owned');
    const file = join(dir, 'environments.yaml');
    const before = await lint({ environmentsFile: file });
    expect(before.matrix.include.map((e) => e.environment)).toEqual(['test', 'staging', 'prod']);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('  - name: staging\n    cluster: local\n', '  - name: staging\n    cluster: local\n    deployedBy: agent\n'));
    const after = await lint({ environmentsFile: file });
    expect(after.problems).toEqual([]);
    expect(after.matrix.include.map((e) => e.environment)).toEqual(['test', 'prod']);
    expect(after.environments.map((e) => e.name)).toEqual(['test', 'prod']);
  });
});
