import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where kubecd puts temporary files: RUNNER_TEMP on a runner (wiped after the job), else the system temp dir. */
export function tempRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.RUNNER_TEMP || tmpdir();
}

/** A new folder under tempRoot() readable by the owner only (it may hold credentials or secret values). */
export async function privateTempDir(prefix: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const dir = await mkdtemp(join(tempRoot(env), prefix));
  await chmod(dir, 0o700);
  return dir;
}
