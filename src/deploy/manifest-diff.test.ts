import { describe, expect, test } from 'vitest';
import { comparableManifests, manifestDiff, manifestObjects, REDACTED, REDACTED_CHANGED } from './manifest-diff.js';

const configMap = (value: string) => `---
# Source: app/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: app
data:
  key: ${value}
`;
const secret = (password: string, token: string) => `---
apiVersion: v1
kind: Secret
metadata:
  name: app-secret
data:
  password: ${Buffer.from(password).toString('base64')}
stringData:
  token: ${token}
`;

describe('manifestDiff', () => {
  test('is empty when only formatting, comments and document order differ', () => {
    const a = `${configMap('one')}${secret('p', 't')}`;
    const b = `${secret('p', 't')}\n${configMap('one').replace('# Source: app/templates/cm.yaml\n', '')}`;
    expect(manifestDiff('app', a, b)).toBe('');
  });

  test('shows a changed value as a unified diff hunk', () => {
    const diff = manifestDiff('app', configMap('one'), configMap('two'));
    expect(diff).toContain('--- app (deployed)');
    expect(diff).toContain('+++ app (declared)');
    expect(diff).toMatch(/^-  key: one$/m);
    expect(diff).toMatch(/^\+  key: two$/m);
  });

  test('shows a new release as all additions', () => {
    const diff = manifestDiff('app', '', configMap('one'));
    expect(diff).toMatch(/^\+kind: ConfigMap$/m);
    expect(diff).not.toMatch(/^-kind/m);
  });

  test('never shows Secret values, but marks which keys change', () => {
    const diff = manifestDiff('app', secret('old-password-123', 'tok-A'), secret('new-password-456', 'tok-A'));
    for (const leaked of ['old-password-123', 'new-password-456', 'tok-A', Buffer.from('old-password-123').toString('base64'), Buffer.from('new-password-456').toString('base64')]) {
      expect(diff).not.toContain(leaked);
    }
    expect(diff).toMatch(new RegExp(`^\\+  password: ${REDACTED_CHANGED.replace(/[()]/g, '\\$&')}$`, 'm'));
    expect(diff).toMatch(new RegExp(`^-  password: ${REDACTED.replace(/[()]/g, '\\$&')}$`, 'm'));
    // the unchanged token stays an unchanged (context) line
    expect(diff).not.toMatch(/^[-+]  token/m);
  });

  test('redacts a Secret that exists on one side only', () => {
    const sides = comparableManifests('', secret('s3cr3t', 'x'));
    expect(sides.desired).not.toContain('s3cr3t');
    expect(sides.desired).not.toContain(Buffer.from('s3cr3t').toString('base64'));
    expect(sides.desired).toContain(REDACTED_CHANGED);
  });
});

describe('Secrets inside Lists', () => {
  const listManifest = (password: string) => `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Secret
    metadata: { name: outer }
    stringData: { password: ${password} }
  - apiVersion: v1
    kind: List
    items:
      - apiVersion: v1
        kind: Secret
        metadata: { name: inner }
        data: { token: ${Buffer.from(password).toString('base64')} }
---
apiVersion: v1
kind: SecretList
items:
  - metadata: { name: typed }
    data: { key: ${Buffer.from(`${password}-typed`).toString('base64')} }
`;

  test('are redacted however deep they sit, and a changed key is still shown as changed', () => {
    const diff = manifestDiff('web', listManifest('old-list-password'), listManifest('new-list-password'));
    for (const secret of ['old-list-password', 'new-list-password']) {
      expect(diff).not.toContain(secret);
      expect(diff).not.toContain(Buffer.from(secret).toString('base64'));
      expect(diff).not.toContain(Buffer.from(`${secret}-typed`).toString('base64'));
    }
    expect(diff).toMatch(/^\+\s+password: \(redacted, changed\)$/m);
    expect(diff).toMatch(/^\+\s+token: \(redacted, changed\)$/m);
    expect(diff).toMatch(/^\+\s+key: \(redacted, changed\)$/m);
    expect([...manifestObjects(listManifest('x')).keys()].sort()).toEqual(['Secret//inner', 'Secret//outer', 'Secret//typed']);
  });
});
