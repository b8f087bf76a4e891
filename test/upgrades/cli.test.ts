import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkUpgradesCommand } from '../../src/cli/commands/check-upgrades.js';
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
