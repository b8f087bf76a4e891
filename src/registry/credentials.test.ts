import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { configKeyToHost, credentialResolver, isGoogleRegistry, loadDockerConfig, parseDockerConfig } from './credentials.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('docker config', () => {
  test('reads auth, username/password, registrytoken and identitytoken entries, and the helpers named', () => {
    const parsed = parseDockerConfig(JSON.stringify({
      auths: {
        'https://index.docker.io/v1/': { auth: b64('hub:p:with:colons') },
        'ghcr.io': { username: 'me', password: 'pat' },
        'reg.example:5000': { registrytoken: 'tok' },
        'broken.example': { auth: b64('nocolon') },
        'myreg.azurecr.io': { identitytoken: 'refresh' },
      },
      credsStore: 'desktop',
      credHelpers: { 'gcr.io': 'gcloud' },
    }));
    expect(parsed.credentials).toEqual({
      'registry-1.docker.io': { username: 'hub', password: 'p:with:colons' },
      'ghcr.io': { username: 'me', password: 'pat' },
      'reg.example:5000': { token: 'tok' },
      'myreg.azurecr.io': { identityToken: 'refresh' },
    });
    expect(parsed.helpers).toEqual({ credsStore: 'desktop', credHelpers: { 'gcr.io': 'gcloud' } });
    expect(parsed.warnings).toEqual([expect.stringMatching(/broken.example has an unreadable "auth"/)]);
  });

  test('helper entries that are not names are warnings', () => {
    const parsed = parseDockerConfig(JSON.stringify({ credsStore: 7, credHelpers: { 'a.example': 'ok', 'b.example': { evil: 1 } } }));
    expect(parsed.helpers).toEqual({ credHelpers: { 'a.example': 'ok' } });
    expect(parsed.warnings.join('\n')).toMatch(/"credsStore" must be a helper name/);
    expect(parsed.warnings.join('\n')).toMatch(/credHelpers entry for b.example is not a helper name/);
  });

  test('invalid JSON is a warning', () => {
    expect(parseDockerConfig('{').warnings).toHaveLength(1);
  });

  test('loads $DOCKER_CONFIG/config.json, and a missing file is no credentials', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubecd-docker-'));
    try {
      expect((await loadDockerConfig({ DOCKER_CONFIG: dir })).credentials).toEqual({});
      await writeFile(join(dir, 'config.json'), JSON.stringify({ auths: { 'h.example': { auth: b64('u:p') } } }));
      expect((await loadDockerConfig({ DOCKER_CONFIG: dir })).credentials).toEqual({ 'h.example': { username: 'u', password: 'p' } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test.each([
    ['https://index.docker.io/v1/', 'registry-1.docker.io'],
    ['docker.io', 'registry-1.docker.io'],
    ['http://Localhost:5000/v2/', 'localhost:5000'],
    ['us-docker.pkg.dev', 'us-docker.pkg.dev'],
  ])('config key %s is host %s', (key, host) => {
    expect(configKeyToHost(key)).toBe(host);
  });
});

describe('credentialResolver', () => {
  const resolve = credentialResolver({
    explicit: { 'docker.io': { username: 'explicit', password: 'x' } },
    dockerConfig: { 'registry-1.docker.io': { username: 'config', password: 'y' }, 'other.example': { token: 't' } },
    githubToken: 'ghs_123',
    googleAccessToken: async () => 'ya29.token',
  });

  test('explicit inputs beat the docker config', async () => {
    expect(await resolve('registry-1.docker.io')).toEqual({ username: 'explicit', password: 'x' });
  });

  test('GHCR gets the GitHub token, Google registries the access token', async () => {
    expect(await resolve('ghcr.io')).toEqual({ username: 'x-access-token', password: 'ghs_123' });
    expect(await resolve('eu.gcr.io')).toEqual({ username: 'oauth2accesstoken', password: 'ya29.token' });
    expect(await resolve('europe-west1-docker.pkg.dev')).toEqual({ username: 'oauth2accesstoken', password: 'ya29.token' });
  });

  test('falls back to the docker config, then nothing', async () => {
    expect(await resolve('other.example')).toEqual({ token: 't' });
    expect(await resolve('nothing.example')).toBeUndefined();
  });

  test('google registry names', () => {
    expect(isGoogleRegistry('gcr.io')).toBe(true);
    expect(isGoogleRegistry('us.gcr.io')).toBe(true);
    expect(isGoogleRegistry('us-central1-docker.pkg.dev')).toBe(true);
    expect(isGoogleRegistry('notgcr.io')).toBe(false);
    expect(isGoogleRegistry('pkg.dev')).toBe(false);
  });
});

describe('credential precedence', () => {
  const helperCalls: string[] = [];
  const sources = (extra: Partial<Parameters<typeof credentialResolver>[0]> = {}) => credentialResolver({
    explicit: { 'both.example': { username: 'explicit', password: 'x' } },
    vendors: [{ name: 'ECR', handles: (host) => host.endsWith('.amazonaws.com'), credential: async () => ({ username: 'AWS', password: 'vendor' }) }],
    dockerHelpers: { credHelpers: { 'both.example': 'h1', '1.dkr.ecr.eu-west-1.amazonaws.com': 'h1', 'helped.example': 'h1' }, credsStore: 'store' },
    runHelper: async (helper, server) => {
      helperCalls.push(`${helper} ${server}`);
      if (server === 'stored.example' || server === 'helped.example') return { username: helper, password: 'p' };
      return undefined;
    },
    dockerConfig: { 'helped.example': { username: 'auths', password: 'a' }, 'stored.example': { username: 'auths', password: 'a' }, 'auths.example': { username: 'auths', password: 'a' } },
    ...extra,
  });

  test('explicit > vendor > credHelpers > credsStore > auths, each helper run only for the host asked', async () => {
    const resolve = sources();
    expect(await resolve('both.example')).toEqual({ username: 'explicit', password: 'x' });
    expect(await resolve('1.dkr.ecr.eu-west-1.amazonaws.com')).toEqual({ username: 'AWS', password: 'vendor' });
    expect(await resolve('helped.example')).toEqual({ username: 'h1', password: 'p' });
    expect(await resolve('stored.example')).toEqual({ username: 'store', password: 'p' });
    expect(await resolve('auths.example')).toEqual({ username: 'auths', password: 'a' });
    expect(helperCalls).toEqual(['h1 helped.example', 'store stored.example', 'store auths.example']);
  });

  test('a vendor without an identity here is passed over with a warning', async () => {
    const warnings: string[] = [];
    const resolve = sources({
      vendors: [{ name: 'ECR', handles: () => true, credential: async () => { throw new Error('Could not load credentials from any providers'); } }],
      warn: (message) => warnings.push(message),
    });
    expect(await resolve('auths.example')).toEqual({ username: 'auths', password: 'a' });
    expect(warnings).toEqual(['auths.example: no ECR credentials from the environment (Could not load credentials from any providers); trying the docker config']);
  });
});
