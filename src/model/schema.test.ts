import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';

const names = ['environments', 'releases', 'lock'];
const load = async (name: string) => JSON.parse(await readFile(`schema/${name}.schema.json`, 'utf8')) as Record<string, unknown>;

/** Every entry under a `properties` map, with its path, anywhere in the schema. */
function properties(node: unknown, path = '#'): Array<[string, Record<string, unknown>]> {
  if (typeof node !== 'object' || node === null) return [];
  const found: Array<[string, Record<string, unknown>]> = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      for (const [name, schema] of Object.entries(value)) found.push([`${path}/properties/${name}`, schema as Record<string, unknown>]);
    }
    found.push(...properties(value, `${path}/${key}`));
  }
  return found;
}

describe('the JSON schemas', () => {
  test.each(names)('%s: every property has a description (editors show them) or is a $ref', async (name) => {
    const schema = await load(name);
    const missing = properties(schema).filter(([, s]) => typeof s['description'] !== 'string' && typeof s['$ref'] !== 'string').map(([p]) => p);
    expect(missing).toEqual([]);
    expect(properties(schema).length).toBeGreaterThan(5);
  });

  test('the {key, value} definition is the same in the environments and releases schemas', async () => {
    const [environments, releases] = await Promise.all([load('environments'), load('releases')]);
    const valueSetting = (s: Record<string, unknown>) => (s['definitions'] as Record<string, unknown>)['valueSetting'];
    expect(valueSetting(releases)).toEqual(valueSetting(environments));
  });
});
