/**
 * `npm run bench` runs every benchmark; `npm run bench -- NAME...` runs some. Prints the table, merges the
 * figures into bench/results.json and regenerates the results section of BENCHMARKS.md from it.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { applyFull, applyUnchanged } from './benches/apply.js';
import { lintScale } from './benches/lint-scale.js';
import { newestListing } from './benches/newest-listing.js';
import { startup } from './benches/startup.js';
import { upgradesRequests } from './benches/upgrades-requests.js';
import { upgradesVsRenovate } from './benches/upgrades-vs-renovate.js';
import { cleanupAll } from '../test/harness/process.js';
import { shutdown } from './lib/cleanup.js';
import { updateBenchmarksDoc } from './lib/doc.js';
import { describeMachine } from './lib/machine.js';
import { RESULTS_FILE } from './lib/paths.js';
import type { BenchResult, ResultsFile } from './lib/results.js';
import { consoleTable } from './lib/table.js';

export const BENCHMARKS: Record<string, () => Promise<BenchResult>> = {
  'lint-scale': lintScale,
  'upgrades-requests': upgradesRequests,
  'upgrades-vs-renovate': upgradesVsRenovate,
  'newest-listing': newestListing,
  'apply-unchanged': applyUnchanged,
  'apply-full': applyFull,
  startup,
};
const ORDER = Object.keys(BENCHMARKS);

async function main(args: string[]): Promise<number> {
  if (args.includes('--doc')) {
    await updateBenchmarksDoc(ORDER);
    return 0;
  }
  const unknown = args.filter((name) => !BENCHMARKS[name]);
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark ${unknown.join(', ')}; known: ${ORDER.join(', ')}\n`);
    return 2;
  }
  const selected = args.length > 0 ? ORDER.filter((name) => args.includes(name)) : ORDER;
  const file: ResultsFile = existsSync(RESULTS_FILE)
    ? (JSON.parse(await readFile(RESULTS_FILE, 'utf8')) as ResultsFile)
    : { machine: describeMachine(), ranAt: {}, results: {} };
  file.machine = describeMachine();
  const ran: BenchResult[] = [];
  let failed = 0;
  const started = performance.now();
  for (const name of selected) {
    process.stderr.write(`[bench] ${name} ...\n`);
    try {
      const result = await BENCHMARKS[name]!();
      ran.push(result);
      file.results[name] = result;
      file.ranAt[name] = new Date().toISOString();
      await writeFile(RESULTS_FILE, `${JSON.stringify(file, null, 2)}\n`);
      process.stderr.write(`[bench] ${name} done in ${(result.wallMs / 1000).toFixed(1)} s\n`);
    } catch (error) {
      failed++;
      process.stderr.write(`[bench] ${name} FAILED: ${(error as Error).stack ?? String(error)}\n`);
    }
  }
  await shutdown();
  await cleanupAll();
  file.lastRun = { benchmarks: ran.map((r) => r.name), endedAt: new Date().toISOString(), wallMs: Math.round(performance.now() - started) };
  await writeFile(RESULTS_FILE, `${JSON.stringify(file, null, 2)}\n`);
  await updateBenchmarksDoc(ORDER);
  process.stdout.write(`\n${consoleTable(ran)}\n`);
  process.stdout.write(`${ran.length} benchmark(s) in ${((performance.now() - started) / 1000).toFixed(0)} s; results in bench/results.json and BENCHMARKS.md\n`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
