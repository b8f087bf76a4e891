/**
 * `write: patch`: edit the release files (or their values files) in place. The yaml Document API finds the
 * scalar; the new value is spliced into the original text at that scalar's source range, so every other
 * byte (comments, quoting, key order, blank lines, indentation) stays as it was.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { isMap, isScalar, isSeq, parse, parseDocument, type Document, type Node } from 'yaml';
import { toAbsolute } from '../model/paths.js';
import type { LoadedRepo } from '../model/loaded-repo.js';
import { CHART_VERSION_KEY, type Release } from '../model/types.js';
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

/** Replaces the scalar at `path` in `text`; throws PatchError when there is no scalar there. */
export function patchScalar(text: string, path: readonly (string | number)[], value: string): string {
  const doc = parseDocument(text, { keepSourceTokens: false });
  const node = doc.getIn(path, true) as Node | undefined;
  if (!isScalar(node) || !node.range) throw new PatchError(`no scalar at ${path.join('.')}`);
  const [start, end] = node.range;
  const patched = text.slice(0, start) + renderLike({ type: node.type }, value) + text.slice(end);
  const check = parseDocument(patched).getIn(path);
  if (String(check) !== value) throw new PatchError(`patching ${path.join('.')} to ${value} would read back as ${String(check)}`);
  return patched;
}

function releaseIndex(doc: Document, name: string): number | undefined {
  const releases = doc.get('releases', true);
  if (!isSeq(releases)) return undefined;
  const index = releases.items.findIndex((item) => isMap(item) && item.get('name') === name);
  return index >= 0 ? index : undefined;
}

/** Where a row's value lives in the user's files, or why it cannot be patched. */
export function locate(loaded: LoadedRepo, release: Release, row: UpgradeRow, texts: Map<string, string>): { file: string; path: (string | number)[] } | string {
  const doc = parseDocument(texts.get(release.file) ?? '');
  const index = releaseIndex(doc, release.name);
  if (index === undefined) return `release ${release.name} not found in ${release.file}`;
  if (row.key === CHART_VERSION_KEY) {
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
  const read = async (file: string) => {
    if (!texts.has(file)) {
      const text = await readFile(toAbsolute(loaded.repo.root, file), 'utf8');
      texts.set(file, text);
      original.set(file, text);
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
    await read(release.file);
    for (const file of release.valuesFiles) await read(file);
    const where = locate(loaded, release, row, texts);
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
    texts.set(where.file, patchScalar(texts.get(where.file)!, where.path, row.candidate));
    done.set(id, row.candidate);
    out.push(row);
  }
  const files = new Map([...texts].filter(([file, text]) => original.get(file) !== text));
  return { files, rows: out };
}

/** Writes patched files in place (so mode and ownership stay); returns the files written. */
export async function writePatches(root: string, files: Map<string, string>): Promise<string[]> {
  for (const [file, text] of files) await writeFile(toAbsolute(root, file), text);
  return [...files.keys()].sort();
}
