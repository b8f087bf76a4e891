/**
 * Chart versions for `reference` charts, from a classic Helm repository or an OCI registry, memoised per
 * repository so many releases of the same chart cost one request.
 */
import type { ChartSource } from '../model/types.js';
import type { RegistryClient } from '../registry/client.js';
import { RegistryNotFoundError, RegistryProtocolError } from '../registry/errors.js';
import type { RetryPolicy } from '../registry/retry.js';
import { isLoopback, normalizeHost } from '../registry/reference.js';
import { Transport, type BodyLimits, type RegistryStats } from '../registry/transport.js';
import { redactUrl } from '../exec/redact.js';
import { fetchHelmRepoIndex, type ChartVersion, type HelmRepoIndex } from './helm-repo.js';
import { listOciChartVersions } from './oci.js';

export interface ChartVersionSourceOptions {
  /** For OCI charts: auth, retries and de-duplication shared with image lookups. */
  registry: RegistryClient;
  /** Basic credentials for classic repositories, by repository URL. */
  repoCredentials?: Record<string, { username: string; password: string }>;
  retry?: Partial<RetryPolicy>;
  concurrency?: number;
  fetch?: typeof fetch;
  onSecret?: (value: string) => void;
  log?: (message: string) => void;
  /** Told once per index how many invalid entries were ignored. */
  warn?: (message: string) => void;
  /** Hosts (with port) whose plain-http repositories may receive credentials (loopback always may). */
  insecureHosts?: readonly string[];
  /** Body caps per request kind (the `index` one applies here); defaults in registry/limits.ts. */
  bodyLimits?: Partial<BodyLimits>;
}

export class ChartVersionSource {
  private readonly transport: Transport;
  private readonly indexes = new Map<string, Promise<HelmRepoIndex>>();

  constructor(private readonly options: ChartVersionSourceOptions) {
    const transportOptions: ConstructorParameters<typeof Transport>[0] = {};
    if (options.retry) transportOptions.retry = options.retry;
    if (options.concurrency !== undefined) transportOptions.concurrency = options.concurrency;
    if (options.fetch) transportOptions.fetch = options.fetch;
    if (options.log) transportOptions.log = options.log;
    if (options.bodyLimits) transportOptions.bodyLimits = options.bodyLimits;
    this.transport = new Transport(transportOptions);
    for (const credential of Object.values(options.repoCredentials ?? {})) options.onSecret?.(credential.password);
  }

  /** Requests made to classic repositories (OCI requests are in the registry client's stats). */
  get stats(): RegistryStats {
    return this.transport.stats;
  }

  /** Every version of the chart, as the repository spells it; `dir` charts have none. */
  async listVersions(chart: ChartSource): Promise<ChartVersion[]> {
    switch (chart.kind) {
      case 'oci':
        return listOciChartVersions(this.options.registry, chart.reference, this.warn);
      case 'repo':
        if (!chart.repoUrl) throw new RegistryProtocolError(chart.reference, `no URL known for Helm repository "${chart.repoName}"`);
        return this.helmRepoVersions(chart.repoUrl, chart.chartName);
      case 'dir':
        return [];
    }
  }

  async helmRepoVersions(repoUrl: string, chartName: string): Promise<ChartVersion[]> {
    const key = repoUrl.replace(/\/+$/, '');
    let index = this.indexes.get(key);
    if (!index) {
      const insecure = new Set((this.options.insecureHosts ?? []).map(normalizeHost));
      index = fetchHelmRepoIndex(this.transport, repoUrl, this.options.repoCredentials?.[repoUrl] ?? this.options.repoCredentials?.[key], {
        plainHttpAllowed: (host) => isLoopback(host) || insecure.has(normalizeHost(host)),
        ...(this.warn ? { warn: this.warn } : {}),
        ...(this.options.bodyLimits?.index !== undefined ? { maxBytes: this.options.bodyLimits.index } : {}),
      });
      index.catch(() => undefined);
      this.indexes.set(key, index);
    }
    const versions = (await index).get(chartName);
    if (!versions) throw new RegistryNotFoundError(redactUrl(repoUrl), `chart "${chartName}" is not in index.yaml`);
    // The release uses this chart from this repository, so an honest index lists at least one version.
    if (versions.length === 0) throw new RegistryProtocolError(redactUrl(repoUrl), `index.yaml lists no valid versions of chart "${chartName}" (untrusted answer)`);
    return versions;
  }

  ociVersions(reference: string): Promise<ChartVersion[]> {
    return listOciChartVersions(this.options.registry, reference, this.warn);
  }

  private get warn(): ((message: string) => void) | undefined {
    return this.options.warn ?? this.options.log;
  }
}
