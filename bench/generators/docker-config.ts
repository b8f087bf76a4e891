import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A DOCKER_CONFIG folder whose config.json logs in to `hosts` (how kubecd and docker find registry credentials). */
export async function writeDockerConfig(dir: string, hosts: string[], username: string, password: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const auth = Buffer.from(`${username}:${password}`).toString('base64');
  await writeFile(join(dir, 'config.json'), JSON.stringify({ auths: Object.fromEntries(hosts.map((host) => [host, { auth }])) }), { mode: 0o600 });
  return dir;
}
