// The front door of the ECR and ACR stand-ins: a loopback server that checks each request the way the vendor
// does (the gate) and passes the authorised distribution API calls on, without credentials, to a real local
// registry (test/harness/registry.ts, anonymous), so manifests, digests and blobs are the real thing. Unlike
// registry-front.ts (GET/HEAD fronts), it reads request bodies: ACR's token endpoints are form POSTs.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './common.js';

export interface AuthFrontRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  authorization?: string;
  status: number;
}

/** A refusal (or an answer of the stand-in's own, e.g. a token endpoint) instead of passing the request on. */
export interface GateAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Decides a request: undefined passes it to the upstream registry; an answer is sent as is. */
export type Gate = (request: { method: string; url: URL; headers: IncomingMessage['headers']; body: string }) => Promise<GateAnswer | undefined> | GateAnswer | undefined;

export interface RunningAuthFront {
  url: string;
  requests: AuthFrontRequest[];
  stop(): Promise<void>;
}

const PASSED_HEADERS = ['content-type', 'content-length', 'docker-content-digest', 'link', 'docker-distribution-api-version'];
const MAX_BODY_BYTES = 64 * 1024;

export async function startAuthFront(upstream: string, gate: Gate): Promise<RunningAuthFront> {
  const requests: AuthFrontRequest[] = [];
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const record: AuthFrontRequest = { method: req.method ?? 'GET', url: req.url ?? '/', status: 0 };
    if (req.headers.authorization) record.authorization = req.headers.authorization;
    requests.push(record);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) throw new Error('request body too large');
      chunks.push(chunk as Buffer);
    }
    const url = new URL(record.url, 'http://127.0.0.1');
    const answer = await gate({ method: record.method, url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    if (answer) {
      record.status = answer.status;
      const text = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      res.writeHead(answer.status, { ...(text ? { 'content-type': 'application/json' } : {}), ...answer.headers });
      res.end(record.method === 'HEAD' ? undefined : text);
      return;
    }
    const headers: Record<string, string> = typeof req.headers.accept === 'string' ? { accept: req.headers.accept } : {};
    const passed = await fetch(`${upstream}${url.pathname}${url.search}`, { method: record.method, headers, redirect: 'manual' });
    const out: Record<string, string> = {};
    for (const name of PASSED_HEADERS) {
      const value = passed.headers.get(name);
      if (value !== null) out[name] = value;
    }
    const payload = Buffer.from(await passed.arrayBuffer());
    record.status = passed.status;
    res.writeHead(passed.status, out);
    res.end(record.method === 'HEAD' ? undefined : payload);
  }
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'UNKNOWN', message: error instanceof Error ? error.message : String(error) }] }));
    });
  });
  return { ...(await listenOnLoopback(server)), requests };
}

/** The repository a distribution API path names (`/v2/NAME/tags/list`, `/v2/NAME/manifests/REF`, `/v2/NAME/blobs/DIGEST`). */
export function repositoryOfPath(pathname: string): string | undefined {
  return /^\/v2\/(.+)\/(?:tags\/list|manifests\/[^/]+|blobs\/[^/]+)$/.exec(pathname)?.[1];
}

const MANIFEST_ACCEPT = 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json';

/** The tags of a repository on the upstream registry with their manifest digests, as vendor listings report them. */
export async function upstreamImages(upstream: string, repository: string): Promise<{ tag: string; digest: string }[]> {
  const response = await fetch(`${upstream}/v2/${repository}/tags/list`);
  if (response.status !== 200) return [];
  const list = (await response.json()) as { tags?: string[] | null };
  const images: { tag: string; digest: string }[] = [];
  for (const tag of list.tags ?? []) {
    const head = await fetch(`${upstream}/v2/${repository}/manifests/${tag}`, { method: 'HEAD', headers: { accept: MANIFEST_ACCEPT } });
    images.push({ tag, digest: head.headers.get('docker-content-digest') ?? '' });
  }
  return images;
}
