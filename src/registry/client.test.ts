import { describe, expect, test } from 'vitest';
import { RegistryClient } from './client.js';

describe('RegistryClient.baseUrl', () => {
  const client = new RegistryClient({ insecureRegistries: ['reg.internal:5000', 'docker.io'] });

  test.each([
    ['127.0.0.1:5000', 'http://127.0.0.1:5000'],
    ['localhost', 'http://localhost'],
    ['[::1]:5000', 'http://[::1]:5000'],
    ['reg.internal:5000', 'http://reg.internal:5000'],
    ['registry-1.docker.io', 'http://registry-1.docker.io'],
    ['reg.internal', 'https://reg.internal'],
    ['gcr.io', 'https://gcr.io'],
    ['ghcr.io', 'https://ghcr.io'],
  ])('%s → %s', (host, url) => {
    expect(client.baseUrl(host)).toBe(url);
  });

  test('stats start at zero', () => {
    expect(new RegistryClient().stats).toMatchObject({ requests: 0, retries: 0 });
  });
});
