import { isObj, list, str } from '../model/data.js';
import { excerpt, formatPos, problem, sortProblems } from '../model/problems.js';
import { validateSource } from '../model/schema.js';
import type { Problem } from '../model/types.js';
import { expectedValueFor, isLockValueFor } from './chart-version.js';
import { expectedOf, fitsKind, LOCK_FIELDS, type LockEntry, type LockFile } from './types.js';
import { parseYaml } from '../model/yaml-source.js';

/** Parses a lock file; `file` (root-relative) is used in problem positions. Never throws. */
export function parseLockFile(text: string, file: string): { lock?: LockFile; problems: Problem[] } {
  const source = parseYaml(text, file);
  if (source.problems.length > 0) return { problems: source.problems };
  const problems = validateSource(source, 'lock');
  if (!isObj(source.data)) return { problems: sortProblems(problems) };
  const environment = str(source.data['environment']) ?? '';
  const entries: LockEntry[] = [];
  const seen = new Map<string, string>();
  list(source.data['entries']).forEach((raw, index) => {
    if (!isObj(raw)) return;
    const release = str(raw['release']);
    const key = str(raw['key']);
    // A missing required field: the schema reports it with its position.
    if (LOCK_FIELDS.some((f) => f.required && str(raw[f.name]) === undefined) || release === undefined || key === undefined) return;
    const pos = source.pos(['entries', index]);
    const id = `${release}\u0000${key}`;
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push(problem(pos, `duplicate lock entry for release \`${release}\` key \`${key}\`; first at ${first}`));
      return;
    }
    seen.set(id, formatPos(pos));
    // Lock files hold registry data; a value that is not a tag (or chart version) could be anything.
    // The schema's patterns report the other fields; an entry with any of them wrong is left out all the same.
    const bad = entryProblems(raw, true);
    for (const { field, message } of bad) if (field === 'value') problems.push(problem(source.pos(['entries', index, field]), message));
    if (bad.length > 0) return;
    const entry: Record<string, unknown> = {};
    for (const field of LOCK_FIELDS) if (raw[field.name] !== undefined) entry[field.name] = raw[field.name];
    entries.push({ ...(entry as LockEntry), pos });
  });
  return { lock: { environment, entries }, problems: sortProblems(problems) };
}

/**
 * What is wrong with an entry: `value` must fit the grammar of its key (a chart version for
 * `chart.version`, else an OCI tag). With `all` (serialising, and parsing before an entry is kept), every
 * field is checked by its kind; when parsing, the schema reports those with positions.
 */
export function entryProblems(entry: Readonly<Record<string, unknown>>, all = false): { field: string; message: string }[] {
  const found: { field: string; message: string }[] = [];
  const key = typeof entry['key'] === 'string' ? entry['key'] : '';
  for (const { name, required, kind } of LOCK_FIELDS) {
    const value = entry[name];
    if (kind === 'value') {
      if (!isLockValueFor(key, value)) found.push({ field: name, message: `\`${name}\` \`${excerpt(value)}\` of \`${excerpt(key)}\` is not ${expectedValueFor(key)}` });
      continue;
    }
    if (!all || (value === undefined && !required)) continue;
    if (!fitsKind(kind, value)) found.push({ field: name, message: `\`${name}\` \`${excerpt(value)}\` is not ${expectedOf(kind) ?? 'a string'}` });
  }
  return found;
}
