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
    '    digest: abc',
    '  - version: 1.0.0',
    '    deprecated: true',
    '  - name: no-version',
    '  db: []',
    'generated: "2024-01-02T03:04:05Z"',
  ].join('\n');

  test('reads versions, created, digest and deprecation per chart', () => {
    const index = parseHelmRepoIndex(text);
    expect(index.get('web')).toEqual([
      { version: '1.2.3+build.1', created: new Date('2024-01-02T03:04:05Z'), digest: 'abc' },
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
