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
