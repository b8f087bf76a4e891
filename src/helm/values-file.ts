import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { privateTempDir } from '../fs/temp-dir.js';

/**
 * Hands helm the composed values as ONE file (no `--set` escaping), readable only by us because values
 * may hold secrets, and removed as soon as `use` is done.
 */
export async function withValuesFile<T>(values: Record<string, unknown>, use: (path: string) => Promise<T>): Promise<T> {
  const dir = await privateTempDir('kubecd-values-');
  try {
    const path = join(dir, 'values.yaml');
    await writeFile(path, stringify(values), { mode: 0o600 });
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
