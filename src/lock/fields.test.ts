import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { DIGEST, RFC3339 } from '../model/grammar.js';
import { TRIGGER_TRACKS } from '../model/types.js';
import { chartVersionToUse, isChartVersionEntry, lockedChartVersion, lockedValues, lockKeyOf } from './chart-version.js';
import { parseLockFile } from './parse.js';
import { serializeLockFile } from './serialize.js';
import { LOCK_FIELDS, type LockFile } from './types.js';

describe('the lock entry field table', () => {
  test('schema/lock.schema.json describes exactly the fields of LOCK_FIELDS, in order, with the same kinds', async () => {
    const schema = JSON.parse(await readFile('schema/lock.schema.json', 'utf8'));
    const item = schema.properties.entries.items;
    expect(Object.keys(item.properties)).toEqual(LOCK_FIELDS.map((f) => f.name));
    expect([...item.required].sort()).toEqual(LOCK_FIELDS.filter((f) => f.required).map((f) => f.name).sort());
    expect(item.additionalProperties).toBe(false);
    for (const field of LOCK_FIELDS) {
      const property = item.properties[field.name];
      if (field.kind === 'track') expect(property.enum, field.name).toEqual(TRIGGER_TRACKS);
      else expect(property.type, field.name).toBe(field.kind === 'flag' ? 'boolean' : 'string');
      expect(property.pattern, field.name).toBe(field.kind === 'digest' ? DIGEST.source : field.kind === 'time' ? RFC3339.source : undefined);
    }
  });

  test('the serialiser writes the fields in table order and the parser reads every one back', () => {
    const full = Object.fromEntries(LOCK_FIELDS.map((f) => [f.name, { release: 'web', key: 'image.tag', value: '1.0', repository: 'team/web', digest: `sha256:${'b'.repeat(64)}`, track: 'Newest', created: '2026-01-01T00:00:00Z', resolvedAt: '2026-01-02T00:00:00Z', since: '2026-01-01T12:00:00Z', hold: true }[f.name]]));
    const lock = { environment: 'prod', entries: [full] } as unknown as LockFile;
    const text = serializeLockFile(lock);
    const written = [...text.matchAll(/^ {2}(?:- | {2})(\w+):/gm)].map((m) => m[1]);
    expect(written).toEqual(LOCK_FIELDS.map((f) => f.name));
    const parsed = parseLockFile(text, 'l.yaml');
    expect(parsed.problems).toEqual([]);
    expect(parsed.lock!.entries.map(({ pos: _, ...rest }) => rest)).toEqual([full]);
  });

  test('an entry with a field of the wrong kind is left out, and serialising refuses it', () => {
    const text = 'environment: prod\nentries:\n  - release: web\n    key: image.tag\n    value: "1.0"\n    track: Sometimes\n    resolvedAt: 2026-01-01T00:00:00Z\n';
    const parsed = parseLockFile(text, 'l.yaml');
    expect(parsed.lock!.entries).toEqual([]);
    expect(parsed.problems.map((p) => `${p.line}:${p.column}`)).toEqual(['6:12']);
    expect(() => serializeLockFile({ environment: 'prod', entries: [{ release: 'web', key: 'image.tag', value: '1.0', track: 'Sometimes' as never, resolvedAt: '2026-01-01T00:00:00Z' }] })).toThrow(
      /`track` `Sometimes` is not one of PatchLevel, MinorVersion, MajorVersion, Newest, Promote/,
    );
  });
});

test('hold is written as a YAML boolean and read back as one; a quoted "true" is refused', () => {
  const text = serializeLockFile({ environment: 'prod', entries: [{ release: 'web', key: 'image.tag', value: '1.0', resolvedAt: '2026-01-02T00:00:00Z', hold: true }] });
  expect(text).toMatch(/^ {4}hold: true$/m);
  expect(parseLockFile(text, 'l.yaml').lock!.entries[0]!.hold).toBe(true);
  const quoted = parseLockFile(text.replace('hold: true', 'hold: "true"'), 'l.yaml');
  expect(quoted.lock!.entries).toEqual([]);
  expect(quoted.problems.length).toBeGreaterThan(0);
});

describe('chart-version lock entries', () => {
  const lock: LockFile = {
    environment: 'prod',
    entries: [
      { release: 'proxy', key: 'chart.version', value: '1.2.0', resolvedAt: '2026-01-01T00:00:00Z' },
      { release: 'proxy', key: 'image.tag', value: 'v2', resolvedAt: '2026-01-01T00:00:00Z' },
    ],
  };
  const release = (kind: 'oci' | 'dir') =>
    ({ name: 'proxy', chart: kind === 'oci' ? { kind, reference: 'oci://charts.example.test/proxy', version: '1.0.0' } : { kind, dir: 'chart' } }) as never;

  test('the lock pins the chart version; without the lock (or for a chart folder) the release file decides', () => {
    expect(isChartVersionEntry(lock.entries[0]!)).toBe(true);
    expect(lockedChartVersion(lock, 'proxy')).toBe('1.2.0');
    expect(lockedChartVersion(lock, 'web')).toBeUndefined();
    expect(chartVersionToUse(release('oci'), lock)).toBe('1.2.0');
    expect(chartVersionToUse(release('oci'), undefined)).toBe('1.0.0');
    expect(chartVersionToUse(release('dir'), lock)).toBeUndefined();
  });

  test('the chart version is not a chart value; a chart trigger is locked under chart.version', () => {
    expect(lockedValues(lock, 'proxy').map((e) => e.key)).toEqual(['image.tag']);
    expect(lockKeyOf({ kind: 'chart', track: 'PatchLevel', pos: { file: 'r', line: 1, column: 1 } })).toBe('chart.version');
    expect(lockKeyOf({ kind: 'image', tagValue: 'sidecar.tag', repoValue: 'r', prefixValue: 'p', track: 'PatchLevel', pos: { file: 'r', line: 1, column: 1 } })).toBe('sidecar.tag');
  });
});
