/**
 * newest-listing: the `Newest` first run of upgrades-requests (40 triggers, 4 environments × 10 releases, on 10
 * repositories × 300 tags), with the repositories on the GCR stand-in (5, `gcr.io/...`) and the Docker Hub
 * stand-in (5, `docker.io/...`), both fronts on the benchmark registry, reached through KUBECD_REGISTRY_ENDPOINTS
 * by the bundled CLI, with Google credentials from ADC (the Google stand-ins). Tag lists come in pages of 100 on
 * both. Three runs, each with a fresh metadata cache:
 * - listing times (GCR's manifest map, Docker Hub's tags API), Hub's anonymous limit of 100 pulls;
 * - the same code with the listings' times withheld (no manifest map; the Hub tags API answers 404), no pull
 *   limit: the per-tag count, as before the listings were read;
 * - withheld times under the 100-pull limit: what a first run on Hub then does (skips, and no 429).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDockerHubStandIn, type DockerHubStandIn } from '../../test/standins/dockerhub.js';
import { startGcrStandIn, type GcrStandIn } from '../../test/standins/gcr.js';
import { startGoogleStandIns } from '../../test/standins/google.js';
import { UpstreamRegistry, type RequestKinds } from '../../test/standins/hosted-front.js';
import { generateDeploymentsRepo, repositoryPath } from '../generators/deployments-repo.js';
import { serveImageSet, TAGS_PER_REPOSITORY } from '../generators/registry-images.js';
import { ensureBundles } from '../lib/bundles.js';
import { fmt, type BenchResult, type Figure, type Goal } from '../lib/results.js';
import { timed, timedOk } from '../lib/run.js';

const REPOSITORIES = 10;
const ON_GCR = 5;
const PAGE_SIZE = 100;
const HUB_PULL_LIMIT = 100;

interface RunCounts {
  ms: number;
  upgrades: number;
  skipped: number;
  gcr: RequestKinds;
  hubRegistry: RequestKinds;
  hubAuth: number;
  hubApi: number;
  pulls: number;
  tooMany: number;
  google: number;
  total: number;
}

const sum = (k: RequestKinds) => k.ping + k.token + k.tags + k.manifestGets + k.manifestHeads + k.blobs + k.listing + k.other;
const describeKinds = (k: RequestKinds) => `${k.tags} tag-list pages, ${k.manifestGets} manifest GETs, ${k.manifestHeads} manifest HEADs, ${k.blobs} blobs, ${k.ping} pings, ${k.token} tokens`;

export async function newestListing(): Promise<BenchResult> {
  const started = performance.now();
  const bundles = await ensureBundles();
  const served = await serveImageSet({ repositories: REPOSITORIES });
  const work = await mkdtemp(join(tmpdir(), 'kubecd-bench-newest-listing-'));
  const google = await startGoogleStandIns({ accessToken: 'bench-google-token' });
  const stops: (() => Promise<void>)[] = [() => google.stop(), () => served.stop()];
  try {
    const upstream = new UpstreamRegistry(served.url, { username: served.username, password: served.password });
    const validGoogleToken = (token: string) => Boolean(google.iam.validToken(token));
    const adc = await google.writeExternalAccountFile(join(work, 'adc.json'));
    const emptyDocker = join(work, 'docker');
    await mkdir(emptyDocker, { recursive: true });
    await writeFile(join(emptyDocker, 'config.json'), '{}');

    const repo = await generateDeploymentsRepo(join(work, 'newest'), {
      environments: 4, releasesPerEnvironment: 10, repositories: REPOSITORIES, imageHost: 'gcr.io',
      track: () => 'Newest', currentTag: () => '1.0.0',
    });
    // Repositories ON_GCR.. live on Docker Hub.
    for (let e = 0; e < 4; e++) {
      const file = join(work, 'newest', 'releases', `env-${String(e).padStart(3, '0')}.yaml`);
      let text = await readFile(file, 'utf8');
      for (let i = ON_GCR; i < REPOSITORIES; i++) text = text.replaceAll(`gcr.io/${repositoryPath(i)}`, `docker.io/${repositoryPath(i)}`);
      await writeFile(file, text);
    }
    const hubRepositories = Array.from({ length: REPOSITORIES - ON_GCR }, (_, k) => repositoryPath(ON_GCR + k));

    const run = async (name: string, gcr: GcrStandIn, hub: DockerHubStandIn, skipsExpected = false): Promise<RunCounts> => {
      const home = join(work, `home-${name}`);
      await mkdir(home, { recursive: true });
      const googleBefore = google.oidc.log.requests.length + google.sts.log.requests.length + google.iam.log.requests.length;
      // Skipped triggers are registry failures, so check-upgrades exits 1 when it skips.
      const result = await (skipsExpected ? timed : timedOk)(process.execPath, [bundles.entry('cli'), 'check-upgrades', '-f', repo.environmentsFile], {
        env: {
          PATH: process.env.PATH, HOME: home, DOCKER_CONFIG: emptyDocker,
          GOOGLE_APPLICATION_CREDENTIALS: adc, GOOGLE_CLOUD_PROJECT: 'bench-project',
          KUBECD_REGISTRY_ENDPOINTS: JSON.stringify({ 'gcr.io': gcr.url, ...hub.endpoints }),
        },
      });
      const gcrKinds = gcr.kinds();
      const hubRegistry = hub.registry.kinds();
      const counts: RunCounts = {
        ms: result.ms,
        upgrades: Number(/(\d+) upgrade\(s\)/.exec(result.stdout)?.[1] ?? NaN),
        skipped: result.stdout.split('\n').filter((line) => /^env-\d+\s.*Docker Hub pull limit/.test(line)).length,
        gcr: gcrKinds,
        hubRegistry,
        hubAuth: hub.auth.log.requests.length,
        hubApi: hub.hub.log.requests.length,
        pulls: hub.pulls,
        tooMany: hub.tooManyRequests() + gcr.log.requests.filter((r) => r.status === 429).length,
        google: google.oidc.log.requests.length + google.sts.log.requests.length + google.iam.log.requests.length - googleBefore,
        total: 0,
      };
      counts.total = sum(gcrKinds) + sum(hubRegistry) + counts.hubAuth + counts.hubApi;
      return counts;
    };
    const standIns = async (withTimes: boolean, pullLimit: number | null) => {
      const gcr = await startGcrStandIn({ upstream, validGoogleToken, pageSize: PAGE_SIZE, manifestMap: withTimes });
      const hub = await startDockerHubStandIn({ upstream, pullLimit, ...(withTimes ? {} : { privateRepositories: hubRepositories }) });
      stops.push(() => gcr.stop(), () => hub.stop());
      return { gcr, hub };
    };

    const listingStandIns = await standIns(true, HUB_PULL_LIMIT);
    // The stand-ins read each tag's image once from the registry behind them (not counted, not timed).
    await Promise.all(Array.from({ length: REPOSITORIES }, (_, i) => upstream.tagImages(repositoryPath(i))));
    const listing = await run('listing', listingStandIns.gcr, listingStandIns.hub);
    if (listing.upgrades !== repo.triggers) throw new Error(`listing run: expected ${repo.triggers} upgrades, kubecd found ${listing.upgrades}`);
    const perTagStandIns = await standIns(false, null);
    const perTag = await run('per-tag', perTagStandIns.gcr, perTagStandIns.hub);
    if (perTag.upgrades !== repo.triggers) throw new Error(`per-tag run: expected ${repo.triggers} upgrades, kubecd found ${perTag.upgrades}`);
    const limitedStandIns = await standIns(false, HUB_PULL_LIMIT);
    const limited = await run('limited', limitedStandIns.gcr, limitedStandIns.hub, true);

    const pages = Math.ceil(TAGS_PER_REPOSITORY / PAGE_SIZE);
    // The floor: every listing page once; GCR's auth is one ping and one token per repository, Hub's tags API none.
    const floor = REPOSITORIES * pages + 1 + ON_GCR;
    const triggers = `${repo.triggers} triggers on ${REPOSITORIES} repositories of ${TAGS_PER_REPOSITORY} tags`;
    const figures: Figure[] = [
      { metric: `Newest first run on the GCR and Docker Hub stand-ins, ${triggers}: requests (floor: listing pages + auth)`, ours: listing.total, peer: floor, peerName: 'floor', unit: 'requests' },
      { metric: 'the same run: requests, against per-tag metadata (listing times withheld)', ours: listing.total, peer: perTag.total, peerName: 'per tag, as before', unit: 'requests' },
      { metric: 'the same run: requests a Docker Hub pull limit counts (manifest GETs on Hub)', ours: listing.pulls, peer: perTag.pulls, peerName: 'per tag, as before', unit: 'requests' },
      { metric: 'the same run: wall time (bundled CLI, process start included)', ours: Math.round(listing.ms), peer: Math.round(perTag.ms), peerName: 'per tag, as before', unit: 'ms' },
      { metric: `per tag under Hub's ${HUB_PULL_LIMIT}-pull limit: Hub triggers skipped with the pull-limit message`, ours: limited.skipped, unit: 'count' },
      { metric: `per tag under Hub's ${HUB_PULL_LIMIT}-pull limit: HTTP 429 answers`, ours: limited.tooMany, unit: 'count' },
    ];
    const goals: Goal[] = [
      { goal: 'Newest first run on GCR and Docker Hub: requests equal to the listing pages + auth', met: listing.total === floor, margin: `${fmt(listing.total)} requests vs floor ${fmt(floor)} (per tag: ${fmt(perTag.total)})` },
      { goal: 'Newest first run: 0 requests that a Docker Hub pull limit counts', met: listing.pulls === 0, margin: `${listing.pulls} pulls (per tag: ${fmt(perTag.pulls)})` },
      { goal: `per-tag lookups under a ${HUB_PULL_LIMIT}-pull limit: a clear skip, 0 HTTP 429`, met: limited.tooMany === 0 && limited.skipped > 0, margin: `${limited.tooMany} answers 429; ${limited.skipped} trigger(s) skipped, ${limited.pulls} pulls spent` },
    ];
    const describeRun = (r: RunCounts) => `GCR ${describeKinds(r.gcr)}; Hub registry ${describeKinds(r.hubRegistry)}; ${r.hubAuth} Hub auth requests, ${r.hubApi} Hub tags API pages; ${r.pulls} pulls; ${r.google} requests to the Google stand-ins for the access token (outside the count)`;
    const notes = [
      `Listing times: ${describeRun(listing)}.`,
      `Per tag (no manifest map, Hub tags API 404): ${describeRun(perTag)}.`,
      `Per tag under the ${HUB_PULL_LIMIT}-pull limit: ${describeRun(limited)}; ${limited.upgrades} upgrade(s) found, ${limited.tooMany} answers 429.`,
    ];
    return { name: 'newest-listing', title: 'Newest first run on hosted registries: listing times vs per-tag metadata', figures, goals, notes, wallMs: performance.now() - started };
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  }
}
