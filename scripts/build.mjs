// Builds one ncc bundle per entry point into dist/<name>/index.js. Byte-reproducible: no cache, no
// source maps, and the same inputs give the same files (CI rebuilds and compares with the committed dist/).
import { execFileSync } from 'node:child_process';
import { rmSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const entries = {
  lint: 'src/actions/entry/lint.ts',
  'check-upgrades': 'src/actions/entry/check-upgrades.ts',
  apply: 'src/actions/entry/apply.ts',
  cli: 'src/cli/main.ts',
};
const ncc = join('node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
// `--out DIR` builds elsewhere (the reproducibility test compares such a build with the committed dist/).
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outRoot = outIndex >= 0 ? args.splice(outIndex, 2)[1] : 'dist';
const only = args;

for (const [name, entry] of Object.entries(entries)) {
  if (only.length > 0 && !only.includes(name)) continue;
  const out = join(outRoot, name);
  rmSync(out, { recursive: true, force: true });
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', out, '--no-cache', '--no-source-map-register', '--license', 'licenses.txt', '--quiet'], { stdio: 'inherit' });
  const size = readdirSync(out).reduce((sum, file) => sum + statSync(join(out, file)).size, 0);
  console.log(`${out}: ${(size / 1024).toFixed(0)} KiB`);
}
