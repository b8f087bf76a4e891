import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { excerpt } from '../model/excerpt.js';
import { loadRepo } from './load.js';
import { formatProblem, problem } from '../model/problems.js';
import { baseRepo, BASE_ENVIRONMENTS, writeTempRepo } from '../../test/support/temp-repo.js';
import { parseYaml } from '../model/yaml-source.js';

const lint = async (files: Record<string, string | null>) => {
  const root = await writeTempRepo(baseRepo(files));
  return (await loadRepo(path.join(root, 'environments.yaml'))).problems.map(formatProblem);
};
const yamlProblems = (text: string) => parseYaml(text, 'f.yaml').problems.map(formatProblem);

describe('YAML limits', () => {
  test('alias expansion beyond the cap is refused at the alias', () => {
    const text = `a: &big "${'x'.repeat(1024 * 1024)}"\nlist:\n${'  - *big\n'.repeat(20)}`;
    const problems = yamlProblems(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^f\.yaml:1\d:5: error: aliases expand this file to more than \d+ characters/);
  });

  test('billion laughs is refused without expanding it', () => {
    let text = 'l0: &l0 "lol"\n';
    for (let i = 1; i < 30; i++) text += `l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]\n`;
    const started = Date.now();
    expect(yamlProblems(text)[0]).toMatch(/aliases expand this file/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('nesting deeper than 64 levels is refused', () => {
    expect(yamlProblems(`${'['.repeat(70)}${']'.repeat(70)}\n`)[0]).toMatch(/^f\.yaml:1:65: error: nesting is deeper than 64 levels$/);
  });

  test('a map with more than 10,000 keys is refused', () => {
    const text = Array.from({ length: 10_001 }, (_, i) => `k${i}: 1`).join('\n');
    expect(yamlProblems(text)).toEqual(['f.yaml:1:1: error: map has 10001 keys; at most 10000 are allowed']);
  });

  test('duplicate keys are found in linear time, with both positions', () => {
    const text = `${Array.from({ length: 10_000 }, (_, i) => `k${i}: 1`).join('\n')}\nk5: 2\n`.replace('k9999: 1\n', '');
    const started = Date.now();
    expect(yamlProblems(text)).toEqual(['f.yaml:10000:1: error: duplicate key `k5` (first at 6:1)']);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('merge keys may repeat', () => {
    expect(yamlProblems('a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: *a\n  <<: *b\n')).toEqual([]);
  });
});

describe('messages', () => {
  test('excerpt escapes control characters and cuts long values', () => {
    expect(excerpt('a\nb\u0007')).toBe('a\\nb\\u0007');
    expect(excerpt('x'.repeat(100))).toBe(`${'x'.repeat(39)}…`);
  });

  test('problem caps the message and escapes control characters', () => {
    const p = problem({ file: 'f\n.yaml', line: 1, column: 1 }, `bad\n${'y'.repeat(1000)}`);
    expect(p.message.length).toBe(400);
    expect(p.message.startsWith('bad\\n')).toBe(true);
    expect(p.file).toBe('f\\n.yaml');
  });

  test('a schema message never prints a whole long string', async () => {
    const problems = await lint({ 'environments.yaml': `${BASE_ENVIRONMENTS}    kubeNamespace2: "${'s'.repeat(10_000)}"\n` });
    expect(problems.every((m) => m.length < 600)).toBe(true);
  });
});

const releaseWith = (chart: string, extra = '') => ({
  'environments.yaml': `helmRepos:\n  - name: shared\n    url: https://charts.example.test\n${BASE_ENVIRONMENTS}`,
  'releases.yaml': `releases:\n  - name: web\n    chart:\n${chart}${extra}`,
});

describe('argument grammars at load time', () => {
  test.each([
    ['shared/--post-renderer=sh', /chart reference `shared\/--post-renderer=sh` should be REPO\/CHART/],
    ['shared/-h', /chart reference `shared\/-h` should be REPO\/CHART/],
    ['oci://-registry/x/chart', /should look like oci:\/\/HOST\[:PORT\]\/PATH\/CHART/],
    ['oci://registry.test/UPPER/chart', /should look like oci:\/\//],
  ])('chart reference %s is refused', async (reference, expected) => {
    const problems = await lint(releaseWith(`      reference: ${reference}\n      version: 1.0.0\n`));
    expect(problems.some((m) => expected.test(m)), problems.join('\n')).toBe(true);
  });

  test('oci://HOST:PORT/PATH/CHART and REPO/CHART are accepted', async () => {
    expect(await lint(releaseWith('      reference: oci://127.0.0.1:5000/charts/web\n      version: 1.0.0\n'))).toEqual([]);
    expect(await lint(releaseWith('      reference: shared/web\n      version: v1.2.3-rc.1+build.5\n'))).toEqual([]);
  });

  test('a chart version that is not SemVer is refused', async () => {
    expect(await lint(releaseWith('      reference: shared/web\n      version: "--devel"\n'))).toEqual([
      'releases.yaml:5:16: error: chart version `--devel` is invalid; expected a version like 1.2.3 (SemVer, optionally with a v prefix, pre-release or build)',
    ]);
  });

  test('a helm repo URL with an option, a space or another scheme is refused', async () => {
    for (const url of ['-https://x.test', 'https://x.test/a b', 'ftp://x.test']) {
      const problems = await lint({ 'environments.yaml': `helmRepos:\n  - name: shared\n    url: "${url}"\n${BASE_ENVIRONMENTS}` });
      expect(problems).toEqual([expect.stringMatching(/^environments\.yaml:3:10: error: Helm repository URL .* is invalid/)]);
    }
  });

  test('an environment name over the limit is refused (it becomes a file name)', async () => {
    const problems = await lint({ 'environments.yaml': BASE_ENVIRONMENTS.replace('name: test', `name: ${'e'.repeat(300)}`) });
    expect(problems).toEqual([expect.stringMatching(/^environments\.yaml:2:11: error: environment name `e+…` is invalid; expected at most 63/)]);
  });

  test('a kube context that reads as an option is refused', async () => {
    const problems = await lint({ 'environments.yaml': BASE_ENVIRONMENTS.replace('context: kind', 'context: --kubeconfig=/etc/x') });
    expect(problems).toEqual([expect.stringMatching(/^environments\.yaml:5:18: error: kube context `--kubeconfig=\/etc\/x` is invalid/)]);
  });

  test('image.prefix given as a list is an error', async () => {
    const problems = await lint({ 'releases.yaml': `releases:\n  - name: web\n    chart:\n      dir: chart\n    values:\n      - key: image.tag\n        value: "1.0.0"\n      - key: image.prefix\n        value: [a, b]\n    triggers:\n      - image:\n          track: PatchLevel\n` });
    expect(problems).toEqual([expect.stringMatching(/trigger repoPrefixValue `image\.prefix` of release `web` in environment `test` is a list; expected a string$/)]);
  });

  test('an empty release file is an error; a comment-only one is not', async () => {
    expect(await lint({ 'releases.yaml': ' \n\n' })).toEqual(['releases.yaml:1:1: error: release file is empty; expected `releases:` or `resourceFiles:`']);
    expect(await lint({ 'releases.yaml': '# nothing yet\n' })).toEqual([]);
  });
});

describe('lock file paths', () => {
  test.each([
    ['.git/hooks/pre-push.yaml', /is inside a `\.git` or `\.github` folder/],
    ['.GitHub/workflows/x.yml', /is inside a `\.git` or `\.github` folder/],
    ['.git/shallow', /should end in `\.yaml` or `\.yml`/],
    ['releases.yaml', /lock file `releases\.yaml` of environment `test` is a release file/],
    ['environments.yaml', /is the environments file/],
    ['chart/values.yaml', /is a chart directory|inside a chart directory/],
  ])('lockFile %s is refused', async (lockFile, expected) => {
    const problems = await lint({ 'environments.yaml': `${BASE_ENVIRONMENTS}    lockFile: ${lockFile}\n` });
    expect(problems.some((m) => m.startsWith('environments.yaml:9:15: error:') && expected.test(m)), problems.join('\n')).toBe(true);
  });
});
