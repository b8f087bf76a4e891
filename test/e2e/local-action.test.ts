// check-upgrades and apply run through @github/local-action (their TypeScript sources, @actions/core stubbed), the
// way action authors debug an action locally, against the loopback stack. (lint: test/workflows/local-action.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git } from '../harness/git.js';
import { runLocalAction } from '../harness/local-action.js';
import { pushImages } from '../harness/images.js';
import { cleanupAll } from '../harness/process.js';
import { GITHUB_OWNER, GITHUB_REPO, startStack, type Stack } from '../harness/stack.js';
import { helmBinary, kubectlBinary, REPO_ROOT } from '../harness/tools.js';
import { checkout, createDeploymentsRepo } from './deployments-repo.js';
import { imagesOf, NEW_TAGS, OLD_TAGS } from './loop.js';

describe('check-upgrades and apply run by @github/local-action', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ registries: ['anonymous'] });
    await createDeploymentsRepo(stack);
    const old = new Date(Date.now() - 86_400_000).toISOString();
    const now = new Date().toISOString();
    await pushImages(stack.registry, [
      { repository: 'team/web', tag: OLD_TAGS.web, created: old },
      { repository: 'team/worker', tag: OLD_TAGS.worker, created: old },
      { repository: 'team/web', tag: NEW_TAGS.web, created: now },
      { repository: 'team/worker', tag: NEW_TAGS.worker, created: now },
    ]);
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
    await cleanupAll();
  });

  it('check-upgrades opens one pull request per environment (group: environment, the default) on the GitHub stand-in', async () => {
    const workspace = await checkout(stack);
    const result = await runLocalAction('check-upgrades', {
      GITHUB_WORKSPACE: workspace.dir,
      GITHUB_REPOSITORY: `${GITHUB_OWNER}/${GITHUB_REPO}`,
      GITHUB_API_URL: stack.github.url,
      GITHUB_REF: 'refs/heads/main',
      INPUT_TOKEN: stack.githubToken,
    });
    expect(result.errors, result.output).toEqual([]);
    expect(result.code, result.output).toBe(0);
    const pulls = JSON.parse(result.outputs['pull-requests'] ?? '[]') as { number: number; branch: string; action: string }[];
    expect(pulls.map((p) => p.action), result.output).toEqual(['created', 'created', 'created']);
    expect(stack.github.pulls.map((p) => p.state)).toEqual(['open', 'open', 'open']);
    const branches = (await git(REPO_ROOT, ['--git-dir', stack.remote.bareDir, 'for-each-ref', '--format=%(refname:strip=2)', 'refs/heads'])).split('\n').filter(Boolean);
    for (const pull of pulls) expect(branches).toContain(pull.branch);
    // Each branch carries that environment's lock file with the new tags.
    for (const pull of pulls) {
      const locks = (await git(REPO_ROOT, ['--git-dir', stack.remote.bareDir, 'diff', '--name-only', 'main', pull.branch])).split('\n').filter(Boolean);
      expect(locks).toHaveLength(1);
      const lock = await git(REPO_ROOT, ['--git-dir', stack.remote.bareDir, 'show', `${pull.branch}:${locks[0]}`]);
      expect(lock).toContain(NEW_TAGS.web);
    }
    expect(result.summary).toContain('kubecd check-upgrades');
  }, 180_000);

  it('apply deploys the test environment with a namespace-scoped kubeconfig', async () => {
    const workspace = await checkout(stack);
    const { token } = await stack.cluster.namespaceCredential('shop-test');
    const kubeconfig = await stack.cluster.writeKubeconfig({ token, context: 'kind-kubecd', namespace: 'shop-test' });
    const result = await runLocalAction('apply', {
      GITHUB_WORKSPACE: workspace.dir,
      GITHUB_REPOSITORY: `${GITHUB_OWNER}/${GITHUB_REPO}`,
      INPUT_ENVIRONMENT: 'test',
      INPUT_KUBECONFIG: kubeconfig,
      INPUT_HELM: await helmBinary(4),
      INPUT_KUBECTL: await kubectlBinary(),
    });
    expect(result.errors, result.output).toEqual([]);
    expect(result.code, result.output).toBe(0);
    expect(JSON.parse(result.outputs.applied ?? '[]'), result.output).toEqual(expect.arrayContaining(['web', 'worker']));
    const images = await imagesOf(stack, [{ environment: 'test', cluster: 'local', namespace: 'shop-test', provider: 'existingContext' }]);
    // main has no lock file yet (the pull requests are open): the release files' tags are deployed.
    expect(images['shop-test']).toEqual({ web: `${stack.registry.host}/team/web:${OLD_TAGS.web}`, worker: `${stack.registry.host}/team/worker:${OLD_TAGS.worker}` });
    expect(result.summary).toContain('kubecd apply');
  }, 180_000);
});
