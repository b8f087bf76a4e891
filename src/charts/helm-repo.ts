/** Chart versions from a classic Helm repository's `index.yaml`. */
import { parse } from 'yaml';
import { redactUrl } from '../exec/redact.js';
import {
  RegistryAuthError,
  RegistryError,
  RegistryNotFoundError,
  RegistryProtocolError,
  RegistryUnavailableError,
} from '../registry/errors.js';
import { isChartVersion, isDigest } from '../model/grammar.js';
import { formatBytes } from '../fs/confined.js';
import { DEFAULT_BODY_LIMITS, HELM_INDEX_MAX_ALIASES } from '../registry/limits.js';
import { isLoopback } from '../registry/reference.js';
import { hostileExcerpt, parseCreated } from '../registry/sanitise.js';
import { validHelmIndex, validHelmIndexEntry } from '../registry/schemas.js';
import { RetriesExhaustedError, TransientError, type Transport } from '../registry/transport.js';

export interface ChartVersion {
  /** As the repository spells it (`1.2.3+build` keeps its `+`). */
  version: string;
  created?: Date;
  /** `sha256:<hex>` (an index's bare hex is given its prefix). */
  digest?: string;
  /** The index gives this version a digest that is not one: choosing it makes the trigger a skip. */
  invalidDigest?: true;
  deprecated?: boolean;
}

export type HelmRepoIndex = Map<string, ChartVersion[]>;

export interface ParseIndexOptions {
  /** Told once how many invalid entries were ignored. */
  warn?: (message: string) => void;
  /** Names the repository in that warning. */
  source?: string;
  /** A longer text is refused before it is parsed. Default: the `index` body cap. */
  maxBytes?: number;
}

export function indexUrl(repoUrl: string): string {
  return `${repoUrl.replace(/\/+$/, '')}/index.yaml`;
}

function chartVersionOf(entry: unknown): ChartVersion | undefined {
  if (!validHelmIndexEntry(entry)) return undefined;
  const version = String(entry.version);
  if (!isChartVersion(version)) return undefined;
  const parsed: ChartVersion = { version };
  const created = parseCreated(entry.created);
  if (created) parsed.created = created;
  if (typeof entry.digest === 'string') {
    const digest = /^[a-f0-9]{64}$/.test(entry.digest) ? `sha256:${entry.digest}` : entry.digest;
    if (isDigest(digest)) parsed.digest = digest;
    else parsed.invalidDigest = true;
  }
  if (entry.deprecated === true) parsed.deprecated = true;
  return parsed;
}

/**
 * Reads an `index.yaml` text from a server that may be hostile: refused over the size cap, parsed with few
 * YAML aliases, each entry checked (shape, version grammar, RFC 3339 time, digest); invalid entries are
 * dropped and counted. Throws a TransientError when it is not a whole index (a truncated body).
 */
export function parseHelmRepoIndex(text: string, options: ParseIndexOptions = {}): HelmRepoIndex {
  const maxBytes = options.maxBytes ?? DEFAULT_BODY_LIMITS.index;
  if (Buffer.byteLength(text) > maxBytes) throw new Error(`index.yaml exceeds ${formatBytes(maxBytes)}`);
  let document: unknown;
  try {
    document = parse(text, { maxAliasCount: HELM_INDEX_MAX_ALIASES, prettyErrors: false });
  } catch (error) {
    if (error instanceof Error && /alias/i.test(error.message)) throw new Error('index.yaml uses too many YAML aliases', { cause: error });
    throw new TransientError('index.yaml is not valid YAML (truncated?)', undefined, { cause: error });
  }
  if (!validHelmIndex(document)) {
    throw new TransientError('index.yaml has no apiVersion or its "entries" is not a map (truncated or not a Helm repository index)');
  }
  const entries = document.entries ?? {};
  const index: HelmRepoIndex = new Map();
  let dropped = 0;
  let first: unknown;
  for (const [chart, list] of Object.entries(entries)) {
    const versions: ChartVersion[] = [];
    for (const entry of Array.isArray(list) ? (list as unknown[]) : []) {
      const version = chartVersionOf(entry);
      if (version) versions.push(version);
      else if (dropped++ === 0) first = (entry as { version?: unknown } | null)?.version ?? entry;
    }
    index.set(chart, versions);
  }
  if (dropped > 0) {
    options.warn?.(`${options.source ?? 'index.yaml'}: ignored ${dropped} invalid chart version entr${dropped === 1 ? 'y' : 'ies'} (e.g. "${hostileExcerpt(first)}")`);
  }
  return index;
}

export async function fetchHelmRepoIndex(
  transport: Transport,
  repoUrl: string,
  credential?: { username: string; password: string },
  options: { warn?: (message: string) => void; plainHttpAllowed?: (host: string) => boolean; maxBytes?: number } = {},
): Promise<HelmRepoIndex> {
  const name = redactUrl(repoUrl).replace(/\/+$/, '');
  const url = indexUrl(repoUrl);
  const headers: Record<string, string> = { accept: 'application/x-yaml, text/yaml, */*' };
  if (credential) {
    const target = new URL(url);
    const plainAllowed = options.plainHttpAllowed ?? isLoopback;
    if (target.protocol === 'http:' && !plainAllowed(target.host)) {
      throw new RegistryAuthError(name, 'refusing to send credentials over plain http (list the host as insecure to allow it)');
    }
    headers.authorization = `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
  }
  try {
    return await transport.send('index', url, { headers: async () => headers }, (response) => {
      if (response.status === 401 || response.status === 403) {
        throw new RegistryAuthError(name, `HTTP ${response.status} for index.yaml`);
      }
      if (response.status === 404) throw new RegistryNotFoundError(name, 'no index.yaml');
      if (response.status < 200 || response.status >= 300) {
        throw new RegistryProtocolError(name, `HTTP ${response.status} for index.yaml`);
      }
      return parseHelmRepoIndex(response.body.toString('utf8'), {
        source: name,
        ...(options.warn ? { warn: options.warn } : {}),
        ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
      });
    });
  } catch (error) {
    if (error instanceof RegistryError) throw error;
    if (error instanceof RetriesExhaustedError) throw new RegistryUnavailableError(name, error.message, { cause: error });
    const plain = error instanceof Error && !(error instanceof TypeError || error instanceof RangeError) ? error.message : 'unexpected answer';
    throw new RegistryProtocolError(name, plain, { cause: error });
  }
}
