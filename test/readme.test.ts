import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parse } from 'yaml';

// The README's action tables and config reference are generated from action.yml and schema/; this fails
// when either changed without `node scripts/readme-sections.mjs`.
test('README reference sections match action.yml and schema/', () => {
  expect(() => execFileSync(process.execPath, ['scripts/readme-sections.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
});

test.each(['lint', 'check-upgrades', 'apply'])('README documents every input and output of action-%s', (name) => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf(`<!-- action-${name}:start -->`), readme.indexOf(`<!-- action-${name}:end -->`));
  const action = parse(readFileSync(`action-${name}/action.yml`, 'utf8')) as { inputs: object; outputs: object; runs: { using: string; main: string } };
  for (const key of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) expect(section).toContain(`| \`${key}\` |`);
  expect(action.runs).toEqual({ using: 'node24', main: `../dist/${name}/index.js` });
});

test('the README names the two commands that .ci/run and a newcomer use', () => {
  const readme = readFileSync('README.md', 'utf8');
  expect(readme).toContain('bash scripts/demo.sh');
  expect(readme).toContain('bash scripts/test.sh');
  expect(readFileSync('.ci/run', 'utf8')).toContain('bash scripts/test.sh');
});
