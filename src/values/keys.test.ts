import { describe, expect, test } from 'vitest';
import type { ImageTrigger } from '../model/types.js';
import { deepMerge, getValue, setValue, splitKey } from './keys.js';
import { imageOf } from './compose.js';

describe('splitKey', () => {
  test.each([
    ['image.tag', ['image', 'tag']],
    ['tag', ['tag']],
    ['podAnnotations.prometheus\\.io/scrape', ['podAnnotations', 'prometheus.io/scrape']],
    ['a\\.b\\.c', ['a.b.c']],
    ['a\\b.c', ['a\\b', 'c']],
  ])('%s', (key, parts) => expect(splitKey(key)).toEqual(parts));
});

describe('setValue / getValue', () => {
  test('nest dotted keys and replace non-map parents', () => {
    const values: Record<string, unknown> = { image: 'mysql' };
    setValue(values, 'image.tag', '5.7');
    setValue(values, 'a\\.b.c', 1);
    expect(values).toEqual({ image: { tag: '5.7' }, 'a.b': { c: 1 } });
    expect(getValue(values, 'image.tag')).toBe('5.7');
    expect(getValue(values, 'a\\.b.c')).toBe(1);
    expect(getValue(values, 'image.tag.x')).toBeUndefined();
    expect(getValue(values, 'missing')).toBeUndefined();
  });

  test('a __proto__ key stays an own property', () => {
    const values: Record<string, unknown> = {};
    setValue(values, '__proto__.polluted', true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(values)).toEqual(['__proto__']);
  });
});

describe('deepMerge', () => {
  test('maps merge, lists and scalars replace, sources are copied', () => {
    const overlay = { a: { b: [1] } };
    const merged = deepMerge({ a: { b: [0, 0], c: 1 }, d: 1 }, overlay);
    expect(merged).toEqual({ a: { b: [1], c: 1 }, d: 1 });
    (merged['a'] as { b: number[] }).b.push(2);
    expect(overlay.a.b).toEqual([1]);
  });
});

describe('imageOf', () => {
  const trigger: ImageTrigger = { kind: 'image', tagValue: 'image.tag', repoValue: 'image.repository', prefixValue: 'image.prefix', track: 'Newest', pos: { file: 'r.yaml', line: 1, column: 1 } };
  test('prefix + repository, and the tag', () => {
    expect(imageOf({ image: { prefix: 'registry.example.test/', repository: 'team/web', tag: 'v2' } }, trigger)).toEqual({ repository: 'registry.example.test/team/web', tag: 'v2' });
  });
  test('without a prefix, and with nothing set', () => {
    expect(imageOf({ image: { repository: 'team/web' } }, trigger)).toEqual({ repository: 'team/web' });
    expect(imageOf({}, trigger)).toEqual({});
  });
});
