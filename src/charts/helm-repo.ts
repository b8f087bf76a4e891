/** Chart versions from a classic Helm repository's `index.yaml`. */
import { parse } from 'yaml';
import {
  RegistryAuthError,
  RegistryError,
  RegistryNotFoundError,
  RegistryProtocolError,
  RegistryUnavailableError,
} from '../registry/errors.js';
import { RetriesExhaustedError, TransientError, type Transport } from '../registry/transport.js';

export interface ChartVersion {
  /** As the repository spells it (`1.2.3+build` keeps its `+`). */
  version: string;
  created?: Date;
  digest?: string;
  deprecated?: boolean;
}

export type HelmRepoIndex = Map<string, ChartVersion[]>;

interface IndexEntry {
  version?: unknown;
  created?: unknown;
  digest?: unknown;
  deprecated?: unknown;
}

export function indexUrl(repoUrl: string): string {
  return `${repoUrl.replace(/\/+$/, '')}/index.yaml`;
}

/** Reads an `index.yaml` text; throws a TransientError when it is not a whole index (a truncated body). */
export function parseHelmRepoIndex(text: string): HelmRepoIndex {
  let document: { apiVersion?: unknown; entries?: unknown };
  try {
    document = parse(text) as typeof document;
  } catch (error) {
    throw new TransientError('index.yaml is not valid YAML (truncated?)', undefined, { cause: error });
  }
  if (!document || typeof document !== 'object' || typeof document.apiVersion !== 'string') {
    throw new TransientError('index.yaml has no apiVersion (truncated or not a Helm repository index)');
  }
  const entries = document.entries ?? {};
  if (typeof entries !== 'object' || Array.isArray(entries)) {
    throw new TransientError('index.yaml "entries" is not a map');
  }
  const index: HelmRepoIndex = new Map();
  for (const [chart, list] of Object.entries(entries as Record<string, unknown>)) {
    const versions: ChartVersion[] = [];
    for (const entry of Array.isArray(list) ? (list as IndexEntry[]) : []) {
      if (typeof entry?.version !== 'string' && typeof entry?.version !== 'number') continue;
      const version: ChartVersion = { version: String(entry.version) };
      const created = typeof entry.created === 'string' ? new Date(entry.created) : undefined;
      if (created && !Number.isNaN(created.getTime())) version.created = created;
      if (typeof entry.digest === 'string') version.digest = entry.digest;
      if (entry.deprecated === true) version.deprecated = true;
      versions.push(version);
    }
    index.set(chart, versions);
  }
  return index;
}

export async function fetchHelmRepoIndex(
  transport: Transport,
  repoUrl: string,
  credential?: { username: string; password: string },
): Promise<HelmRepoIndex> {
  const url = indexUrl(repoUrl);
  const headers: Record<string, string> = { accept: 'application/x-yaml, text/yaml, */*' };
  if (credential) {
    headers.authorization = `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
  }
  try {
    return await transport.send('index', url, { headers: async () => headers }, (response) => {
      if (response.status === 401 || response.status === 403) {
        throw new RegistryAuthError(repoUrl, `HTTP ${response.status} for index.yaml`);
      }
      if (response.status === 404) throw new RegistryNotFoundError(repoUrl, 'no index.yaml');
      if (response.status < 200 || response.status >= 300) {
        throw new RegistryProtocolError(repoUrl, `HTTP ${response.status} for index.yaml`);
      }
      return parseHelmRepoIndex(response.body.toString('utf8'));
    });
  } catch (error) {
    if (error instanceof RegistryError) throw error;
    if (error instanceof RetriesExhaustedError) throw new RegistryUnavailableError(repoUrl, error.message, { cause: error });
    throw new RegistryProtocolError(repoUrl, error instanceof Error ? error.message : String(error), { cause: error });
  }
}
