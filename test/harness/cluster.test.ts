import { execFile } from 'node:child_process';
import { stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequest } from './cluster-api.js';
import { startCluster, type StartedCluster } from './cluster.js';
import { useCluster } from './use-cluster.js';
import { cleanupAll, runningProcesses } from './process.js';
import { kubectlBinary } from './tools.js';

const execFileAsync = promisify(execFile);
const GKE_USER = { name: 'deployer@kubecd-test.iam.gserviceaccount.com', groups: ['kubecd-deployers'] };

const MANIFESTS = `
apiVersion: v1
kind: Namespace
metadata: { name: admin-apply }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: admin-apply }
data: { greeting: hello }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: admin-apply }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - { name: web, image: "127.0.0.1:5000/web:1.2.3" }
`;

function configMap(name: string, namespace?: string): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(namespace ? { namespace } : {}) }, data: { a: 'b' } });
}

describe('local Kubernetes API server', () => {
  let cluster: StartedCluster;
  const target = () => ({ server: cluster.server, ca: Buffer.from(cluster.caData, 'base64').toString() });

  beforeAll(async () => {
    cluster = await startCluster({ gkeUser: GKE_USER });
    const { timings } = cluster;
    console.log(`[kubecd] kube-apiserver ${cluster.connection.version} + etcd ready in ${timings.startupMs} ms`
      + (timings.apiserverBuiltNow ? `; kube-apiserver built in this run in ${(timings.apiserverBuildMs / 1000).toFixed(1)} s` : ' (binary was cached)'));
  });
  afterAll(async () => {
    await cluster?.stop();
    await cleanupAll();
  });

  it('starts within 20 s of having the binary and serves TLS with the generated CA', async () => {
    expect(cluster.timings.startupMs).toBeLessThan(20_000);
    expect(cluster.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(cluster.connection.version).toMatch(/^v1\.\d+\.\d+/);
    const version = await apiRequest(target(), cluster.adminToken, 'GET', '/version');
    expect(version.status).toBe(200);
  });

  it('applies a ConfigMap and a Deployment with the admin kubeconfig', async () => {
    const kubeconfig = await cluster.writeKubeconfig();
    expect((await stat(kubeconfig)).mode & 0o777).toBe(0o600);
    const kubectl = await kubectlBinary();

    const manifestFile = join(dirname(kubeconfig), 'manifests.yaml');
    await writeFile(manifestFile, MANIFESTS);
    const applied = await execFileAsync(kubectl, ['--kubeconfig', kubeconfig, 'apply', '-f', manifestFile]);
    expect(applied.stdout).toContain('deployment.apps/web created');
    expect(applied.stdout).toContain('configmap/settings created');

    const { stdout } = await execFileAsync(kubectl, ['--kubeconfig', kubeconfig, 'get', 'deployment', 'web', '-n', 'admin-apply', '-o', 'json']);
    const deployment = JSON.parse(stdout) as { spec: { replicas: number; template: { spec: { containers: { image: string }[] } } } };
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.template.spec.containers[0]?.image).toBe('127.0.0.1:5000/web:1.2.3');
    const greeting = await cluster.kubectl(['get', 'configmap', 'settings', '-n', 'admin-apply', '-o', 'jsonpath={.data.greeting}']);
    expect(greeting.stdout).toBe('hello');
  });

  it('lets a namespace credential write its own namespace only', async () => {
    const credential = await cluster.namespaceCredential('team-a');
    await cluster.namespaceCredential('team-b'); // another namespace that exists, owned by someone else
    expect(credential.user).toMatch(/^ns-user-\d+$/);
    expect(await cluster.namespaceCredential('team-a')).toEqual(credential);

    const kubeconfig = await cluster.writeKubeconfig({ token: credential.token, namespace: 'team-a', context: 'team-a' });
    const kubectl = await kubectlBinary();
    const own = await execFileAsync(kubectl, ['--kubeconfig', kubeconfig, 'create', 'configmap', 'mine', '--from-literal=a=b']);
    expect(own.stdout).toContain('configmap/mine created');

    const other = await cluster.kubectl(['apply', '-n', 'team-b', '-f', '-'], { token: credential.token, input: configMap('theirs') });
    expect(other.code).not.toBe(0);
    expect(other.stderr).toMatch(/forbidden/i);
    expect(other.stderr).toContain(`User "${credential.user}"`);

    const token = credential.token;
    const inOther = await apiRequest(target(), token, 'POST', '/api/v1/namespaces/team-b/configmaps', JSON.parse(configMap('theirs')));
    expect(inOther.status).toBe(403);
    const clusterScoped = await apiRequest(target(), token, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-c' } });
    expect(clusterScoped.status).toBe(403);
    expect(clusterScoped.json<{ reason: string }>().reason).toBe('Forbidden');
    const clusterRole = await apiRequest(target(), token, 'POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'sneaky' }, rules: [],
    });
    expect(clusterRole.status).toBe(403);
    const inOwn = await apiRequest(target(), token, 'POST', '/api/v1/namespaces/team-a/configmaps', JSON.parse(configMap('via-api')));
    expect(inOwn.status).toBe(201);
  });

  it('accepts the token the Google stand-ins mint, as the user it was started with', async () => {
    const whoami = await cluster.kubectl(['auth', 'whoami', '-o', 'json'], { token: cluster.gkeToken });
    expect(whoami.code).toBe(0);
    const review = JSON.parse(whoami.stdout) as { status: { userInfo: { username: string; groups: string[] } } };
    expect(review.status.userInfo.username).toBe(GKE_USER.name);
    expect(review.status.userInfo.groups).toContain('kubecd-deployers');

    const created = await apiRequest(target(), cluster.gkeToken, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gke-made' } });
    expect(created.status).toBe(201);
    const wrong = await apiRequest(target(), 'not-a-token', 'GET', '/api/v1/namespaces');
    expect(wrong.status).toBe(401);
  });

  it('trusts client certificates signed by its CA', async () => {
    const { certFile, keyFile } = cluster.adminClientCert;
    const kubeconfig = await cluster.writeKubeconfig();
    const result = await execFileAsync(await kubectlBinary(), [
      '--kubeconfig', kubeconfig, '--token=', `--client-certificate=${certFile}`, `--client-key=${keyFile}`, 'auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}',
    ]);
    expect(result.stdout).toBe('kubecd-admin-cert');
  });

  it('stops etcd and kube-apiserver by pid and removes its folder', async () => {
    const pids = cluster.processes.map((p) => p.pid);
    expect(pids).toHaveLength(2);
    await cluster.stop();
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
    expect(runningProcesses().filter((p) => pids.includes(p.pid))).toEqual([]);
    await expect(stat(cluster.caFile)).rejects.toThrow(/ENOENT/);
  });
});

describe('useCluster()', () => {
  const cluster = useCluster();

  it('gives a test file a working cluster handle with one line', async () => {
    const credential = await cluster.namespaceCredential('use-cluster-demo');
    const created = await cluster.kubectl(['create', 'configmap', 'from-handle', '-n', 'use-cluster-demo', '--from-literal=k=v'], { token: credential.token });
    expect(created.code).toBe(0);
    const read = await cluster.kubectl(['get', 'configmap', 'from-handle', '-n', 'use-cluster-demo', '-o', 'jsonpath={.data.k}']);
    expect(read.stdout).toBe('v');
  });
});
