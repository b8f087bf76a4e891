// The whole loopback stack with one call: registries (three auth modes), a classic chart repository serving the
// examples' echo chart, OCI charts, the Kubernetes API server, and the GitHub / Google / Slack stand-ins, wired
// together (the GKE stand-in hands out the local API server; the Google tokens are accepted by it).
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { cp, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { startGitHubStandIn, type GitHubStandIn } from '../standins/github.js';
import { startGoogleStandIns, type GoogleStandIns } from '../standins/google.js';
import { startSlackStandIn, type SlackStandIn } from '../standins/slack.js';
import { isolatedHelmEnv, pushOciCharts, type ChartSpec } from './charts.js';
import { startCluster, type StartedCluster } from './cluster.js';
import { createBareRemote, type BareRemote } from './git.js';
import { makeTempDir, type ManagedProcess } from './process.js';
import { startRegistry, type RegistryAuth, type RunningRegistry } from './registry.js';
import { helmBinary, REPO_ROOT } from './tools.js';

const execFileAsync = promisify(execFile);

/** The GKE cluster of examples/environments.yaml (`prod`), which the GKE stand-in serves. */
export const EXAMPLE_GKE_CLUSTER = { project: 'zedge-prod', location: 'us-central1-b', name: 'prod-1' } as const;
/** A regional address the Compute Engine stand-in serves (for `valueFrom.gceResource` lookups). */
export const EXAMPLE_GCE_ADDRESS = { project: 'zedge-prod', region: 'us-central1', name: 'shop-ingress', address: '203.0.113.10' };
export const GITHUB_OWNER = 'acme';
export const GITHUB_REPO = 'deployments';

export interface StackOptions {
  /** Registry auth modes to start (default all three). The anonymous one is `stack.registry`. */
  registries?: RegistryAuth[];
  /** Versions of examples/charts/echo the classic chart repository serves (default 0.1.0, as the examples pin). */
  echoVersions?: string[];
  /** Charts pushed as OCI artifacts to the anonymous registry (default `hello` 0.1.0 and 0.2.0). */
  ociCharts?: ChartSpec[];
}

export interface ChartRepo {
  url: string;
  /** chart name → versions served */
  charts: Record<string, string[]>;
  stop(): Promise<void>;
}

export interface Timing { piece: string; ms: number; note?: string }

export interface Stack {
  registries: Partial<Record<RegistryAuth, RunningRegistry>>;
  /** The anonymous registry: the one the examples' `image.prefix` is pointed at. */
  registry: RunningRegistry;
  chartRepo: ChartRepo;
  oci: { reference(name: string): string; registryConfig: string; charts: ChartSpec[] };
  cluster: StartedCluster;
  /** The deployments repository's GitHub remote (bare), which the GitHub stand-in serves. */
  remote: BareRemote;
  github: GitHubStandIn;
  /** The token the GitHub stand-in accepts (what `${{ github.token }}` is in a job). */
  githubToken: string;
  google: GoogleStandIns;
  slack: SlackStandIn;
  /** Start-up time of each piece (they start concurrently; `stack` is the wall time of the whole). */
  timings: Timing[];
  /** Environment and inputs for an apply job of a GKE environment: the OIDC → STS → IAM chain and GKE stand-ins. */
  gkeJob(): { env: Record<string, string>; inputs: Record<string, string> };
  /** Processes the stack started (registries, etcd, kube-apiserver), for the no-leftovers check. */
  processes(): ManagedProcess[];
  stop(): Promise<void>;
}

/** Starts every piece concurrently; if one fails, the others are stopped and the error is thrown. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const began = performance.now();
  const timings: Timing[] = [];
  const stoppers: (() => Promise<void>)[] = [];
  const timed = async <T extends { stop(): Promise<void> }>(piece: string, start: () => Promise<T>, note?: (value: T) => string | undefined): Promise<T> => {
    const t0 = performance.now();
    const value = await start();
    stoppers.push(() => value.stop());
    const extra = note?.(value);
    timings.push({ piece, ms: Math.round(performance.now() - t0), ...(extra ? { note: extra } : {}) });
    return value;
  };
  const stopAll = async () => {
    const pending = stoppers.splice(0).reverse();
    const results = await Promise.allSettled(pending.map((stop) => stop()));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length > 0) throw new Error(`stopping the stack: ${failed.map((f) => String(f.reason)).join('; ')}`);
  };

  const githubToken = `ghs_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  let gkeToken = '';
  const auths = options.registries ?? ['anonymous', 'basic', 'token'];
  if (!auths.includes('anonymous')) auths.unshift('anonymous');
  const ociCharts = options.ociCharts ?? [{ name: 'hello', versions: ['0.1.0', '0.2.0'] }];

  const settled = await Promise.allSettled([
    Promise.all(auths.map((auth) => timed(`registry (${auth})`, () => startRegistry({ auth })))),
    timed('kube-apiserver + etcd', () => startCluster(), (c) => `${c.connection.version}${c.timings.apiserverBuiltNow ? `, built in ${(c.timings.apiserverBuildMs / 1000).toFixed(0)} s` : ''}`),
    timed('chart repository (echo)', () => startEchoChartRepo(options.echoVersions ?? ['0.1.0'])),
    (async () => {
      const remote = await createBareRemote();
      return timed('GitHub REST stand-in', () => startGitHubStandIn({ token: githubToken, owner: GITHUB_OWNER, repo: GITHUB_REPO, gitDir: remote.bareDir }))
        .then((github) => ({ github, remote }));
    })(),
    timed('Google stand-ins (OIDC, STS, IAM, GKE, GCE)', () => startGoogleStandIns({
      repository: `${GITHUB_OWNER}/${GITHUB_REPO}`,
      // The API server accepts this token (static token file); it exists once the cluster has started.
      accessToken: () => gkeToken,
      addresses: [EXAMPLE_GCE_ADDRESS],
    })),
    timed('Slack stand-in', () => startSlackStandIn()),
  ]);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    await stopAll().catch(() => undefined);
    throw failure.reason;
  }
  const value = <T>(s: PromiseSettledResult<T>): T => (s as PromiseFulfilledResult<T>).value;
  const registryList = value(settled[0]);
  const cluster = value(settled[1]);
  const chartRepo = value(settled[2]);
  const { github, remote } = value(settled[3]);
  const google = value(settled[4]);
  const slack = value(settled[5]);
  gkeToken = cluster.gkeToken;

  const registries: Partial<Record<RegistryAuth, RunningRegistry>> = {};
  auths.forEach((auth, i) => { registries[auth] = registryList[i]!; });
  const registry = registries.anonymous!;

  google.gke.clusters.push({
    ...EXAMPLE_GKE_CLUSTER,
    endpoint: new URL(cluster.server).host,
    caCertificatePem: Buffer.from(cluster.caData, 'base64').toString('utf8'),
  });

  let oci: Stack['oci'];
  try {
    const t0 = performance.now();
    const pushed = await pushOciCharts(registry, ociCharts);
    oci = { ...pushed, charts: ociCharts };
    timings.push({ piece: 'OCI charts pushed', ms: Math.round(performance.now() - t0), note: ociCharts.map((c) => `${c.name} ${c.versions.join(', ')}`).join('; ') });
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
  timings.push({ piece: 'stack', ms: Math.round(performance.now() - began) });

  return {
    registries, registry, chartRepo, oci, cluster, remote, github, githubToken, google, slack, timings,
    gkeJob: () => ({
      env: {
        ...google.oidc.env,
        KUBECD_GKE_API_ENDPOINT: google.gke.url,
        KUBECD_GOOGLE_STS_URL: google.sts.tokenUrl,
        KUBECD_GOOGLE_IAM_URL: google.iam.url,
        KUBECD_COMPUTE_API_URL: google.gce.url,
      },
      inputs: { 'workload-identity-provider': google.provider, 'service-account': google.serviceAccount },
    }),
    processes: () => [...cluster.processes],
    stop: stopAll,
  };
}

/** A classic Helm repository serving examples/charts/echo at the given versions (index.yaml + packages). */
export async function startEchoChartRepo(versions: string[]): Promise<ChartRepo> {
  const root = await makeTempDir('echo-chart-repo');
  const work = await makeTempDir('echo-chart-src');
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://repo').pathname);
    const file = normalize(join(root, path));
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !file.startsWith(root + sep)) {
      res.writeHead(404).end();
      return;
    }
    stat(file).then((info) => {
      if (!info.isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-length': info.size, 'content-type': file.endsWith('.yaml') ? 'application/x-yaml' : 'application/gzip' });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    }).catch(() => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stop = () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); });
  try {
    const helm = await helmBinary(3);
    const env = isolatedHelmEnv(work);
    const sources: string[] = [];
    for (const version of versions) {
      const dir = join(work, version, 'echo');
      await cp(join(REPO_ROOT, 'examples', 'charts', 'echo'), dir, { recursive: true });
      const chartYaml = join(dir, 'Chart.yaml');
      await writeFile(chartYaml, (await readFile(chartYaml, 'utf8')).replace(/^version:.*$/m, `version: ${version}`));
      sources.push(dir);
    }
    await execFileAsync(helm, ['package', ...sources, '--destination', root], { env });
    await execFileAsync(helm, ['repo', 'index', root, '--url', url], { env });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, charts: { echo: versions }, stop };
}
