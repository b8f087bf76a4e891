import { execFile } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** A user of the token server; `canPush: false` means tokens carry `pull` only, whatever is asked. */
export interface TokenUser { password: string; canPush: boolean }

/** One token request as the server saw it (tests use it to tell Helm 3's POST flow from Helm 4's GET flow). */
export interface TokenRequest { method: string; grantType: string; username?: string; scopes: string[]; status: number }

export interface RunningTokenServer {
  /** The realm URL the registry advertises in its Bearer challenge. */
  url: string;
  service: string;
  issuer: string;
  /** PEM certificate whose key signs the tokens (the registry's `rootcertbundle`). */
  certPath: string;
  requests: TokenRequest[];
  stop(): Promise<void>;
}

const TOKEN_LIFETIME_SECONDS = 300;

/**
 * A Docker registry token server: `GET ?service&scope` with Basic auth, and `POST` with a form of
 * `grant_type=password|refresh_token`. Tokens are ES256 JWTs; scopes are cut down to what the user may do.
 */
export async function startTokenServer(opts: { dir: string; service: string; issuer: string; users: Record<string, TokenUser> }): Promise<RunningTokenServer> {
  const keyPath = join(opts.dir, 'token-key.pem');
  const certPath = join(opts.dir, 'token-cert.pem');
  await execFileAsync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', '/CN=kubecd-test-token-issuer']);
  const privateKey = createPrivateKey(await readFile(keyPath));
  const keyId = libtrustKeyId(createPublicKey(privateKey));
  const refreshTokens = new Map<string, string>();
  const requests: TokenRequest[] = [];

  const issue = (username: string, scopes: string[]) => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: opts.issuer, sub: username, aud: opts.service, iat: now, nbf: now - 10, exp: now + TOKEN_LIFETIME_SECONDS,
      jti: randomBytes(12).toString('hex'),
      access: scopes.flatMap((scope) => grant(scope, opts.users[username]!)),
    };
    return signJwt({ typ: 'JWT', alg: 'ES256', kid: keyId }, claims, privateKey);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://token');
    const record: TokenRequest = { method: req.method ?? '', grantType: 'basic', scopes: [], status: 0 };
    requests.push(record);
    const reply = (status: number, body: object, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    };
    const unauthorized = () => reply(401, { errors: [{ code: 'UNAUTHORIZED', message: 'bad or missing credentials' }] }, { 'www-authenticate': 'Basic realm="kubecd-test-token-server"' });

    if (req.method === 'GET') {
      record.scopes = url.searchParams.getAll('scope').flatMap((s) => s.split(' ')).filter(Boolean);
      const user = checkBasic(req.headers.authorization, opts.users);
      if (!user) return unauthorized();
      record.username = user;
      if (url.searchParams.get('service') !== opts.service) return reply(400, { error: 'unknown service' });
      const token = issue(user, record.scopes);
      const body: Record<string, unknown> = { token, access_token: token, expires_in: TOKEN_LIFETIME_SECONDS, issued_at: new Date().toISOString() };
      if (url.searchParams.get('offline_token') === 'true') body.refresh_token = newRefreshToken(refreshTokens, user);
      return reply(200, body);
    }
    if (req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      record.grantType = form.get('grant_type') ?? '';
      record.scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
      let user: string | undefined;
      if (record.grantType === 'password') {
        const name = form.get('username') ?? '';
        if (opts.users[name] && opts.users[name].password === form.get('password')) user = name;
      } else if (record.grantType === 'refresh_token') {
        user = refreshTokens.get(form.get('refresh_token') ?? '');
      } else {
        return reply(400, { error: 'unsupported_grant_type' });
      }
      if (!user) return reply(401, { error: 'invalid_grant' });
      record.username = user;
      if (form.get('service') !== opts.service) return reply(400, { error: 'invalid_request', error_description: 'unknown service' });
      const token = issue(user, record.scopes);
      return reply(200, { access_token: token, token, refresh_token: newRefreshToken(refreshTokens, user), expires_in: TOKEN_LIFETIME_SECONDS, issued_at: new Date().toISOString(), scope: record.scopes.join(' ') });
    }
    return reply(405, { error: 'method not allowed' });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/token`,
    service: opts.service,
    issuer: opts.issuer,
    certPath,
    requests,
    stop: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

/** The `access` entries a user gets for one requested scope such as `repository:team/app:pull,push`. */
function grant(scope: string, user: TokenUser): { type: string; name: string; actions: string[] }[] {
  const firstColon = scope.indexOf(':');
  const lastColon = scope.lastIndexOf(':');
  if (firstColon < 0 || lastColon === firstColon) return [];
  const type = scope.slice(0, firstColon);
  const name = scope.slice(firstColon + 1, lastColon);
  const requested = scope.slice(lastColon + 1).split(',');
  let allowed: string[];
  if (type === 'repository') allowed = user.canPush ? ['pull', 'push', 'delete', '*'] : ['pull'];
  else if (type === 'registry' && name === 'catalog') allowed = ['*'];
  else return [];
  const actions = requested.filter((action) => allowed.includes(action));
  return actions.length > 0 ? [{ type, name, actions }] : [];
}

function checkBasic(header: string | undefined, users: Record<string, TokenUser>): string | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const [name, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  return colon > 0 && users[name]?.password === password ? name : undefined;
}

function newRefreshToken(store: Map<string, string>, user: string): string {
  const token = randomBytes(24).toString('base64url');
  store.set(token, user);
  return token;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function signJwt(header: object, claims: object, key: KeyObject): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const input = `${encode(header)}.${encode(claims)}`;
  const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

/**
 * The key id the registry derives from its root certificate (libtrust's format): SHA-256 of the DER public
 * key, first 240 bits, base32 without padding, in colon-separated groups of four.
 */
function libtrustKeyId(publicKey: KeyObject): string {
  const digest = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest().subarray(0, 30);
  const encoded = base32(digest);
  return encoded.match(/.{1,4}/g)!.join(':');
}

function base32(bytes: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}
