import { describe, expect, test } from 'vitest';
import { liveFingerprint, parseHelmStorage, parseNamespaceState, resourcesRecord } from './deployed.js';

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

describe('parseNamespaceState', () => {
  test("reads Helm's releases and kubecd's resource record from one list, and nothing else", () => {
    const json = JSON.stringify({
      items: [
        secret({ name: 'web', version: '2', status: 'deployed' }),
        { metadata: { name: 'kubecd-resource-files', labels: { owner: 'kubecd', 'kubecd.io/fingerprint': 'abc' } } },
        // a look-alike that is not Helm's: never a release
        { metadata: { name: 'x', labels: { owner: 'kubecd', name: 'fake', version: '9', status: 'deployed' } } },
      ],
    });
    const state = parseNamespaceState(json);
    expect([...state.releases.keys()]).toEqual(['web']);
    expect(state.resourceFingerprint).toBe('abc');
    expect(parseNamespaceState('{"items":[]}').resourceFingerprint).toBeUndefined();
  });

  test('the record is a Secret with labels only, named and owned so the one read finds it', () => {
    expect(resourcesRecord('abc')).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: { name: 'kubecd-resource-files', labels: { owner: 'kubecd', 'kubecd.io/managed-by': 'kubecd', 'kubecd.io/fingerprint': 'abc' } },
    });
  });
});
