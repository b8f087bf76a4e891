/**
 * `kubecd agent`: follows one branch of the deployments repository and applies its own environments with the
 * pod's ServiceAccount, on start, on an interval and when a signed push webhook arrives. One sync at a time
 * (see scheduler.ts); a sync is fetch + fast-forward, load, then each environment through the apply engine.
 * It never writes to the repository.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { applyEnvironment } from '../deploy/apply.js';
import { outcomeLists } from '../deploy/report.js';
import { applyRequest } from '../deploy/request.js';
import type { ApplyOutcome } from '../deploy/types.js';
import { privateTempDir } from '../fs/temp-dir.js';
import { cloneBranch, fetchFastForward, prepareSshCommand, type Follower } from '../git/clone.js';
import type { Helm } from '../helm/helm.js';
import { existingAccess, type ClusterAccess } from '../kube/access.js';
import { inClusterConfig, openInClusterAccess, type InClusterConfig } from '../kube/in-cluster.js';
import { hasErrors } from '../model/problems.js';
import { loadRepo } from '../repo/load.js';
import type { LoadedRepo } from '../repo/loaded-repo.js';
import type { AgentConfig } from './config.js';
import type { AgentLogger } from './log.js';
import { AgentMetrics, type FailureReason } from './metrics.js';
import { Scheduler, type SyncReason } from './scheduler.js';
import { json, startAgentServer, type Reply } from './server.js';
import { judgeWebhook } from './webhook.js';

export interface AgentParts {
  helm: Helm;
  logger: AgentLogger;
  env?: NodeJS.ProcessEnv;
}

/** What the last apply of one environment came to, as /readyz shows it. */
export interface EnvironmentStatus {
  result: 'succeeded' | 'failed' | 'interrupted';
  commit?: string;
  at: string;
  durationMs: number;
  reason?: FailureReason;
  applied?: string[];
  failed?: string[];
  error?: string;
}

export interface RunningAgent {
  address: { host: string; port: number };
  /** Graceful: no new syncs or webhooks, the running apply finishes its started releases, the server closes. */
  stop(): Promise<void>;
}

const FORBIDDEN = /\bforbidden\b/i;
const DELIVERY_ID = /^[0-9A-Za-z-]{1,64}$/;

function errorsOf(outcome: ApplyOutcome): string[] {
  return [
    ...outcome.resources.filter((r) => r.error).map((r) => `resource file ${r.file}: ${r.error}`),
    ...outcome.releases.filter((r) => r.result === 'failed').map((r) => `${r.name}: ${r.reason}`),
    ...outcome.pruned.filter((p) => p.error).map((p) => `prune ${p.name}: ${p.error}`),
  ];
}

async function readSecretFile(file: string, what: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read the ${what} ${file}: ${error.code ?? error.message}`);
  });
  // A Secret written with `echo` ends in a newline that is not part of the value.
  const value = text.replace(/\r?\n$/, '');
  if (value === '') throw new Error(`the ${what} ${file} is empty`);
  return value;
}

/** Starts the server and the first sync; the work folder (the clone, the SSH key copy) is removed on stop. */
export async function startAgent(config: AgentConfig, parts: AgentParts): Promise<RunningAgent> {
  const workDir = await privateTempDir('kubecd-agent-');
  try {
    return await startIn(workDir, config, parts);
  } catch (error) {
    await rm(workDir, { recursive: true, force: true });
    throw error;
  }
}

async function startIn(workDir: string, config: AgentConfig, { helm, logger, env = process.env }: AgentParts): Promise<RunningAgent> {
  const webhookSecret = config.webhookSecretFile ? await readSecretFile(config.webhookSecretFile, 'webhook secret file') : undefined;
  if (webhookSecret) logger.secret(webhookSecret);
  const inCluster: InClusterConfig | undefined = config.kubeconfig ? undefined : await inClusterConfig(config.serviceAccountDir, env);
  const follower: Follower = {
    dir: join(workDir, 'repo'),
    url: config.repo,
    branch: config.branch,
    auth: {
      ...(config.gitTokenFile ? { token: async () => {
        const token = await readSecretFile(config.gitTokenFile!, 'git token file');
        logger.secret(token);
        return token;
      } } : {}),
      ...(config.ssh ? { sshCommand: await prepareSshCommand(workDir, config.ssh.keyFile, config.ssh.knownHostsFile) } : {}),
    },
  };

  const metrics = new AgentMetrics(config.environments);
  const abort = new AbortController();
  const statuses: Record<string, EnvironmentStatus> = {};
  /** Warnings given once per environment, not on every sync. */
  const warned = new Set<string>();
  let commit: string | undefined;
  let stopping = false;

  const openAccess = async (): Promise<ClusterAccess> =>
    inCluster ? openInClusterAccess(inCluster, (value) => logger.secret(value)) : existingAccess({ kubeconfig: config.kubeconfig!, ...(config.context ? { context: config.context } : {}) });

  async function applyOne(environment: string, loaded: LoadedRepo, at: string): Promise<boolean> {
    const log = logger.with({ environment, commit: at });
    const started = performance.now();
    const declared = loaded.repo.environments.find((e) => e.name === environment);
    const warnOnce = (key: string, msg: string, fields: Record<string, unknown>) => {
      if (warned.has(key)) return;
      warned.add(key);
      log.event('warn', msg, fields);
    };
    if (declared && inCluster?.namespace && declared.namespace !== inCluster.namespace) {
      warnOnce(`${environment}/${declared.namespace}`, 'environment namespace differs from the ServiceAccount namespace; the API server will refuse unless RBAC allows it', { namespace: declared.namespace, serviceAccountNamespace: inCluster.namespace });
    }
    // Read loosely: the field belongs to the environments file's schema, which the agent does not depend on.
    const deployedBy = (declared as { deployedBy?: unknown } | undefined)?.deployedBy;
    if (declared && deployedBy !== 'agent') {
      warnOnce(`${environment}:deployedBy`, 'environment is not marked deployedBy: agent; an apply workflow may deploy it too', { deployedBy: deployedBy ?? 'action (the default)' });
    }
    let access: ClusterAccess | undefined;
    const record = (status: Omit<EnvironmentStatus, 'at' | 'durationMs' | 'commit'>) => {
      const durationMs = Math.round(performance.now() - started);
      statuses[environment] = { ...status, commit: at, at: new Date().toISOString(), durationMs };
      return durationMs;
    };
    try {
      access = await openAccess();
      const request = applyRequest({ ...config.deploy, environment }, { loaded, helm, logger: log });
      const outcome = await applyEnvironment({ ...request, credentials: { access }, signal: abort.signal });
      const { applied, skipped, failed } = outcomeLists(outcome);
      const notStarted = outcome.releases.filter((r) => r.result === 'not-started').map((r) => r.name);
      const seconds = (performance.now() - started) / 1000;
      if (abort.signal.aborted && notStarted.length > 0 && !outcome.failed) {
        const durationMs = record({ result: 'interrupted', applied });
        log.event('warn', 'apply interrupted by shutdown after the started releases finished', { namespace: outcome.namespace, applied, skipped, notStarted, durationMs });
        return false;
      }
      if (!outcome.failed) {
        metrics.applied(environment, seconds, applied.length);
        const durationMs = record({ result: 'succeeded', applied });
        log.event('info', 'apply succeeded', { namespace: outcome.namespace, applied, skipped, durationMs });
        return true;
      }
      const errors = errorsOf(outcome);
      const reason: FailureReason = errors.some((e) => FORBIDDEN.test(e)) ? 'forbidden' : 'release';
      metrics.applied(environment, seconds, applied.length, reason);
      const durationMs = record({ result: 'failed', reason, applied, failed, error: errors[0] ?? 'failed' });
      log.event('error', reason === 'forbidden' ? 'apply refused by the API server (the ServiceAccount may not write this namespace)' : 'apply failed', { namespace: outcome.namespace, reason, applied, skipped, failed, notStarted, errors, durationMs });
      return false;
    } catch (error) {
      const message = (error as Error).message;
      const reason: FailureReason = FORBIDDEN.test(message) ? 'forbidden' : 'error';
      metrics.applied(environment, (performance.now() - started) / 1000, 0, reason);
      const durationMs = record({ result: 'failed', reason, error: message });
      log.event('error', 'apply failed', { reason, error: message, durationMs });
      return false;
    } finally {
      await access?.close();
    }
  }

  async function sync(reason: SyncReason): Promise<boolean> {
    const log = logger.with({ trigger: reason });
    log.event('info', 'sync started');
    try {
      if (commit === undefined) {
        commit = await cloneBranch(follower);
        log.event('info', 'cloned the deployments repository', { repository: config.repo.url, branch: config.branch, commit });
      } else {
        const fetched = await fetchFastForward(follower);
        commit = fetched.to;
        if (fetched.changed) log.event('info', 'fast-forwarded', { from: fetched.from, to: fetched.to });
      }
    } catch (error) {
      metrics.fetchFailed();
      log.event('error', 'cannot fetch the deployments repository', { repository: config.repo.url, branch: config.branch, error: (error as Error).message });
      return false;
    }
    metrics.checkedOut(commit);
    const at = commit;
    const loaded = await loadRepo(join(follower.dir, config.environmentsFile));
    if (hasErrors(loaded.problems)) {
      for (const p of loaded.problems.filter((x) => x.severity === 'error')) log.event('error', 'deployments repository problem', { file: p.file, line: p.line, column: p.column, message: p.message });
      for (const environment of config.environments) {
        metrics.failedBefore(environment, 'repo');
        statuses[environment] = { result: 'failed', reason: 'repo', commit: at, at: new Date().toISOString(), durationMs: 0, error: 'the deployments repository has errors; nothing was applied' };
      }
      log.event('error', 'the deployments repository has errors; nothing was applied', { commit: at });
      return false;
    }
    let ok = true;
    for (const environment of config.environments) {
      if (abort.signal.aborted) return false;
      ok = (await applyOne(environment, loaded, at)) && ok;
    }
    return ok;
  }

  const scheduler = new Scheduler(sync, config.schedule, (delayMs, state) => {
    metrics.syncs(state.consecutiveFailures);
    if (state.consecutiveFailures > 0) logger.event('warn', 'sync failed; backing off', { retryInMs: delayMs, consecutiveFailures: state.consecutiveFailures });
    else logger.event('debug', 'next sync scheduled', { inMs: delayMs });
  });

  function webhook(headers: Record<string, string | string[] | undefined>, body: Buffer): Reply {
    const deliveryHeader = headers['x-github-delivery'];
    const delivery = typeof deliveryHeader === 'string' && DELIVERY_ID.test(deliveryHeader) ? deliveryHeader : undefined;
    const fields = delivery ? { delivery } : {};
    if (!webhookSecret) {
      metrics.webhook('disabled');
      return json(403, { error: 'webhooks are off: the agent was started without --webhook-secret-file' });
    }
    const verdict = judgeWebhook({ headers, body }, Buffer.from(webhookSecret), config.branch);
    switch (verdict.kind) {
      case 'refused':
        metrics.webhook('refused');
        logger.event('warn', 'webhook refused', { ...fields, reason: verdict.reason });
        return json(verdict.status, { error: verdict.reason });
      case 'ping':
        metrics.webhook('ping');
        logger.event('info', 'webhook ping', fields);
        return json(200, { ok: true });
      case 'ignored':
        metrics.webhook('ignored');
        logger.event('info', 'webhook ignored', { ...fields, reason: verdict.reason });
        return json(202, { ignored: verdict.reason });
      case 'push':
        if (stopping || !scheduler.trigger('webhook')) return json(503, { error: 'the agent is shutting down' });
        metrics.webhook('triggered');
        logger.event('info', 'webhook push: sync triggered', { ...fields, ...(verdict.commit ? { pushed: verdict.commit } : {}) });
        return json(202, { triggered: true });
    }
  }

  // Errors quoted in /readyz pass the same masking as the log.
  const masked = (reply: Reply): Reply => ({ ...reply, body: logger.mask(reply.body) });

  const server = await startAgentServer(config.listen, {
    webhook,
    healthz: () => json(200, { ok: true }),
    readyz: () => {
      const state = scheduler.state();
      const ready = commit !== undefined && !stopping;
      return masked(json(ready ? 200 : 503, {
        ready,
        ...(commit ? { commit } : {}),
        syncing: state.running,
        consecutiveFailures: state.consecutiveFailures,
        ...(state.nextAt ? { nextSyncAt: new Date(state.nextAt).toISOString() } : {}),
        environments: statuses,
      }));
    },
    metrics: async () => {
      metrics.syncs(scheduler.state().consecutiveFailures);
      return { status: 200, body: await metrics.text(), contentType: metrics.contentType };
    },
  }, (error) => logger.event('error', 'http server error', { error: error.message }));

  logger.event('info', 'kubecd agent listening', {
    address: server.address.host,
    port: server.address.port,
    repository: config.repo.url,
    branch: config.branch,
    environments: config.environments,
    cluster: inCluster ? `in-cluster ${inCluster.server}` : `kubeconfig ${config.kubeconfig}`,
    webhooks: webhookSecret !== undefined,
    helm: helm.version,
  });
  scheduler.start();

  let stopped: Promise<void> | undefined;
  return {
    address: server.address,
    stop: () => (stopped ??= (async () => {
      stopping = true;
      logger.event('info', 'shutting down: finishing the running apply');
      abort.abort();
      await scheduler.stop();
      await server.close();
      await rm(workDir, { recursive: true, force: true });
      logger.event('info', 'stopped');
    })()),
  };
}
