import { isObj, list, str } from '../model/data.js';
import { formatPos, problem, sortProblems } from '../model/problems.js';
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
    const optional = (name: 'repository' | 'digest' | 'created') => {
      const v = str(raw[name]);
      return v === undefined ? {} : { [name]: v };
    };
    const track = TRACKS.includes(raw['track'] as Track) ? { track: raw['track'] as Track } : {};
    entries.push({ release, key, value, ...optional('repository'), ...optional('digest'), ...track, ...optional('created'), resolvedAt, pos });
  });
  return { lock: { environment, entries }, problems: sortProblems(problems) };
}
