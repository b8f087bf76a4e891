import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanupAll, makeTempDir } from '../../test/harness/process.js';
import { InClusterError, inClusterConfig, inClusterServer, openInClusterAccess } from './in-cluster.js';

afterAll(cleanupAll);

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const ENV = { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' };

async function serviceAccountDir(files: Record<string, string> = { token: 'token-one-abc', 'ca.crt': CA, namespace: 'shop\n' }): Promise<string> {
  const dir = await makeTempDir('sa');
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('in-cluster configuration', () => {
  test('the API server comes from KUBERNETES_SERVICE_HOST/PORT, an IPv6 host in brackets', () => {
    expect(inClusterServer(ENV)).toBe('https://10.0.0.1:443');
    expect(inClusterServer({ KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '6443' })).toBe('https://[fd00::1]:6443');
    expect(() => inClusterServer({})).toThrow(/not running in a pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set/);
    expect(() => inClusterServer({ KUBERNETES_SERVICE_HOST: 'evil.test/x?', KUBERNETES_SERVICE_PORT: '443' })).toThrow(/is not a host name or IP address/);
    expect(() => inClusterServer({ ...ENV, KUBERNETES_SERVICE_PORT: '99999' })).toThrow(/"99999" is not a port number/);
  });

  test('reads the folder: token and CA paths, the namespace', async () => {
    const dir = await serviceAccountDir();
    expect(await inClusterConfig(dir, ENV)).toEqual({ server: 'https://10.0.0.1:443', tokenFile: join(dir, 'token'), caFile: join(dir, 'ca.crt'), namespace: 'shop' });
  });

  test.each([
    ['no token', { 'ca.crt': CA }, /cannot read the ServiceAccount token .*token: ENOENT/],
    ['an empty token', { token: '\n', 'ca.crt': CA }, /token .*token is empty or not one line/],
    ['no CA', { token: 'abc' }, /cannot read the cluster CA .*ca\.crt: ENOENT/],
    ['a CA that is no certificate', { token: 'abc', 'ca.crt': 'hello' }, /holds no PEM certificate/],
    ['a namespace that is no name', { token: 'abc', 'ca.crt': CA, namespace: '--all' }, /holds "--all", not a namespace name/],
  ])('refuses a folder with %s, naming the file', async (_, files, message) => {
    await expect(inClusterConfig(await serviceAccountDir(files), ENV)).rejects.toThrow(InClusterError);
    await expect(inClusterConfig(await serviceAccountDir(files), ENV)).rejects.toThrow(message);
  });

  test('the kubeconfig names the token file, never the token; fresh() re-reads a rotated token and masks it', async () => {
    const dir = await serviceAccountDir();
    const secrets: string[] = [];
    const access = await openInClusterAccess(await inClusterConfig(dir, ENV), (value) => secrets.push(value));
    const kubeconfigFile = access.target.kubeconfig!;
    const text = await readFile(kubeconfigFile, 'utf8');
    expect(text).not.toContain('token-one-abc');
    expect((await stat(kubeconfigFile)).mode & 0o777).toBe(0o600);
    const kubeconfig = parse(text) as { users: { user: Record<string, string> }[]; clusters: { cluster: Record<string, string> }[]; contexts: { context: Record<string, string> }[] };
    expect(kubeconfig.users[0]!.user).toEqual({ tokenFile: join(dir, 'token') });
    expect(kubeconfig.clusters[0]!.cluster).toEqual({ server: 'https://10.0.0.1:443', 'certificate-authority': join(dir, 'ca.crt') });
    expect(kubeconfig.contexts[0]!.context.namespace).toBe('shop');
    expect(access.description).toBe('in-cluster ServiceAccount of namespace shop at https://10.0.0.1:443');

    await writeFile(join(dir, 'token'), 'token-two-def\n');
    await access.fresh();
    expect(secrets).toEqual(['token-one-abc', 'token-two-def']);
    await rm(join(dir, 'token'));
    await expect(access.fresh()).rejects.toThrow(/cannot read the ServiceAccount token .*: ENOENT/);

    await access.close();
    await expect(stat(kubeconfigFile)).rejects.toThrow(/ENOENT/);
  });
});
