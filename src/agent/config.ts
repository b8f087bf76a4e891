/** The agent's settings from its flags, each checked, with the defaults in one place. */
import path from 'node:path';
import { checkBranch } from '../git/arguments.js';
import { checkCloneUrl, type CheckedUrl } from '../git/clone.js';
import { goDurationMs, isEnvironmentName } from '../model/grammar.js';
import { quoted } from '../exec/quote.js';
import { APPLY_SETTINGS, checkApplyOptions, ApplyOptionError, type ApplyOptions, type ApplySettings } from '../deploy/request.js';
import { DEFAULT_SERVICE_ACCOUNT_DIR } from '../kube/in-cluster.js';
import type { SchedulerOptions } from './scheduler.js';

export const AGENT_DEFAULTS = {
  branch: 'main',
  interval: '5m',
  'backoff-initial': '10s',
  'backoff-max': '10m',
  listen: ':8080',
  'service-account-dir': DEFAULT_SERVICE_ACCOUNT_DIR,
} as const;

/** The agent's own flags (the deploy settings of APPLY_SETTINGS and --context come on top). */
export const AGENT_FLAGS = {
  repo: { type: 'string' },
  branch: { type: 'string' },
  environment: { type: 'string', short: 'e', multiple: true },
  interval: { type: 'string' },
  'backoff-initial': { type: 'string' },
  'backoff-max': { type: 'string' },
  listen: { type: 'string' },
  'webhook-secret-file': { type: 'string' },
  'git-token-file': { type: 'string' },
  'ssh-key-file': { type: 'string' },
  'ssh-known-hosts-file': { type: 'string' },
  'service-account-dir': { type: 'string' },
  context: { type: 'string' },
} as const;

export interface AgentConfig {
  repo: CheckedUrl;
  branch: string;
  /** The environments file, relative to the repository's top. */
  environmentsFile: string;
  environments: string[];
  schedule: SchedulerOptions;
  listen: { host?: string; port: number };
  webhookSecretFile?: string;
  gitTokenFile?: string;
  ssh?: { keyFile: string; knownHostsFile: string };
  serviceAccountDir: string;
  /** Applied with this kubeconfig instead of the in-cluster ServiceAccount (running outside a cluster). */
  kubeconfig?: string;
  context?: string;
  /** The deploy settings shared with `kubecd apply` (helm, kubectl, concurrency, timeout, wait, atomic, ...). */
  deploy: ApplySettings;
}

/** A flag with a value the agent cannot take; `problem` reads after the flag. */
export class AgentConfigError extends Error {
  constructor(readonly flag: string, readonly problem: string) {
    super(`--${flag} ${problem}`);
  }
}

/** setTimeout's limit is about 24.8 days; nothing here needs more than a day. */
const MAX_DURATION_MS = 24 * 3_600_000;

/** `30s`, `5m`, `1h30m`, `250ms`: positive, at most a day. */
export function parseDuration(flag: string, text: string): number {
  const total = goDurationMs(text);
  if (total === undefined) throw new AgentConfigError(flag, `must be a duration such as 30s, 5m or 1h30m, not ${quoted(text)}`);
  if (total <= 0 || total > MAX_DURATION_MS) throw new AgentConfigError(flag, `must be more than 0 and at most 24h, not ${quoted(text)}`);
  return total;
}

/** `HOST:PORT`, `:PORT` (every address) or `[IPV6]:PORT`. */
export function parseListen(text: string): { host?: string; port: number } {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]*):(\d{1,5})$/.exec(text);
  const port = Number(match?.[2]);
  if (!match || port > 65535) throw new AgentConfigError('listen', `must be HOST:PORT or :PORT, not ${quoted(text)}`);
  const host = match[1]!.replace(/^\[(.*)\]$/, '$1');
  return { ...(host !== '' ? { host } : {}), port };
}

function relativeInRepo(text: string): string {
  const normal = path.posix.normalize(text.replaceAll('\\', '/'));
  if (text.includes('\0') || path.posix.isAbsolute(normal) || normal === '..' || normal.startsWith('../')) {
    throw new AgentConfigError('environments', `must be a path inside the deployments repository, not ${quoted(text)}`);
  }
  return normal;
}

type Values = Record<string, string | boolean | string[] | undefined>;

function text(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** Checks every flag and fills in the defaults; throws AgentConfigError naming the first bad flag. */
export function agentConfig(values: Values, environmentsFile: string): AgentConfig {
  const repoText = text(values, 'repo');
  if (!repoText) throw new AgentConfigError('repo', 'is required: the deployments repository to follow (https://..., ssh://... or git@host:path)');
  let repo: CheckedUrl;
  try {
    repo = checkCloneUrl(repoText);
  } catch (error) {
    throw new AgentConfigError('repo', (error as Error).message.replace(/^refusing to clone /, 'is refused: '));
  }
  const branch = text(values, 'branch') ?? AGENT_DEFAULTS.branch;
  try {
    checkBranch(branch);
  } catch {
    throw new AgentConfigError('branch', `must be a branch name, not ${quoted(branch)}`);
  }
  const environments = Array.isArray(values.environment) ? values.environment : [];
  if (environments.length === 0) throw new AgentConfigError('environment', 'is required (once per environment the agent applies)');
  const badName = environments.find((name) => !isEnvironmentName(name));
  if (badName !== undefined) throw new AgentConfigError('environment', `must be an environment name, not ${quoted(badName)}`);

  const sshKeyFile = text(values, 'ssh-key-file');
  const sshKnownHostsFile = text(values, 'ssh-known-hosts-file');
  if (repo.transport === 'ssh' && (!sshKeyFile || !sshKnownHostsFile)) {
    throw new AgentConfigError(sshKeyFile ? 'ssh-known-hosts-file' : 'ssh-key-file', 'is required for an SSH repository URL (host keys are always checked)');
  }
  if (repo.transport !== 'ssh' && (sshKeyFile || sshKnownHostsFile)) throw new AgentConfigError(sshKeyFile ? 'ssh-key-file' : 'ssh-known-hosts-file', 'is for SSH repository URLs only');
  const gitTokenFile = text(values, 'git-token-file');
  if (gitTokenFile && repo.transport === 'ssh') throw new AgentConfigError('git-token-file', 'is for HTTPS repository URLs only (SSH uses --ssh-key-file)');

  const schedule = {
    intervalMs: parseDuration('interval', text(values, 'interval') ?? AGENT_DEFAULTS.interval),
    backoffInitialMs: parseDuration('backoff-initial', text(values, 'backoff-initial') ?? AGENT_DEFAULTS['backoff-initial']),
    backoffMaxMs: parseDuration('backoff-max', text(values, 'backoff-max') ?? AGENT_DEFAULTS['backoff-max']),
  };
  if (schedule.backoffMaxMs < schedule.backoffInitialMs) throw new AgentConfigError('backoff-max', 'must not be shorter than --backoff-initial');

  const deploy: Record<string, string | boolean> = {};
  for (const name of Object.keys(APPLY_SETTINGS)) {
    const value = values[name];
    if (typeof value === 'string' || typeof value === 'boolean') deploy[name] = value;
  }
  try {
    checkApplyOptions({ ...(deploy as ApplySettings), environment: environments[0]! } satisfies ApplyOptions);
  } catch (error) {
    if (error instanceof ApplyOptionError) throw new AgentConfigError(error.option, error.problem);
    throw error;
  }
  const kubeconfig = text(values, 'kubeconfig');
  const context = text(values, 'context');
  const webhookSecretFile = text(values, 'webhook-secret-file');
  return {
    repo,
    branch,
    environmentsFile: relativeInRepo(environmentsFile),
    environments: [...new Set(environments)],
    schedule,
    listen: parseListen(text(values, 'listen') ?? AGENT_DEFAULTS.listen),
    ...(webhookSecretFile ? { webhookSecretFile } : {}),
    ...(gitTokenFile ? { gitTokenFile } : {}),
    ...(sshKeyFile && sshKnownHostsFile ? { ssh: { keyFile: sshKeyFile, knownHostsFile: sshKnownHostsFile } } : {}),
    serviceAccountDir: text(values, 'service-account-dir') ?? AGENT_DEFAULTS['service-account-dir'],
    ...(kubeconfig ? { kubeconfig } : {}),
    ...(context ? { context } : {}),
    deploy: deploy as ApplySettings,
  };
}
