import { chmod, writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';

export interface KubeconfigOptions {
  server: string;
  /** base64 of the CA's PEM (goes into certificate-authority-data). */
  caData: string;
  token: string;
  user?: string;
  namespace?: string;
  context?: string;
  cluster?: string;
}

/** A kubeconfig with one cluster, one token user and one context, which is also the current one. */
export function buildKubeconfig(options: KubeconfigOptions): string {
  const cluster = options.cluster ?? 'kubecd-test';
  const user = options.user ?? 'kubecd-test-user';
  const context = options.context ?? 'kubecd-test';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: cluster, cluster: { server: options.server, 'certificate-authority-data': options.caData } }],
    users: [{ name: user, user: { token: options.token } }],
    contexts: [{ name: context, context: { cluster, user, ...(options.namespace ? { namespace: options.namespace } : {}) } }],
    'current-context': context,
    preferences: {},
  });
}

/** Writes the kubeconfig readable by its owner only (kubectl and helm warn about group/world-readable files). */
export async function writeKubeconfigFile(path: string, options: KubeconfigOptions): Promise<string> {
  await writeFile(path, buildKubeconfig(options), { mode: 0o600 });
  await chmod(path, 0o600); // the mode above is ignored when the file already existed
  return path;
}
