import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRepo } from '../../src/repo/load.js';
import { environmentName, generateDeploymentsRepo, repositoryOf, type RepoSpec } from './deployments-repo.js';
import { createdOf, tagsOf, TAGS_PER_REPOSITORY } from './registry-images.js';

const work = await mkdtemp(join(tmpdir(), 'kubecd-bench-gen-'));
afterAll(() => rm(work, { recursive: true, force: true }));

const spec: RepoSpec = {
  environments: 8, releasesPerEnvironment: 5, repositories: 20, imageHost: '127.0.0.1:5000',
  track: (i) => (i % 2 ? 'PatchLevel' : 'Newest'), currentTag: (i) => `1.${i}.0`, lockFiles: true,
};

describe('deployments repo generator', () => {
  it('writes a repo kubecd loads without problems, with every release, trigger and lock entry', async () => {
    const repo = await generateDeploymentsRepo(join(work, 'repo'), spec);
    expect(repo).toMatchObject({ releases: 40, triggers: 40 });
    const loaded = await loadRepo(repo.environmentsFile);
    expect(loaded.problems).toEqual([]);
    expect(loaded.repo.environments).toHaveLength(8);
    const env = loaded.repo.environments[3]!;
    expect(env.name).toBe(environmentName(3));
    expect(env.releases).toHaveLength(5);
    expect(env.releases.every((r) => r.triggers.length === 1)).toBe(true);
    expect(loaded.lock(env.name)?.entries).toHaveLength(5);
  });

  it('shares repositories between environments, group by group', () => {
    expect(repositoryOf(spec, 0, 2)).toBe(2);
    expect(repositoryOf(spec, 1, 2)).toBe(7);
    expect(repositoryOf(spec, 4, 2)).toBe(2);
    const used = new Set(Array.from({ length: 8 }, (_, e) => Array.from({ length: 5 }, (_, k) => repositoryOf(spec, e, k))).flat());
    expect(used.size).toBe(20);
  });

  it('puts extra values and the namespace where asked', async () => {
    const repo = await generateDeploymentsRepo(join(work, 'extra'), { ...spec, environments: 1, extraValues: (_, k) => ({ message: `m${k}` }), namespaceOf: () => 'elsewhere' });
    const text = await readFile(join(work, 'extra', 'releases', 'env-000.yaml'), 'utf8');
    expect(text).toContain('value: "m4"');
    const loaded = await loadRepo(repo.environmentsFile);
    expect(loaded.repo.environments[0]!.namespace).toBe('elsewhere');
  });
});

describe('image set', () => {
  it('has 300 distinct semver tags created in version order', () => {
    const tags = tagsOf();
    expect(tags).toHaveLength(TAGS_PER_REPOSITORY);
    expect(new Set(tags.map((t) => t.tag)).size).toBe(300);
    const byOrder = [...tags].sort((a, b) => a.order - b.order);
    expect(byOrder.at(-1)!.tag).toBe('3.9.9');
    expect(createdOf(0, 1) > createdOf(0, 0)).toBe(true);
  });
});
