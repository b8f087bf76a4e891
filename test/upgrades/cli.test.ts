// check-upgrades through both entry points: the CLI in process, and the action from source as the runner
// runs it; both go through the one request mapper (src/upgrades/request.ts).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { checkUpgradesCommand } from '../../src/cli/commands/check-upgrades.js';
import { UsageError } from '../../src/cli/usage.js';
import { parseCommandFile, runBundledAction } from '../harness/action-runner.js';
import { pushImage } from '../harness/images.js';
import { cleanupAll } from '../harness/process.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { environmentsYaml, imageRelease, makeDeployments, read, releasesYaml } from './fixture.js';

let reg: RunningRegistry;
beforeAll(async () => {
  reg = await startRegistry();
  await pushImage(reg, { repository: 'shop/web', tag: ['1.0.0', '1.0.4'], created: '2024-01-01T00:00:00Z' });
}, 60_000);
afterAll(async () => {
  await reg?.stop();
  await cleanupAll();
});

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    return { code: await checkUpgradesCommand(args), out };
  } finally {
    spy.mockRestore();
  }
}

describe('kubecd check-upgrades', () => {
  it('prints the table and writes nothing without --apply; --apply writes the lock file', async () => {
    const root = await makeDeployments({
      'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'], test: ['releases/prod.yaml'] }),
      'releases/prod.yaml': releasesYaml([imageRelease('web', `${reg.host}/shop/web`, '1.0.0', 'PatchLevel')]),
    });
    const dry = await cli(['-f', `${root}/environments.yaml`, 'prod']);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/prod\s+web\s+image\.tag\s+1\.0\.0\s+1\.0\.4\s+PatchLevel\s+newer found/);
    expect(dry.out).not.toMatch(/^test\s/m);
    expect(dry.out).toContain('--apply would write locks/prod.yaml');
    await expect(read(root, 'locks/prod.yaml')).rejects.toThrow();

    const applied = await cli(['-f', `${root}/environments.yaml`, 'prod', '--apply']);
    expect(applied.out).toContain('wrote locks/prod.yaml');
    expect(await read(root, 'locks/prod.yaml')).toContain('value: "1.0.4"');
  });
});

describe('the request mapper', () => {
  it('turns a bad --write or --fail-on into a usage error naming the flag, before reading the repo', async () => {
    await expect(cli(['-f', '/nonexistent/environments.yaml', '--write', 'both'])).rejects.toThrow(new UsageError('--write must be one of lock, patch, not "both"'));
    await expect(cli(['-f', '/nonexistent/environments.yaml', '--fail-on', 'always'])).rejects.toThrow(new UsageError('--fail-on must be one of registry-errors, never, not "always"'));
  });
});

describe('the check-upgrades action, from source', () => {
  let root: string;
  beforeAll(async () => {
    root = await makeDeployments({
      'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'] }),
      'releases/prod.yaml': releasesYaml([imageRelease('web', `${reg.host}/shop/web`, '1.0.0', 'PatchLevel')]),
    });
  });
  afterAll(async () => {
  });

  /** The action's outputs, and how many times each was written to the GITHUB_OUTPUT file. */
  async function action(inputs: Record<string, string>, workspace = root) {
    const files = await mkdtemp(join(tmpdir(), 'kubecd-outputs-'));
    onTestFinished(() => rm(files, { recursive: true, force: true }));
    const outputFile = join(files, 'output');
    await writeFile(outputFile, '');
    const result = await runBundledAction('check-upgrades', { workspace, fromSource: true, inputs, env: { GITHUB_OUTPUT: outputFile }, timeoutMs: 120_000 });
    const text = await readFile(outputFile, 'utf8');
    const writes = Object.fromEntries(['updates', 'pull-requests', 'changed'].map((name) => [name, text.match(new RegExp(`^${name}<<`, 'gm'))?.length ?? 0]));
    return { result, outputs: parseCommandFile(text), writes };
  }

  it('writes updates, pull-requests and changed once each, in the shape the README documents', async () => {
    const { result, outputs, writes } = await action({ commit: 'none', 'dry-run': 'true' });
    expect(result.code, result.log).toBe(0);
    expect(writes).toEqual({ updates: 1, 'pull-requests': 1, changed: 1 });
    const updates = JSON.parse(outputs.updates!) as Record<string, unknown>[];
    expect(updates).toEqual([expect.objectContaining({ environment: 'prod', release: 'web', key: 'image.tag', from: '1.0.0', to: '1.0.4', track: 'PatchLevel', repository: `${reg.host}/shop/web` })]);
    const readme = await readFile(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const documented = readme.slice(readme.indexOf('- `updates`: one object per upgrade'), readme.indexOf('- `pull-requests`: one object'));
    for (const field of Object.keys(updates[0]!)) expect(documented, field).toContain(`\`${field}\``);
    expect(outputs['pull-requests']).toBe('[]');
    expect(outputs.changed).toBe('false');
  });

  it('still writes each output once when the run fails part way (a patch written, then pull requests without a token)', async () => {
    // write: patch edits the release file (a copy of its own), then publishing needs the token it lacks.
    const patched = await makeDeployments({
      'environments.yaml': environmentsYaml({ prod: ['releases/prod.yaml'] }),
      'releases/prod.yaml': releasesYaml([imageRelease('web', `${reg.host}/shop/web`, '1.0.0', 'PatchLevel')]),
    });
    const { result, outputs, writes } = await action({ commit: 'pull-request', token: '', write: 'patch' }, patched);
    expect(result.code).toBe(1);
    expect(result.errors).toEqual(['::error::commit: pull-request needs the `token` input']);
    expect(writes).toEqual({ updates: 1, 'pull-requests': 1, changed: 1 });
    expect(outputs).toMatchObject({ updates: '[]', 'pull-requests': '[]', changed: 'false' });
  });

  it('refuses a bad input in one line naming it', async () => {
    const { result, writes } = await action({ write: 'both', commit: 'none' });
    expect(result.errors).toEqual(['::error::input "write" must be one of lock, patch, not "both"']);
    expect(writes).toEqual({ updates: 1, 'pull-requests': 1, changed: 1 });
  });
});
