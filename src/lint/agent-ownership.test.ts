// `deployedBy: agent` environments and the deployments repo's workflows that apply them with the apply action.
import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { lint } from './lint.js';
import { hasErrors, formatProblem } from '../model/problems.js';
import { BASE_CHART, BASE_RELEASES, makeTestDir, writeTempRepo } from '../../test/support/temp-repo.js';

const REPO_ROOT = resolve(import.meta.dirname, '../..');

const ENVIRONMENTS = `environments:
  - name: staging
    provider: { existingContext: { context: kind } }
    kubeNamespace: staging
    releases: [releases.yaml]
  - name: prod
    provider: { existingContext: { context: kind } }
    kubeNamespace: prod
    deployedBy: agent
    releases: [releases.yaml]
  - name: edge
    provider: { existingContext: { context: kind } }
    kubeNamespace: edge
    deployedBy: action
    releases: [releases.yaml]
`;
/** Where `prod` is declared in ENVIRONMENTS. */
const PROD_AT = 'environments.yaml:6:11';

function workflow(jobs: string): string {
  return `name: deploy\non: push\npermissions:\n  contents: read\njobs:\n${jobs}`;
}

function applyJob(id: string, inputs: string, extra = ''): string {
  return `  ${id}:
    runs-on: ubuntu-24.04
${extra}    steps:
      - uses: actions/checkout@v5
      - name: apply
        uses: zedge/kubecd/action-apply@v1
        with:
${inputs.replace(/^/gm, '          ')}
`;
}

async function repoWith(workflows: Record<string, string>, environments = ENVIRONMENTS): Promise<string> {
  const files: Record<string, string> = { 'environments.yaml': environments, 'releases.yaml': BASE_RELEASES, ...BASE_CHART };
  for (const [name, text] of Object.entries(workflows)) files[`.github/workflows/${name}`] = text;
  return writeTempRepo(files);
}

async function warnings(root: string, environmentsFile = 'environments.yaml'): Promise<string[]> {
  const result = await lint({ environmentsFile: join(root, environmentsFile) });
  expect(hasErrors(result.problems)).toBe(false);
  return result.problems.filter((p) => p.severity === 'warning').map(formatProblem);
}

/** `file:line:column` of the step that holds `marker` (the step's first key), 1-based. */
function stepAt(file: string, text: string, marker: string): string {
  const lines = text.split('\n');
  let line = lines.findIndex((l) => l.includes(marker));
  while (line > 0 && !/^\s*- /.test(lines[line]!)) line--;
  return `${file}:${line + 1}:${lines[line]!.indexOf('- ') + 3}`;
}

describe('deployedBy: agent and workflows that apply the environment too', () => {
  test('a literal `environment: prod` step is warned about at the step, naming the environment and where it is declared', async () => {
    const text = workflow(applyJob('prod', 'environment: prod'));
    const root = await repoWith({ 'deploy-prod.yml': text });
    const found = await warnings(root);
    expect(found).toEqual([
      `${stepAt('.github/workflows/deploy-prod.yml', text, 'action-apply')}: warning: this kubecd apply step applies environment \`prod\`, but it is \`deployedBy: agent\` (${PROD_AT}): a kubecd agent in the cluster applies it, and two deployers undo each other's changes; leave \`prod\` out of this workflow, or set \`deployedBy: action\` and stop its agent`,
    ]);
    expect(found[0]).toMatch(/^\.github\/workflows\/deploy-prod\.yml:10:9: /);
  });

  test('steps that apply only environments the action owns (default or `deployedBy: action`) are not warned about', async () => {
    const root = await repoWith({
      'staging.yml': workflow(applyJob('staging', 'environment: staging')),
      'edge.yml': workflow(applyJob('edge', 'environment: edge')),
      'listed.yml': workflow(applyJob('listed', 'environment: ${{ matrix.environment }}', '    strategy:\n      matrix:\n        environment: [staging, edge]\n')),
      // Other kubecd actions take no environment to deploy.
      'lint.yml': workflow('  lint:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: zedge/kubecd/action-lint@v1\n        with:\n          environment: prod\n'),
    });
    expect(await warnings(root)).toEqual([]);
  });

  test('a written-out matrix is read: the warning says which matrix value brings the environment in', async () => {
    const text = workflow(applyJob('each', 'environment: ${{ matrix.target }}', '    strategy:\n      matrix:\n        target: [staging]\n        include:\n          - target: prod\n'));
    const root = await repoWith({ 'each.yml': text });
    const found = await warnings(root);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`${stepAt('.github/workflows/each.yml', text, 'action-apply')}: warning: this kubecd apply step applies environment \`prod\` (through \`\${{ matrix.target }}\`)`);
  });

  test("the documented deploy.yml (matrix from lint's output, which leaves agent environments out) is not warned about", async () => {
    const text = await readFile(join(REPO_ROOT, 'docs/workflows/deploy.yml'), 'utf8');
    expect(text).toMatch(/matrix: \$\{\{ fromJSON\(needs\.lint\.outputs\.matrix\) \}\}/);
    expect(await warnings(await repoWith({ 'deploy.yml': text }))).toEqual([]);
  });

  test('a matrix from anything else may apply any environment: only the agent\'s is warned about', async () => {
    const text = (await readFile(join(REPO_ROOT, 'docs/workflows/deploy.yml'), 'utf8')).replace('fromJSON(needs.lint.outputs.matrix)', 'fromJSON(inputs.targets)');
    const found = await warnings(await repoWith({ 'deploy.yml': text }));
    expect(found).toEqual([
      expect.stringMatching(
        new RegExp(`^${stepAt('.github/workflows/deploy.yml', text, 'action-apply@').replaceAll('.', '\\.')}: warning: this kubecd apply step may apply environment \`prod\` \\(its \`environment\` input \`\\$\\{\\{ matrix\\.environment \\}\\}\` can name any environment\\), but it is \`deployedBy: agent\``),
      ),
    ]);
  });

  test('a local `./action-apply` counts; a step applying another environments file does not', async () => {
    const local = workflow(applyJob('local', 'environment: prod').replace('zedge/kubecd/action-apply@v1', './action-apply'));
    const other = workflow(applyJob('other', 'environment: prod\nenvironments: clusters/other.yaml'));
    const same = workflow(applyJob('same', 'environment: prod\nenvironments: ./environments.yaml'));
    const root = await repoWith({ 'local.yml': local, 'other.yml': other, 'same.yml': same });
    expect((await warnings(root)).map((w) => w.split(': warning')[0])).toEqual([
      stepAt('.github/workflows/local.yml', local, './action-apply'),
      stepAt('.github/workflows/same.yml', same, 'action-apply'),
    ]);
  });

  test('without agent environments nothing is warned, and broken or escaping workflow files are skipped quietly', async () => {
    const apply = workflow(applyJob('prod', 'environment: prod'));
    const withoutAgent = await repoWith({ 'deploy.yml': apply }, ENVIRONMENTS.replace('    deployedBy: agent\n', ''));
    expect(await warnings(withoutAgent)).toEqual([]);

    const outside = await makeTestDir('agent-ownership-outside');
    await writeFile(join(outside, 'deploy.yml'), apply);
    const root = await repoWith({ 'broken.yml': 'jobs: [unclosed\n', 'dup.yaml': 'jobs: {}\njobs: {}\n' });
    await symlink(join(outside, 'deploy.yml'), join(root, '.github/workflows/outside.yml'));
    expect(await warnings(root)).toEqual([]);
  });

  test('`deployedBy` is normalised (default action) and a wrong value is a schema error at its place', async () => {
    const root = await repoWith({});
    const result = await lint({ environmentsFile: join(root, 'environments.yaml') });
    expect(result.loaded.repo.environments.map((e) => `${e.name}=${e.deployedBy}`)).toEqual(['staging=action', 'prod=agent', 'edge=action']);

    const bad = await repoWith({}, ENVIRONMENTS.replace('deployedBy: agent', 'deployedBy: robot'));
    const errors = (await lint({ environmentsFile: join(bad, 'environments.yaml') })).problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => `${p.file}:${p.line}:${p.column}`)).toEqual(['environments.yaml:9:17']);
    expect(errors[0]!.message).toMatch(/action.*agent/);
  });
});
