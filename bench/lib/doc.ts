import { readFile, writeFile } from 'node:fs/promises';
import { BENCHMARKS_DOC, RESULTS_FILE } from './paths.js';
import type { ResultsFile } from './results.js';
import { markdownResults } from './table.js';

export const BEGIN = '<!-- results:begin (generated from bench/results.json by bench/lib/doc.ts; do not edit) -->';
export const END = '<!-- results:end -->';

/** Replaces the generated section of BENCHMARKS.md with the table made from bench/results.json. */
export async function updateBenchmarksDoc(order: string[]): Promise<void> {
  const results = JSON.parse(await readFile(RESULTS_FILE, 'utf8')) as ResultsFile;
  const doc = await readFile(BENCHMARKS_DOC, 'utf8');
  const begin = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`${BENCHMARKS_DOC} has no ${BEGIN} ... ${END} section`);
  const section = `${BEGIN}\n${markdownResults(results, order)}${END}`;
  await writeFile(BENCHMARKS_DOC, doc.slice(0, begin) + section + doc.slice(end + END.length));
}
