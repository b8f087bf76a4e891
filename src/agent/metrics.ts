/** The agent's Prometheus metrics, in a registry of its own (never prom-client's global one). */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Why an apply of an environment failed, as the `reason` label says it. */
export type FailureReason = 'forbidden' | 'release' | 'repo' | 'error';
export type WebhookResult = 'triggered' | 'ignored' | 'refused' | 'ping' | 'disabled';

export class AgentMetrics {
  readonly registry = new Registry();
  private readonly applies = new Counter({ name: 'kubecd_agent_applies_total', help: 'Applies of an environment, whatever their outcome.', labelNames: ['environment'], registers: [this.registry] });
  private readonly failures = new Counter({ name: 'kubecd_agent_apply_failures_total', help: 'Applies of an environment that failed, by reason (forbidden: the API server refused the ServiceAccount).', labelNames: ['environment', 'reason'], registers: [this.registry] });
  private readonly changed = new Counter({ name: 'kubecd_agent_releases_changed_total', help: 'Releases installed or upgraded.', labelNames: ['environment'], registers: [this.registry] });
  private readonly lastSuccess = new Gauge({ name: 'kubecd_agent_last_success_timestamp_seconds', help: 'When an apply of the environment last succeeded (Unix time).', labelNames: ['environment'], registers: [this.registry] });
  private readonly duration = new Histogram({ name: 'kubecd_agent_apply_duration_seconds', help: 'How long an apply of an environment took.', labelNames: ['environment'], buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600], registers: [this.registry] });
  private readonly fetchFailures = new Counter({ name: 'kubecd_agent_git_fetch_failures_total', help: 'Clones or fetches of the deployments repository that failed (including refused non-fast-forwards).', registers: [this.registry] });
  private readonly webhooks = new Counter({ name: 'kubecd_agent_webhooks_total', help: 'Webhook deliveries by result.', labelNames: ['result'], registers: [this.registry] });
  private readonly consecutive = new Gauge({ name: 'kubecd_agent_consecutive_failed_syncs', help: 'Syncs that failed in a row (0 after a success).', registers: [this.registry] });
  private readonly commit = new Gauge({ name: 'kubecd_agent_commit_info', help: 'The deployments repository commit checked out (value 1).', labelNames: ['commit'], registers: [this.registry] });

  constructor(environments: readonly string[]) {
    collectDefaultMetrics({ register: this.registry, prefix: 'kubecd_agent_' });
    // Present from the start, so a dashboard shows 0 rather than no data.
    for (const environment of environments) {
      this.applies.inc({ environment }, 0);
      this.changed.inc({ environment }, 0);
      this.failures.inc({ environment, reason: 'forbidden' }, 0);
    }
    this.fetchFailures.inc(0);
  }

  applied(environment: string, seconds: number, releasesChanged: number, failure?: FailureReason): void {
    this.applies.inc({ environment });
    this.duration.observe({ environment }, seconds);
    this.changed.inc({ environment }, releasesChanged);
    if (failure) this.failures.inc({ environment, reason: failure });
    else this.lastSuccess.set({ environment }, Date.now() / 1000);
  }

  /** A failure before the engine ran (the repository has errors): no apply, no duration. */
  failedBefore(environment: string, reason: FailureReason): void {
    this.failures.inc({ environment, reason });
  }

  fetchFailed(): void {
    this.fetchFailures.inc();
  }

  webhook(result: WebhookResult): void {
    this.webhooks.inc({ result });
  }

  syncs(consecutiveFailures: number): void {
    this.consecutive.set(consecutiveFailures);
  }

  checkedOut(commit: string): void {
    this.commit.reset();
    this.commit.set({ commit }, 1);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
