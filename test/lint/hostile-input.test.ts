// The deployments repo as hostile input to `lint --render` and `kubecd render`, with the real helm 3 and 4:
// a chart reference that reads as a helm option never reaches helm, a release that failed validation is
// never rendered, and a helm repository password never shows in what lint reports.
import { writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, onTestFinished, test } from 'vitest';
import { detectHelm, type Helm } from '../../src/helm/helm.js';
import { lint, RENDER_SKIPPED } from '../../src/lint/lint.js';
import { renderRelease } from '../../src/helm/render.js';
import { loadRepo } from '../../src/repo/load.js';
import { run } from '../../src/exec/run.js';
import { HELM_MAJORS, helmBinary } from '../harness/tools.js';
import { hostileRepo, type HostileRepo } from '../apply/hostile-repo.js';

const PASSWORD = 's3cr3t-Pa55word';

/** Releases whose chart references would make helm run a post-renderer or print its help. */
function hostileReleases(postRenderer: string): string {
  return `  - name: renders-with-sh
    chart:
      reference: shared/--post-renderer=${postRenderer}
      version: 0.1.0
  - name: help
    chart:
      reference: shared/-h
      version: 0.1.0
`;
}

let savedPath: string | undefined;
beforeEach(() => {
  savedPath = process.env.PATH;
});
afterEach(() => {
  process.env.PATH = savedPath;
});

/** The repo with its post-renderer on PATH for helm (which inherits this process's environment). */
async function repoOnPath(releases: (repo: { postRenderer: string }) => string, url?: string): Promise<HostileRepo> {
  const repo = await hostileRepo(releases({ postRenderer: 'kubecd-test-post-renderer' }), url);
  onTestFinished(() => repo.remove());
  process.env.PATH = repo.path;
  return repo;
}

test('the marker post-renderer works: helm 3 handed --post-renderer runs it (so its absence below means something)', async () => {
  const repo = await repoOnPath(() => '  - name: web\n    chart:\n      dir: ../charts/app\n');
  const result = await run(await helmBinary(3), ['template', 'web', join(repo.root, 'charts', 'app'), `--post-renderer=${repo.postRenderer}`]);
  expect(result.code, result.stderr).toBe(0);
  expect(repo.markerExists()).toBe(true);
});

describe.each(HELM_MAJORS)('with Helm %i', (major) => {
  let helm: Helm;
  beforeEach(async () => {
    helm = await detectHelm(await helmBinary(major));
  });

  test('lint --render refuses option-like chart references before helm runs', async () => {
    const repo = await repoOnPath(({ postRenderer }) => hostileReleases(postRenderer));
    const result = await lint({ environmentsFile: repo.environmentsFile, render: { helm } });
    expect(repo.markerExists()).toBe(false);
    const messages = result.problems.filter((p) => p.severity === 'error').map((p) => `${p.file}:${p.line}: ${p.message}`);
    // Either the loader rejects them (then nothing renders) or the helm guard does, at the release.
    if (result.renderSkipped !== undefined) {
      expect(result.renders).toEqual([]);
      expect(messages.length).toBeGreaterThanOrEqual(2);
    } else {
      expect(result.renders.map((r) => [r.release, r.ok])).toEqual([['renders-with-sh', false], ['help', false]]);
      expect(messages).toEqual([
        expect.stringMatching(/^releases\/apps\.yaml:2: release "renders-with-sh" does not render .*refusing to run helm: chart "--post-renderer=kubecd-test-post-renderer" is not a chart name/),
        expect.stringMatching(/^releases\/apps\.yaml:6: release "help" does not render .*refusing to run helm: chart "-h" is not a chart name/),
      ]);
    }
  });

  test('render and plan never hand a hostile reference to helm, even when the loader let it through', async () => {
    const repo = await repoOnPath(() => '  - name: web\n    chart:\n      dir: ../charts/app\n');
    const loaded = await loadRepo(repo.environmentsFile);
    expect(loaded.problems).toEqual([]);
    const environment = loaded.repo.environments[0]!;
    const release = environment.releases[0]!;
    for (const chartName of [`--post-renderer=${repo.postRenderer}`, '-h']) {
      release.chart = { kind: 'repo', reference: `shared/${chartName}`, repoName: 'shared', chartName, repoUrl: 'http://127.0.0.1:1/charts', version: '0.1.0' };
      await expect(renderRelease(helm, loaded, environment, release)).rejects.toThrow(/refusing to run helm: chart ".*" is not a chart name/);
    }
    release.chart = { kind: 'dir', dir: 'charts/app' };
    release.name = '--post-renderer=x';
    await expect(renderRelease(helm, loaded, environment, release)).rejects.toThrow(/release name "--post-renderer=x" is not a valid release name/);
    expect(repo.markerExists()).toBe(false);
  });

  test('a helm repository password never shows in what lint --render reports', async () => {
    const repo = await repoOnPath(() => '  - name: echo\n    chart:\n      reference: shared/echo\n      version: 0.1.0\n', `http://deploy:${PASSWORD}@127.0.0.1:1/charts`);
    const result = await lint({ environmentsFile: repo.environmentsFile, render: { helm } });
    const failure = result.problems.find((p) => p.message.includes('does not render'));
    expect(failure, JSON.stringify(result.problems)).toBeDefined();
    expect(JSON.stringify(result.problems)).not.toContain(PASSWORD);
    expect(JSON.stringify(result.problems)).not.toContain(encodeURIComponent(PASSWORD));
    // helm does quote the URL in its error: it is there, with the password masked
    expect(failure!.message).toContain('http://deploy:***@127.0.0.1:1/charts');
  });
});

test('lint --render renders nothing when the repo has errors (an invalid release name), and says so once', async () => {
  const repo = await repoOnPath(() => '  - name: Bad_Name\n    chart:\n      dir: ../charts/app\n  - name: good\n    chart:\n      dir: ../charts/app\n');
  // A helm that records every call, so "never ran" is observable.
  const calls = join(repo.root, 'helm-calls');
  const fakeHelm = join(repo.root, 'bin', 'helm');
  await writeFile(fakeHelm, `#!/bin/sh\necho "$@" >> '${calls}'\n`);
  await chmod(fakeHelm, 0o755);
  const result = await lint({ environmentsFile: repo.environmentsFile, render: { helm: { path: fakeHelm, version: 'v3.18.0', major: 3 } } });
  expect(result.renders).toEqual([]);
  expect(result.renderSkipped).toBe(RENDER_SKIPPED);
  expect(result.problems.map((p) => p.message)).toEqual([expect.stringMatching(/release name `Bad_Name` is invalid/)]);
  expect((await run('cat', [calls])).code).not.toBe(0);
});

test('lint --since refuses a ref that reads as a git option, with a real git repository', async () => {
  const repo = await repoOnPath(() => '  - name: web\n    chart:\n      dir: ../charts/app\n');
  const git = (...args: string[]) => run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args], { cwd: repo.root });
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'initial');
  const written = join(repo.root, 'git-output');
  const result = await lint({ environmentsFile: repo.environmentsFile, since: `--output=${written}` });
  expect(result.problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([
    `environments.yaml:1: refusing to run git: since ${JSON.stringify(`--output=${written}`)} is not a git revision (a branch, tag or commit, not starting with "-")`,
  ]);
  expect((await run('cat', [written])).code).not.toBe(0);
  // a real ref still works
  expect((await lint({ environmentsFile: repo.environmentsFile, since: 'HEAD' })).problems).toEqual([]);
});
