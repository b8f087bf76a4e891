import { describe, expect, test } from 'vitest';
import { liveFingerprint, parseHelmStorage } from './deployed.js';

const secret = (labels: Record<string, string>) => ({ metadata: { name: `sh.helm.release.v1.${labels.name}.v${labels.version}`, labels: { owner: 'helm', ...labels } } });

describe('parseHelmStorage', () => {
  test('keeps the newest revision of each release with its kubecd labels', () => {
    const json = JSON.stringify({
      items: [
        secret({ name: 'web', version: '1', status: 'superseded', 'kubecd.io/fingerprint': 'old', 'kubecd.io/managed-by': 'kubecd' }),
        secret({ name: 'web', version: '10', status: 'deployed', 'kubecd.io/fingerprint': 'new', 'kubecd.io/managed-by': 'kubecd' }),
        secret({ name: 'web', version: '9', status: 'superseded', 'kubecd.io/fingerprint': 'mid', 'kubecd.io/managed-by': 'kubecd' }),
        secret({ name: 'manual', version: '1', status: 'deployed' }),
        { metadata: { labels: { owner: 'helm' } } },
      ],
    });
    const releases = parseHelmStorage(json);
    expect([...releases.keys()].sort()).toEqual(['manual', 'web']);
    expect(releases.get('web')).toEqual({ name: 'web', revision: 10, status: 'deployed', fingerprint: 'new', managedByKubecd: true });
    expect(releases.get('manual')).toEqual({ name: 'manual', revision: 1, status: 'deployed', managedByKubecd: false });
  });

  test('only a deployed newest revision has a live fingerprint', () => {
    expect(liveFingerprint({ name: 'a', revision: 2, status: 'failed', fingerprint: 'x', managedByKubecd: true })).toBeUndefined();
    expect(liveFingerprint({ name: 'a', revision: 2, status: 'deployed', fingerprint: 'x', managedByKubecd: true })).toBe('x');
    expect(liveFingerprint(undefined)).toBeUndefined();
  });

  test('an empty namespace has no releases', () => {
    expect(parseHelmStorage('{"apiVersion":"v1","items":[],"kind":"List"}').size).toBe(0);
  });
});
