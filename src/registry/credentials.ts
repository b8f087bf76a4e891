/**
 * Where registry credentials come from. For a host, the first source that has something wins:
 *
 * 1. explicit inputs (`registry-credentials`);
 * 2. the vendor's own identity: the GitHub token for GHCR, a Google access token for GCR / Artifact
 *    Registry, an ECR authorization token (AWS credentials), an ACR refresh token (Entra credentials) —
 *    a vendor that cannot get one (no cloud credentials here) is passed over with a warning;
 * 3. the docker config's `credHelpers[host]` helper, then its `credsStore` helper (run lazily, only for
 *    the host asked about — see credential-helpers.ts);
 * 4. the docker config's `auths` (as docker/login-action writes it).
 *
 * Cloud identities come before the docker config because they are what the workflow set up on purpose
 * (and renew themselves), while a docker config on a runner may hold stale logins.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DOCKER_HUB_HOST, hostname, normalizeHost } from './reference.js';

export type Credential = (
  | { username: string; password: string }
  /** A registry bearer token, sent as is (docker config's `registrytoken`). */
  | { token: string }
  /**
   * An OAuth2 refresh token for the registry's token server (docker config's `identitytoken`, a credential
   * helper's `<token>` user, ACR's exchanged refresh token): POSTed to the realm for each scope.
   */
  | { identityToken: string }
) & {
  /** Epoch milliseconds after which the credential must be fetched again (ECR and ACR tokens expire). */
  expiresAt?: number;
};

/** Credentials given as inputs: a user and password, or a bearer token. */
export type StaticCredential = { username: string; password: string } | { token: string };

export type CredentialMap = Record<string, StaticCredential>;

/** The credential helpers a docker config names: `credHelpers` by config key, and the `credsStore` default. */
export interface DockerConfigHelpers {
  credHelpers: Record<string, string>;
  credsStore?: string;
}

export interface DockerConfigCredentials {
  /** The `auths` entries by registry host. */
  credentials: Record<string, Credential>;
  helpers: DockerConfigHelpers;
  /** Entries that cannot be used, to be logged as warnings. */
  warnings: string[];
  /** The file read, or undefined when there was none. */
  file?: string;
}

/** The username GCR and Artifact Registry expect with a Google access token as password. */
export const GOOGLE_TOKEN_USERNAME = 'oauth2accesstoken';

/** `*.gcr.io`, `gcr.io`, `*-docker.pkg.dev`. */
export function isGoogleRegistry(host: string): boolean {
  const name = hostname(host).toLowerCase();
  return name === 'gcr.io' || name.endsWith('.gcr.io') || name.endsWith('-docker.pkg.dev');
}

export function isGithubRegistry(host: string): boolean {
  return hostname(host).toLowerCase() === 'ghcr.io';
}

/** A docker config `auths` key (a host, or a URL such as `https://index.docker.io/v1/`) as a registry host. */
export function configKeyToHost(key: string): string {
  let host = key.trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(host);
  if (scheme) host = host.slice(scheme[0].length);
  const slash = host.indexOf('/');
  if (slash >= 0) host = host.slice(0, slash);
  return normalizeHost(host);
}

interface DockerConfigAuth {
  auth?: string;
  username?: string;
  password?: string;
  registrytoken?: string;
  identitytoken?: string;
}

export function parseDockerConfig(text: string, file?: string): DockerConfigCredentials {
  const result: DockerConfigCredentials = { credentials: {}, helpers: { credHelpers: {} }, warnings: [] };
  if (file !== undefined) result.file = file;
  const where = file ?? 'docker config';
  let config: { auths?: Record<string, DockerConfigAuth>; credsStore?: unknown; credHelpers?: unknown };
  try {
    config = JSON.parse(text) as typeof config;
  } catch {
    result.warnings.push(`${where} is not valid JSON; ignoring it`);
    return result;
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    result.warnings.push(`${where} is not a JSON object; ignoring it`);
    return result;
  }
  if (typeof config.credsStore === 'string' && config.credsStore !== '') result.helpers.credsStore = config.credsStore;
  else if (config.credsStore !== undefined && config.credsStore !== '') result.warnings.push(`${where}: "credsStore" must be a helper name (a string); ignoring it`);
  if (config.credHelpers !== undefined) {
    if (typeof config.credHelpers !== 'object' || config.credHelpers === null || Array.isArray(config.credHelpers)) {
      result.warnings.push(`${where}: "credHelpers" must be an object of host -> helper name; ignoring it`);
    } else {
      for (const [key, helper] of Object.entries(config.credHelpers as Record<string, unknown>)) {
        if (typeof helper === 'string' && helper !== '') result.helpers.credHelpers[key] = helper;
        else result.warnings.push(`${where}: credHelpers entry for ${configKeyToHost(key).slice(0, 253)} is not a helper name; ignoring it`);
      }
    }
  }
  for (const [key, entry] of Object.entries(config.auths ?? {})) {
    const host = configKeyToHost(key);
    if (typeof entry !== 'object' || entry === null) continue;
    if (entry.registrytoken) {
      result.credentials[host] = { token: entry.registrytoken };
    } else if (entry.username !== undefined && entry.password !== undefined) {
      result.credentials[host] = { username: entry.username, password: entry.password };
    } else if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon <= 0) {
        result.warnings.push(`docker config entry for ${host} has an unreadable "auth"; ignoring it`);
        continue;
      }
      result.credentials[host] = { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    } else if (entry.identitytoken) {
      result.credentials[host] = { identityToken: entry.identitytoken };
    }
  }
  return result;
}

/** Reads `$DOCKER_CONFIG/config.json`, or `~/.docker/config.json`; a missing file is no credentials. */
export async function loadDockerConfig(env: NodeJS.ProcessEnv = process.env): Promise<DockerConfigCredentials> {
  const dir = env.DOCKER_CONFIG ?? join(env.HOME ?? homedir(), '.docker');
  const file = join(dir, 'config.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { credentials: {}, helpers: { credHelpers: {} }, warnings: [] };
    return { credentials: {}, helpers: { credHelpers: {} }, warnings: [`cannot read ${file}: ${(error as Error).message}`] };
  }
  return parseDockerConfig(text, file);
}

/** A cloud vendor's registries and how to get a credential for one of them from the vendor's identity. */
export interface VendorCredentials {
  /** For messages, e.g. "ECR". */
  name: string;
  handles(host: string): boolean;
  /** Undefined when the vendor has nothing for this host; throws when the vendor's identity is unavailable. */
  credential(host: string): Promise<Credential | undefined>;
}

/** Runs a docker credential helper for a host (credential-helpers.ts); undefined when it knows no credentials. */
export type HelperLookup = (helper: string, serverUrl: string) => Promise<Credential | undefined>;

export interface CredentialSources {
  /** Explicit credentials by host (inputs); hosts are normalised (`docker.io` = Docker Hub). */
  explicit?: CredentialMap;
  /** The docker config's `auths`. */
  dockerConfig?: Record<string, Credential>;
  /** The docker config's `credHelpers` / `credsStore`, run through `runHelper`. */
  dockerHelpers?: DockerConfigHelpers;
  runHelper?: HelperLookup;
  /** A GitHub token for `ghcr.io`. */
  githubToken?: string;
  /** The username to send with the GitHub token; GHCR does not check it. */
  githubUser?: string;
  /** Returns a Google access token (application default credentials) for GCR / Artifact Registry. */
  googleAccessToken?: () => Promise<string | undefined>;
  /** ECR, ACR: tried in order after GHCR and Google. */
  vendors?: readonly VendorCredentials[];
  /** Told why a vendor's identity could not be used (the lookup then goes on to the docker config). */
  warn?: (message: string) => void;
}

export interface CredentialResolver {
  (host: string): Promise<Credential | undefined>;
  /** Why a vendor identity that would serve `host` gave nothing (for the error when the registry then refuses). */
  unavailable?: (host: string) => string | undefined;
}

function lookupKey<T>(map: Record<string, T> | undefined, host: string): { key: string; value: T } | undefined {
  if (!map) return undefined;
  const wanted = normalizeHost(host);
  for (const [key, value] of Object.entries(map)) {
    if (configKeyToHost(key) === wanted) return { key, value };
  }
  return undefined;
}

function lookup(map: Record<string, Credential> | undefined, host: string): Credential | undefined {
  return lookupKey(map, host)?.value;
}

/** The key docker uses for Docker Hub in its config and when asking credential helpers. */
export const DOCKER_HUB_SERVER_URL = 'https://index.docker.io/v1/';

/** What `credsStore` is asked for a host: docker's Hub URL for Docker Hub, else the host. (`credHelpers` get their config key.) */
function helperServerUrl(host: string): string {
  return normalizeHost(host) === DOCKER_HUB_HOST ? DOCKER_HUB_SERVER_URL : host;
}

export function credentialResolver(sources: CredentialSources): CredentialResolver {
  const vendors: VendorCredentials[] = [...(sources.vendors ?? [])];
  const { googleAccessToken } = sources;
  if (googleAccessToken) {
    vendors.unshift({
      name: 'Google',
      handles: isGoogleRegistry,
      credential: async () => {
        const token = await googleAccessToken();
        return token ? { username: GOOGLE_TOKEN_USERNAME, password: token } : undefined;
      },
    });
  }
  const unavailable = new Map<string, string>();
  const vendor = async (host: string): Promise<Credential | undefined> => {
    if (sources.githubToken && isGithubRegistry(host)) {
      return { username: sources.githubUser ?? 'x-access-token', password: sources.githubToken };
    }
    for (const source of vendors) {
      if (!source.handles(host)) continue;
      try {
        const found = await source.credential(host);
        if (found) return found;
      } catch (error) {
        const why = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
        sources.warn?.(`${host}: no ${source.name} credentials from the environment (${why}); trying the docker config`);
        unavailable.set(normalizeHost(host), `no ${source.name} credentials from the environment: ${why}`);
      }
    }
    return undefined;
  };
  const resolve: CredentialResolver = async (host) => {
    const explicit = lookup(sources.explicit, host);
    if (explicit) return explicit;
    const fromVendor = await vendor(host);
    if (fromVendor) return fromVendor;
    if (sources.runHelper && sources.dockerHelpers) {
      const helper = lookupKey(sources.dockerHelpers.credHelpers, host);
      // A host with its own helper is that helper's alone, as in docker: no fall-back to credsStore.
      if (helper) return (await sources.runHelper(helper.value, helper.key)) ?? lookup(sources.dockerConfig, host);
      if (sources.dockerHelpers.credsStore) {
        const stored = await sources.runHelper(sources.dockerHelpers.credsStore, helperServerUrl(host));
        if (stored) return stored;
      }
    }
    return lookup(sources.dockerConfig, host);
  };
  resolve.unavailable = (host) => unavailable.get(normalizeHost(host));
  return resolve;
}

/**
 * The `registry-credentials` input: a JSON object from registry host to `{"username", "password"}` or
 * `{"token"}`, e.g. `{"registry.example.com": {"username": "ci", "password": "${{ secrets.REGISTRY_PASSWORD }}"}}`.
 * Throws with what was expected, never echoing a value (they are secrets).
 */
export function parseRegistryCredentials(text: string): CredentialMap {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('registry-credentials must be a JSON object: {"HOST": {"username": "...", "password": "..."}} or {"HOST": {"token": "..."}}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('registry-credentials must be a JSON object keyed by registry host');
  }
  const credentials: CredentialMap = {};
  for (const [host, value] of Object.entries(parsed)) {
    const entry = value as Record<string, unknown> | null;
    if (entry && typeof entry.username === 'string' && typeof entry.password === 'string' && entry.token === undefined) {
      credentials[host] = { username: entry.username, password: entry.password };
    } else if (entry && typeof entry.token === 'string' && entry.username === undefined && entry.password === undefined) {
      credentials[host] = { token: entry.token };
    } else {
      throw new Error(`registry-credentials: "${host}" must be {"username": "...", "password": "..."} or {"token": "..."} (strings)`);
    }
  }
  return credentials;
}
