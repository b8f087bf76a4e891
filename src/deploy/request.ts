/**
 * The apply request as both entry points ask for it: the action's inputs and the CLI's flags become these
 * plain options, and every default lives here. A new apply setting is one line in APPLY_SETTINGS, one in
 * applyRequest, its input in action-apply/action.yml and its flag in the CLI usage (a test keeps those in step).
 */
import type { WorkloadIdentityInputs } from '../cloud/google-auth.js';
import type { Helm } from '../helm/helm.js';
import type { Logger } from '../log/logger.js';
import type { LoadedRepo } from '../repo/loaded-repo.js';
import { DEPLOY_MODES, type ApplyRequest, type DeployMode } from './types.js';

interface SettingSpec {
  type: 'boolean' | 'string';
  /** As the action's input default and the CLI's; undefined: not set. */
  default?: string | boolean;
  /** A file path: the action resolves it against the workspace. */
  file?: true;
}

/** The settings the action's inputs and the CLI's flags share, by the kebab-case name both spell. */
export const APPLY_SETTINGS = {
  helm: { type: 'string', default: 'helm' },
  kubectl: { type: 'string', default: 'kubectl' },
  kubeconfig: { type: 'string', file: true },
  concurrency: { type: 'string', default: '4' },
  timeout: { type: 'string', default: '5m' },
  force: { type: 'boolean', default: false },
  prune: { type: 'boolean', default: false },
  wait: { type: 'boolean', default: false },
  atomic: { type: 'boolean', default: false },
  'fail-fast': { type: 'boolean', default: false },
  'create-namespace': { type: 'boolean', default: false },
} as const satisfies Record<string, SettingSpec>;

export type ApplySettingName = keyof typeof APPLY_SETTINGS;
export type ApplySettings = { [K in ApplySettingName]?: (typeof APPLY_SETTINGS)[K]['type'] extends 'boolean' ? boolean : string };

export interface ApplyOptions extends ApplySettings {
  environment: string;
  /** Default apply. */
  mode?: string;
  /** Only these releases (default all). */
  releases?: readonly string[];
  /** A kubeconfig context overriding the provider's (CLI only). */
  context?: string;
  /** The action's GitHub OIDC exchange (action only). */
  workloadIdentity?: WorkloadIdentityInputs;
  /** The Entra application for AKS environments that name none (action only). */
  azureClientId?: string;
  /** The IAM role for EKS environments that name none (action only). */
  awsRoleArn?: string;
  /** A GitHub OIDC token for an audience (action only). */
  githubOidcToken?: (audience: string) => Promise<string>;
}

/** A setting with a value the engine cannot take; `problem` reads after the setting's name. */
export class ApplyOptionError extends Error {
  constructor(readonly option: string, readonly problem: string) {
    super(`${option} ${problem}`);
  }
}

/** The helm binary to detect (detection starts before the repo loads, so it is asked for first). */
export function helmPath(options: ApplySettings): string {
  return options.helm ?? APPLY_SETTINGS.helm.default;
}

function positiveInteger(option: string, text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < 1) throw new ApplyOptionError(option, `must be a positive whole number, not "${text}"`);
  return value;
}

export function deployMode(mode: string | undefined): DeployMode {
  const value = mode ?? 'apply';
  if (!(DEPLOY_MODES as readonly string[]).includes(value)) throw new ApplyOptionError('mode', `must be one of ${DEPLOY_MODES.join(', ')}, not "${value}"`);
  return value as DeployMode;
}

/** Throws ApplyOptionError for a setting the engine cannot take: the entry points call it before loading anything. */
export function checkApplyOptions(options: ApplyOptions): void {
  deployMode(options.mode);
  positiveInteger('concurrency', options.concurrency ?? APPLY_SETTINGS.concurrency.default);
}

/** Checks the options (see checkApplyOptions) and fills in the defaults. */
export function applyRequest(options: ApplyOptions, parts: { loaded: LoadedRepo; helm: Helm; logger: Logger }): ApplyRequest {
  const s = APPLY_SETTINGS;
  const credentials = {
    ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
    ...(options.context ? { context: options.context } : {}),
    ...(options.workloadIdentity ? { workloadIdentity: options.workloadIdentity } : {}),
    ...(options.azureClientId ? { azureClientId: options.azureClientId } : {}),
    ...(options.awsRoleArn ? { awsRoleArn: options.awsRoleArn } : {}),
    ...(options.githubOidcToken ? { githubOidcToken: options.githubOidcToken } : {}),
  };
  return {
    loaded: parts.loaded,
    environment: options.environment,
    releases: options.releases ?? [],
    mode: deployMode(options.mode),
    force: options.force ?? s.force.default,
    prune: options.prune ?? s.prune.default,
    concurrency: positiveInteger('concurrency', options.concurrency ?? s.concurrency.default),
    timeout: options.timeout ?? s.timeout.default,
    wait: options.wait ?? s.wait.default,
    atomic: options.atomic ?? s.atomic.default,
    failFast: options['fail-fast'] ?? s['fail-fast'].default,
    createNamespace: options['create-namespace'] ?? s['create-namespace'].default,
    helm: parts.helm,
    kubectl: options.kubectl ?? s.kubectl.default,
    credentials,
    logger: parts.logger,
  };
}
