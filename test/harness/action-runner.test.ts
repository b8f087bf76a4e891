import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inputEnvironment, inputVariable, newDelimiter, parseCommandFile, runBundledAction } from './action-runner.js';

describe('the action runner', () => {
  const dirs: string[] = [];
  afterAll(async () => { await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))); });

  it('names inputs as the runner does: upper case, spaces to underscores, dashes kept', () => {
    expect(inputVariable('fail-fast')).toBe('INPUT_FAIL-FAST');
    expect(inputVariable('workload_identity_provider')).toBe('INPUT_WORKLOAD_IDENTITY_PROVIDER');
    expect(inputVariable('my input')).toBe('INPUT_MY_INPUT');
  });

  it('parses name=value lines and multi-line delimiter blocks of a command file', () => {
    const delimiter = newDelimiter();
    const text = `simple=a=b\nmatrix<<${delimiter}\n{"include": [\n]}\n${delimiter}\nempty<<EOF\nEOF\n`;
    expect(parseCommandFile(text)).toEqual({ simple: 'a=b', matrix: '{"include": [\n]}', empty: '' });
    expect(() => parseCommandFile('x<<EOF\nnever closed\n')).toThrow(/no closing delimiter/);
  });

  it('fills in action.yml defaults, evaluates ${{ github.token }} and refuses undeclared inputs', () => {
    const meta = { inputs: { token: { default: '${{ github.token }}' }, mode: { default: 'apply' }, releases: { default: '' } }, runs: { using: 'node24', main: 'x.js' } };
    expect(inputEnvironment(meta, { releases: 'web' }, 'ghs_x')).toEqual({ INPUT_TOKEN: 'ghs_x', INPUT_MODE: 'apply', INPUT_RELEASES: 'web' });
    expect(() => inputEnvironment(meta, { nope: '1' })).toThrow(/unexpected input/);
  });

  it('runs a bundle with the runner files and returns its outputs, summary and exit code', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'kubecd-runner-test-'));
    dirs.push(workspace);
    await writeFile(join(workspace, 'environments.yaml'), 'environments: []\n');
    const result = await runBundledAction('lint', { workspace });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs.environments).toBe('[]');
    expect(result.summary).toContain('kubecd lint');
  });
});
