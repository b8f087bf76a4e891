// A ServiceAccount that may write one namespace only, and the folder the kubelet would mount for it
// (token from the TokenRequest API, ca.crt, namespace), made through the test API server's admin.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../harness/tools.js';
import { apiRequest, createIfMissing, type ApiTarget } from '../harness/cluster-api.js';
import type { RunningCluster } from '../harness/cluster.js';

export interface ServiceAccountMount {
  /** Holds token, ca.crt and namespace, as /var/run/secrets/kubernetes.io/serviceaccount does. */
  dir: string;
  token: string;
  namespace: string;
  name: string;
}

export function apiTarget(cluster: RunningCluster): ApiTarget {
  return { server: cluster.server, ca: Buffer.from(cluster.caData, 'base64').toString('utf8') };
}

export async function createNamespace(cluster: RunningCluster, namespace: string): Promise<void> {
  await createIfMissing(apiTarget(cluster), cluster.adminToken, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
}

/** The Role rules the kubecd-agent chart grants by default (its values.yaml `rbac.rules`). */
export async function chartRoleRules(): Promise<unknown[]> {
  const values = parse(await readFile(join(REPO_ROOT, 'charts/kubecd-agent/values.yaml'), 'utf8')) as { rbac: { rules: unknown[] } };
  return values.rbac.rules;
}

/**
 * Creates the ServiceAccount with the chart's Role in `namespace` (nothing elsewhere), so the agent runs with
 * the rights its chart gives it, and mounts a fresh token into `parent`.
 */
export async function namespaceServiceAccount(cluster: RunningCluster, namespace: string, name: string, parent: string): Promise<ServiceAccountMount> {
  const target = apiTarget(cluster);
  const admin = cluster.adminToken;
  await createNamespace(cluster, namespace);
  await createIfMissing(target, admin, `/api/v1/namespaces/${namespace}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } });
  const rbac = `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}`;
  await createIfMissing(target, admin, `${rbac}/roles`, {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: `${name}-writer` },
    rules: await chartRoleRules(),
  });
  await createIfMissing(target, admin, `${rbac}/rolebindings`, {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: `${name}-writer` },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${name}-writer` },
    subjects: [{ kind: 'ServiceAccount', name, namespace }],
  });
  const issued = await apiRequest(target, admin, 'POST', `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`, {
    apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600 },
  });
  if (issued.status !== 201 && issued.status !== 200) throw new Error(`TokenRequest answered ${issued.status}: ${issued.body}`);
  const token = issued.json<{ status: { token: string } }>().status.token;

  // The RBAC authorizer works from a cache: wait until it has seen the binding.
  const deadline = Date.now() + 15_000;
  for (;;) {
    const probe = await apiRequest(target, token, 'GET', `/api/v1/namespaces/${namespace}/secrets`);
    if (probe.status === 200) break;
    if (Date.now() > deadline) throw new Error(`the ServiceAccount token still gets ${probe.status} in ${namespace}: ${probe.body}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const dir = join(parent, 'serviceaccount');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'token'), token, { mode: 0o600 });
  await writeFile(join(dir, 'ca.crt'), target.ca);
  await writeFile(join(dir, 'namespace'), namespace);
  return { dir, token, namespace, name };
}

/**
 * Invalidates every token of the ServiceAccount (deleted and made again: tokens are bound to its UID) and
 * swaps a new one into the mounted folder as the kubelet does (a new file renamed over the old). Resolves
 * once the API server refuses the old token.
 */
export async function rotateServiceAccountToken(cluster: RunningCluster, mount: ServiceAccountMount): Promise<string> {
  const target = apiTarget(cluster);
  const path = `/api/v1/namespaces/${mount.namespace}/serviceaccounts`;
  const deleted = await apiRequest(target, cluster.adminToken, 'DELETE', `${path}/${mount.name}`);
  if (deleted.status !== 200) throw new Error(`DELETE serviceaccount answered ${deleted.status}: ${deleted.body}`);
  const deadline = Date.now() + 15_000;
  while ((await apiRequest(target, mount.token, 'GET', `/api/v1/namespaces/${mount.namespace}/secrets`)).status !== 401) {
    if (Date.now() > deadline) throw new Error('the old ServiceAccount token is still accepted');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await createIfMissing(target, cluster.adminToken, path, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: mount.name } });
  const issued = await apiRequest(target, cluster.adminToken, 'POST', `${path}/${mount.name}/token`, {
    apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600 },
  });
  if (issued.status !== 201 && issued.status !== 200) throw new Error(`TokenRequest answered ${issued.status}: ${issued.body}`);
  const token = issued.json<{ status: { token: string } }>().status.token;
  await writeFile(join(mount.dir, 'token.new'), token, { mode: 0o600 });
  await rename(join(mount.dir, 'token.new'), join(mount.dir, 'token'));
  return token;
}

/** A ConfigMap's `data` key as the admin reads it, or undefined when there is no such ConfigMap. */
export async function configMapValue(cluster: RunningCluster, namespace: string, name: string, key: string): Promise<string | undefined> {
  const response = await apiRequest(apiTarget(cluster), cluster.adminToken, 'GET', `/api/v1/namespaces/${namespace}/configmaps/${name}`, undefined, 5_000);
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw new Error(`GET configmap ${namespace}/${name} answered ${response.status}`);
  return response.json<{ data?: Record<string, string> }>().data?.[key];
}
