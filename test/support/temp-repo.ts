import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

// Each test file evaluates this module afresh, so this hook removes the folders of the file that made them.
const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temporary folder, removed after the test file's last test. */
export async function makeTestDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `kubecd-${prefix}-`));
  made.push(dir);
  return dir;
}

/** Writes files (path → content; null → a directory) into a fresh temporary folder; returns it. */
export async function writeTempRepo(files: Record<string, string | null>): Promise<string> {
  const root = await makeTestDir('model');
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(root, file);
    if (content === null) {
      await mkdir(target, { recursive: true });
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
    await chmod(target, 0o644);
  }
  return root;
}

export const BASE_ENVIRONMENTS = `environments:
  - name: test
    provider:
      existingContext:
        context: kind
    kubeNamespace: test
    releases:
      - releases.yaml
`;

export const BASE_RELEASES = `releases:
  - name: web
    chart:
      dir: chart
    values:
      - key: image.tag
        value: "1.0.0"
    triggers:
      - image:
          track: PatchLevel
`;

export const BASE_CHART = {
  'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
  'chart/values.yaml': 'image:\n  repository: team/web\n  tag: "0.1.0"\n',
};

/** A small valid repo; `overrides` replace or add files. */
export function baseRepo(overrides: Record<string, string | null> = {}): Record<string, string | null> {
  return { 'environments.yaml': BASE_ENVIRONMENTS, 'releases.yaml': BASE_RELEASES, ...BASE_CHART, ...overrides };
}
