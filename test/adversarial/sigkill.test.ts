// SIGKILL trials on lock and patch writes: check-upgrades (the bundled CLI, --apply) is killed at seeded random
// moments; every lock / release file must then be its old complete text or a complete new text that parses,
// never empty or partial; after a final run that is not killed, no temporary file is left in the repo.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseLockFile } from '../../src/lock/parse.js';
import { pushImages } from '../harness/images.js';
import { cleanupAll, makeTempDir } from '../harness/process.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { listTree } from './checks.js';
import { CLI, runBundle } from './cli.js';
import { CHART_FILES, Rng, SEED } from './generate.js';

// The temp folders (and processes) this file's worker made; the global teardown cannot see them.
afterAll(cleanupAll);

const ENVIRONMENTS = 40;
const RELEASES_PER_ENV = 5;
const TRIALS_PER_MODE = 20;
const OLD = '1.0.0';
const NEW = '1.0.1';

let registry: RunningRegistry;

beforeAll(async () => {
  registry = await startRegistry({ accessLog: false });
  const old = new Date(Date.now() - 86_400_000).toISOString();
  await pushImages(registry, [
    { repository: 'team/app', tag: OLD, created: old },
    { repository: 'team/app', tag: NEW, created: new Date().toISOString() },
  ]);
}, 120_000);

afterAll(async () => {
  await registry?.stop();
});

type Mode = 'lock' | 'patch';

function envName(i: number): string {
  return `e${String(i).padStart(2, '0')}`;
}

/** 40 environments, each with its own release file of 5 image-triggered releases (200 triggers). */
function repoFiles(mode: Mode): Record<string, string> {
  const files: Record<string, string> = { ...CHART_FILES };
  const env = ['clusters:', '  - name: local', '    provider:', '      existingContext:', '        context: kind-test', 'environments:'];
  for (let i = 0; i < ENVIRONMENTS; i++) {
    const name = envName(i);
    env.push(`  - name: ${name}`, '    cluster: local', `    kubeNamespace: ns-${name}`, '    releases:', `      - releases/${name}.yaml`);
    const rel = ['# Releases of one environment; check-upgrades may edit the tags below.', 'releases:'];
    const lock = [`environment: ${name}`, 'entries:'];
    for (let r = 0; r < RELEASES_PER_ENV; r++) {
      rel.push(
        `  - name: app-${r}`, '    chart:', '      dir: ../charts/app', '    values:',
        '      - key: image.repository', `        value: ${registry.host}/team/app`,
        '      - key: image.tag', `        value: "${OLD}"  # kept by patch`,
        '    triggers:', '      - image:', '          track: PatchLevel',
      );
      lock.push(`  - release: app-${r}`, '    key: image.tag', `    value: "${OLD}"`, `    repository: ${registry.host}/team/app`, '    track: PatchLevel', '    resolvedAt: "2026-01-01T00:00:00Z"');
    }
    files[`releases/${name}.yaml`] = `${rel.join('\n')}\n`;
    // Lock mode starts from lock files pinning the old tag; patch mode has none (the release files are edited).
    if (mode === 'lock') files[`locks/${name}.yaml`] = `${lock.join('\n')}\n`;
  }
  files['environments.yaml'] = `${env.join('\n')}\n`;
  return files;
}

async function writeRepo(root: string, files: Record<string, string>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    await mkdir(join(root, file, '..'), { recursive: true });
    await writeFile(join(root, file), content);
  }
}

/** Why `text` is neither the old text nor a complete new one; undefined when it is fine. */
function badFile(mode: Mode, file: string, text: string | undefined, old: string | undefined): string | undefined {
  if (text === old) return undefined;
  if (text === undefined) return 'disappeared';
  if (text === '') return 'empty';
  if (file.startsWith('locks/')) {
    const { lock, problems } = parseLockFile(text, file);
    if (problems.length > 0 || !lock) return `does not parse: ${problems[0]?.message ?? 'no lock'}`;
    if (lock.entries.length !== RELEASES_PER_ENV) return `has ${lock.entries.length} entries, expected ${RELEASES_PER_ENV}`;
    if (!lock.entries.every((e) => e.value === NEW || e.value === OLD)) return 'holds a value that is neither tag';
    return undefined;
  }
  if (mode === 'patch' && file.startsWith('releases/')) {
    let data: { releases?: { values?: { key: string; value: unknown }[] }[] };
    try {
      data = parse(text) as typeof data;
    } catch (error) {
      return `does not parse: ${(error as Error).message.split('\n')[0]}`;
    }
    const tags = (data.releases ?? []).map((r) => r.values?.find((v) => v.key === 'image.tag')?.value);
    if (tags.length !== RELEASES_PER_ENV || !tags.every((t) => t === NEW || t === OLD)) return `holds tags ${JSON.stringify(tags)}`;
    if (!text.startsWith('# Releases of one environment') || !text.includes('# kept by patch')) return 'lost its comments';
    return undefined;
  }
  return 'changed, though this mode never writes it';
}

const TEMP_FILE = /(\.tmp|\.kubecd-tmp|~)$|\.tmp\.|kubecd-tmp/;

async function checkRepo(mode: Mode, root: string, files: Record<string, string>): Promise<{ bad: string[]; temp: string[]; newFiles: number; stray: string[] }> {
  const bad: string[] = [];
  let newFiles = 0;
  const present = await listTree(root);
  const expected = new Set(Object.keys(files));
  const lockNames = new Set(Array.from({ length: ENVIRONMENTS }, (_, i) => `locks/${envName(i)}.yaml`));
  for (const file of new Set([...expected, ...(mode === 'lock' ? lockNames : [])])) {
    const text = await readFile(join(root, file), 'utf8').catch(() => undefined);
    const old = files[file];
    if (text === undefined && old === undefined) continue; // a lock file not written yet
    const why = badFile(mode, file, text, old);
    if (why) bad.push(`${file}: ${why}`);
    else if (text !== old) newFiles++;
  }
  const temp = present.filter((f) => TEMP_FILE.test(f));
  const stray = present.filter((f) => !expected.has(f) && !lockNames.has(f) && !TEMP_FILE.test(f));
  return { bad, temp, newFiles, stray };
}

function checkUpgrades(root: string, mode: Mode, cache: string, limitMs: number) {
  return runBundle(CLI, ['check-upgrades', join(root, 'environments.yaml'), '--apply', '--write', mode, '--cache-dir', cache], { cwd: root, limitMs });
}

describe('SIGKILL during check-upgrades writes', () => {
  for (const mode of ['lock', 'patch'] as const) {
    test(`--write ${mode}: ${TRIALS_PER_MODE} kills at random moments leave only whole files`, { timeout: 180_000 }, async () => {
      const files = repoFiles(mode);
      const rng = new Rng(SEED + (mode === 'lock' ? 11 : 12));

      // Calibration, and the control: an un-killed run writes every file anew.
      const control = join(await makeTempDir(`adv-sigkill-${mode}`), 'repo');
      await writeRepo(control, files);
      const full = await checkUpgrades(control, mode, await makeTempDir('adv-cache'), 60_000);
      expect(full.code, full.stdout.slice(-2000) + full.stderr.slice(-2000)).toBe(0);
      const controlCheck = await checkRepo(mode, control, files);
      expect(controlCheck.bad).toEqual([]);
      expect(controlCheck.newFiles).toBe(ENVIRONMENTS);
      const fullMs = full.ms;

      const partial: string[] = [];
      const leftovers: string[] = [];
      const stray: string[] = [];
      let killedMidway = 0;
      let notKilled = 0;
      const killed: string[] = [];
      let lo = 0;
      let hi = fullMs * 1.3;
      for (let trial = 0; trial < TRIALS_PER_MODE; trial++) {
        const root = join(await makeTempDir(`adv-sigkill-${mode}`), 'repo');
        await writeRepo(root, files);
        // A few kills anywhere in a run; the rest aimed at the write phase, which moves with the machine's load.
        const delay = Math.round(trial < 4 ? fullMs * (0.1 + 0.9 * rng.float()) : lo + (hi - lo) * (0.3 + 0.4 * rng.float()));
        const run = await checkUpgrades(root, mode, await makeTempDir('adv-cache'), delay);
        if (!run.hung) notKilled++;
        const result = await checkRepo(mode, root, files);
        // Bisect towards the moment writing starts: lo is a kill before any write, hi one after the last.
        if (result.newFiles === 0) lo = Math.max(lo, delay);
        else if (result.newFiles === ENVIRONMENTS) hi = Math.min(hi, delay);
        if (lo >= hi) { lo = hi * 0.7; hi = hi * 1.2; } // timing noise crossed them: widen again
        partial.push(...result.bad.map((b) => `trial ${trial} (killed at ${delay} ms): ${b}`));
        stray.push(...result.stray.map((f) => `trial ${trial}: ${f}`));
        if (result.newFiles > 0 && result.newFiles < ENVIRONMENTS) killedMidway++;
        killed.push(root);
        if (result.temp.length > 0) leftovers.push(...result.temp.map((f) => `trial ${trial} (after the kill): ${f}`));
      }

      // A final run that is not killed finishes the job and tidies up.
      const tidy: string[] = [];
      const unfinished: string[] = [];
      for (const [trial, root] of killed.entries()) {
        const run = await checkUpgrades(root, mode, await makeTempDir('adv-cache'), 60_000);
        if (run.code !== 0) unfinished.push(`trial ${trial}: the final run exited ${run.code ?? run.signal}: ${run.stderr.trim().slice(-300)}`);
        const result = await checkRepo(mode, root, files);
        unfinished.push(...result.bad.map((b) => `trial ${trial} after the final run: ${b}`));
        if (result.bad.length === 0 && result.newFiles !== ENVIRONMENTS) unfinished.push(`trial ${trial}: the final run left ${ENVIRONMENTS - result.newFiles} file(s) at the old tag`);
        tidy.push(...result.temp.map((f) => `trial ${trial}: ${f}`));
      }
      await Promise.all(killed.map((root) => rm(join(root, '..'), { recursive: true, force: true })));

      console.log([
        `[adversarial sigkill] --write ${mode}: seed ${SEED}, ${ENVIRONMENTS} environments x ${RELEASES_PER_ENV} releases, full run ${Math.round(fullMs)} ms`,
        `  ${TRIALS_PER_MODE} kills (${notKilled} finished before the kill, ${killedMidway} killed between the first and the last file written)`,
        `  empty or partial files: ${partial.length}, temporary files left after a kill: ${leftovers.length}, stray files: ${stray.length}, temporary files left after the final run: ${tidy.length}, files the final run did not finish: ${unfinished.length}`,
      ].join('\n'));

      expect(partial).toEqual([]);
      expect(stray).toEqual([]);
      expect(tidy).toEqual([]);
      expect(unfinished).toEqual([]);
    });
  }
});
