/**
 * `write: patch`: edit the release files (or their values files) in place. The yaml Document API finds the
 * scalar; the new value is spliced into the original text at that scalar's source range, so every other
 * byte (comments, quoting, key order, blank lines, indentation) stays as it was.
 */
import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, parse, parseDocument, type Document, type Node } from 'yaml';
import { confinedRoot, isRefused, readConfined, writeConfined } from '../fs/confined.js';
import type { LoadedRepo } from '../repo/loaded-repo.js';
import { excerpt } from '../model/problems.js';
import type { Release } from '../model/types.js';
import { isChartVersionEntry, isLockValueFor } from '../lock/chart-version.js';
import { splitKey } from '../values/keys.js';
import type { UpgradeRow } from './types.js';

export class PatchError extends Error {}

/** Renders `value` in the original scalar's style, unless plain text would read back as something else. */
export function renderLike(original: { type?: string | undefined; source?: string }, value: string): string {
  switch (original.type) {
    case 'QUOTE_DOUBLE':
      return JSON.stringify(value);
    case 'QUOTE_SINGLE':
      return `'${value.replaceAll("'", "''")}'`;
    default: {
      let reads: unknown;
      try {
        reads = parse(value);
      } catch {
        reads = undefined;
      }
      return typeof reads === 'string' && reads === value ? value : typeof reads === 'number' && String(reads) === value ? value : JSON.stringify(value);
    }
  }
}

/** As the loader reads release and values files. */
const PARSE_OPTIONS = { merge: true, uniqueKeys: false } as const;

/**
 * Replaces the scalar at `path` in `text`; throws PatchError when there is no scalar there, or when the
 * patched text would not read back as the same document with only that one value changed.
 */
export function patchScalar(text: string, path: readonly (string | number)[], value: string): string {
  const where = path.map((p) => excerpt(p)).join('.');
  const doc = parseDocument(text, { ...PARSE_OPTIONS, keepSourceTokens: false });
  if (doc.errors.length > 0) throw new PatchError(`the file does not parse as YAML, so ${where} cannot be patched`);
  const node = doc.getIn(path, true) as Node | undefined;
  if (!isScalar(node) || !node.range) throw new PatchError(`no scalar at ${where}`);
  const [start, end] = node.range;
  const patched = text.slice(0, start) + renderLike({ type: node.type }, value) + text.slice(end);
  const after = parseDocument(patched, PARSE_OPTIONS);
  const check = after.getIn(path);
  if (after.errors.length > 0 || String(check) !== value) throw new PatchError(`patching ${where} to ${excerpt(value)} would read back as ${excerpt(String(check))}`);
  // The new value may read back as a number (a plain 1.11); it was checked above, so compare everything else.
  const expected = parseDocument(text, PARSE_OPTIONS);
  expected.setIn(path, check);
  if (!isDeepStrictEqual(after.toJS({ maxAliasCount: -1 }), expected.toJS({ maxAliasCount: -1 }))) {
    throw new PatchError(`patching ${where} to ${excerpt(value)} would change more of the file than that one value`);
  }
  return patched;
}

function releaseIndex(doc: Document, name: string): number | undefined {
  const releases = doc.get('releases', true);
  if (!isSeq(releases)) return undefined;
  const index = releases.items.findIndex((item) => isMap(item) && item.get('name') === name);
  return index >= 0 ? index : undefined;
}

/** Where a row's value lives in the user's files, or why it cannot be patched. */
export function locate(release: Release, row: UpgradeRow, texts: Map<string, string>): { file: string; path: (string | number)[] } | string {
  const doc = parseDocument(texts.get(release.file) ?? '');
  const index = releaseIndex(doc, release.name);
  if (index === undefined) return `release ${release.name} not found in ${release.file}`;
  if (isChartVersionEntry(row)) {
    const path = ['releases', index, 'chart', 'version'];
    return isScalar(doc.getIn(path, true)) ? { file: release.file, path } : `no chart.version in ${release.file}`;
  }
  const values = doc.getIn(['releases', index, 'values'], true);
  if (isSeq(values)) {
    let found: number | undefined;
    values.items.forEach((item, i) => {
      if (isMap(item) && item.get('key') === row.key) found = i;
    });
    if (found !== undefined) {
      const path = ['releases', index, 'values', found, 'value'];
      if (isScalar(doc.getIn(path, true))) return { file: release.file, path };
    }
  }
  for (const file of [...release.valuesFiles].reverse()) {
    const path = splitKey(row.key);
    if (isScalar(parseDocument(texts.get(file) ?? '').getIn(path, true))) return { file, path };
  }
  return `${row.key} is not set in ${release.file} or its values files, so patch mode has nothing to edit`;
}

export interface PatchPlan {
  /** New text by root-relative file. */
  files: Map<string, string>;
  /** The rows, with upgrades that could not be patched turned into skips. */
  rows: UpgradeRow[];
}

/** Reads the files the upgrades touch and computes their patched texts. */
export async function planPatches(loaded: LoadedRepo, rows: readonly UpgradeRow[]): Promise<PatchPlan> {
  const texts = new Map<string, string>();
  const original = new Map<string, string>();
  const root = await confinedRoot(loaded.repo.root);
  const read = async (file: string) => {
    if (!texts.has(file)) {
      const read = await readConfined(root, file);
      if (isRefused(read)) throw new PatchError(`\`${excerpt(file)}\` ${read.refused.message}`);
      texts.set(file, read.text);
      original.set(file, read.text);
    }
  };
  const done = new Map<string, string>();
  const out: UpgradeRow[] = [];
  for (const row of rows) {
    if (row.decision !== 'upgrade' || row.candidate === undefined) {
      out.push(row);
      continue;
    }
    const release = loaded.repo.environments.find((e) => e.name === row.environment)?.releases.find((r) => r.name === row.release);
    if (!release) {
      out.push(row);
      continue;
    }
    if (!isLockValueFor(row.key, row.candidate)) {
      out.push({ ...row, decision: 'skip', reason: `${row.reason}; but the candidate \`${excerpt(row.candidate)}\` is not a valid ${isChartVersionEntry(row) ? 'chart version' : 'image tag'}, so it was not written` });
      continue;
    }
    await read(release.file);
    for (const file of release.valuesFiles) await read(file);
    const where = locate(release, row, texts);
    if (typeof where === 'string') {
      out.push({ ...row, decision: 'skip', reason: `${row.reason}; but ${where}` });
      continue;
    }
    const id = `${where.file}\u0000${where.path.join('\u0000')}`;
    const earlier = done.get(id);
    if (earlier !== undefined) {
      out.push(earlier === row.candidate ? row : { ...row, decision: 'skip', reason: `${where.file} is shared and another environment moves ${row.key} to ${earlier}` });
      continue;
    }
    let patched: string;
    try {
      patched = patchScalar(texts.get(where.file)!, where.path, row.candidate);
    } catch (error) {
      if (!(error instanceof PatchError)) throw error;
      out.push({ ...row, decision: 'skip', reason: `${row.reason}; but ${error.message}` });
      continue;
    }
    texts.set(where.file, patched);
    done.set(id, row.candidate);
    out.push(row);
  }
  const files = new Map([...texts].filter(([file, text]) => original.get(file) !== text));
  return { files, rows: out };
}

/**
 * Writes patched files inside the repository, each atomically (a temporary file renamed over it, its mode
 * kept), so a killed run leaves every file whole; a symlinked file or folder is refused. Returns the files.
 */
export async function writePatches(root: string, files: Map<string, string>): Promise<string[]> {
  const confined = await confinedRoot(root);
  for (const [file, text] of files) await writeConfined(confined, file, text, 'patched file');
  return [...files.keys()].sort();
}
