/**
 * The import direction of src/'s folders: a folder may import its own layer or a lower one, never a higher
 * one, and the engines never import each other. The README's "Developing kubecd" folder list says the same.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

/** Lowest first. */
const LAYERS: readonly (readonly string[])[] = [
  ['model', 'concurrency', 'exec', 'fs', 'log'],
  ['values', 'versions', 'lock'],
  ['repo'],
  ['registry', 'charts', 'helm', 'kube', 'git', 'cloud', 'notify'],
  ['upgrades', 'deploy', 'lint'],
  ['actions', 'cli', 'agent'],
  ['bundle'],
];
/** Same layer, but independent of each other: what two engines share belongs in a lower layer. */
const ENGINES = new Set(['upgrades', 'deploy', 'lint']);

const SRC = path.resolve(import.meta.dirname);

interface Import {
  /** Both relative to src/, e.g. `lint/lint.ts` -> `deploy/render.ts`; `to` may start with `../` (outside src/). */
  from: string;
  to: string;
}

function layerOf(folder: string): number | undefined {
  const index = LAYERS.findIndex((layer) => layer.includes(folder));
  return index >= 0 ? index : undefined;
}

/** What breaks the rules, one line each. */
function violations(imports: readonly Import[]): string[] {
  const found: string[] = [];
  for (const { from, to } of imports) {
    const source = from.split('/')[0]!;
    const line = `${from} imports ${to}`;
    const fromLayer = layerOf(source);
    if (fromLayer === undefined || !from.includes('/')) {
      found.push(`${line}: ${from.includes('/') ? `folder ${source}/` : 'a file directly in src/'} has no layer (add it to LAYERS and the README's folder list)`);
      continue;
    }
    if (to.startsWith('../')) {
      // Data next to src/ (the JSON schemas) is fine; code outside src/ (tests, scripts) is not.
      if (!to.endsWith('.json')) found.push(`${line}: src/ must not import code from outside src/`);
      continue;
    }
    const target = to.split('/')[0]!;
    if (target === source) continue;
    const toLayer = layerOf(target);
    if (toLayer === undefined) found.push(`${line}: folder ${target}/ has no layer`);
    else if (toLayer > fromLayer) found.push(`${line}: ${source}/ (layer ${fromLayer}) must not import the higher ${target}/ (layer ${toLayer})`);
    else if (toLayer === fromLayer && ENGINES.has(source) && ENGINES.has(target)) found.push(`${line}: engines do not import each other; move the shared part down`);
  }
  return found;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(full)));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) files.push(full);
  }
  return files;
}

/** Relative imports of every non-test file under src/: static, `export ... from` and dynamic `import()`. */
async function srcImports(): Promise<Import[]> {
  const imports: Import[] = [];
  for (const file of await sourceFiles(SRC)) {
    const info = ts.preProcessFile(await readFile(file, 'utf8'), true, true);
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), fileName);
      imports.push({ from: path.relative(SRC, file), to: path.relative(SRC, target) });
    }
  }
  return imports;
}

describe('import direction', () => {
  test('no folder of src/ imports a higher layer, and engines do not import each other', async () => {
    const imports = await srcImports();
    // The scan must see the code: a broken extractor would pass vacuously.
    expect(imports.length).toBeGreaterThan(100);
    expect(imports).toContainEqual({ from: 'repo/load.ts', to: 'lock/parse.js' });
    expect(violations(imports)).toEqual([]);
  });

  test('catches an upward import, an engine importing an engine, code outside src/ and an unknown folder', () => {
    expect(
      violations([
        { from: 'model/types.ts', to: 'values/compose.js' },
        { from: 'lint/lint.ts', to: 'deploy/render.js' },
        { from: 'model/load.ts', to: '../test/support/temp-repo.js' },
        { from: 'widgets/a.ts', to: 'model/types.js' },
        { from: 'helm/render.ts', to: 'values/compose.js' },
        { from: 'charts/source.ts', to: 'registry/client.js' },
        { from: 'model/schema.ts', to: '../schema/lock.schema.json' },
      ]),
    ).toEqual([
      'model/types.ts imports values/compose.js: model/ (layer 0) must not import the higher values/ (layer 1)',
      'lint/lint.ts imports deploy/render.js: engines do not import each other; move the shared part down',
      'model/load.ts imports ../test/support/temp-repo.js: src/ must not import code from outside src/',
      "widgets/a.ts imports model/types.js: folder widgets/ has no layer (add it to LAYERS and the README's folder list)",
    ]);
  });

  test('every folder of src/ has a layer and is in the README folder list', async () => {
    const folders = (await readdir(SRC, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(folders.filter((folder) => layerOf(folder) === undefined)).toEqual([]);
    const readme = await readFile(path.join(SRC, '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Developing kubecd'));
    expect(folders.filter((folder) => !section.includes(`\`${folder}/\``))).toEqual([]);
    expect(LAYERS.flat().filter((folder) => !folders.includes(folder))).toEqual([]);
  });
});
