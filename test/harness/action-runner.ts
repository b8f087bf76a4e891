// Runs a bundled action (dist/<name>/index.js) the way a GitHub runner runs a `node24` action: inputs as
// INPUT_* variables (defaults from action.yml filled in), GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_ENV /
// GITHUB_STATE / GITHUB_PATH files, GITHUB_WORKSPACE as the working directory, RUNNER_TEMP, an event file.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { makeTempDir } from './process.js';
import { REPO_ROOT } from './tools.js';

export type ActionName = 'lint' | 'check-upgrades' | 'apply';

export interface RunActionOptions {
  /** The checkout the step runs in (GITHUB_WORKSPACE and the working directory). */
  workspace: string;
  /** `with:` of the step, by input name as action.yml spells it. */
  inputs?: Record<string, string>;
  /** Further variables of the job (e.g. KUBECONFIG, ACTIONS_ID_TOKEN_REQUEST_URL, test endpoint overrides). */
  env?: Record<string, string>;
  /** What `${{ github.token }}` evaluates to; GITHUB_TOKEN is not set for the step unless given in env. */
  githubToken?: string;
  /** GITHUB_API_URL (a stand-in); default an address nothing listens on. */
  apiUrl?: string;
  repository?: string;
  eventName?: string;
  event?: Record<string, unknown>;
  /** The ref the workflow runs for; default refs/heads/main. */
  ref?: string;
  sha?: string;
  /** Kills the action after this long (default 5 minutes). */
  timeoutMs?: number;
  /** Also write what the action prints to this stream while it runs (the demo shows progress). */
  echo?: NodeJS.WritableStream;
  /** Where the bundles are (default the `main` of action.yml, i.e. the committed dist/); `$KUBECD_ACTION_DIST` too. */
  distDir?: string;
  /**
   * Run src/actions/<name>.ts through tsx instead of the bundle (`$KUBECD_ACTION_SOURCE=1` too): for working on an
   * action before its bundle is rebuilt. The end-to-end test proper runs the bundles.
   */
  fromSource?: boolean;
}

export interface ActionResult {
  code: number;
  stdout: string;
  stderr: string;
  /** From the GITHUB_OUTPUT file. */
  outputs: Record<string, string>;
  /** The markdown the action appended to GITHUB_STEP_SUMMARY. */
  summary: string;
  /** From the GITHUB_ENV file. */
  exportedEnv: Record<string, string>;
  /** Values the action asked the runner to mask (`::add-mask::` lines). */
  masked: string[];
  /** stdout as the job log shows it: `::add-mask::` lines consumed, masked values replaced by `***`. */
  log: string;
  /** `::error::` lines (and `::error file=…::`), as the runner would turn them into annotations. */
  errors: string[];
  durationMs: number;
}

const NODE24 = join(REPO_ROOT, 'node_modules', '.bin', 'node');

/** Runner variable name of an input: spaces become `_`, upper case, dashes kept (`fail-fast` → INPUT_FAIL-FAST). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Parses the runner's command files: `name=value` lines and `name<<DELIMITER` … `DELIMITER` blocks. */
export function parseCommandFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const body: string[] = [];
      let closed = false;
      for (i++; i < lines.length; i++) {
        if (lines[i] === delimiter) { closed = true; break; }
        body.push(lines[i]!);
      }
      if (!closed) throw new Error(`command file: no closing delimiter ${delimiter} for ${name}`);
      values[name!] = body.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`command file: unreadable line ${JSON.stringify(line)}`);
    values[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return values;
}

interface ActionMetadata {
  inputs?: Record<string, { default?: string; required?: boolean }>;
  runs: { using: string; main: string };
}

async function actionMetadata(name: ActionName): Promise<{ dir: string; meta: ActionMetadata }> {
  const dir = join(REPO_ROOT, `action-${name}`);
  const meta = parse(await readFile(join(dir, 'action.yml'), 'utf8')) as ActionMetadata;
  if (meta.runs.using !== 'node24') throw new Error(`action-${name}: runs.using is ${meta.runs.using}, expected node24`);
  return { dir, meta };
}

/** The step's INPUT_* variables: given inputs, else action.yml defaults (`${{ github.token }}` evaluated). */
export function inputEnvironment(meta: ActionMetadata, given: Record<string, string>, githubToken = ''): Record<string, string> {
  const declared = meta.inputs ?? {};
  const unknown = Object.keys(given).filter((name) => !(name in declared));
  if (unknown.length > 0) throw new Error(`unexpected input(s) ${unknown.join(', ')}: action.yml declares ${Object.keys(declared).join(', ')}`);
  const env: Record<string, string> = {};
  for (const [name, spec] of Object.entries(declared)) {
    const value = given[name] ?? (spec.default ?? '').replace(/\$\{\{\s*github\.token\s*\}\}/g, githubToken);
    if (value !== '' || name in given) env[inputVariable(name)] = value;
  }
  return env;
}

/** Runs dist/<name>/index.js (through action-<name>/action.yml's `main`) with Node 24 and collects what it wrote. */
export async function runBundledAction(name: ActionName, options: RunActionOptions): Promise<ActionResult> {
  const { dir, meta } = await actionMetadata(name);
  const distDir = options.distDir ?? process.env.KUBECD_ACTION_DIST;
  const main = distDir ? join(distDir, name, 'index.js') : join(dir, meta.runs.main);
  const fromSource = options.fromSource ?? process.env.KUBECD_ACTION_SOURCE === '1';
  const files = await makeTempDir(`runner-${name}`);
  const nodeArgs = fromSource ? ['--import', pathToFileURL(join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, await sourceEntry(name, files)] : [main];
  const runnerTemp = join(files, 'temp');
  // A home of its own, as on a fresh runner: no git identity, no ~/.kube/config, no helm repositories.
  const home = join(files, 'home');
  await Promise.all([mkdir(runnerTemp), mkdir(home)]);
  const paths = {
    output: join(files, 'output'), summary: join(files, 'step_summary'), env: join(files, 'env'),
    state: join(files, 'state'), path: join(files, 'path'), event: join(files, 'event.json'),
  };
  await Promise.all([paths.output, paths.summary, paths.env, paths.state, paths.path].map((p) => writeFile(p, '')));
  const repository = options.repository ?? 'acme/deployments';
  const ref = options.ref ?? 'refs/heads/main';
  await writeFile(paths.event, JSON.stringify(options.event ?? { repository: { full_name: repository, default_branch: 'main' } }));

  const env: NodeJS.ProcessEnv = {
    ...inheritedEnvironment(),
    HOME: home,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: name,
    GITHUB_ACTION_PATH: dir,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: repository.split('/')[0]!,
    GITHUB_API_URL: options.apiUrl ?? 'http://127.0.0.1:9',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_GRAPHQL_URL: `${options.apiUrl ?? 'http://127.0.0.1:9'}/graphql`,
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_EVENT_PATH: paths.event,
    GITHUB_REF: ref,
    GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags)\//, ''),
    GITHUB_REF_TYPE: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    GITHUB_SHA: options.sha ?? '0'.repeat(40),
    GITHUB_RUN_ID: String(Date.now()),
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: name,
    GITHUB_WORKFLOW: 'kubecd e2e',
    GITHUB_ACTOR: 'kubecd-e2e',
    GITHUB_OUTPUT: paths.output,
    GITHUB_STEP_SUMMARY: paths.summary,
    GITHUB_ENV: paths.env,
    GITHUB_STATE: paths.state,
    GITHUB_PATH: paths.path,
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'kubecd-e2e',
    ...options.env,
    ...inputEnvironment(meta, options.inputs ?? {}, options.githubToken),
  };

  const started = performance.now();
  const { code, stdout, stderr } = await spawnCollect(NODE24, nodeArgs, { cwd: options.workspace, env, timeoutMs: options.timeoutMs ?? 300_000, ...(options.echo ? { echo: options.echo } : {}) });
  const [outputText, summary, envText] = await Promise.all([readFile(paths.output, 'utf8'), readFile(paths.summary, 'utf8'), readFile(paths.env, 'utf8')]);
  await rm(files, { recursive: true, force: true });
  const masked = [...stdout.matchAll(/^::add-mask::(.*)$/gm)].map((m) => m[1]!).filter(Boolean);
  let log = stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
  for (const value of masked) log = log.split(value).join('***');
  return {
    code, stdout, stderr, masked, log,
    outputs: parseCommandFile(outputText),
    summary,
    exportedEnv: parseCommandFile(envText),
    errors: stdout.split('\n').filter((line) => line.startsWith('::error')),
    durationMs: Math.round(performance.now() - started),
  };
}

/** The TypeScript file the bundle is built from: src/actions/entry/<name>.ts, or src/actions/<name>.ts. */
/** An entry file that runs src/actions/<name>.ts's run(), as dist/<name>/index.js runs the bundle's. */
async function sourceEntry(name: ActionName, dir: string): Promise<string> {
  const entry = join(dir, `${name}-entry.mjs`);
  const source = pathToFileURL(join(REPO_ROOT, 'src', 'actions', `${name}.ts`)).href;
  await writeFile(entry, `await (await import(${JSON.stringify(source)})).run();\n`);
  return entry;
}

/** The machine's environment less anything a previous step or the test runner set that a fresh step would not have. */
function inheritedEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_|KUBECD_|VITEST|NODE_OPTIONS$|KUBECONFIG$|GOOGLE_APPLICATION_CREDENTIALS$)/.test(key)) continue;
    env[key] = value;
  }
  return env;
}

export function spawnCollect(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number; echo?: NodeJS.WritableStream; input?: string }): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); options.echo?.write(chunk); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); options.echo?.write(chunk); });
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) stderr += `\n(killed after ${options.timeoutMs} ms)`;
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A unique heredoc delimiter, as the runner's own toolkit makes them (for tests of parseCommandFile). */
export function newDelimiter(): string {
  return `ghadelimiter_${randomUUID()}`;
}
