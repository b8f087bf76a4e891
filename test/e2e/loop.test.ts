// End-to-end: the committed dist/ bundles, run as a GitHub runner runs them, take a newer image from the registry
// to the Deployments in the API server — lint → push → check-upgrades → merge → apply per matrix entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cleanupAll } from '../harness/process.js';
import { startStack, type Stack } from '../harness/stack.js';
import { NEW_TAGS, OLD_TAGS, runLoop, type LoopResult } from './loop.js';

const NAMESPACES = { test: 'shop-test', staging: 'shop-staging', prod: 'shop' } as const;

describe('the GitOps loop with the bundled actions', () => {
  let stack: Stack;
  let loop: LoopResult;

  beforeAll(async () => {
    stack = await startStack({ registries: ['anonymous'] });
    loop = await runLoop(stack);
  }, 600_000);

  afterAll(async () => {
    await stack?.stop();
    await cleanupAll();
  });

  it('deployed the old tags first, in every environment, from the prefixed local registry', () => {
    const registry = stack.registry.host;
    for (const namespace of Object.values(NAMESPACES)) {
      expect(loop.imagesBefore[namespace]).toMatchObject({
        web: `${registry}/team/web:${OLD_TAGS.web}`,
        worker: `${registry}/team/worker:${OLD_TAGS.worker}`,
      });
    }
    // echo comes from the classic chart repository (skipDefaultValues: the chart's own image).
    expect(loop.imagesBefore[NAMESPACES.prod]?.echo).toBe('registry.example.test/library/echo:1.0.0');
  });

  it('ends with the new tags running in every environment', () => {
    const registry = stack.registry.host;
    for (const namespace of Object.values(NAMESPACES)) {
      expect(loop.imagesAfter[namespace]).toMatchObject({
        web: `${registry}/team/web:${NEW_TAGS.web}`,
        worker: `${registry}/team/worker:${NEW_TAGS.worker}`,
      });
    }
  });

  it('lint emitted every environment first and, after the merge, the ones whose lock file changed', () => {
    const lints = loop.steps.filter((s) => s.action === 'lint');
    expect(lints).toHaveLength(2);
    const names = (i: number) => JSON.parse(lints[i]!.result.outputs.environments ?? '[]') as string[];
    expect(names(0).sort()).toEqual(['prod', 'staging', 'test']);
    expect(names(1).sort()).toEqual(['prod', 'staging', 'test']);
    const matrix = JSON.parse(lints[0]!.result.outputs.matrix ?? '{}') as { include: { environment: string; provider: string }[] };
    expect(Object.fromEntries(matrix.include.map((e) => [e.environment, e.provider]))).toEqual({ test: 'existingContext', staging: 'existingContext', prod: 'gke' });
  });

  it('check-upgrades opened one pull request on the stand-in, which was merged into main', () => {
    expect(loop.pullRequest.action).toBe('created');
    const pulls = stack.github.pulls;
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({ number: loop.pullRequest.number, merged: true, state: 'closed', base: 'main', head: loop.pullRequest.branch });
    const upgrades = loop.steps.find((s) => s.action === 'check-upgrades')!;
    const updates = JSON.parse(upgrades.result.outputs.updates ?? '[]') as { environment: string; release: string; to: string }[];
    expect(updates.map((u) => `${u.environment}/${u.release}=${u.to}`).sort()).toEqual([
      `prod/web=${NEW_TAGS.web}`, `prod/worker=${NEW_TAGS.worker}`,
      `staging/web=${NEW_TAGS.web}`, `staging/worker=${NEW_TAGS.worker}`,
      `test/web=${NEW_TAGS.web}`, `test/worker=${NEW_TAGS.worker}`,
    ]);
    expect(upgrades.result.outputs.changed).toBe('true');
  });

  it('main holds one lock file per environment with the resolved tags', () => {
    expect(Object.keys(loop.lockFiles).sort()).toEqual(['locks/prod.yaml', 'locks/staging.yaml', 'locks/test.yaml']);
    for (const [path, text] of Object.entries(loop.lockFiles)) {
      expect(text, path).toContain(NEW_TAGS.web);
      expect(text, path).toContain(NEW_TAGS.worker);
      expect(() => parse(text), path).not.toThrow();
    }
  });

  it('every action wrote a job summary, and every apply reported what it applied', () => {
    for (const { title, result } of loop.steps) expect(result.summary.trim(), title).not.toBe('');
    const applies = loop.steps.filter((s) => s.action === 'apply');
    expect(applies).toHaveLength(6);
    for (const { title, result } of applies) {
      const applied = JSON.parse(result.outputs.applied ?? '[]') as unknown[];
      expect(applied.length, title).toBeGreaterThan(0);
      expect(JSON.parse(result.outputs.failed ?? '[]'), title).toEqual([]);
    }
  });

  it('the prod apply reached the cluster through the GKE workload identity stand-ins', () => {
    const gkeCalls = stack.google.gke.log.requests.filter((r) => r.url.includes('/clusters/prod-1'));
    expect(gkeCalls.length).toBeGreaterThanOrEqual(2);
    expect(gkeCalls.every((r) => r.status === 200)).toBe(true);
    expect(stack.google.oidc.issued.length).toBeGreaterThanOrEqual(2);
  });

  it('no secret reached the logs, outputs or summaries, and the ones printed were masked first', () => {
    const secrets = { 'GitHub token': stack.githubToken, 'GKE access token': stack.cluster.gkeToken, 'OIDC request token': stack.google.oidc.requestToken };
    for (const { title, result } of loop.steps) {
      // What the action printed other than its mask requests, before the runner masks anything.
      const printed = result.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
      const visible = [printed, result.stderr, result.summary, JSON.stringify(result.outputs)].join('\n');
      for (const [name, secret] of Object.entries(secrets)) expect(visible.includes(secret), `${title} shows the ${name}`).toBe(false);
    }
    const gkeApplies = loop.steps.filter((s) => s.title.includes('apply prod'));
    for (const { title, result } of gkeApplies) expect(result.masked, title).toContain(stack.cluster.gkeToken);
  });
});
