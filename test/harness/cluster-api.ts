import { request } from 'node:https';

export interface ApiTarget {
  server: string;
  /** PEM text of the cluster CA. */
  ca: string;
}

export interface ApiResponse {
  status: number;
  body: string;
  json<T = unknown>(): T;
}

/** One HTTPS request to the API server with a bearer token (no retries; callers decide what a status means). */
export function apiRequest(target: ApiTarget, token: string, method: string, path: string, body?: unknown, timeoutMs = 15_000): Promise<ApiResponse> {
  const url = new URL(path, target.server);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method,
      ca: target.ca,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
      },
      timeout: timeoutMs,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text, json: <T>() => JSON.parse(text) as T });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** POST that treats 409 AlreadyExists as success; throws on anything else but 201/200. */
export async function createIfMissing(target: ApiTarget, token: string, path: string, body: unknown): Promise<'created' | 'existed'> {
  const response = await apiRequest(target, token, 'POST', path, body);
  if (response.status === 201 || response.status === 200) return 'created';
  if (response.status === 409) return 'existed';
  throw new Error(`POST ${path} answered ${response.status}: ${response.body}`);
}
