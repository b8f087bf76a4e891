// Newest on a private Docker Hub repository with Docker Hub credentials in the docker config: the tags API is
// asked anonymously, refuses, and is asked again with a Hub JWT from one login per run — so the times cost no
// pulls. A wrong password is warned about once and falls back to per-tag fetches under the pull limit.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpgradeRow } from '../../src/upgrades/types.js';
import { pushImage } from '../harness/images.js';
import { cleanupAll, makeTempDir } from '../harness/process.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { startDockerHubStandIn, type DockerHubStandIn } from '../standins/dockerhub.js';
import { UpstreamRegistry } from '../standins/hosted-front.js';
import { checkReleases, imageDay, imageRelease, NEWEST_BY_TIME, NEWEST_BY_TIME_CANDIDATES } from './fixture.js';

const USER = 'acme-ci';
const PASSWORD = 'dckr_pat_s3cret-hub-password';
const day = imageDay;
const IMAGES = NEWEST_BY_TIME;
const NON_MOVING_TAGS = NEWEST_BY_TIME_CANDIDATES;

let reg: RunningRegistry;
let upstream: UpstreamRegistry;

beforeAll(async () => {
  reg = await startRegistry();
  for (const repository of ['acme/private', 'acme/private2', 'acme/api']) {
    for (const [tag, n] of IMAGES) await pushImage(reg, { repository, tag, created: day(n) });
  }
  upstream = new UpstreamRegistry(reg.url);
}, 120_000);

afterAll(async () => {
  await reg?.stop();
  await cleanupAll();
});

async function dockerConfig(password: string): Promise<string> {
  const dir = await makeTempDir('hub-login-docker');
  const auth = Buffer.from(`${USER}:${password}`).toString('base64');
  await writeFile(join(dir, 'config.json'), JSON.stringify({ auths: { 'https://index.docker.io/v1/': { auth } } }));
  return dir;
}

function check(hub: DockerHubStandIn, releases: string[], password: string): ReturnType<typeof checkReleases> {
  return dockerConfig(password).then((dir) => checkReleases(releases, { DOCKER_CONFIG: dir, KUBECD_REGISTRY_ENDPOINTS: JSON.stringify(hub.endpoints) }));
}

const summary = (rows: UpgradeRow[]) => rows.map((r) => `${r.release} ${r.decision} ${r.candidate ?? r.reason}`);
const tagsCalls = (hub: DockerHubStandIn) => hub.hub.log.requests.filter((r) => r.url.includes('/tags'));

describe('Newest on private Docker Hub repositories with a Hub login (Docker Hub stand-in)', () => {
  it('logs in to Hub once and takes the times from the tags API: no pull, the password only in the login body', async () => {
    const hub = await startDockerHubStandIn({ upstream, users: { [USER]: PASSWORD }, privateRepositories: ['acme/private', 'acme/private2'] });
    try {
      const { rows, warnings, secrets } = await check(hub, [
        imageRelease('private', 'acme/private', '1.0.0', 'Newest'),
        imageRelease('private2', 'acme/private2', '1.0.0', 'Newest'),
        imageRelease('public', 'acme/api', '1.0.0', 'Newest'),
      ], PASSWORD);
      expect(summary(rows)).toEqual(['private upgrade 1.1.0', 'private2 upgrade 1.1.0', 'public upgrade 1.1.0']);
      expect(hub.pulls).toBe(0);
      expect(hub.registry.kinds()).toMatchObject({ manifestGets: 0, blobs: 0 });
      expect(warnings.filter((w) => /Docker Hub/.test(w))).toEqual([]);

      // One login for the run, shared by both private repositories.
      expect(hub.logins).toBe(1);
      expect(hub.hubTokens).toHaveLength(1);
      const jwt = hub.hubTokens[0]!;
      const login = hub.hub.log.requests.find((r) => r.url === '/v2/auth/token')!;
      expect(login.method).toBe('POST');
      expect(JSON.parse(login.body)).toEqual({ identifier: USER, secret: PASSWORD });
      // The password travelled in the login body and nowhere else, on any Hub host.
      const elsewhere = hub.hub.log.placesOutsideAuthorization(PASSWORD).filter((place) => !place.startsWith(`request #${hub.hub.log.requests.indexOf(login)} `));
      expect(elsewhere).toEqual([]);
      expect(hub.hub.log.requests.filter((r) => r !== login).some((r) => r.headers.authorization?.includes(PASSWORD))).toBe(false);
      for (const log of [hub.registry.log, hub.auth.log]) {
        expect(log.requests.some((r) => r.url.includes(PASSWORD) || r.body.includes(PASSWORD))).toBe(false);
      }
      // The JWT only in Authorization headers, only to the tags API, and masked.
      hub.hub.log.assertOnlyInAuthorization(jwt);
      hub.registry.log.assertOnlyInAuthorization(jwt);
      hub.auth.log.assertOnlyInAuthorization(jwt);
      expect([...hub.registry.log.requests, ...hub.auth.log.requests].some((r) => r.headers.authorization?.includes(jwt))).toBe(false);
      expect(secrets).toEqual(expect.arrayContaining([PASSWORD, jwt]));

      // Public repositories stay anonymous; private ones are asked anonymously first, then with the JWT.
      const calls = tagsCalls(hub);
      const publicCalls = calls.filter((r) => r.url.includes('/acme/repositories/api/'));
      expect(publicCalls.length).toBeGreaterThan(0);
      expect(publicCalls.every((r) => r.headers.authorization === undefined)).toBe(true);
      for (const name of ['private', 'private2']) {
        const mine = calls.filter((r) => r.url.includes(`/acme/repositories/${name}/`));
        expect(mine.map((r) => [r.status, r.headers.authorization === `Bearer ${jwt}`])).toEqual([[404, false], [200, true]]);
      }
    } finally {
      await hub.stop();
    }
  });

  it('public repositories alone need no login at all', async () => {
    const hub = await startDockerHubStandIn({ upstream, users: { [USER]: PASSWORD } });
    try {
      const { rows } = await check(hub, [imageRelease('public', 'acme/api', '1.0.0', 'Newest')], PASSWORD);
      expect(summary(rows)).toEqual(['public upgrade 1.1.0']);
      expect(hub.logins).toBe(0);
      expect(hub.pulls).toBe(0);
      expect(tagsCalls(hub).every((r) => r.headers.authorization === undefined)).toBe(true);
      expect(hub.hub.log.placesOutsideAuthorization(PASSWORD)).toEqual([]);
    } finally {
      await hub.stop();
    }
  });

  it('a refused login is warned about once and falls back to per-tag fetches, counting their pulls', async () => {
    // The registry takes the password, Hub's API refuses it (as under SSO enforcement).
    const hub = await startDockerHubStandIn({ upstream, users: { [USER]: PASSWORD }, hubUsers: {}, privateRepositories: ['acme/private', 'acme/private2'] });
    try {
      const { rows, warnings } = await check(hub, [
        imageRelease('private', 'acme/private', '1.0.0', 'Newest'),
        imageRelease('private2', 'acme/private2', '1.0.0', 'Newest'),
      ], PASSWORD);
      expect(summary(rows)).toEqual(['private upgrade 1.1.0', 'private2 upgrade 1.1.0']);
      expect(hub.logins).toBe(1);
      expect(hub.hubTokens).toHaveLength(0);
      expect(warnings.filter((w) => /Docker Hub login/.test(w))).toEqual([
        expect.stringMatching(/Docker Hub login for the tags API failed \(HTTP 401\); private Docker Hub repositories are listed through the registry/),
      ]);
      expect(warnings.some((w) => w.includes(PASSWORD))).toBe(false);
      // As without credentials: one manifest GET per non-moving tag per repository.
      expect(hub.pulls).toBe(2 * NON_MOVING_TAGS);
      expect(hub.tooManyRequests()).toBe(0);
    } finally {
      await hub.stop();
    }
  });
});
