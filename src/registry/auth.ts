/**
 * Registry authentication: ping `/v2/` once per host to learn its scheme, then send Basic credentials or
 * a Bearer token for `repository:NAME:pull`, fetched from the challenge's realm and cached until it expires.
 *
 * A realm the credentials may not go to (see realm.ts) is asked for a token anonymously rather than failing
 * outright: a public repository still works, and a private one fails with an auth error that says the
 * credentials were withheld and why.
 */
import { parseChallenges, type Challenge } from './challenge.js';
import type { Credential, CredentialResolver } from './credentials.js';
import { RegistryAuthError, RegistryProtocolError } from './errors.js';
import { pullActions } from './acr.js';
import { realmVerdict } from './realm.js';
import { validToken } from './schemas.js';
import { TransientError, type Transport } from './transport.js';

export type AuthScheme =
  | { kind: 'none' }
  | { kind: 'basic' }
  | { kind: 'bearer'; realm: string; service?: string };

interface CachedToken {
  token: string;
  expiresAt: number;
}

const DEFAULT_TOKEN_SECONDS = 60;

function basicPayload(credential: { username: string; password: string }): string {
  return Buffer.from(`${credential.username}:${credential.password}`).toString('base64');
}

/** The scheme a 401's challenges ask for; Bearer is preferred when both are offered. */
export function schemeFromChallenges(challenges: Challenge[]): AuthScheme | undefined {
  const bearer = challenges.find((c) => c.scheme === 'bearer' && c.params.realm);
  if (bearer?.params.realm) {
    const scheme: AuthScheme = { kind: 'bearer', realm: bearer.params.realm };
    if (bearer.params.service !== undefined) scheme.service = bearer.params.service;
    return scheme;
  }
  if (challenges.some((c) => c.scheme === 'basic')) return { kind: 'basic' };
  return undefined;
}

export class Authenticator {
  private readonly schemes = new Map<string, Promise<AuthScheme>>();
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pendingTokens = new Map<string, Promise<string>>();
  private readonly credentials = new Map<string, { found: Promise<Credential | undefined>; expiresAt?: number }>();
  private readonly reported = new Set<string>();
  /** Why credentials were withheld from a host's token realm, by registry host. */
  private readonly withheld = new Map<string, string>();

  constructor(
    private readonly transport: Transport,
    private readonly baseUrl: (host: string) => string,
    private readonly resolveCredential: CredentialResolver | undefined,
    private readonly onSecret: ((value: string) => void) | undefined,
    private readonly policy: { plainHttpAllowed: (host: string) => boolean; warn?: (message: string) => void } = { plainHttpAllowed: () => false },
  ) {}

  /** `; credentials were not sent: WHY` when the realm policy withheld them from this host's token server. */
  withheldNote(host: string): string {
    const why = this.withheld.get(host);
    return why ? `; credentials were not sent: ${why}` : '';
  }

  /** `; WHY` when a vendor identity for this host could not be had, so a refusal says what was missing. */
  private missingNote(host: string): string {
    const why = this.resolveCredential?.unavailable?.(host);
    return why ? `; ${why}` : '';
  }

  /** The host's scheme, from one (memoised) ping of `/v2/`. */
  scheme(host: string): Promise<AuthScheme> {
    let scheme = this.schemes.get(host);
    if (!scheme) {
      scheme = this.ping(host);
      this.schemes.set(host, scheme);
    }
    return scheme;
  }

  /** A 401 on a resource tells us the scheme (again): remember it, and forget the token that failed. */
  learn(host: string, repository: string, wwwAuthenticate: string | null): AuthScheme | undefined {
    const scheme = schemeFromChallenges(parseChallenges(wwwAuthenticate ?? ''));
    if (scheme) this.schemes.set(host, Promise.resolve(scheme));
    this.tokens.delete(this.tokenKey(host, repository));
    return scheme;
  }

  /** Headers that authorise a pull of `repository` on `host` (none for an anonymous registry). */
  async headers(host: string, repository: string): Promise<Record<string, string>> {
    const scheme = await this.scheme(host);
    if (scheme.kind === 'none') return {};
    const credential = await this.credential(host);
    if (scheme.kind === 'basic') {
      if (!credential) throw new RegistryAuthError(host, `registry asks for Basic credentials and none are configured${this.missingNote(host)}`);
      if ('token' in credential) return { authorization: `Bearer ${credential.token}` };
      if ('identityToken' in credential) throw new RegistryAuthError(host, 'registry asks for Basic credentials, but the configured credential is an identity token (for a token server)');
      return { authorization: `Basic ${this.secret(basicPayload(credential))}` };
    }
    if (credential && 'token' in credential) return { authorization: `Bearer ${credential.token}` };
    return { authorization: `Bearer ${await this.token(host, repository, scheme, credential)}` };
  }

  private async ping(host: string): Promise<AuthScheme> {
    return this.transport.send('ping', `${this.baseUrl(host)}/v2/`, {}, (response) => {
      if (response.status === 200) return { kind: 'none' } as const;
      if (response.status === 401) {
        const scheme = schemeFromChallenges(parseChallenges(response.headers.get('www-authenticate') ?? ''));
        if (!scheme) throw new RegistryProtocolError(host, '401 on /v2/ without a Basic or Bearer challenge');
        return scheme;
      }
      throw new RegistryProtocolError(host, `HTTP ${response.status} on /v2/: not a distribution v2 registry?`);
    });
  }

  /** Resolved once per host, and again once a credential that expires (ECR, ACR) has. */
  private credential(host: string): Promise<Credential | undefined> {
    const known = this.credentials.get(host);
    if (known && (known.expiresAt === undefined || known.expiresAt > Date.now())) return known.found;
    const entry: { found: Promise<Credential | undefined>; expiresAt?: number } = { found: Promise.resolve(undefined) };
    entry.found = Promise.resolve()
      .then(() => this.resolveCredential?.(host))
      .catch((error: unknown) => {
        const why = error instanceof Error ? error.message : String(error);
        throw new RegistryAuthError(host, `could not get credentials: ${why}`, { cause: error });
      })
      .then((found) => {
        if (found && 'token' in found) this.secret(found.token);
        else if (found && 'identityToken' in found) this.secret(found.identityToken);
        else if (found) this.secret(found.password);
        if (found?.expiresAt !== undefined) entry.expiresAt = found.expiresAt;
        return found;
      });
    this.credentials.set(host, entry);
    return entry.found;
  }

  private tokenKey(host: string, repository: string): string {
    return `${host} ${this.scope(host, repository)}`;
  }

  private scope(host: string, repository: string): string {
    return `repository:${repository}:${pullActions(host)}`;
  }

  private async token(
    host: string,
    repository: string,
    scheme: Extract<AuthScheme, { kind: 'bearer' }>,
    credential: { username: string; password: string } | { identityToken: string } | undefined,
  ): Promise<string> {
    const key = this.tokenKey(host, repository);
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.token;
    let pending = this.pendingTokens.get(key);
    if (!pending) {
      pending = this.fetchToken(host, repository, scheme, credential).finally(() => this.pendingTokens.delete(key));
      this.pendingTokens.set(key, pending);
    }
    return pending;
  }

  private async fetchToken(
    host: string,
    repository: string,
    scheme: Extract<AuthScheme, { kind: 'bearer' }>,
    credential: { username: string; password: string } | { identityToken: string } | undefined,
  ): Promise<string> {
    let url: URL;
    try {
      url = new URL(scheme.realm);
    } catch {
      throw new RegistryProtocolError(host, 'the Bearer challenge names a token realm that is not a URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RegistryProtocolError(host, 'the token realm is not an http(s) URL');
    const scope = this.scope(host, repository);
    let send = credential;
    if (credential) {
      const verdict = realmVerdict(host, url, this.policy.plainHttpAllowed);
      if (!verdict.send) {
        send = undefined;
        if (!this.withheld.has(host)) this.policy.warn?.(`${host}: not sending credentials to the token server, ${verdict.why}; asking for an anonymous token`);
        this.withheld.set(host, verdict.why);
      }
    }
    let request: { method?: 'POST'; headers: () => Promise<Record<string, string>>; body?: string };
    if (send && 'identityToken' in send) {
      // The OAuth2 refresh-token grant of the distribution token spec: the refresh token goes in the body.
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: send.identityToken, scope, client_id: 'kubecd' });
      if (scheme.service !== undefined) form.set('service', scheme.service);
      request = { method: 'POST', headers: async () => ({ 'content-type': 'application/x-www-form-urlencoded' }), body: form.toString() };
    } else {
      if (scheme.service !== undefined) url.searchParams.set('service', scheme.service);
      url.searchParams.set('scope', scope);
      const headers: Record<string, string> = send ? { authorization: `Basic ${this.secret(basicPayload(send))}` } : {};
      request = { headers: async () => headers };
    }
    const requestedAt = Date.now();
    return this.transport.send('token', url.toString(), request, (response) => {
      if (response.status === 401 || response.status === 403) {
        throw new RegistryAuthError(
          host,
          (send ? `token server refused the credentials (HTTP ${response.status})` : `token server wants credentials (HTTP ${response.status})${this.missingNote(host)}`) + this.withheldNote(host),
        );
      }
      if (response.status !== 200) throw new RegistryProtocolError(host, `token server answered HTTP ${response.status}`);
      let body: unknown;
      try {
        body = JSON.parse(response.body.toString('utf8'));
      } catch (error) {
        throw new TransientError('token server sent invalid JSON', undefined, { cause: error });
      }
      if (!validToken(body)) throw new RegistryProtocolError(host, 'token server sent no usable token');
      const token = (body.token ?? body.access_token)!;
      if (/[^\x21-\x7e]/.test(token)) throw new RegistryProtocolError(host, 'token server sent a token with characters a header cannot carry');
      this.secret(token);
      const seconds = typeof body.expires_in === 'number' && body.expires_in > 0 && Number.isFinite(body.expires_in) ? Math.min(body.expires_in, 86_400) : DEFAULT_TOKEN_SECONDS;
      // Renew a little early so a token never expires between being read and being used.
      const margin = Math.min(10_000, seconds * 100);
      this.tokens.set(this.tokenKey(host, repository), { token, expiresAt: requestedAt + seconds * 1000 - margin });
      return token;
    });
  }

  private secret<T extends string>(value: T): T {
    if (value && !this.reported.has(value)) {
      this.reported.add(value);
      this.onSecret?.(value);
    }
    return value;
  }
}
