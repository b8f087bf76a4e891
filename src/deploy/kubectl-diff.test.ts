import { expect, test } from 'vitest';
import { redactKubectlDiff } from './manifest-diff.js';

test('kubectl diff output keeps Secret keys but not their values', () => {
  const diff = [
    'diff -u -N /tmp/LIVE-1/v1.Secret.shop.creds /tmp/MERGED-2/v1.Secret.shop.creds',
    '--- /tmp/LIVE-1/v1.Secret.shop.creds',
    '+++ /tmp/MERGED-2/v1.Secret.shop.creds',
    '@@ -1,6 +1,6 @@',
    ' apiVersion: v1',
    ' data:',
    '-  password: b2xkLXZhbHVl',
    '+  password: bmV3LXZhbHVl',
    ' kind: Secret',
    'diff -u -N /tmp/LIVE-1/v1.ConfigMap.shop.cm /tmp/MERGED-2/v1.ConfigMap.shop.cm',
    '--- /tmp/LIVE-1/v1.ConfigMap.shop.cm',
    '+++ /tmp/MERGED-2/v1.ConfigMap.shop.cm',
    ' data:',
    '-  greeting: hello',
    '+  greeting: hi',
  ].join('\n');
  const redacted = redactKubectlDiff(diff);
  expect(redacted).not.toContain('b2xkLXZhbHVl');
  expect(redacted).not.toContain('bmV3LXZhbHVl');
  expect(redacted).toContain('-  password: (redacted)');
  expect(redacted).toContain('+  password: (redacted)');
  expect(redacted).toContain('+  greeting: hi');
});

test('a block scalar or flow mapping under a Secret\'s stringData is redacted too', () => {
  const diff = [
    'diff -u -N /tmp/LIVE-1/v1.Secret.shop.app /tmp/MERGED-2/v1.Secret.shop.app',
    '--- /tmp/LIVE-1/v1.Secret.shop.app',
    '+++ /tmp/MERGED-2/v1.Secret.shop.app',
    '@@ -0,0 +1,8 @@',
    '+apiVersion: v1',
    '+stringData:',
    '+  config: |',
    '+    password=hunter2-block',
    '+    other: hunter3-block',
    '+  "quoted key": plain-value-1',
    '+kind: Secret',
    'diff -u -N /tmp/LIVE-1/v1.Secret.shop.flow /tmp/MERGED-2/v1.Secret.shop.flow',
    '--- /tmp/LIVE-1/v1.Secret.shop.flow',
    '+++ /tmp/MERGED-2/v1.Secret.shop.flow',
    '+data: {a: Zmxvdy1zZWNyZXQ=}',
  ].join('\n');
  const redacted = redactKubectlDiff(diff);
  for (const secret of ['hunter2-block', 'hunter3-block', 'plain-value-1', 'Zmxvdy1zZWNyZXQ=']) expect(redacted).not.toContain(secret);
  expect(redacted).toContain('+  config: (redacted)');
  expect(redacted).toContain('+  "quoted key": (redacted)');
  expect(redacted).toContain('+kind: Secret');
});
