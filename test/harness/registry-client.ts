/** A minimal OCI distribution client for seeding and checking the test registry (plain HTTP, Basic or Bearer). */

export interface Credentials { username: string; password: string }

interface BearerChallenge { realm: string; service: string }

export class RegistryClient {
  private mode: 'unknown' | 'none' | 'basic' | 'bearer' = 'unknown';
  private bearer?: BearerChallenge;
  private readonly tokens = new Map<string, { token: string; expires: number }>();

  constructor(readonly baseUrl: string, private readonly credentials?: Credentials) {}

  /**
   * Sends a request for `path` (e.g. `/v2/app/tags/list`), authenticating as the registry asks; `scope` is the
   * token scope to ask for (e.g. `repository:app:pull,push`). Retries once after a challenge, then returns
   * whatever the registry said (a 401 stays a 401).
   */
  async request(path: string, init: { method?: string; headers?: Record<string, string>; body?: Buffer | string; scope?: string } = {}): Promise<Response> {
    const url = new URL(path, this.baseUrl);
    const send = async (authorization?: string) => fetch(url, {
      method: init.method ?? 'GET',
      headers: { ...init.headers, ...(authorization ? { authorization } : {}) },
      body: init.body,
      redirect: 'manual',
    });
    const scope = init.scope ?? '';
    let response = await send(await this.authorization(scope, false));
    if (response.status !== 401) return response;
    const challenge = response.headers.get('www-authenticate') ?? '';
    await response.arrayBuffer();
    if (/^Basic/i.test(challenge)) this.mode = 'basic';
    else if (/^Bearer/i.test(challenge)) {
      const params = parseChallenge(challenge);
      this.mode = 'bearer';
      this.bearer = { realm: params.realm ?? '', service: params.service ?? '' };
    } else return new Response(null, { status: 401, headers: { 'www-authenticate': challenge } });
    response = await send(await this.authorization(scope || (parseChallenge(challenge).scope ?? ''), true));
    return response;
  }

  /** Learns how the registry authenticates (one `GET /v2/`), so concurrent requests after it need no challenge round trip. */
  async discoverAuth(): Promise<void> {
    if (this.mode !== 'unknown') return;
    const response = await this.request('/v2/');
    await response.arrayBuffer();
    if (response.ok && this.mode === 'unknown') this.mode = 'none';
  }

  private async authorization(scope: string, fresh: boolean): Promise<string | undefined> {
    if (this.mode === 'basic' && this.credentials) return basicHeader(this.credentials);
    if (this.mode !== 'bearer' || !this.bearer) return undefined;
    const cached = this.tokens.get(scope);
    if (!fresh && cached && cached.expires > Date.now()) return `Bearer ${cached.token}`;
    const tokenUrl = new URL(this.bearer.realm);
    tokenUrl.searchParams.set('service', this.bearer.service);
    for (const part of scope.split(' ').filter(Boolean)) tokenUrl.searchParams.append('scope', part);
    const response = await fetch(tokenUrl, { headers: this.credentials ? { authorization: basicHeader(this.credentials) } : {} });
    if (!response.ok) {
      await response.arrayBuffer();
      return undefined;
    }
    const body = (await response.json()) as { token?: string; access_token?: string; expires_in?: number };
    const token = body.token ?? body.access_token ?? '';
    this.tokens.set(scope, { token, expires: Date.now() + ((body.expires_in ?? 60) - 10) * 1000 });
    return `Bearer ${token}`;
  }

  /** All tags of a repository (following `Link` pages if the server paginates). */
  async listTags(repository: string, pageSize?: number): Promise<string[]> {
    const tags: string[] = [];
    let path: string | undefined = `/v2/${repository}/tags/list${pageSize ? `?n=${pageSize}` : ''}`;
    for (let page = 0; path && page < 10_000; page++) {
      const response = await this.request(path, { scope: `repository:${repository}:pull` });
      if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
      const body = (await response.json()) as { tags: string[] | null };
      tags.push(...(body.tags ?? []));
      path = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
    }
    return tags;
  }

  /** A manifest as the registry serves it for the given Accept types. */
  async getManifest(repository: string, reference: string, accept: string[] = ALL_MANIFEST_TYPES): Promise<{ mediaType: string; digest: string; body: Record<string, unknown> }> {
    const response = await this.request(`/v2/${repository}/manifests/${reference}`, { headers: { accept: accept.join(', ') }, scope: `repository:${repository}:pull` });
    if (!response.ok) throw new Error(`GET manifest ${repository}:${reference}: ${response.status} ${await response.text()}`);
    return { mediaType: response.headers.get('content-type') ?? '', digest: response.headers.get('docker-content-digest') ?? '', body: (await response.json()) as Record<string, unknown> };
  }

  async getBlobJson(repository: string, digest: string): Promise<Record<string, unknown>> {
    const response = await this.request(`/v2/${repository}/blobs/${digest}`, { scope: `repository:${repository}:pull` });
    if (!response.ok) throw new Error(`GET blob ${repository}@${digest}: ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  }
}

export const MEDIA_TYPES = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
} as const;

export const ALL_MANIFEST_TYPES = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifestList, MEDIA_TYPES.dockerManifest];

function basicHeader(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

function parseChallenge(header: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of header.matchAll(/(\w+)="([^"]*)"/g)) params[match[1]!] = match[2]!;
  return params;
}
