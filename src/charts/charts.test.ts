import { describe, expect, test } from 'vitest';
import { TransientError } from '../registry/retry.js';
import { indexUrl, parseHelmRepoIndex } from './helm-repo.js';
import { chartVersionToTag, ociChartRepository, tagToChartVersion } from './oci.js';

describe('parseHelmRepoIndex', () => {
  const text = [
    'apiVersion: v1',
    'entries:',
    '  web:',
    '  - version: 1.2.3+build.1',
    '    created: "2024-01-02T03:04:05Z"',
    '    digest: ' + 'a'.repeat(64),
    '  - version: 1.0.0',
    '    deprecated: true',
    '  - name: no-version',
    '  db: []',
    'generated: "2024-01-02T03:04:05Z"',
  ].join('\n');

  test('reads versions, created, digest and deprecation per chart', () => {
    const index = parseHelmRepoIndex(text);
    expect(index.get('web')).toEqual([
      { version: '1.2.3+build.1', created: new Date('2024-01-02T03:04:05Z'), digest: `sha256:${'a'.repeat(64)}` },
      { version: '1.0.0', deprecated: true },
    ]);
    expect(index.get('db')).toEqual([]);
  });

  test('a cut-off or foreign document is transient (retried), not an empty index', () => {
    expect(() => parseHelmRepoIndex('entries:\n  web:\n  - version: 1')).toThrow(TransientError);
    expect(() => parseHelmRepoIndex('apiVersion: v1\nentries:\n  web: [')).toThrow(TransientError);
    expect(() => parseHelmRepoIndex('<html>')).toThrow(TransientError);
  });

  test('index URL with or without a trailing slash', () => {
    expect(indexUrl('http://h/charts/')).toBe('http://h/charts/index.yaml');
    expect(indexUrl('http://h/charts')).toBe('http://h/charts/index.yaml');
  });
});

describe('OCI chart names', () => {
  test('`+` travels as `_` in tags', () => {
    expect(tagToChartVersion('1.2.3_build.1')).toBe('1.2.3+build.1');
    expect(chartVersionToTag('1.2.3+build.1')).toBe('1.2.3_build.1');
  });

  test('oci:// references name the chart repository', () => {
    expect(ociChartRepository('oci://127.0.0.1:5000/charts/web')).toEqual({ host: '127.0.0.1:5000', repository: 'charts/web' });
    expect(ociChartRepository('oci://ghcr.io/org/charts/web:1.0.0')).toEqual({ host: 'ghcr.io', repository: 'org/charts/web' });
  });
});

describe('parseHelmRepoIndex on hostile input', () => {
  test('entries with a version outside the chart grammar or a bad time are dropped and counted once', () => {
    const warnings: string[] = [];
    const text = [
      'apiVersion: v1',
      'entries:',
      '  web:',
      '  - version: "9.9.9\\"\\n securityContext: {privileged: true}"',
      `  - version: "1.0.${'9'.repeat(200)}"`,
      '  - version: [1, 2]',
      '  - version: 1.0.1',
      '    created: "yesterday"',
      '  - version: 1.0.2',
      '    digest: "md5:abc"',
    ].join('\n');
    const index = parseHelmRepoIndex(text, { warn: (m) => warnings.push(m), source: 'http://h/charts' });
    expect(index.get('web')).toEqual([{ version: '1.0.1' }, { version: '1.0.2', invalidDigest: true }]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBe('http://h/charts: ignored 3 invalid chart version entries (e.g. "9.9.9"\\n securityContex…")');
  });

  test('an alias bomb is refused, not expanded', () => {
    const lines = ['apiVersion: v1', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 12; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
    lines.push('entries: {}');
    expect(() => parseHelmRepoIndex(lines.join('\n'))).toThrow('index.yaml uses too many YAML aliases');
  });

  test('a text over the cap is refused before parsing', () => {
    expect(() => parseHelmRepoIndex(`apiVersion: v1\n#${'x'.repeat(2000)}\n`, { maxBytes: 1024 })).toThrow('index.yaml exceeds 1 KiB');
  });
});
