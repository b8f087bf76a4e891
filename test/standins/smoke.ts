// One call for the harness smoke run: start every stand-in, prove each answers a correct request and rejects a
// wrong one, stop them all, and report start-up times.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startGitHubStandIn } from './github.js';
import { startGoogleStandIns } from './google.js';
import { startSlackStandIn } from './slack.js';

const run = promisify(execFile);
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export interface StandInCheck {
  name: string;
  /** Start-up time of the stand-in (or of the group it was started with). */
  startupMs: number;
  /** HTTP status of the correct request (expected 2xx). */
  acceptedStatus: number;
  /** HTTP status of the wrong request (expected 4xx). */
  rejectedStatus: number;
  ok: boolean;
}

export async function checkStandIns(): Promise<StandInCheck[]> {
  const dir = await mkdtemp(join(tmpdir(), 'kubecd-standins-smoke-'));
  const stops: (() => Promise<void>)[] = [];
  const results: StandInCheck[] = [];
  const record = (name: string, startupMs: number, acceptedStatus: number, rejectedStatus: number) =>
    results.push({
      name,
      startupMs,
      acceptedStatus,
      rejectedStatus,
      ok: acceptedStatus >= 200 && acceptedStatus < 300 && rejectedStatus >= 400 && rejectedStatus < 500,
    });
  const timed = async <T>(start: () => Promise<T>): Promise<[T, number]> => {
    const began = performance.now();
    const value = await start();
    return [value, Math.round(performance.now() - began)];
  };

  try {
    const gitDir = join(dir, 'remote.git');
    await createBareRepoWithMain(gitDir);
    const [github, githubMs] = await timed(() => startGitHubStandIn({ token: 'smoke-token', owner: 'acme', repo: 'deployments', gitDir }));
    stops.push(github.stop);
    const refUrl = `${github.url}/repos/acme/deployments/git/ref/heads/main`;
    const githubHeaders = (token: string) => ({ authorization: `token ${token}`, 'user-agent': 'kubecd-smoke' });
    record('github', githubMs, (await fetch(refUrl, { headers: githubHeaders('smoke-token') })).status,
      (await fetch(refUrl, { headers: githubHeaders('wrong') })).status);

    const [google, googleMs] = await timed(() =>
      startGoogleStandIns({
        accessToken: 'smoke-access-token',
        clusters: [{ project: 'p', location: 'l', name: 'c', endpoint: '127.0.0.1:1', caCertificatePem: 'pem' }],
        addresses: [{ project: 'p', region: 'r', name: 'a', address: '10.0.0.1' }],
      }),
    );
    stops.push(google.stop);
    const oidcUrl = `${google.oidc.requestUrl}&audience=${encodeURIComponent(google.oidcAudience)}`;
    const oidcOk = await fetch(oidcUrl, { headers: { authorization: `Bearer ${google.oidc.requestToken}` } });
    const idToken = ((await oidcOk.json()) as { value: string }).value;
    record('github-oidc', googleMs, oidcOk.status, (await fetch(oidcUrl)).status);

    const stsBody = (audience: string) =>
      new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        audience,
        requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        subject_token: idToken,
        scope: 'https://www.googleapis.com/auth/cloud-platform',
      });
    const stsOk = await fetch(google.sts.tokenUrl, { method: 'POST', body: stsBody(google.sts.audience) });
    const federated = ((await stsOk.json()) as { access_token: string }).access_token;
    record('google-sts', googleMs, stsOk.status, (await fetch(google.sts.tokenUrl, { method: 'POST', body: stsBody('//iam.googleapis.com/wrong') })).status);

    const iamUrl = google.iam.impersonationUrl(google.serviceAccount);
    const iamCall = (token: string) =>
      fetch(iamUrl, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ scope: ['https://www.googleapis.com/auth/cloud-platform'] }),
      });
    record('google-iam', googleMs, (await iamCall(federated)).status, (await iamCall('bogus')).status);

    const bearer = { authorization: 'Bearer smoke-access-token' };
    record('gke', googleMs, (await fetch(`${google.gke.url}/v1/projects/p/locations/l/clusters/c`, { headers: bearer })).status,
      (await fetch(`${google.gke.url}/v1/projects/p/locations/l/clusters/missing`, { headers: bearer })).status);
    const addressUrl = `${google.gce.url}/compute/v1/projects/p/regions/r/addresses/a`;
    record('gce', googleMs, (await fetch(addressUrl, { headers: bearer })).status, (await fetch(addressUrl)).status);

    const [slack, slackMs] = await timed(() => startSlackStandIn());
    stops.push(slack.stop);
    const slackPost = (body: string) => fetch(slack.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    record('slack', slackMs, (await slackPost('{"text":"smoke"}')).status, (await slackPost('{oops')).status);
    return results;
  } finally {
    await Promise.allSettled(stops.map((stop) => stop()));
    await rm(dir, { recursive: true, force: true });
  }
}

async function createBareRepoWithMain(gitDir: string): Promise<void> {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'smoke', GIT_AUTHOR_EMAIL: 'smoke@example.invalid', GIT_COMMITTER_NAME: 'smoke', GIT_COMMITTER_EMAIL: 'smoke@example.invalid' };
  await run('git', ['init', '--quiet', '--bare', gitDir], { env });
  const { stdout } = await run('git', ['--git-dir', gitDir, 'commit-tree', EMPTY_TREE, '-m', 'initial'], { env });
  await run('git', ['--git-dir', gitDir, 'update-ref', 'refs/heads/main', stdout.trim()], { env });
}
