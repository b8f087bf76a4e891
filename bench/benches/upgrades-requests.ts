/**
 * upgrades-requests: 200 repositories × 300 tags behind a paginating, counting proxy; 1,000 image triggers
 * (20 environments × 50 releases, each repository used by 5 environments). Requests and wall time of the
 * bundled `kubecd check-upgrades` against the floor; then a Newest run twice, checking that the second one
 * fetches no config blob of a tag the lock files already know.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { RegistryClient } from '../../test/harness/registry-client.js';
import { fmt, type BenchResult, type Figure, type Goal } from '../lib/results.js';
import { countRequests, describeCounts } from '../lib/requests.js';
import { environmentName, generateDeploymentsRepo, repositoryPath, type RepoSpec } from '../generators/deployments-repo.js';
import { NEWEST_TAG, TAGS_PER_REPOSITORY } from '../generators/registry-images.js';
import type { Track } from '../../src/model/types.js';
import { PAGE_SIZE, REPOSITORIES, startUpgradeStack } from './upgrades-common.js';

const SEMVER_TRACKS: Track[] = ['PatchLevel', 'MinorVersion', 'MajorVersion'];
/** One version behind the newest, per track, so every trigger has exactly one candidate: 3.9.9. */
const BEHIND: Record<string, string> = { PatchLevel: '3.9.8', MinorVersion: '3.8.9', MajorVersion: '2.9.9' };

export function semverSpec(imageHost: string, behind: boolean): RepoSpec {
  const track = (i: number) => SEMVER_TRACKS[i % SEMVER_TRACKS.length]!;
  return {
    environments: 20, releasesPerEnvironment: 50, repositories: REPOSITORIES, imageHost, track,
    currentTag: (i) => (behind ? BEHIND[track(i)]! : NEWEST_TAG),
  };
}

export async function upgradesRequests(): Promise<BenchResult> {
  const started = performance.now();
  const stack = await startUpgradeStack();
  try {
    const pages = Math.ceil(TAGS_PER_REPOSITORY / PAGE_SIZE);
    // The floor: every page of every distinct repository's tag list once, one auth challenge, one token per repository.
    const floor = REPOSITORIES * pages + 1 + REPOSITORIES;

    const steadyRepo = await generateDeploymentsRepo(join(stack.work, 'steady'), semverSpec(stack.proxy.host, false));
    const steady = await stack.checkUpgrades(steadyRepo.environmentsFile);
    if (steady.upgrades !== 0) throw new Error(`steady state: expected 0 upgrades, kubecd found ${steady.upgrades}`);
    const steadyCounts = countRequests(steady.requests);
    const steadyTotal = steadyCounts.total + steady.tokens;

    const behindRepo = await generateDeploymentsRepo(join(stack.work, 'behind'), semverSpec(stack.proxy.host, true));
    const behind = await stack.checkUpgrades(behindRepo.environmentsFile);
    if (behind.upgrades !== behindRepo.triggers) throw new Error(`one behind: expected ${behindRepo.triggers} upgrades, kubecd found ${behind.upgrades}`);
    const behindCounts = countRequests(behind.requests);
    const behindTotal = behindCounts.total + behind.tokens;
    // An upgrade is written with its digest and creation time: one manifest and one config blob per distinct candidate.
    const behindFloor = floor + 2 * REPOSITORIES;

    const newest = await newestTwice(stack);

    const figures: Figure[] = [
      { metric: `requests, ${fmt(steadyRepo.triggers)} semver triggers, all current (floor ${fmt(floor)})`, ours: steadyTotal, peer: floor, peerName: 'floor', unit: 'requests' },
      { metric: 'wall time, all current (bundled CLI, process start included)', ours: Math.round(steady.run.ms), unit: 'ms' },
      { metric: `requests, ${fmt(behindRepo.triggers)} semver triggers, each one version behind (floor ${fmt(behindFloor)})`, ours: behindTotal, peer: behindFloor, peerName: 'floor', unit: 'requests' },
      { metric: 'wall time, each one version behind', ours: Math.round(behind.run.ms), unit: 'ms' },
      { metric: `Newest, ${newest.triggers} triggers on ${newest.repositories} repositories: requests, first run`, ours: newest.first.total, unit: 'requests' },
      { metric: 'Newest: requests, second run (lock files written by the first)', ours: newest.second.total, unit: 'requests' },
      { metric: 'Newest: config-blob fetches of tags the lock files know, second run', ours: newest.knownBlobFetches, unit: 'count' },
      { metric: 'Newest: wall time, first run', ours: Math.round(newest.firstMs), unit: 'ms' },
      { metric: 'Newest: wall time, second run', ours: Math.round(newest.secondMs), unit: 'ms' },
    ];
    const within = (total: number, limit: number) => total <= limit * 1.05;
    const overBy = (total: number, limit: number) => `${fmt(total)} requests vs floor ${fmt(limit)}: ${fmt(((total - limit) / limit) * 100)}% ${total >= limit ? 'over' : 'under'} (limit +5%)`;
    const goals: Goal[] = [
      { goal: 'semver tracks, all current: within 5% of the floor', met: within(steadyTotal, floor), margin: overBy(steadyTotal, floor) },
      { goal: 'semver tracks, one version behind: within 5% of the floor (+ manifest and config per candidate)', met: within(behindTotal, behindFloor), margin: overBy(behindTotal, behindFloor) },
      { goal: 'second Newest run: no config-blob fetch for a tag already known', met: newest.knownBlobFetches === 0, margin: `${newest.knownBlobFetches} of ${newest.knownTags} known tags' config blobs fetched again` },
    ];
    const notes = [
      `All current: ${describeCounts(steadyCounts)}, plus ${steady.tokens} token requests. One version behind: ${describeCounts(behindCounts)}, plus ${behind.tokens} token requests.`,
      `Newest first run: ${describeCounts(newest.first)}; second run: ${describeCounts(newest.second)} — ${newest.second.manifests + newest.second.blobs} metadata reads for ${fmt(newest.repositories * TAGS_PER_REPOSITORY)} tags, ${newest.knownTags} of them named in the lock files.`,
      `Registry: ${fmt(REPOSITORIES)} repositories × ${TAGS_PER_REPOSITORY} tags, tag lists paginated at ${PAGE_SIZE} by the counting proxy, token auth. ${stack.registry.seeded.now ? `Seeded now in ${fmt(stack.registry.seeded.ms / 1000)} s.` : 'Storage reused from the bench cache.'}`,
    ];
    return { name: 'upgrades-requests', title: 'Upgrade checks: requests against the floor', figures, goals, notes, wallMs: performance.now() - started };
  } finally {
    await stack.stop();
  }
}

async function newestTwice(stack: Awaited<ReturnType<typeof startUpgradeStack>>) {
  const repositories = 10;
  const spec: RepoSpec = {
    environments: 4, releasesPerEnvironment: 10, repositories, imageHost: stack.proxy.host,
    track: () => 'Newest', currentTag: () => '1.0.0',
  };
  const repo = await generateDeploymentsRepo(join(stack.work, 'newest'), spec);
  const first = await stack.checkUpgrades(repo.environmentsFile, { apply: true });
  if (first.upgrades !== repo.triggers) throw new Error(`Newest first run: expected ${repo.triggers} upgrades, kubecd found ${first.upgrades}`);

  // Which config blobs belong to the tags the lock files now hold (read straight from the registry, not counted).
  const client = new RegistryClient(stack.registry.url, { username: stack.registry.username, password: stack.registry.password });
  const knownConfigs = new Set<string>();
  const known = new Set<string>();
  for (let e = 0; e < spec.environments; e++) {
    const lock = parse(await readFile(join(stack.work, 'newest', 'locks', `${environmentName(e)}.yaml`), 'utf8')) as { entries: { repository: string; value: string }[] };
    for (const entry of lock.entries) known.add(`${entry.repository.slice(entry.repository.indexOf('/') + 1)}:${entry.value}`);
  }
  for (const ref of known) {
    const [repository, tag] = ref.split(':') as [string, string];
    const manifest = await client.getManifest(repository, tag);
    knownConfigs.add((manifest.body.config as { digest: string }).digest);
  }
  const second = await stack.checkUpgrades(repo.environmentsFile, { apply: true });
  const knownBlobFetches = second.requests.filter((r) => r.path.includes('/blobs/') && knownConfigs.has(r.path.split('/blobs/')[1]!.split('?')[0]!)).length;
  const firstCounts = countRequests(first.requests);
  const secondCounts = countRequests(second.requests);
  void repositoryPath;
  return {
    triggers: repo.triggers, repositories, knownTags: known.size, knownBlobFetches,
    first: { ...firstCounts, total: firstCounts.total + first.tokens },
    second: { ...secondCounts, total: secondCounts.total + second.tokens },
    firstMs: first.run.ms, secondMs: second.run.ms,
  };
}
