import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClusterAccess } from '../kube/access.js';
import { atomicWrite } from '../fs/atomic-write.js';
import { privateTempDir } from '../fs/temp-dir.js';
import { buildKubeconfig } from '../kube/kubeconfig.js';

/** Where a cloud's cluster API is, as its own API tells. */
export interface ClusterConnection {
  server: string;
  /** base64 PEM; undefined for the DNS endpoint, which presents a publicly trusted certificate. */
  caData?: string;
}

export interface TokenAccessOptions {
  connection: ClusterConnection;
  name: string;
  namespace: string;
  /** The current token; may return a renewed one on any call. */
  token: () => Promise<string>;
  onSecret: (value: string) => void;
  env?: NodeJS.ProcessEnv;
}

/**
 * Cluster access through a kubeconfig holding a bearer token. `fresh()` asks for the token before every
 * command and rewrites the kubeconfig (atomically) when it changed, so long applies outlive a token.
 */
export async function tokenKubeconfigAccess(options: TokenAccessOptions): Promise<ClusterAccess> {
  const dir = await privateTempDir('kubecd-kube-', options.env);
  const kubeconfig = join(dir, 'kubeconfig');
  let current = '';
  let renewing: Promise<void> | undefined;
  const renew = async () => {
    const token = await options.token();
    if (token === current) return;
    options.onSecret(token);
    // Atomic: helm or kubectl commands running meanwhile read the old file or the new one, never half.
    await atomicWrite(kubeconfig, buildKubeconfig({ server: options.connection.server, ...(options.connection.caData ? { ca: { data: options.connection.caData } } : {}), token: { value: token }, name: options.name, namespace: options.namespace }), { mode: 0o600 });
    current = token;
  };
  const fresh = () => {
    renewing ??= renew().finally(() => { renewing = undefined; });
    return renewing;
  };
  try {
    await fresh();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { target: { kubeconfig }, description: options.name, fresh, close: () => rm(dir, { recursive: true, force: true }) };
}
