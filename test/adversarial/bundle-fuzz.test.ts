// >= 200 generated bad repos through the bundled CLI (`node dist/cli/index.js lint ENVFILE`), one process each:
// exit 1, `file:line:column: error:` lines, no stack trace, no canary, no hang, bounded memory.
import { randomBytes } from 'node:crypto';
import { access, chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cleanupAll, makeTempDir } from '../harness/process.js';
import { CLI, runBundle, type BundleRun } from './cli.js';
import { environSamples, fingerprint, hasInternalError, hasStackTrace, POSITIONED_ERROR, Tally } from './checks.js';
import { baseRepo, generate, makeOutside, releaseFifos, SEED, writeBadRepo, type Outside } from './generate.js';

// The temp folders (and processes) this file's worker made; the global teardown cannot see them.
afterAll(cleanupAll);

const REPOS = 200;
const PROCESS_LIMIT_MS = 10_000;
const MAX_RSS_KIB = 512 * 1024;
const PARALLEL = 2;

let outside: Outside;
let outsideBefore: string;
let fakeHelm: string;

beforeAll(async () => {
  outside = await makeOutside(await makeTempDir('adv-outside'), `KUBECD-CANARY-${randomBytes(8).toString('hex')}`);
  outsideBefore = await fingerprint(outside.dir);
  fakeHelm = join(await makeTempDir('adv-fake-helm'), 'helm');
  await writeFile(fakeHelm, FAKE_HELM);
  await chmod(fakeHelm, 0o755);
});

afterAll(async () => {
  await rm(outside.dir, { recursive: true, force: true });
});

function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<BundleRun> {
  return runBundle(CLI, args, { cwd, limitMs: PROCESS_LIMIT_MS, env: { ...process.env, NO_COLOR: '1', ...env } });
}

/**
 * A stand-in helm for `lint --render`: it answers `version` as Helm 3, renders nothing, and records every argument
 * vector it is given (base64 per argument, one call a line, written at once: renders run in parallel), so the test sees what reached the command line.
 */
const FAKE_HELM = `#!/bin/sh
line=''
for a in "$@"; do line="$line$(printf '%s' "$a" | base64 -w0) "; done
printf '%s\\n' "$line" >> "$KUBECD_ADV_HELM_LOG"
case "$1" in version) printf 'v3.17.0' ;; template) printf -- '---\\n' ;; esac
`;

/** Options the generated repos try to smuggle in (an argument before `--` that starts like one is an injected option). */
const SMUGGLED = /^(-h$|-x|--help|--post-renderer|--set|--kubeconfig=|--repo=|--insecure|--debug|--namespace=|--digest|--version=)/;

const VALUE_FLAGS = new Set(['--version', '--repo', '--values', '-f', '--namespace', '-n', '--kubeconfig', '--kube-context', '--template']);

/** The injected arguments of each recorded helm call: smuggled options before `--`, or anything with a control character. */
async function injectedArguments(log: string): Promise<string[]> {
  const text = await readFile(log, 'utf8').catch(() => '');
  const injected: string[] = [];
  for (const line of text.split('\n').filter(Boolean)) {
    const argv = line.trim().split(' ').map((b64) => Buffer.from(b64, 'base64').toString('utf8'));
    const end = argv.indexOf('--');
    argv.forEach((arg, i) => {
      // The value of a flag kubecd gives (`--version X`) is taken as that value by helm, whatever it starts with.
      const isValue = i > 0 && VALUE_FLAGS.has(argv[i - 1]!);
      if (/[\u0000-\u001f]/.test(arg) || (!isValue && (end < 0 || i < end) && SMUGGLED.test(arg))) injected.push(JSON.stringify(argv));
    });
  }
  return injected;
}

describe('bundled CLI lint against generated bad repos', () => {
  test('the bundle exists and lints the valid base repo clean (the control)', async () => {
    await access(CLI);
    const root = join(await makeTempDir('adv-bundle-base'), 'repo');
    await writeBadRepo(root, { defect: 'none', files: baseRepo(), links: [], expect: { files: [] } }, outside);
    const log = join(root, '..', 'helm.log');
    const run = await runCli(['lint', join(root, 'environments.yaml'), '--render', '--helm', fakeHelm], root, { KUBECD_ADV_HELM_LOG: log });
    expect(run.stderr + run.stdout).not.toMatch(POSITIONED_ERROR);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    // The recorder works: both releases were rendered through it.
    expect((await readFile(log, 'utf8')).split('\n').filter((line) => line.startsWith(Buffer.from('template').toString('base64'))).length).toBe(2);
  });

  test(`${REPOS} bad repos through the bundle: exit 1, positioned errors, no stack, no canary, no hang, RSS < 512 MB`, { timeout: 240_000 }, async () => {
    // Another seed than the in-process run: other variants of every class.
    const cases = generate(REPOS, SEED + 1);
    const environ = await environSamples();
    const wrongExit = new Tally();
    const unpositioned = new Tally();
    const stackTraces = new Tally();
    const canaryLeaks = new Tally();
    const hangs = new Tally();
    const bigRss = new Tally();
    const injections = new Tally();
    let slowestMs = 0;
    let peakRssKiB = 0;
    const started = performance.now();

    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const index = next++;
        const bad = cases[index]!;
        const parent = await makeTempDir('adv-bundle');
        const root = join(parent, 'repo');
        await writeBadRepo(root, bad, outside);
        const log = join(parent, 'helm.log');
        const run = await runCli(['lint', join(root, 'environments.yaml'), '--render', '--helm', fakeHelm], root, { KUBECD_ADV_HELM_LOG: log });
        await releaseFifos(root, bad);
        const id = `${bad.defect} #${index}`;
        for (const argv of await injectedArguments(log)) injections.add(bad.defect, `${id}: ${argv}`);
        const output = `${run.stdout}\n${run.stderr}`;
        slowestMs = Math.max(slowestMs, run.ms);
        if (run.maxRssKiB !== undefined) peakRssKiB = Math.max(peakRssKiB, run.maxRssKiB);
        if (run.hung) hangs.add(bad.defect, `${id}: killed after ${PROCESS_LIMIT_MS} ms`);
        else {
          if (run.code !== 1) wrongExit.add(bad.defect, `${id}: exit ${run.code ?? run.signal}: ${output.trim().slice(0, 300)}`);
          if (!POSITIONED_ERROR.test(output)) unpositioned.add(bad.defect, `${id}: ${output.trim().slice(0, 300)}`);
        }
        if (hasStackTrace(output) || hasInternalError(output)) stackTraces.add(bad.defect, `${id}: ${output.slice(0, 600)}`);
        if (output.includes(outside.canary) || environ.some((entry) => output.includes(entry))) canaryLeaks.add(bad.defect, id);
        if (run.maxRssKiB !== undefined && run.maxRssKiB >= MAX_RSS_KIB) bigRss.add(bad.defect, `${id}: ${Math.round(run.maxRssKiB / 1024)} MiB`);
        await rm(parent, { recursive: true, force: true });
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    const outsideChanged = (await fingerprint(outside.dir)) !== outsideBefore;

    console.log([
      `[adversarial bundle-fuzz] seed ${SEED + 1}, ${cases.length} repos through node dist/cli/index.js lint --render (a recording helm), ${PARALLEL} at a time, ${Math.round(performance.now() - started)} ms`,
      `  injected helm arguments: ${injections.total}, not exit 1: ${wrongExit.total}, without file:line:column errors: ${unpositioned.total}, with stack traces: ${stackTraces.total}, canary leaks: ${canaryLeaks.total}`,
      `  hangs: ${hangs.total}, slowest ${Math.round(slowestMs)} ms, peak RSS ${peakRssKiB > 0 ? `${(peakRssKiB / 1024).toFixed(0)} MiB` : '(not measured: no /usr/bin/time)'}, over 512 MB: ${bigRss.total}, outside changed: ${outsideChanged ? 1 : 0}`,
    ].join('\n'));

    expect(cases.length).toBeGreaterThanOrEqual(REPOS);
    expect({
      wrongExit: wrongExit.report(), unpositioned: unpositioned.report(), stackTraces: stackTraces.report(), canaryLeaks: canaryLeaks.report(),
      hangs: hangs.report(), bigRss: bigRss.report(), injections: injections.report(), outsideChanged,
    }).toEqual({ injections: [], wrongExit: [], unpositioned: [], stackTraces: [], canaryLeaks: [], hangs: [], bigRss: [], outsideChanged: false });
  });
});
