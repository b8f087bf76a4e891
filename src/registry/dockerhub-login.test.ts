import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Credential } from './credentials.js';
import { DOCKER_HUB_API } from './dockerhub-listing.js';
import { dockerHubToken, DOCKER_HUB_TOKEN_REUSE_MS } from './dockerhub-login.js';
import { Transport } from './transport.js';

describe('Docker Hub login for the tags API (loopback stand-in of POST /v2/auth/token)', () => {
  const bodies: string[] = [];
  let status = 200;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
    req.on('end', () => {
      bodies.push(`${req.method} ${req.url} ${body}`);
      res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? JSON.stringify({ access_token: 'aaa.bbb.ccc' }) : '{"detail":"no"}');
    });
  });
  let env: NodeJS.ProcessEnv = {};
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    env = { KUBECD_REGISTRY_ENDPOINTS: JSON.stringify({ 'hub.docker.com': `http://127.0.0.1:${(server.address() as AddressInfo).port}` }) };
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => { bodies.length = 0; status = 200; });

  const context = (transport: Transport, credential: Credential | undefined, warnings: string[] = [], secrets: string[] = [], now = () => 0) => ({
    transport, api: DOCKER_HUB_API, credential: async () => credential, warn: (m: string) => { warnings.push(m); }, onSecret: (s: string) => { secrets.push(s); }, now,
  });

  it('logs in once per transport with {identifier, secret}, masks password and JWT', async () => {
    const transport = new Transport({ env, retry: { attempts: 1 } });
    const secrets: string[] = [];
    const both = await Promise.all([1, 2].map(() => dockerHubToken(context(transport, { username: 'u', password: 'p' }, [], secrets))));
    expect(both).toEqual(['aaa.bbb.ccc', 'aaa.bbb.ccc']);
    expect(bodies).toEqual(['POST /v2/auth/token {"identifier":"u","secret":"p"}']);
    expect(secrets).toEqual(['p', 'aaa.bbb.ccc']);
    // Another client (another run) logs in itself.
    await dockerHubToken(context(new Transport({ env, retry: { attempts: 1 } }), { username: 'u', password: 'p' }));
    expect(bodies).toHaveLength(2);
  });

  it('logs in again once the 10-minute token is near its end', async () => {
    const transport = new Transport({ env, retry: { attempts: 1 } });
    let clock = 0;
    await dockerHubToken(context(transport, { username: 'u', password: 'p' }, [], [], () => clock));
    clock = DOCKER_HUB_TOKEN_REUSE_MS - 1;
    await dockerHubToken(context(transport, { username: 'u', password: 'p' }, [], [], () => clock));
    expect(bodies).toHaveLength(1);
    clock = DOCKER_HUB_TOKEN_REUSE_MS;
    await dockerHubToken(context(transport, { username: 'u', password: 'p' }, [], [], () => clock));
    expect(bodies).toHaveLength(2);
  });

  it('sends nothing for a registry token or an identity token, or without credentials', async () => {
    for (const credential of [{ token: 't' }, { identityToken: 'r' }, undefined] as const) {
      expect(await dockerHubToken(context(new Transport({ env, retry: { attempts: 1 } }), credential))).toBeUndefined();
    }
    expect(bodies).toEqual([]);
  });

  it('a refused login warns once, without the password, and is not tried again in the run', async () => {
    status = 401;
    const transport = new Transport({ env, retry: { attempts: 1 } });
    const warnings: string[] = [];
    let clock = 0;
    expect(await dockerHubToken(context(transport, { username: 'u', password: 'hunter2' }, warnings, [], () => clock))).toBeUndefined();
    clock = 10 * DOCKER_HUB_TOKEN_REUSE_MS;
    expect(await dockerHubToken(context(transport, { username: 'u', password: 'hunter2' }, warnings, [], () => clock))).toBeUndefined();
    expect(bodies).toHaveLength(1);
    expect(warnings).toEqual([expect.stringMatching(/^Docker Hub login for the tags API failed \(HTTP 401\)/)]);
    expect(warnings.join('')).not.toContain('hunter2');
  });
});
