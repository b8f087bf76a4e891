import { describe, expect, test } from 'vitest';
import { parseTag } from './tag.js';

describe('parseTag', () => {
  test.each([
    ['1', '', 1, '1.0.0'],
    ['1.2', '', 2, '1.2.0'],
    ['1.2.3', '', 3, '1.2.3'],
    ['v5', 'v', 1, '5.0.0'],
    ['v5.7', 'v', 2, '5.7.0'],
    ['v5.7.14', 'v', 3, '5.7.14'],
    ['1.2.3-rc.1', '', 3, '1.2.3-rc.1'],
  ])('%s reads as prefix %j, %i parts, %s', (tag, prefix, parts, version) => {
    const parsed = parseTag(tag);
    expect(parsed?.prefix).toBe(prefix);
    expect(parsed?.parts).toBe(parts);
    expect(parsed?.version.version).toBe(version);
    expect(parsed?.raw).toBe(tag);
  });

  test('keeps build metadata out of the comparison but in the raw tag', () => {
    expect(parseTag('1.2.3+abc')?.version.compare('1.2.3')).toBe(0);
  });

  test.each(['latest', 'main', '01.2', '1.2.3.4', 'V1.2', '', 'sha-abc123'])('%j is not a version', (tag) => {
    expect(parseTag(tag)).toBeUndefined();
  });

  test('pre-releases are marked', () => {
    expect(parseTag('2.0.0-beta')?.prerelease).toBe(true);
    expect(parseTag('2.0.0')?.prerelease).toBe(false);
  });
});
