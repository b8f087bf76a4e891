import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runLocalAction } from '../harness/local-action.js';
import { cleanupAll, makeTempDir } from '../harness/process.js';
import { repoRoot } from './actionlint.js';

// The lint action run through @github/local-action (test/harness/local-action.ts).

afterAll(cleanupAll);

describe('the lint action run by @github/local-action', () => {
  test('reports the matrix of examples/environments.yaml as its outputs', async () => {
    const examples = join(repoRoot, 'examples');
    const result = await runLocalAction('lint', { INPUT_ENVIRONMENTS: 'environments.yaml', GITHUB_WORKSPACE: examples });

    expect(result.errors, result.output).toEqual([]);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/Action Outputs/);
    expect(JSON.parse(result.outputs.environments ?? 'null')).toEqual(['test', 'staging', 'prod']);
    expect(JSON.parse(result.outputs.matrix ?? 'null')).toEqual({
      include: [
        { environment: 'test', cluster: 'local', namespace: 'shop-test', provider: 'existingContext', context: 'kind-kubecd' },
        { environment: 'staging', cluster: 'local', namespace: 'shop-staging', provider: 'existingContext', context: 'kind-kubecd' },
        { environment: 'prod', cluster: 'prod', namespace: 'shop', provider: 'gke', project: 'zedge-prod', location: 'us-central1-b' },
      ],
    });
    expect(result.summary).toContain('kubecd lint');
    for (const namespace of ['shop-test', 'shop-staging', 'shop']) expect(result.summary).toContain(`<td>${namespace}</td>`);
  }, 180_000);

  test('reports an invalid environments file as an error annotation and sets no outputs', async () => {
    const workspace = await makeTempDir('local-action-broken-repo');
    await writeFile(join(workspace, 'environments.yaml'), ['environments:', '  - name: test', '    kubeNamespace: shop-test', '    releases: [releases/missing.yaml]', ''].join('\n'));
    const result = await runLocalAction('lint', { INPUT_ENVIRONMENTS: 'environments.yaml', GITHUB_WORKSPACE: workspace });

    expect(result.errors.length, result.output).toBeGreaterThan(0);
    expect(result.errors.join('\n')).toMatch(/^::error [^:]*file=environments\.yaml,line=4,[^:]*::.*releases\/missing\.yaml/m);
    expect(result.outputs).toEqual({});
    // local-action's setFailed stub records the failure but does not set the exit code: the error lines are the signal.
    expect(result.output).toMatch(/No outputs were set!/);
  }, 180_000);
});
