import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, runningProcesses } from './process.js';
import { HELM_MAJORS, helmBinary, kubectlBinary, readZipEntry } from './tools.js';

const execFileAsync = promisify(execFile);

afterAll(async () => {
  await cleanupAll();
  expect(runningProcesses()).toEqual([]);
});

describe.each(HELM_MAJORS)('Helm %i', (major) => {
  it('extracts a binary that reports its major version', async () => {
    const helm = await helmBinary(major);
    expect(helm).toMatch(/^\/.*\/\.cache\/tools\/.+\/helm\/helm$/);
    const { stdout } = await execFileAsync(helm, ['version', '--template', '{{.Version}}']);
    console.log(`helm ${major}: ${stdout.trim()} at ${helm}`);
    expect(stdout.trim()).toMatch(new RegExp(`^v${major}\\.\\d+\\.\\d+$`));
  });

  it('hands concurrent callers the same path', async () => {
    const paths = await Promise.all([helmBinary(major), helmBinary(major), helmBinary(major)]);
    expect(new Set(paths).size).toBe(1);
  });
});

it('the two Helm majors are different binaries', async () => {
  expect(await helmBinary(3)).not.toBe(await helmBinary(4));
});

it('kubectl runs', async () => {
  const { stdout } = await execFileAsync(await kubectlBinary(), ['version', '--client', '--output=json']);
  const version = (JSON.parse(stdout) as { clientVersion: { major: string; minor: string; gitVersion: string } }).clientVersion;
  console.log(`kubectl: ${version.gitVersion}`);
  expect(version.major).toBe('1');
  expect(Number(version.minor)).toBeGreaterThanOrEqual(33);
});

it('readZipEntry refuses what is not there', () => {
  expect(() => readZipEntry(Buffer.from('not a zip at all, not even close to one'), 'helm/helm')).toThrow(/not a zip/);
});
