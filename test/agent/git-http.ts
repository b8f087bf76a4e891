// A git server on loopback: `git http-backend` (git's own smart-HTTP CGI program) behind a small node:http
// CGI bridge, serving the bare repositories under one folder. With `token` set it answers 401 unless the
// request carries it as GitHub does (basic auth, any user name, the token as password).
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GitHttpServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** Requests served, as `METHOD PATH?QUERY STATUS` (the token check included). */
  requests: string[];
  stop(): Promise<void>;
}

function authorised(req: IncomingMessage, token: string | undefined): boolean {
  if (token === undefined) return true;
  const header = req.headers.authorization ?? '';
  const match = /^basic (.+)$/i.exec(header);
  if (!match) return false;
  const [, password] = /^[^:]*:(.*)$/.exec(Buffer.from(match[1]!, 'base64').toString('utf8')) ?? [];
  return password === token;
}

function backend(projectRoot: string, req: IncomingMessage, res: ServerResponse, done: (status: number) => void): void {
  const url = new URL(req.url ?? '/', 'http://git.invalid');
  const child = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_PROJECT_ROOT: projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      GATEWAY_INTERFACE: 'CGI/1.1',
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      REMOTE_ADDR: '127.0.0.1',
      REMOTE_USER: 'kubecd-test',
      ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: String(req.headers['content-encoding']) } : {}),
      ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  req.pipe(child.stdin);
  let buffered = Buffer.alloc(0);
  let headersDone = false;
  let status = 200;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    buffered = Buffer.concat([buffered, chunk]);
    const end = buffered.indexOf('\r\n\r\n');
    if (end < 0) return;
    headersDone = true;
    for (const line of buffered.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
      else res.setHeader(name, value);
    }
    res.writeHead(status);
    res.write(buffered.subarray(end + 4));
  });
  child.stderr.resume();
  child.on('close', () => {
    if (!headersDone) res.writeHead(502).end('git http-backend printed no headers');
    else res.end();
    done(status);
  });
}

/** Serves the bare repositories under `projectRoot` (e.g. `${url}/remote.git`). */
export async function startGitHttpServer(projectRoot: string, options: { token?: string } = {}): Promise<GitHttpServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const line = `${req.method} ${req.url}`;
    if (!authorised(req, options.token)) {
      requests.push(`${line} 401`);
      res.writeHead(401, { 'www-authenticate': 'Basic realm="kubecd-test"' }).end();
      return;
    }
    backend(projectRoot, req, res, (status) => requests.push(`${line} ${status}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
