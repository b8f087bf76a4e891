// `npm run harness:smoke` is a program, not a test file; this runs it so CI proves it keeps working.
import { expect, test } from 'vitest';
import { run } from '../../src/exec/run.js';
import { REPO_ROOT } from './tools.js';

test('npm run harness:smoke proves every piece of the stack and leaves nothing behind', async () => {
  const result = await run('npm', ['run', '--silent', 'harness:smoke'], { cwd: REPO_ROOT, timeoutMs: 240_000 });
  const output = result.stdout + result.stderr;
  expect(result.code, output).toBe(0);
  expect(output).toMatch(/^smoke: \d+ passed, 0 failed$/m);
  expect(output).toContain('teardown leaves no process and no listening port behind');
  expect(output).not.toMatch(/^FAIL /m);
}, 300_000);
