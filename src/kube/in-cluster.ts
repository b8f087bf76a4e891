/**
 * The pod's own ServiceAccount as a ClusterAccess: the API server from KUBERNETES_SERVICE_HOST/PORT, its CA
 * and the bearer token from the mounted ServiceAccount folder. The kubeconfig kubecd writes holds only paths
 * (`tokenFile`, `certificate-authority`), never the token, so helm and kubectl read the projected token
 * afresh each time they start: the kubelet rotates it in place.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { privateTempDir } from '../fs/temp-dir.js';
import { quoted } from '../exec/quote.js';
import { isNamespace } from '../model/grammar.js';
import type { ClusterAccess } from './access.js';
import { buildKubeconfig } from './kubeconfig.js';

export const DEFAULT_SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** A token file larger than this is not a ServiceAccount token. */
const MAX_TOKEN_BYTES = 64 * 1024;

export class InClusterError extends Error {}

export interface InClusterConfig {
  /** https://HOST:PORT (an IPv6 host in brackets). */
  server: string;
  tokenFile: string;
  caFile: string;
  /** The ServiceAccount's namespace, from the folder's `namespace` file (undefined when the file is absent). */
  namespace?: string;
}

/** The API server's URL from the two variables the kubelet sets in every container. */
export function inClusterServer(env: NodeJS.ProcessEnv): string {
  const host = env.KUBERNETES_SERVICE_HOST?.trim();
  const port = env.KUBERNETES_SERVICE_PORT?.trim();
  if (!host || !port) throw new InClusterError('not running in a pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set (or pass --kubeconfig)');
  const ipv6 = host.includes(':');
  if (!(ipv6 ? /^[0-9A-Fa-f:.]+$/ : /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/).test(host)) {
    throw new InClusterError(`KUBERNETES_SERVICE_HOST ${quoted(host)} is not a host name or IP address`);
  }
  const portNumber = Number(port);
  if (!/^\d{1,5}$/.test(port) || portNumber < 1 || portNumber > 65535) throw new InClusterError(`KUBERNETES_SERVICE_PORT ${quoted(port)} is not a port number`);
  return `https://${ipv6 ? `[${host}]` : host}:${portNumber}`;
}

/** Reads the ServiceAccount token; throws InClusterError naming the file when it is missing or empty. */
export async function readServiceAccountToken(tokenFile: string): Promise<string> {
  let text: string;
  try {
    const buffer = await readFile(tokenFile);
    if (buffer.length > MAX_TOKEN_BYTES) throw new InClusterError(`ServiceAccount token ${tokenFile} is larger than ${MAX_TOKEN_BYTES} bytes`);
    text = buffer.toString('utf8').trim();
  } catch (error) {
    if (error instanceof InClusterError) throw error;
    throw new InClusterError(`cannot read the ServiceAccount token ${tokenFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (text === '' || /[\s\u0000-\u001f]/.test(text)) throw new InClusterError(`ServiceAccount token ${tokenFile} is empty or not one line`);
  return text;
}

/** The in-cluster configuration from `dir` (default the kubelet's mount) and the environment; checks that the files are there. */
export async function inClusterConfig(dir: string = DEFAULT_SERVICE_ACCOUNT_DIR, env: NodeJS.ProcessEnv = process.env): Promise<InClusterConfig> {
  const base = resolve(dir);
  const config: InClusterConfig = { server: inClusterServer(env), tokenFile: join(base, 'token'), caFile: join(base, 'ca.crt') };
  await readServiceAccountToken(config.tokenFile);
  let ca: string;
  try {
    ca = await readFile(config.caFile, 'utf8');
  } catch (error) {
    throw new InClusterError(`cannot read the cluster CA ${config.caFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw new InClusterError(`cluster CA ${config.caFile} holds no PEM certificate`);
  const namespace = await readFile(join(base, 'namespace'), 'utf8').then((text) => text.trim(), () => undefined);
  if (namespace !== undefined && !isNamespace(namespace)) throw new InClusterError(`ServiceAccount namespace file ${join(base, 'namespace')} holds ${quoted(namespace)}, not a namespace name`);
  return { ...config, ...(namespace !== undefined ? { namespace } : {}) };
}

/** The kubeconfig text: paths only, so it holds no secret. */
export function inClusterKubeconfig(config: InClusterConfig): string {
  if (!isAbsolute(config.tokenFile) || !isAbsolute(config.caFile)) throw new InClusterError('the token and CA paths must be absolute');
  return buildKubeconfig({ server: config.server, ca: { file: config.caFile }, token: { file: config.tokenFile }, name: 'in-cluster', ...(config.namespace ? { namespace: config.namespace } : {}) });
}

/**
 * Opens access through the ServiceAccount. `fresh()` (before every helm and kubectl command) re-reads the
 * token, so a missing or emptied token fails with its file named, and hands each new token to `onSecret`.
 */
export async function openInClusterAccess(config: InClusterConfig, onSecret: (value: string) => void): Promise<ClusterAccess> {
  const dir = await privateTempDir('kubecd-in-cluster-');
  const kubeconfig = join(dir, 'kubeconfig.yaml');
  await writeFile(kubeconfig, inClusterKubeconfig(config), { mode: 0o600 });
  const fresh = async () => onSecret(await readServiceAccountToken(config.tokenFile));
  try {
    await fresh();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    target: { kubeconfig },
    description: `in-cluster ServiceAccount${config.namespace ? ` of namespace ${config.namespace}` : ''} at ${config.server}`,
    fresh,
    close: () => rm(dir, { recursive: true, force: true }),
  };
}
