// >= 3,000 generated bad repos through the lint engine, in process: every one must be refused with a positioned
// error, and none may crash, hang, quote a file outside the repo, or write anything.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { lint } from '../../src/lint/lint.js';
import { formatProblem } from '../../src/model/problems.js';
import { cleanupAll, makeTempDir } from '../harness/process.js';
import { environSamples, fingerprint, hasInternalError, hasStackTrace, listTree, MiB, RssSampler, Tally } from './checks.js';
import { baseRepo, DEFECT_CLASSES, generate, makeOutside, releaseFifos, SEED, writeBadRepo, type Outside } from './generate.js';

// The temp folders (and processes) this file's worker made; the global teardown cannot see them.
afterAll(cleanupAll);

const REPOS = 3_000;
const LINT_LIMIT_MS = 10_000;

let outside: Outside;
let outsideBefore: string;

beforeAll(async () => {
  outside = await makeOutside(await makeTempDir('adv-outside'), `KUBECD-CANARY-${randomBytes(8).toString('hex')}`);
  outsideBefore = await fingerprint(outside.dir);
});

afterAll(async () => {
  await rm(outside.dir, { recursive: true, force: true });
});

async function lintWithin(environmentsFile: string, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'hang'>((resolve) => { timer = setTimeout(() => resolve('hang'), ms); });
  try {
    return await Promise.race([lint({ environmentsFile }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('lint engine against generated bad repos', () => {
  test('the valid base repo lints clean (the control)', async () => {
    const root = await makeTempDir('adv-base');
    await writeBadRepo(root, { defect: 'none', files: baseRepo(), links: [], expect: { files: [] } }, outside);
    const result = await lint({ environmentsFile: join(root, 'environments.yaml') });
    expect(result.problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([]);
    expect(result.loaded.repo.environments.map((e) => e.releases.length)).toEqual([2]);
    await rm(root, { recursive: true, force: true });
  });

  test(`${REPOS} bad repos: each refused with a positioned error, no crash, no leak, no write, no hang`, { timeout: 240_000 }, async () => {
    const cases = generate(REPOS);
    const environ = await environSamples();
    const rss = new RssSampler();
    const accepted = new Tally();
    const misplaced = new Tally();
    const unpositioned = new Tally();
    const stackTraces = new Tally();
    const internalErrors = new Tally();
    const canaryLeaks = new Tally();
    const environLeaks = new Tally();
    const writes = new Tally();
    const slow = new Tally();
    const hangs = new Tally();
    let slowestMs = 0;
    let slowestClass = '';
    const started = performance.now();

    for (const [index, bad] of cases.entries()) {
      const root = await makeTempDir('adv-lint');
      await writeBadRepo(root, bad, outside);
      const before = await listTree(root);
      const t0 = performance.now();
      const result = await lintWithin(join(root, 'environments.yaml'), LINT_LIMIT_MS);
      const ms = performance.now() - t0;
      await releaseFifos(root, bad);
      rss.sample();
      const id = `${bad.defect} #${index}`;
      if (ms > slowestMs) { slowestMs = ms; slowestClass = bad.defect; }
      if (result === 'hang') {
        hangs.add(bad.defect, id);
      } else {
        if (ms > LINT_LIMIT_MS) slow.add(bad.defect, `${id}: ${Math.round(ms)} ms`);
        const errors = result.problems.filter((p) => p.severity === 'error');
        const text = result.problems.map(formatProblem).join('\n');
        if (errors.length === 0) accepted.add(bad.defect, `${id}: ${text || '(no problems)'}`);
        const inFiles = errors.filter((p) => bad.expect.files.includes(p.file));
        const atLine = bad.expect.line === undefined || inFiles.some((p) => p.file === bad.expect.files[0] && Math.abs(p.line - bad.expect.line!) <= 1);
        if (errors.length > 0 && (inFiles.length === 0 || !atLine)) {
          misplaced.add(bad.defect, `${id}: expected ${bad.expect.files.join(' or ')}${bad.expect.line ? `:${bad.expect.line}` : ''}, got ${errors.map((p) => `${p.file}:${p.line}`).join(', ')}`);
        }
        for (const p of result.problems) {
          if (!(p.line >= 1 && p.column >= 1 && typeof p.file === 'string' && p.file !== '')) unpositioned.add(bad.defect, `${id}: ${formatProblem(p)}`);
        }
        if (hasStackTrace(text)) stackTraces.add(bad.defect, `${id}: ${text}`);
        if (hasInternalError(text)) internalErrors.add(bad.defect, `${id}: ${text}`);
        if (text.includes(outside.canary)) canaryLeaks.add(bad.defect, `${id} (a message quotes the file outside the repo)`);
        if (environ.some((entry) => text.includes(entry))) environLeaks.add(bad.defect, `${id} (a message quotes /proc/self/environ)`);
      }
      const after = await listTree(root);
      if (after.join('\n') !== before.join('\n')) writes.add(bad.defect, `${id}: ${after.filter((f) => !before.includes(f)).join(', ')}`);
      await rm(root, { recursive: true, force: true });
    }
    const peakMiB = rss.stop() / MiB;
    const outsideChanged = (await fingerprint(outside.dir)) !== outsideBefore;
    const classes = new Set(cases.map((c) => c.defect));

    console.log([
      `[adversarial lint-fuzz] seed ${SEED} (0x${SEED.toString(16)}), ${cases.length} repos, ${classes.size} defect classes (of ${DEFECT_CLASSES.length}), ${Math.round(performance.now() - started)} ms`,
      `  accepted ${accepted.total}, misplaced ${misplaced.total}, unpositioned ${unpositioned.total}, with stack traces ${stackTraces.total}, internal errors ${internalErrors.total}`,
      `  canary leaks ${canaryLeaks.total}, environ leaks ${environLeaks.total}, files written in repo ${writes.total}, outside changed ${outsideChanged ? 1 : 0}`,
      `  hangs ${hangs.total}, over ${LINT_LIMIT_MS} ms ${slow.total}, slowest ${Math.round(slowestMs)} ms (${slowestClass}), peak RSS ${peakMiB.toFixed(0)} MiB`,
    ].join('\n'));

    expect(cases.length).toBeGreaterThanOrEqual(REPOS);
    expect(classes.size).toBeGreaterThanOrEqual(40);
    expect({
      accepted: accepted.report(), misplaced: misplaced.report(), unpositioned: unpositioned.report(), stackTraces: stackTraces.report(),
      internalErrors: internalErrors.report(), canaryLeaks: canaryLeaks.report(), environLeaks: environLeaks.report(), writes: writes.report(),
      hangs: hangs.report(), slow: slow.report(), outsideChanged,
    }).toEqual({
      accepted: [], misplaced: [], unpositioned: [], stackTraces: [], internalErrors: [], canaryLeaks: [], environLeaks: [], writes: [], hangs: [], slow: [], outsideChanged: false,
    });
    expect(peakMiB).toBeLessThan(1024);
  });
});
