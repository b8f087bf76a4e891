import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeCredentialHelper, type FakeCredentialHelper } from '../../test/standins/credential-helper.js';
import { cleanupAll, makeTempDir } from '../../test/harness/process.js';
import { credentialHelpers, parseHelperAnswer } from './credential-helpers.js';
import { credentialResolver, parseDockerConfig } from './credentials.js';

afterAll(cleanupAll);

const answer = (server: string, user: string, secret: string) => ({ stdout: JSON.stringify({ ServerURL: server, Username: user, Secret: secret }) });

describe('docker credential helper stand-in (docker-credential-NAME get)', () => {
  let dir: string;
  let ecrHelper: FakeCredentialHelper;
  let store: FakeCredentialHelper;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = await makeTempDir('cred-helpers');
    ecrHelper = await writeCredentialHelper(dir, 'fake-ecr', {
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com': answer('123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'AWS', 'ecr-helper-s3cret'),
    });
    store = await writeCredentialHelper(dir, 'fake-store', {
      'reg.example.com': answer('https://reg.example.com', 'ci', 'store-s3cret'),
      'https://index.docker.io/v1/': answer('https://index.docker.io/v1/', 'hubuser', 'hub-s3cret'),
      'tokens.example.com': answer('tokens.example.com', '<token>', 'refresh-s3cret'),
      'garbage.example.com': { stdout: 'not json at all ecr-helper-s3cret' },
      'other-server.example.com': answer('evil.example.net', 'ci', 'x-s3cret'),
      'nosecret.example.com': { stdout: JSON.stringify({ ServerURL: 'nosecret.example.com', Username: 'ci' }) },
      'broken.example.com': { stdout: '', stderr: 'keychain locked', exitCode: 3 },
      'slow.example.com': { ...answer('slow.example.com', 'ci', 'slow-s3cret'), sleepSeconds: 5 },
    });
    env = { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}` };
  });

  function resolverFor(config: unknown, secrets: string[] = [], timeoutMs?: number) {
    const docker = parseDockerConfig(JSON.stringify(config));
    return credentialResolver({
      dockerConfig: docker.credentials,
      dockerHelpers: docker.helpers,
      runHelper: credentialHelpers({ env, onSecret: (s) => secrets.push(s), ...(timeoutMs ? { timeoutMs } : {}) }),
    });
  }

  test('credHelpers runs the named helper only for its host, once, with the host on stdin; the Secret is masked', async () => {
    const secrets: string[] = [];
    const resolve = resolverFor({
      credHelpers: { '123456789012.dkr.ecr.eu-west-1.amazonaws.com': 'fake-ecr' },
      auths: { 'plain.example.com': { auth: Buffer.from('u:p').toString('base64') } },
    }, secrets);
    expect(await resolve('plain.example.com')).toEqual({ username: 'u', password: 'p' });
    expect(await ecrHelper.calls()).toEqual([]);
    const host = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
    expect(await resolve(host)).toEqual({ username: 'AWS', password: 'ecr-helper-s3cret' });
    expect(await resolve(host)).toEqual({ username: 'AWS', password: 'ecr-helper-s3cret' });
    expect(await ecrHelper.calls()).toEqual([`get ${host}`]);
    expect(secrets).toEqual(['ecr-helper-s3cret']);
  });

  test('credsStore serves the hosts without their own helper; Docker Hub is asked by its index URL', async () => {
    const before = (await store.calls()).length;
    const resolve = resolverFor({ credsStore: 'fake-store', credHelpers: { '123456789012.dkr.ecr.eu-west-1.amazonaws.com': 'fake-ecr' } });
    expect(await resolve('reg.example.com')).toEqual({ username: 'ci', password: 'store-s3cret' });
    expect(await resolve('registry-1.docker.io')).toEqual({ username: 'hubuser', password: 'hub-s3cret' });
    expect(await resolve('123456789012.dkr.ecr.eu-west-1.amazonaws.com')).toEqual({ username: 'AWS', password: 'ecr-helper-s3cret' });
    // "credentials not found" is no credentials, not an error.
    expect(await resolve('unknown.example.com')).toBeUndefined();
    expect((await store.calls()).slice(before)).toEqual(['get reg.example.com', 'get https://index.docker.io/v1/', 'get unknown.example.com']);
  });

  test('a <token> user is an identity token', async () => {
    const resolve = resolverFor({ credsStore: 'fake-store' });
    expect(await resolve('tokens.example.com')).toEqual({ identityToken: 'refresh-s3cret' });
  });

  test.each([
    ['garbage.example.com', /docker-credential-fake-store get did not answer JSON \(expected \{"ServerURL"/],
    ['other-server.example.com', /answered for another server than other-server\.example\.com/],
    ['nosecret.example.com', /without a string "Username" and a non-empty string "Secret"/],
    ['broken.example.com', /docker-credential-fake-store get failed \(exit 3\): keychain locked/],
  ])('bad helper answer for %s is a clear error without the secret', async (host, message) => {
    const resolve = resolverFor({ credsStore: 'fake-store' });
    const error = await resolve(host).then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toMatch(/s3cret/);
  });

  test('a helper that hangs is stopped at the time limit', async () => {
    const resolve = resolverFor({ credsStore: 'fake-store' }, [], 300);
    const started = performance.now();
    await expect(resolve('slow.example.com')).rejects.toThrow(/fake-store get failed.*timed out after 300 ms/);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  test('a helper that is not installed, and a name that is not a helper name, are errors naming them', async () => {
    await expect(resolverFor({ credsStore: 'not-installed' })('r.example.com')).rejects.toThrow(/docker-credential-not-installed is not installed/);
    const calls: string[] = [];
    const runHelper = credentialHelpers({ env, run: async (command) => { calls.push(command); return { code: 0, stdout: '', stderr: '' }; } });
    await expect(runHelper('../../bin/sh', 'r.example.com')).rejects.toThrow(/names credential helper "\.\.\/\.\.\/bin\/sh", which is not a helper name/);
    await expect(runHelper('x; rm -rf /', 'r.example.com')).rejects.toThrow(/not a helper name/);
    expect(calls).toEqual([]);
  });
});

describe('parseHelperAnswer', () => {
  test('accepts an empty ServerURL and keeps colons in the Secret', () => {
    expect(parseHelperAnswer('x', 'r.example.com', '{"ServerURL":"","Username":"u","Secret":"a:b"}')).toEqual({ username: 'u', password: 'a:b' });
  });
});
