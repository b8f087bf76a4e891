import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from '../harness/process.js';

export interface LoggedBinary {
  /** The wrapper to run instead of the real binary. */
  path: string;
  /** Every run since the last reset, as its argument list joined by spaces. */
  runs(): Promise<string[]>;
  reset(): Promise<void>;
}

/** A shell wrapper that appends its arguments to a log file, then execs the real binary: counts real processes. */
export async function loggedBinary(real: string, name: string): Promise<LoggedBinary> {
  const dir = await makeTempDir(`logged-${name}`);
  const log = join(dir, 'runs.log');
  const path = join(dir, name);
  await writeFile(log, '');
  await writeFile(path, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${real}' "$@"\n`);
  await chmod(path, 0o755);
  return {
    path,
    runs: async () => (await readFile(log, 'utf8')).split('\n').filter((line) => line !== ''),
    reset: () => writeFile(log, ''),
  };
}
