// Newest takes creation times from the registry's listing where it has them — GCR / Artifact Registry's
// manifest map, Docker Hub's tags API — and keeps under Docker Hub's pull limit where it has to fetch per tag.
// check-upgrades runs in process against stand-ins of the three hosted registries (fronts on a real local
// registry), reached as gcr.io, europe-docker.pkg.dev and Docker Hub through KUBECD_REGISTRY_ENDPOINTS, with
// Google credentials from ADC (the Google stand-ins' workload identity chain).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UpgradeRow } from '../../src/upgrades/types.js';
import { pushImage } from '../harness/images.js';
import { cleanupAll, makeTempDir } from '../harness/process.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { startDockerHubStandIn, type DockerHubStandIn } from '../standins/dockerhub.js';
import { startGcrStandIn, type GcrStandIn } from '../standins/gcr.js';
import { startGoogleStandIns, type GoogleStandIns } from '../standins/google.js';
import { UpstreamRegistry } from '../standins/hosted-front.js';
import { checkReleases, imageDay, imageRelease, NEWEST_BY_TIME, NEWEST_BY_TIME_CANDIDATES } from './fixture.js';

const GOOGLE_TOKEN = 'google-access-token-for-registries';
const day = imageDay;
const IMAGES = NEWEST_BY_TIME;
const NON_MOVING_TAGS = NEWEST_BY_TIME_CANDIDATES;

let reg: RunningRegistry;
let upstream: UpstreamRegistry;
let google: GoogleStandIns;
let gcr: GcrStandIn;
let ar: GcrStandIn;
let hub: DockerHubStandIn;
const digestOf110 = new Map<string, string>();

async function pushSet(repository: string): Promise<void> {
  for (const [tag, n] of IMAGES) await pushImage(reg, { repository, tag, created: day(n) });
  const head = await fetch(`${reg.url}/v2/${repository}/manifests/1.1.0`, { method: 'HEAD', headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' } });
  digestOf110.set(repository, head.headers.get('docker-content-digest')!);
}

beforeAll(async () => {
  reg = await startRegistry();
  for (const repository of ['acme-prod/web', 'acme-prod/images/web', 'acme-prod/charts/web', 'library/nginx', 'acme/api', 'acme/private', 'acme/p1', 'acme/p2', 'acme/p3']) await pushSet(repository);
  upstream = new UpstreamRegistry(reg.url);
  google = await startGoogleStandIns({ accessToken: GOOGLE_TOKEN });
  const dir = await makeTempDir('newest-listing-google');
  vi.stubEnv('GOOGLE_APPLICATION_CREDENTIALS', await google.writeExternalAccountFile(join(dir, 'adc.json')));
  vi.stubEnv('GOOGLE_CLOUD_PROJECT', 'acme-prod');
  const validGoogleToken = (token: string) => Boolean(google.iam.validToken(token));
  gcr = await startGcrStandIn({ upstream, validGoogleToken });
  // Artifact Registry pages its tag list here, so the manifest map comes in parts.
  ar = await startGcrStandIn({ upstream, validGoogleToken, host: 'europe-docker.pkg.dev', pageSize: 2 });
  hub = await startDockerHubStandIn({ upstream, privateRepositories: ['acme/private'] });
}, 120_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await Promise.allSettled([gcr?.stop(), ar?.stop(), hub?.stop(), google?.stop()]);
  await reg?.stop();
  await cleanupAll();
});

function endpoints(dockerHub: DockerHubStandIn): string {
  return JSON.stringify({ 'gcr.io': gcr.url, 'europe-docker.pkg.dev': ar.url, ...dockerHub.endpoints });
}

async function check(releases: string[], dockerHub: DockerHubStandIn = hub): ReturnType<typeof checkReleases> {
  return checkReleases(releases, { DOCKER_CONFIG: await makeTempDir('empty-docker'), KUBECD_REGISTRY_ENDPOINTS: endpoints(dockerHub) });
}

const summary = (rows: UpgradeRow[]) => rows.map((r) => `${r.release} ${r.decision} ${r.candidate ?? r.reason}`);

describe('Newest against the GCR, Artifact Registry and Docker Hub stand-ins', () => {
  it('takes creation times from the listings: no manifest or blob request where the listing had times, no pull counted', async () => {
    const { rows, secrets } = await check([
      imageRelease('gcr', 'gcr.io/acme-prod/web', '1.0.0', 'Newest'),
      imageRelease('ar', 'europe-docker.pkg.dev/acme-prod/images/web', '1.0.0', 'Newest'),
      imageRelease('official', 'nginx', '1.0.0', 'Newest'),
      imageRelease('org', 'docker.io/acme/api', '1.0.0', 'Newest'),
    ]);
    expect(summary(rows)).toEqual(['gcr upgrade 1.1.0', 'ar upgrade 1.1.0', 'official upgrade 1.1.0', 'org upgrade 1.1.0']);
    // The lock gets the digest and the creation time the listing gave.
    expect(rows.map((r) => [r.digest, r.created])).toEqual([
      [digestOf110.get('acme-prod/web'), day(5)],
      [digestOf110.get('acme-prod/images/web'), day(5)],
      [digestOf110.get('library/nginx'), day(5)],
      [digestOf110.get('acme/api'), day(5)],
    ]);

    for (const standIn of [gcr, ar]) {
      expect(standIn.kinds()).toMatchObject({ manifestGets: 0, manifestHeads: 0, blobs: 0, other: 0 });
    }
    expect(gcr.kinds().tags).toBe(1);
    expect(ar.kinds().tags).toBe(Math.ceil(IMAGES.flatMap(([t]) => t).length / 2));
    // The Google token from ADC went to the token endpoint as oauth2accesstoken's password, and only there.
    expect(new Set(gcr.googleTokens)).toEqual(new Set([GOOGLE_TOKEN]));
    expect(secrets).toContain(GOOGLE_TOKEN);
    gcr.log.assertOnlyInAuthorization(GOOGLE_TOKEN);
    ar.log.assertOnlyInAuthorization(GOOGLE_TOKEN);

    // Docker Hub: one tags API page per repository, anonymous; nothing at the registry, so no pull.
    expect(hub.hub.log.requests.map((r) => r.url)).toEqual(expect.arrayContaining([
      '/v2/namespaces/library/repositories/nginx/tags?page_size=100',
      '/v2/namespaces/acme/repositories/api/tags?page_size=100',
    ]));
    expect(hub.hub.log.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
    expect(hub.registry.kinds()).toMatchObject({ manifestGets: 0, manifestHeads: 0, blobs: 0 });
    expect(hub.pulls).toBe(0);
  });

  it('takes an OCI chart version\'s time from the listing too', async () => {
    const before = gcr.kinds();
    const chartRelease = ['  - name: chart', '    chart:', '      reference: oci://gcr.io/acme-prod/charts/web', '      version: "1.0.0"', '    triggers:', '      - chart:', '          track: Newest'].join('\n');
    const { rows } = await check([chartRelease]);
    expect(summary(rows)).toEqual(['chart upgrade 1.1.0']);
    const after = gcr.kinds();
    expect(after.manifestGets - before.manifestGets).toBe(0);
    expect(after.blobs - before.blobs).toBe(0);
  });

  it('falls back to the registry for a private Docker Hub repository, with a warning, counting its pulls', async () => {
    const before = hub.pulls;
    const { rows, warnings } = await check([imageRelease('private', 'acme/private', '1.0.0', 'Newest')]);
    expect(summary(rows)).toEqual(['private upgrade 1.1.0']);
    expect(warnings).toEqual(expect.arrayContaining([expect.stringMatching(/acme\/private: Docker Hub tags API unavailable \(the Docker Hub tags API answered HTTP 404/)]));
    // One manifest GET per non-moving tag (the pulls), after one free HEAD that read the limit.
    expect(hub.pulls - before).toBe(NON_MOVING_TAGS);
    expect(hub.registry.log.requests.filter((r) => r.method === 'HEAD' && r.url.includes('/acme/private/manifests/'))).toHaveLength(1);
    expect(hub.tooManyRequests()).toBe(0);
  });
});

describe('Docker Hub pull limit (stand-in)', () => {
  it('skips a lookup that needs more pulls than are left, before spending any, and never runs into 429', async () => {
    const limited = await startDockerHubStandIn({ upstream, pullLimit: 10, privateRepositories: ['acme/p1', 'acme/p2', 'acme/p3'] });
    try {
      const { rows } = await check([
        imageRelease('p1', 'acme/p1', '1.0.0', 'Newest'),
        imageRelease('p2', 'acme/p2', '1.0.0', 'Newest'),
        imageRelease('p3', 'acme/p3', '1.0.0', 'Newest'),
      ], limited);
      const skipped = rows.filter((r) => r.decision === 'skip');
      expect(rows.filter((r) => r.decision === 'upgrade').map((r) => r.candidate)).toEqual(['1.1.0', '1.1.0']);
      expect(skipped).toHaveLength(1);
      expect(skipped[0]!.reason).toMatch(/Docker Hub pull limit: 2 left of 10 per 6 h, 4 manifest fetches needed for creation times; skipped rather than run into HTTP 429/);
      expect(limited.pulls).toBe(2 * NON_MOVING_TAGS);
      const skippedRepository = skipped[0]!.repository.replace(/^docker\.io\//, '');
      expect(limited.registry.log.requests.filter((r) => r.method === 'GET' && r.url.includes(`/${skippedRepository}/manifests/`))).toHaveLength(0);
      expect(limited.tooManyRequests()).toBe(0);
    } finally {
      await limited.stop();
    }
  });

  it('takes a 429 that carries the limit as a skip, not retried, and sends no more manifest GETs after it', async () => {
    const exhausted = await startDockerHubStandIn({ upstream, pullLimit: 10 });
    exhausted.remaining = 0;
    try {
      const { rows } = await check([
        imageRelease('api', 'acme/api', '1.0.0', 'PatchLevel'),
        imageRelease('nginx', 'nginx', '1.0.0', 'PatchLevel'),
      ], exhausted);
      expect(rows.map((r) => r.decision)).toEqual(['skip', 'skip']);
      for (const row of rows) expect(row.reason).toMatch(/Docker Hub pull limit: 0 left of 10 per 6 h/);
      expect(rows.some((r) => /\(HTTP 429\); skipped, not retried/.test(r.reason))).toBe(true);
      // At most one 429 per trigger (the two may be in flight together before the first 429 is back), none retried.
      expect(exhausted.tooManyRequests()).toBeGreaterThanOrEqual(1);
      expect(exhausted.tooManyRequests()).toBeLessThanOrEqual(rows.length);
      expect(exhausted.registry.kinds().manifestGets).toBe(exhausted.tooManyRequests());
    } finally {
      await exhausted.stop();
    }
  });
});
