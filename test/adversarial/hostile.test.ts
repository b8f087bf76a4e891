// The hostile reproductions: each must fail closed with a clear, positioned error, and do nothing else.
import { randomBytes } from 'node:crypto';
import { access, chmod, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { detectHelm } from '../../src/helm/helm.js';
import { lint } from '../../src/lint/lint.js';
import { formatProblem } from '../../src/model/problems.js';
import { runBundledAction } from '../harness/action-runner.js';
import { isolatedHelmEnv } from '../harness/charts.js';
import { git } from '../harness/git.js';
import { pushImages } from '../harness/images.js';
import { cleanupAll, makeTempDir } from '../harness/process.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { HELM_MAJORS, helmBinary } from '../harness/tools.js';
import { fingerprint, hasStackTrace, listTree, POSITIONED_ERROR, withoutMaskLines } from './checks.js';
import { CLI, runBundle } from './cli.js';
import { buildRepo, OMIT, q, writeBadRepo, type Built, type Params } from './generate.js';

// The temp folders (and processes) this file's worker made; the global teardown cannot see them.
afterAll(cleanupAll);

const outsideCanary = `KUBECD-CANARY-${randomBytes(8).toString('hex')}`;
let outside: { dir: string; sentinel: string; canary: string };

beforeAll(async () => {
  const dir = await makeTempDir('adv-hostile-outside');
  await writeFile(join(dir, 'sentinel.yaml'), `${outsideCanary}\n`);
  outside = { dir, sentinel: join(dir, 'sentinel.yaml'), canary: outsideCanary };
});

/** Writes a repo built from the base with `overrides` into a fresh folder; returns the folder and the build. */
async function repoWith(overrides: Partial<Params>, extraFiles: Record<string, string> = {}): Promise<{ root: string; built: Built }> {
  const built = buildRepo(overrides);
  const root = join(await makeTempDir('adv-hostile'), 'repo');
  await writeBadRepo(root, { defect: 'hostile', files: { ...built.files, ...extraFiles }, links: [], expect: { files: [] } }, outside);
  return { root, built };
}

function errorsOf(problems: { severity: string }[]): number {
  return problems.filter((p) => p.severity === 'error').length;
}

/** The lines lint printed as `file:line:column: error:`, as [file, line]. */
function positioned(output: string): [string, number][] {
  return [...output.matchAll(/^(?:.*\/)?([^\s:/][^:\n]*):(\d+):(\d+): error: /gm)].map((m) => [m[1]!, Number(m[2])]);
}

describe('a chart reference that is a helm option', () => {
  let bin: string;
  let marker: string;
  const helmHome = { dir: '' };

  beforeAll(async () => {
    const dir = await makeTempDir('adv-post-renderer');
    bin = join(dir, 'bin');
    marker = join(dir, 'marker');
    helmHome.dir = join(dir, 'helm-home');
    await mkdir(bin, { recursive: true });
    // A post-renderer that would leave a trace: if helm ever runs it, the marker exists.
    const script = `#!/bin/sh\necho ran > ${JSON.stringify(marker)}\ncat\n`;
    await writeFile(join(bin, 'evil-renderer'), script);
    await writeFile(join(dir, 'evil.sh'), script);
    await chmod(join(bin, 'evil-renderer'), 0o755);
    await chmod(join(dir, 'evil.sh'), 0o755);
  });

  const references = () => [`shared/--post-renderer=evil-renderer`, `shared/--post-renderer=${join(bin, '..', 'evil.sh')}`, 'shared/-h', 'oci://127.0.0.1:1/--post-renderer=evil-renderer'];

  for (const major of HELM_MAJORS) {
    test(`lint --render with Helm ${major}: error at the reference's line, post-renderer never runs`, async () => {
      const helm = await detectHelm(await helmBinary(major));
      const saved = { ...process.env };
      Object.assign(process.env, isolatedHelmEnv(helmHome.dir), { PATH: `${bin}:${process.env.PATH}` });
      try {
        for (const reference of references()) {
          const { root, built } = await repoWith({ chartRef: q(reference) });
          const result = await lint({ environmentsFile: join(root, 'environments.yaml'), render: { helm } });
          const [file, line] = built.where.get('chartRef')!;
          const text = result.problems.map(formatProblem).join('\n');
          expect(result.problems.some((p) => p.severity === 'error' && p.file === file && p.line === line), `${reference}:\n${text}`).toBe(true);
          expect(hasStackTrace(text)).toBe(false);
          await expect(access(marker), `helm ran the post-renderer for ${reference}`).rejects.toThrow();
        }
      } finally {
        process.env = saved;
      }
    });
  }

  test.each(HELM_MAJORS)('kubecd render through the bundle with Helm %i: exit 1, error at the reference, post-renderer never runs', async (major) => {
    const helm = await helmBinary(major);
    for (const reference of references()) {
      const { root, built } = await repoWith({ chartRef: q(reference) });
      const run = await runBundle(CLI, ['render', join(root, 'environments.yaml'), 'test', '--helm', helm], {
        cwd: root,
        env: { ...isolatedHelmEnv(helmHome.dir), PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1' },
        limitMs: 30_000,
      });
      const output = `${run.stdout}\n${run.stderr}`;
      const [file, line] = built.where.get('chartRef')!;
      expect(run.code, output).toBe(1);
      expect(positioned(output).some(([f, l]) => f === file.split('/').pop() && l === line) || output.includes(`${file}:${line}:`), output).toBe(true);
      expect(hasStackTrace(output)).toBe(false);
      await expect(access(marker), `helm ran the post-renderer for ${reference}`).rejects.toThrow();
    }
  });
});

describe('a release file linked to /proc/self/environ', () => {
  test('check-upgrades bundle: the credentials in its environment appear nowhere', async () => {
    const canary = `pw-${randomBytes(12).toString('hex')}`;
    const { root } = await repoWith({});
    await rm(join(root, 'releases', 'app.yaml'));
    await symlink('/proc/self/environ', join(root, 'releases', 'app.yaml'));
    const result = await runBundledAction('check-upgrades', {
      workspace: root,
      inputs: { 'registry-credentials': JSON.stringify({ '127.0.0.1:1': { username: 'kubecd', password: canary } }), commit: 'none', token: `tok-${canary}` },
      timeoutMs: 60_000,
    });
    const places = { stdout: withoutMaskLines(result.stdout), stderr: result.stderr, GITHUB_OUTPUT: JSON.stringify(result.outputs), summary: result.summary };
    for (const [place, text] of Object.entries(places)) expect(text.includes(canary), `canary in ${place}`).toBe(false);
    // PATH is in every environment: if it shows, the file's content was echoed.
    expect(`${places.stdout}\n${places.stderr}\n${places.summary}`).not.toContain(`PATH=${process.env.PATH}`);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/releases\/app\.yaml|environments\.yaml/);
    expect(hasStackTrace(result.stdout + result.stderr)).toBe(false);
  });
});

describe('a values file linked to /dev/zero', () => {
  test('lint (bundle) fails fast with a positioned error', async () => {
    const { root } = await repoWith({});
    await rm(join(root, 'values', 'web.yaml'));
    await symlink('/dev/zero', join(root, 'values', 'web.yaml'));
    const run = await runBundle(CLI, ['lint', join(root, 'environments.yaml')], { cwd: root, limitMs: 10_000 });
    const output = `${run.stdout}\n${run.stderr}`;
    console.log(`[adversarial hostile] /dev/zero values file: ${Math.round(run.ms)} ms, exit ${run.code ?? run.signal}, peak RSS ${run.maxRssKiB ? `${Math.round(run.maxRssKiB / 1024)} MiB` : '?'}`);
    expect(run.hung).toBe(false);
    expect(run.ms).toBeLessThan(5_000);
    expect(run.code).toBe(1);
    expect(output).toMatch(POSITIONED_ERROR);
    expect(hasStackTrace(output)).toBe(false);
  });
});

describe('lock files pointed outside the repo or into .git / .github', () => {
  let registry: RunningRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
    const old = new Date(Date.now() - 86_400_000).toISOString();
    await pushImages(registry, [{ repository: 'team/web', tag: '1.0.0', created: old }, { repository: 'team/web', tag: '1.0.1', created: new Date().toISOString() }]);
  }, 120_000);
  afterAll(async () => {
    await registry?.stop();
  });

  /** A git repo (so .git exists) whose one release tracks team/web 1.0.0 on the registry; no lock file yet. */
  async function gitRepo(overrides: Partial<Params>): Promise<{ root: string; built: Built }> {
    const made = await repoWith({ refReleaseName: OMIT, repoValue: `${registry.host}/team/web`, ...overrides });
    await rm(join(made.root, 'locks'), { recursive: true, force: true });
    await git(made.root, ['init', '--quiet', '--initial-branch=main']);
    return made;
  }

  async function checkUpgradesApply(root: string) {
    const cache = await makeTempDir('adv-cache');
    return runBundle(CLI, ['check-upgrades', join(root, 'environments.yaml'), '--apply', '--cache-dir', cache], { cwd: root, limitMs: 60_000 });
  }

  test('the control: the same repo with its default lock file gets locks/test.yaml written', async () => {
    const { root } = await gitRepo({});
    const run = await checkUpgradesApply(root);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(await readFile(join(root, 'locks', 'test.yaml'), 'utf8')).toContain('1.0.1');
  });

  for (const lockFile of ['.git/hooks/pre-push', '.git/shallow', '.github/workflows/x.yml', '.git/config']) {
    test(`lockFile: ${lockFile}: lint errors at the lockFile line, check-upgrades writes nothing`, async () => {
      const { root, built } = await gitRepo({ lockFile: q(lockFile) });
      const gitBefore = await fingerprint(join(root, '.git'));
      const filesBefore = await listTree(root);
      const result = await lint({ environmentsFile: join(root, 'environments.yaml') });
      const [file, line] = built.where.get('lockFile')!;
      expect(result.problems.some((p) => p.severity === 'error' && p.file === file && p.line === line), result.problems.map(formatProblem).join('\n')).toBe(true);
      const run = await checkUpgradesApply(root);
      const output = `${run.stdout}\n${run.stderr}`;
      expect(run.code, output).toBe(1);
      expect(output).toMatch(POSITIONED_ERROR);
      expect(hasStackTrace(output)).toBe(false);
      expect(await fingerprint(join(root, '.git')), 'something under .git changed').toBe(gitBefore);
      expect(await listTree(root), 'a file was written in the repo').toEqual(filesBefore);
    });
  }

  test('locks folder linked outside: lint errors, check-upgrades writes nothing outside', async () => {
    const { root } = await gitRepo({});
    const target = join(await makeTempDir('adv-locks-target'), 'locks');
    await mkdir(target);
    await symlink(target, join(root, 'locks'));
    const result = await lint({ environmentsFile: join(root, 'environments.yaml') });
    expect(errorsOf(result.problems), result.problems.map(formatProblem).join('\n') || '(no problems)').toBeGreaterThan(0);
    const run = await checkUpgradesApply(root);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(await listTree(target), 'check-upgrades wrote through the link').toEqual([]);
  });
});

describe('YAML that costs time or memory', () => {
  async function lintValues(values: string) {
    const { root } = await repoWith({}, { 'values/web.yaml': values });
    const run = await runBundle(CLI, ['lint', join(root, 'environments.yaml')], { cwd: root, limitMs: 20_000 });
    return { run, output: `${run.stdout}\n${run.stderr}` };
  }
  const figure = (name: string, run: { ms: number; maxRssKiB?: number; code: number | null }) =>
    console.log(`[adversarial hostile] ${name}: ${Math.round(run.ms)} ms, exit ${run.code}, peak RSS ${run.maxRssKiB ? `${Math.round(run.maxRssKiB / 1024)} MiB` : '?'}`);

  test('a 200,000-key map: an error (more than 10,000 keys in a map) within 10 s', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 200_000; i++) lines.push(`k${i}: ${i}`);
    const { run, output } = await lintValues(`${lines.join('\n')}\n`);
    figure('200,000-key map', run);
    expect(run.hung).toBe(false);
    expect(run.ms).toBeLessThan(10_000);
    expect(run.code, output.slice(0, 2000)).toBe(1);
    expect(positioned(output).some(([f]) => f === 'web.yaml' || f === 'values/web.yaml'), output.slice(0, 2000)).toBe(true);
  });

  test('a 40,000-key values map with one duplicate: the duplicate reported at its line within 10 s', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 40_000; i++) lines.push(`k${i}: ${i}`);
    lines[30_000] = 'k17: dup';
    const { run, output } = await lintValues(`${lines.join('\n')}\n`);
    figure('40,000-key map with a duplicate', run);
    expect(run.ms).toBeLessThan(10_000);
    expect(run.code).toBe(1);
    expect(output, output.slice(0, 2000)).toMatch(/values\/web\.yaml:30001:\d+: error: .*(duplicate|unique)/i);
  });

  test('999 aliases of a 1 MiB string: an error, RSS under 512 MB', async () => {
    const lines = [`big: &big "${'x'.repeat(1024 * 1024)}"`, 'many:'];
    for (let i = 0; i < 999; i++) lines.push('  - *big');
    const { run, output } = await lintValues(`${lines.join('\n')}\n`);
    figure('999 aliases of a 1 MiB string', run);
    expect(run.hung).toBe(false);
    expect(run.code, output.slice(0, 2000)).toBe(1);
    expect(output).toMatch(POSITIONED_ERROR);
    if (run.maxRssKiB !== undefined) expect(run.maxRssKiB).toBeLessThan(512 * 1024);
  });

  test('billion laughs: an error', async () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const { run, output } = await lintValues(`${lines.join('\n')}\n`);
    figure('billion laughs', run);
    expect(run.hung).toBe(false);
    expect(run.code).toBe(1);
    expect(output).toMatch(POSITIONED_ERROR);
    expect(hasStackTrace(output)).toBe(false);
  });
});

describe('a helm repository URL with a password', () => {
  const canary = `CANARY${randomBytes(10).toString('hex')}`;
  const url = q(`http://user:${canary}@127.0.0.1:1/charts`);

  test('lint (with render) never prints the password', async () => {
    const { root } = await repoWith({ helmRepoUrl: url });
    const home = await makeTempDir('adv-helm-home');
    const saved = { ...process.env };
    Object.assign(process.env, isolatedHelmEnv(home));
    try {
      const result = await lint({ environmentsFile: join(root, 'environments.yaml'), render: { helm: await detectHelm(await helmBinary(4)) } });
      const text = result.problems.map(formatProblem).join('\n');
      expect(text).not.toContain(canary);
      // The render fails (nothing listens there), so there is an error to look at: the test can fail.
      expect(errorsOf(result.problems), text).toBeGreaterThan(0);
    } finally {
      process.env = saved;
    }
  });

  test('the lint action never prints it outside ::add-mask:: lines', async () => {
    const { root } = await repoWith({ helmRepoUrl: url });
    const result = await runBundledAction('lint', { workspace: root, inputs: { render: 'true', helm: await helmBinary(4) }, timeoutMs: 60_000 });
    const places = { stdout: withoutMaskLines(result.stdout), stderr: result.stderr, GITHUB_OUTPUT: JSON.stringify(result.outputs), summary: result.summary };
    for (const [place, text] of Object.entries(places)) expect(text.includes(canary), `password in ${place}`).toBe(false);
    expect(result.code).not.toBe(0);
  });
});
