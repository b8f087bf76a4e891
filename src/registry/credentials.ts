/**
 * Where registry credentials come from, in order of precedence: explicit inputs, the GitHub token for
 * GHCR, a Google access token for GCR / Artifact Registry, then the docker config file (`auths`, as
 * docker/login-action writes it). Credential helpers (`credsStore`, `credHelpers`) are not run.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { hostname, normalizeHost } from './reference.js';

export type Credential =
  | { username: string; password: string }
  /** A registry bearer token, sent as is (docker config's `registrytoken`). */
  | { token: string };

export type CredentialMap = Record<string, Credential>;

export interface DockerConfigCredentials {
  credentials: CredentialMap;
  /** Things the config asks for that we do not do (credential helpers), to be logged as warnings. */
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
  const result: DockerConfigCredentials = { credentials: {}, warnings: [] };
  if (file !== undefined) result.file = file;
  let config: { auths?: Record<string, DockerConfigAuth>; credsStore?: string; credHelpers?: Record<string, string> };
  try {
    config = JSON.parse(text) as typeof config;
  } catch {
    result.warnings.push(`${file ?? 'docker config'} is not valid JSON; ignoring it`);
    return result;
  }
  if (config.credsStore) {
    result.warnings.push(`docker config uses credsStore "${config.credsStore}"; kubecd does not run credential helpers`);
  }
  for (const [host, helper] of Object.entries(config.credHelpers ?? {})) {
    result.warnings.push(`docker config uses credential helper "${helper}" for ${host}; kubecd does not run it`);
  }
  for (const [key, entry] of Object.entries(config.auths ?? {})) {
    const host = configKeyToHost(key);
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
      result.warnings.push(`docker config entry for ${host} holds only an identity token; kubecd does not use those`);
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
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { credentials: {}, warnings: [] };
    return { credentials: {}, warnings: [`cannot read ${file}: ${(error as Error).message}`] };
  }
  return parseDockerConfig(text, file);
}

export interface CredentialSources {
  /** Explicit credentials by host (inputs); hosts are normalised (`docker.io` = Docker Hub). */
  explicit?: CredentialMap;
  /** From the docker config file. */
  dockerConfig?: CredentialMap;
  /** A GitHub token for `ghcr.io`. */
  githubToken?: string;
  /** The username to send with the GitHub token; GHCR does not check it. */
  githubUser?: string;
  /** Returns a Google access token (application default credentials) for GCR / Artifact Registry. */
  googleAccessToken?: () => Promise<string | undefined>;
}

export type CredentialResolver = (host: string) => Promise<Credential | undefined>;

function lookup(map: CredentialMap | undefined, host: string): Credential | undefined {
  if (!map) return undefined;
  const wanted = normalizeHost(host);
  for (const [key, credential] of Object.entries(map)) {
    if (configKeyToHost(key) === wanted) return credential;
  }
  return undefined;
}

export function credentialResolver(sources: CredentialSources): CredentialResolver {
  return async (host) => {
    const explicit = lookup(sources.explicit, host);
    if (explicit) return explicit;
    if (sources.githubToken && isGithubRegistry(host)) {
      return { username: sources.githubUser ?? 'x-access-token', password: sources.githubToken };
    }
    if (sources.googleAccessToken && isGoogleRegistry(host)) {
      const token = await sources.googleAccessToken();
      if (token) return { username: GOOGLE_TOKEN_USERNAME, password: token };
    }
    return lookup(sources.dockerConfig, host);
  };
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
