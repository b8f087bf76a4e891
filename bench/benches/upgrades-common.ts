import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPaginatingProxy, type RunningProxy } from '../../test/harness/proxies.js';
import { ensureBundles } from '../lib/bundles.js';
import { timedOk, type Timed } from '../lib/run.js';
import { writeDockerConfig } from '../generators/docker-config.js';
import { serveImageSet, type ServedRegistry } from '../generators/registry-images.js';

/** Tag lists come in pages of this many tags (a server-side cap, as hosted registries have). */
export const PAGE_SIZE = 100;
export const REPOSITORIES = 200;

export interface UpgradeStack {
  registry: ServedRegistry;
  proxy: RunningProxy;
  work: string;
  dockerConfig: string;
  cli: string;
  /** `kubecd check-upgrades -f FILE [--apply]` through the bundled CLI; counts what the proxy and token server saw. */
  checkUpgrades(environmentsFile: string, opts?: { apply?: boolean }): Promise<{ run: Timed; requests: RunningProxy['requests']; tokens: number; upgrades: number }>;
  stop(): Promise<void>;
}

export async function startUpgradeStack(): Promise<UpgradeStack> {
  const bundles = await ensureBundles();
  const registry = await serveImageSet({ repositories: REPOSITORIES });
  const proxy = await startPaginatingProxy(registry.url, { pageSize: PAGE_SIZE });
  const work = await mkdtemp(join(tmpdir(), 'kubecd-bench-upgrades-'));
  const dockerConfig = await writeDockerConfig(join(work, 'docker'), [proxy.host, registry.host], registry.username, registry.password);
  const cli = bundles.entry('cli');
  return {
    registry, proxy, work, dockerConfig, cli,
    async checkUpgrades(environmentsFile, opts = {}) {
      const firstRequest = proxy.requests.length;
      const firstToken = registry.tokenServer.requests.length;
      const run = await timedOk(process.execPath, [cli, 'check-upgrades', '-f', environmentsFile, ...(opts.apply ? ['--apply'] : [])], {
        env: { PATH: process.env.PATH, HOME: work, DOCKER_CONFIG: dockerConfig },
      });
      const upgrades = Number(/(\d+) upgrade\(s\)/.exec(run.stdout)?.[1] ?? NaN);
      return { run, requests: proxy.requests.slice(firstRequest), tokens: registry.tokenServer.requests.length - firstToken, upgrades };
    },
    async stop() {
      await proxy.stop();
      await registry.stop();
      await rm(work, { recursive: true, force: true });
    },
  };
}
