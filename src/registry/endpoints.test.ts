import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EndpointOverrideError, registryEndpointOverrides, routed } from './endpoints.js';
import { Transport } from './transport.js';

describe('KUBECD_REGISTRY_ENDPOINTS', () => {
  const seen: string[] = [];
  const server = createServer((req, res) => { seen.push(`${req.headers.host} ${req.url}`); res.end('{}'); });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends requests for a listed host to its stand-in, path and query kept', async () => {
    const transport = new Transport({ env: { KUBECD_REGISTRY_ENDPOINTS: JSON.stringify({ 'gcr.io': base }) }, retry: { attempts: 1 } });
    const status = await transport.send('tags', 'https://gcr.io/v2/p/app/tags/list?n=5', {}, (response) => response.status);
    expect(status).toBe(200);
    expect(seen).toEqual([`127.0.0.1:${new URL(base).port} /v2/p/app/tags/list?n=5`]);
  });

  it('leaves other hosts alone', () => {
    const overrides = registryEndpointOverrides({ KUBECD_REGISTRY_ENDPOINTS: JSON.stringify({ 'gcr.io': base }) });
    expect(routed(new URL('https://ghcr.io/v2/x'), overrides).toString()).toBe('https://ghcr.io/v2/x');
    expect(routed(new URL('https://GCR.io/v2/x'), overrides).toString()).toBe(`${base}/v2/x`);
  });

  it('refuses a value that is not a map of http(s) URLs', () => {
    expect(() => registryEndpointOverrides({ KUBECD_REGISTRY_ENDPOINTS: '[1]' })).toThrow(EndpointOverrideError);
    expect(() => registryEndpointOverrides({ KUBECD_REGISTRY_ENDPOINTS: '{"gcr.io":"file:///etc"}' })).toThrow(/http\(s\) URL/);
    expect(registryEndpointOverrides({}).size).toBe(0);
  });
});
