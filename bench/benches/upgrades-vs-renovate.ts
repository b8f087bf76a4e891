/**
 * upgrades-vs-renovate: the same 1,000 image references (20 environments × 50, one version behind) looked up
 * by Renovate in lookup-only dry-run mode and by the bundled `kubecd check-upgrades`, same registry, same
 * counting proxy, same run. Renovate reads them from one compose file per environment (a format it knows).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fmt, type BenchResult } from '../lib/results.js';
import { countRequests, describeCounts } from '../lib/requests.js';
import { ensureRenovate, RENOVATE_VERSION } from '../lib/renovate.js';
import { timedOk } from '../lib/run.js';
import { environmentName, generateDeploymentsRepo, releaseName, repositoryOf, repositoryPath, type RepoSpec } from '../generators/deployments-repo.js';
import { startUpgradeStack } from './upgrades-common.js';
import { semverSpec } from './upgrades-requests.js';

const GOAL_RATIO = 5;

async function writeComposeFiles(root: string, spec: RepoSpec): Promise<number> {
  let images = 0;
  for (let e = 0; e < spec.environments; e++) {
    const services = [];
    for (let k = 0; k < spec.releasesPerEnvironment; k++) {
      const repository = repositoryOf(spec, e, k);
      services.push(`  ${releaseName(k)}:\n    image: ${spec.imageHost}/${repositoryPath(repository)}:${spec.currentTag(repository, e)}`);
      images++;
    }
    await mkdir(join(root, environmentName(e)), { recursive: true });
    await writeFile(join(root, environmentName(e), 'docker-compose.yml'), `services:\n${services.join('\n')}\n`);
  }
  return images;
}

export async function upgradesVsRenovate(): Promise<BenchResult> {
  const started = performance.now();
  const renovate = await ensureRenovate();
  const stack = await startUpgradeStack();
  try {
    const spec = semverSpec(stack.proxy.host, true);
    const repo = await generateDeploymentsRepo(join(stack.work, 'kubecd'), spec);
    const renovateRoot = join(stack.work, 'renovate-repo');
    const images = await writeComposeFiles(renovateRoot, spec);

    // Renovate first, cold: a fresh cache folder, nothing remembered from an earlier run.
    const cacheDir = await mkdtemp(join(stack.work, 'renovate-cache-'));
    const configFile = join(stack.work, 'renovate-config.json');
    await writeFile(configFile, JSON.stringify({
      platform: 'local', dryRun: 'lookup', onboarding: false, requireConfig: 'ignored', fetchChangeLogs: 'off',
      extends: [], repositoryCache: 'disabled', enabledManagers: ['docker-compose'], cacheDir,
      hostRules: [{ matchHost: '127.0.0.1', hostType: 'docker', insecureRegistry: true, username: stack.registry.username, password: stack.registry.password }],
    }));
    const firstRequest = stack.proxy.requests.length;
    const firstToken = stack.registry.tokenServer.requests.length;
    const renovateRun = await timedOk(process.execPath, [renovate], {
      cwd: renovateRoot,
      env: { PATH: process.env.PATH, HOME: stack.work, RENOVATE_CONFIG_FILE: configFile, LOG_LEVEL: 'debug', LOG_FORMAT: 'json', RENOVATE_X_IGNORE_NODE_WARN: 'true' },
      timeoutMs: 600_000,
    });
    const renovateRequests = countRequests(stack.proxy.requests.slice(firstRequest));
    const renovateTokens = stack.registry.tokenServer.requests.length - firstToken;
    const renovateUpdates = countRenovateUpdates(renovateRun.stdout);
    if (renovateUpdates === 0) throw new Error(`Renovate found no updates; its log ends:\n${renovateRun.stdout.split('\n').slice(-15).join('\n')}`);

    const kubecd = await stack.checkUpgrades(repo.environmentsFile);
    if (kubecd.upgrades !== repo.triggers) throw new Error(`kubecd found ${kubecd.upgrades} upgrades, expected ${repo.triggers}`);
    const kubecdRequests = countRequests(kubecd.requests);
    const ratio = Math.round(renovateRun.ms) / Math.round(kubecd.run.ms);
    await rm(cacheDir, { recursive: true, force: true });

    return {
      name: 'upgrades-vs-renovate',
      title: `Upgrade lookups: kubecd vs Renovate ${RENOVATE_VERSION}`,
      figures: [
        { metric: `wall time, ${fmt(images)} image references (200 repositories), cold`, ours: Math.round(kubecd.run.ms), peer: Math.round(renovateRun.ms), peerName: `Renovate ${RENOVATE_VERSION}`, unit: 'ms' },
        { metric: 'HTTP requests (registry + token server)', ours: kubecdRequests.total + kubecd.tokens, peer: renovateRequests.total + renovateTokens, peerName: `Renovate ${RENOVATE_VERSION}`, unit: 'requests' },
        { metric: 'updates found', ours: kubecd.upgrades, peer: renovateUpdates, peerName: `Renovate ${RENOVATE_VERSION}`, unit: 'count' },
      ],
      goals: [{ goal: 'kubecd at least 5× faster than Renovate', met: ratio >= GOAL_RATIO, margin: `${fmt(ratio)}× faster (${fmt(renovateRun.ms)} ms vs ${fmt(kubecd.run.ms)} ms); goal ${GOAL_RATIO}×` }],
      notes: [
        `kubecd: ${describeCounts(kubecdRequests)}, ${kubecd.tokens} token requests. Renovate: ${describeCounts(renovateRequests)}, ${renovateTokens} token requests.`,
        `Renovate ran with platform local, dryRun lookup, only the docker-compose manager, a fresh cacheDir, no repository cache, no changelogs; it reads one compose file per environment holding the same 1,000 image references as kubecd's release files. Both are cold processes; both numbers include process start.`,
      ],
      wallMs: performance.now() - started,
    };
  } finally {
    await stack.stop();
  }
}

/** Updates in Renovate's "packageFiles with updates" debug record (one per dependency with at least one update). */
export function countRenovateUpdates(jsonLog: string): number {
  for (const line of jsonLog.split('\n')) {
    if (!line.includes('packageFiles with updates')) continue;
    const record = JSON.parse(line) as { config?: Record<string, { deps?: { updates?: unknown[] }[] }[]> };
    let count = 0;
    for (const files of Object.values(record.config ?? {})) for (const file of files) for (const dep of file.deps ?? []) if ((dep.updates ?? []).length > 0) count++;
    return count;
  }
  return 0;
}
