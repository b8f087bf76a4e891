/** What an apply (or plan, or dry run) of one environment is asked to do, and what came of it. */
import type { Helm } from '../helm/helm.js';
import type { LoadedRepo } from '../repo/loaded-repo.js';
import type { CredentialOptions } from './cluster-access.js';
import type { Logger } from '../log/logger.js';

export type DeployMode = 'apply' | 'plan' | 'dry-run';
export const DEPLOY_MODES: readonly DeployMode[] = ['apply', 'plan', 'dry-run'];

export interface ApplyRequest {
  loaded: LoadedRepo;
  environment: string;
  /** Only these releases (default all of the environment). */
  releases?: readonly string[];
  mode: DeployMode;
  force?: boolean;
  prune?: boolean;
  /** Releases deployed at once (default 4). */
  concurrency?: number;
  /** Helm's --timeout, e.g. 5m. */
  timeout?: string;
  wait?: boolean;
  atomic?: boolean;
  failFast?: boolean;
  createNamespace?: boolean;
  helm: Helm;
  /** The kubectl binary. */
  kubectl: string;
  credentials?: CredentialOptions;
  logger: Logger;
  /** Once aborted, releases not yet started are left alone (the agent's graceful shutdown); started ones finish. */
  signal?: AbortSignal;
}

export type ReleaseResult = 'applied' | 'skipped' | 'failed' | 'not-started' | 'changes' | 'no-changes' | 'dry-run';

export interface ReleaseOutcome {
  name: string;
  result: ReleaseResult;
  /** Why (skipped: unchanged fingerprint; failed: the first line of the error). */
  reason: string;
  /** Helm's (or kubecd's) full error for a failure. */
  error?: string;
  /** plan: the unified diff of deployed vs declared manifests, Secret values redacted. */
  diff?: string;
  fingerprint?: string;
  durationMs: number;
}

export interface ResourceOutcome {
  file: string;
  /** The release the file belongs to, when it is a per-release resource file. */
  release?: string;
  /** `unchanged`: the files are byte for byte those kubecd last applied in full, so nothing was run. */
  result: 'applied' | 'unchanged' | 'failed' | 'changes' | 'no-changes' | 'dry-run';
  error?: string;
  diff?: string;
  durationMs: number;
}

export interface PruneOutcome {
  name: string;
  result: 'pruned' | 'would-prune' | 'failed';
  error?: string;
}

export interface ApplyOutcome {
  environment: string;
  namespace: string;
  mode: DeployMode;
  cluster: string;
  resources: ResourceOutcome[];
  releases: ReleaseOutcome[];
  pruned: PruneOutcome[];
  /** True when anything failed (the run should exit 1). */
  failed: boolean;
  durationMs: number;
}

/** A reason to deploy nothing at all (bad input, unknown names, no cluster access). */
export class DeployError extends Error {}

