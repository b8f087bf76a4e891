import { describe, expect, it } from 'vitest';
import { run } from './run.js';

describe('run', () => {
  it('passes arguments as they are, never through a shell', async () => {
    const result = await run('printf', ['%s|', 'a b', '$(id)', ';ls']);
    expect(result).toMatchObject({ code: 0, stdout: 'a b|$(id)|;ls|' });
  });

  it('keeps its time limit when a grandchild holds the output open', async () => {
    const started = performance.now();
    // sh starts sleep, which inherits stdout and outlives the killed sh.
    const result = await run('sh', ['-c', 'sleep 5 & sleep 5'], { timeoutMs: 200 });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/sh timed out after 200 ms$/);
  });

  it('answers 127 for a program that does not exist', async () => {
    expect((await run('kubecd-no-such-program', [])).code).toBe(127);
  });
});
