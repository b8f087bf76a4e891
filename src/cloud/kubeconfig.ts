import { chmod, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export interface TokenKubeconfig {
  /** https://host[:port] */
  server: string;
  /** base64 of the cluster CA's PEM; without it the system's trusted CAs apply (GKE's DNS endpoint). */
  caData?: string;
  token: string;
  /** Names the cluster, user and context. */
  name: string;
  namespace?: string;
}

/** A kubeconfig with one cluster, one bearer-token user and one context, which is the current one. */
export function buildKubeconfig(config: TokenKubeconfig): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: config.name, cluster: { server: config.server, ...(config.caData ? { 'certificate-authority-data': config.caData } : {}) } }],
    users: [{ name: config.name, user: { token: config.token } }],
    contexts: [{ name: config.name, context: { cluster: config.name, user: config.name, ...(config.namespace ? { namespace: config.namespace } : {}) } }],
    'current-context': config.name,
  });
}

/**
 * Writes `content` to `path` readable by the owner only, atomically: helm or kubectl commands running at the
 * same time read either the old or the new file, never half of one.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(temporary, content, { mode: 0o600 });
    await chmod(temporary, 0o600);
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
}

/** A private folder for credentials, under RUNNER_TEMP on a runner (wiped after the job) or the system temp dir. */
export async function privateTempDir(prefix: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const dir = await mkdtemp(join(env.RUNNER_TEMP || tmpdir(), prefix));
  await chmod(dir, 0o700);
  return dir;
}
