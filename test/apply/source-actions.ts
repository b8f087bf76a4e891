// A stand-in for dist/: each <action>/index.js runs src/actions/<action>.ts through tsx, so an action's
// hardening is tested through runBundledAction (the runner's environment, inputs, command files) before the
// lead rebuilds the bundles. Pass the folder as runBundledAction's `distDir`.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../harness/tools.js';

export async function sourceActionsDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kubecd-source-actions-'));
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
  const tsx = pathToFileURL(join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'esm', 'api', 'index.mjs')).href;
  for (const name of ['lint', 'check-upgrades', 'apply']) {
    await mkdir(join(dir, name));
    const source = pathToFileURL(join(REPO_ROOT, 'src', 'actions', `${name}.ts`)).href;
    await writeFile(join(dir, name, 'index.js'), `const { register } = await import(${JSON.stringify(tsx)});\nregister();\nawait (await import(${JSON.stringify(source)})).run();\n`);
  }
  return dir;
}
