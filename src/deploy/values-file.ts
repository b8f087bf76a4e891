import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

/**
 * Hands helm the composed values as ONE file (no `--set` escaping), readable only by us because values
 * may hold secrets, and removed as soon as `use` is done.
 */
export async function withValuesFile<T>(values: Record<string, unknown>, use: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'kubecd-values-'));
  try {
    const path = join(dir, 'values.yaml');
    await writeFile(path, stringify(values), { mode: 0o600 });
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
