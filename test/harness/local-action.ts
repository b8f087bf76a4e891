// Runs an action's TypeScript source through @github/local-action, the way action authors debug an action
// locally: inputs come from a .env file of INPUT_* values, @actions/core is replaced by local-action's stubs,
// which print `::set-output` lines and write the job summary to GITHUB_STEP_SUMMARY.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnCollect, type ActionName } from './action-runner.js';
import { makeTempDir } from './process.js';
import { REPO_ROOT } from './tools.js';

const LOCAL_ACTION = join(REPO_ROOT, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js');
const NODE24 = join(REPO_ROOT, 'node_modules', '.bin', 'node');

export interface LocalRun {
  code: number;
  output: string;
  outputs: Record<string, string>;
  errors: string[];
  summary: string;
}

const stripColours = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

/** Writes the .env file of INPUT_* and job variables and runs `local-action run action-<name> ../src/actions/<name>.ts`. */
export async function runLocalAction(name: ActionName, env: Record<string, string>, timeoutMs = 170_000): Promise<LocalRun> {
  const dir = await makeTempDir(`local-action-${name}`);
  const summaryFile = join(dir, 'summary.md');
  await writeFile(summaryFile, '');
  const envFile = join(dir, `${name}.env`);
  const variables = { RUNNER_TEMP: dir, ...env, GITHUB_STEP_SUMMARY: summaryFile };
  await writeFile(envFile, `${Object.entries(variables).map(([key, value]) => `${key}=${JSON.stringify(value)}`).join('\n')}\n`);
  // local-action re-runs itself with `npm exec tsx`: Node 24 from node_modules must come first on PATH.
  const result = await spawnCollect(NODE24, [LOCAL_ACTION, 'run', join(REPO_ROOT, `action-${name}`), `../src/actions/${name}.ts`, envFile], {
    cwd: REPO_ROOT,
    env: { ...process.env, PATH: `${join(REPO_ROOT, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeoutMs,
  });
  const output = stripColours(result.stdout + result.stderr);
  const outputs: Record<string, string> = {};
  for (const match of output.matchAll(/^::set-output name=([\w-]+)::(.*)$/gm)) outputs[match[1]!] = match[2]!;
  const errors = [...output.matchAll(/^::error(?: [^:]*)?::(.*)$/gm)].map((m) => m[0]);
  return { code: result.code, output, outputs, errors, summary: await readFile(summaryFile, 'utf8') };
}
