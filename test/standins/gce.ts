// Stand-in for the Compute Engine API (compute.googleapis.com), addresses.get and globalAddresses.get only.
// Contract: Compute Engine REST reference "addresses.get" (GET /compute/v1/projects/{p}/regions/{r}/addresses/{a})
// and "globalAddresses.get" (GET /compute/v1/projects/{p}/global/addresses/{a}); answers an Address resource
// and Compute's error envelope ({error: {code, message, errors: [{message, domain, reason}]}}) otherwise.
import { bearerToken, startServer, type RequestLog } from './common.js';

const REGIONAL = /^\/compute\/v1\/projects\/([^/]+)\/regions\/([^/]+)\/addresses\/([^/]+)$/;
const GLOBAL = /^\/compute\/v1\/projects\/([^/]+)\/global\/addresses\/([^/]+)$/;
const API_ROOT = 'https://compute.googleapis.com/compute/v1';

export interface GceAddressSpec {
  project: string;
  /** A region name, or undefined for a global address. */
  region?: string;
  name: string;
  address: string;
  addressType?: 'EXTERNAL' | 'INTERNAL';
  status?: 'RESERVED' | 'IN_USE' | 'RESERVING';
}

export interface GceStandInOptions {
  /** Accepts a Bearer token, usually the IAM stand-in's `validToken`. */
  validToken: (token: string) => unknown;
  addresses?: GceAddressSpec[];
}

export interface GceStandIn {
  url: string;
  /** Mutable list of the addresses served. */
  addresses: GceAddressSpec[];
  log: RequestLog;
  stop(): Promise<void>;
}

export async function startGceStandIn(options: GceStandInOptions): Promise<GceStandIn> {
  const addresses = [...(options.addresses ?? [])];

  const server = await startServer(({ method, url, headers, reply }) => {
    const regional = REGIONAL.exec(url.pathname);
    const global = regional ? null : GLOBAL.exec(url.pathname);
    if (!regional && !global) return reply(404, computeError(404, 'notFound', `The requested URL ${url.pathname} was not found.`));
    if (method !== 'GET') return reply(405, computeError(405, 'httpMethodNotAllowed', 'Method Not Allowed'));
    const token = bearerToken(headers);
    if (!token || !options.validToken(token)) {
      return reply(401, computeError(401, 'authError', 'Request had invalid authentication credentials. Expected OAuth 2 access token.'));
    }
    const project = decodeURIComponent((regional ?? global)?.[1] ?? '');
    const region = regional ? decodeURIComponent(regional[2] ?? '') : undefined;
    const name = decodeURIComponent((regional ? regional[3] : global?.[2]) ?? '');
    const found = addresses.find((a) => a.project === project && a.region === region && a.name === name);
    const resourcePath = `projects/${project}/${region ? `regions/${region}` : 'global'}/addresses/${name}`;
    if (!found) return reply(404, computeError(404, 'notFound', `The resource '${resourcePath}' was not found`));
    return reply(200, {
      kind: 'compute#address',
      id: String(stableId(resourcePath)),
      name: found.name,
      address: found.address,
      addressType: found.addressType ?? 'EXTERNAL',
      status: found.status ?? 'RESERVED',
      ...(region ? { region: `${API_ROOT}/projects/${project}/regions/${region}` } : {}),
      selfLink: `${API_ROOT}/${resourcePath}`,
    });
  });

  return { url: server.url, addresses, log: server.log, stop: server.stop };
}

function computeError(code: number, reason: string, message: string): unknown {
  return { error: { code, message, errors: [{ message, domain: 'global', reason }] } };
}

function stableId(text: string): number {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash;
}
