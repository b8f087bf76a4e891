import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { configKeyToHost, credentialResolver, isGoogleRegistry, loadDockerConfig, parseDockerConfig } from './credentials.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('docker config', () => {
  test('reads auth, username/password and registrytoken entries; warns about helpers', () => {
    const parsed = parseDockerConfig(JSON.stringify({
      auths: {
        'https://index.docker.io/v1/': { auth: b64('hub:p:with:colons') },
        'ghcr.io': { username: 'me', password: 'pat' },
        'reg.example:5000': { registrytoken: 'tok' },
        'broken.example': { auth: b64('nocolon') },
      },
      credsStore: 'desktop',
      credHelpers: { 'gcr.io': 'gcloud' },
    }));
    expect(parsed.credentials).toEqual({
      'registry-1.docker.io': { username: 'hub', password: 'p:with:colons' },
      'ghcr.io': { username: 'me', password: 'pat' },
      'reg.example:5000': { token: 'tok' },
    });
    expect(parsed.warnings.join('\n')).toMatch(/credsStore "desktop"/);
    expect(parsed.warnings.join('\n')).toMatch(/gcloud/);
    expect(parsed.warnings.join('\n')).toMatch(/broken.example/);
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
