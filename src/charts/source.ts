/**
 * Chart versions for `reference` charts, from a classic Helm repository or an OCI registry, memoised per
 * repository so many releases of the same chart cost one request.
 */
import type { ChartSource } from '../model/types.js';
import type { RegistryClient } from '../registry/client.js';
import { RegistryNotFoundError, RegistryProtocolError } from '../registry/errors.js';
import type { RetryPolicy } from '../registry/retry.js';
import { Transport, type RegistryStats } from '../registry/transport.js';
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
        return listOciChartVersions(this.options.registry, chart.reference);
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
      index = fetchHelmRepoIndex(this.transport, repoUrl, this.options.repoCredentials?.[repoUrl] ?? this.options.repoCredentials?.[key]);
      index.catch(() => undefined);
      this.indexes.set(key, index);
    }
    const versions = (await index).get(chartName);
    if (!versions) throw new RegistryNotFoundError(repoUrl, `chart "${chartName}" is not in index.yaml`);
    return versions;
  }

  ociVersions(reference: string): Promise<ChartVersion[]> {
    return listOciChartVersions(this.options.registry, reference);
  }
}
