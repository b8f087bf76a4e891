import { isObj, list, str } from '../model/data.js';
import { isDigest, isLockValue, isRfc3339 } from '../model/grammar.js';
import { excerpt, formatPos, problem, sortProblems } from '../model/problems.js';
import { validateSource } from '../model/schema.js';
import { TRACKS, type LockEntry, type LockFile, type Problem, type Track } from '../model/types.js';
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
    const value = str(raw['value']);
    const resolvedAt = str(raw['resolvedAt']);
    if (release === undefined || key === undefined || value === undefined || resolvedAt === undefined) return;
    const pos = source.pos(['entries', index]);
    const id = `${release}\u0000${key}`;
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push(problem(pos, `duplicate lock entry for release \`${release}\` key \`${key}\`; first at ${first}`));
      return;
    }
    seen.set(id, formatPos(pos));
    // Lock files hold registry data; a value that is not a tag (or chart version) could be anything.
    // The schema's patterns report digest and times; an entry with any of them wrong is left out all the same.
    const bad = entryProblems({ key, value, digest: raw['digest'], created: raw['created'], resolvedAt }, true);
    for (const { field, message } of bad) if (field === 'value') problems.push(problem(source.pos(['entries', index, field]), message));
    if (bad.length > 0) return;
    const optional = (name: 'repository' | 'digest' | 'created') => {
      const v = str(raw[name]);
      return v === undefined ? {} : { [name]: v };
    };
    const track = TRACKS.includes(raw['track'] as Track) ? { track: raw['track'] as Track } : {};
    entries.push({ release, key, value, ...optional('repository'), ...optional('digest'), ...track, ...optional('created'), resolvedAt, pos });
  });
  return { lock: { environment, entries }, problems: sortProblems(problems) };
}

/**
 * What is wrong with an entry's registry data: `value` must fit the grammar of its key (a chart version
 * for `chart.version`, else an OCI tag). With `all` (serialising), also `digest` (a digest) and `created`,
 * `resolvedAt` (RFC 3339); when parsing, the schema's patterns check those with positions.
 */
export function entryProblems(
  entry: { key: string; value: unknown; digest?: unknown; created?: unknown; resolvedAt?: unknown },
  all = false,
): { field: string; message: string }[] {
  const found: { field: string; message: string }[] = [];
  if (!isLockValue(entry.key, entry.value)) {
    const what = entry.key === 'chart.version' ? 'a chart version (SemVer)' : 'an image tag (letters, digits, `_`, `.` and `-`, at most 128)';
    found.push({ field: 'value', message: `\`value\` \`${excerpt(entry.value)}\` of \`${excerpt(entry.key)}\` is not ${what}` });
  }
  if (!all) return found;
  if (entry.digest !== undefined && !isDigest(entry.digest)) found.push({ field: 'digest', message: `\`digest\` \`${excerpt(entry.digest)}\` is not a digest (sha256:<64 hex> or sha512:<128 hex>)` });
  for (const field of ['created', 'resolvedAt'] as const) {
    if ((field === 'resolvedAt' || entry[field] !== undefined) && !isRfc3339(entry[field])) {
      found.push({ field, message: `\`${field}\` \`${excerpt(entry[field])}\` is not an RFC 3339 time` });
    }
  }
  return found;
}
