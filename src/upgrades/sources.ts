/** The registry client and chart source a run uses, with credentials from the usual places. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ChartVersionSource } from '../charts/source.js';
import type { Logger } from '../log/logger.js';
import { RegistryClient, type RegistryClientOptions } from '../registry/client.js';
import type { TokenCredential } from '@azure/identity';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { AcrCredentials } from '../registry/acr.js';
import { credentialHelpers } from '../registry/credential-helpers.js';
import { credentialResolver, loadDockerConfig, type CredentialMap } from '../registry/credentials.js';
import { EcrCredentials } from '../registry/ecr.js';
import type { BodyLimits } from '../registry/limits.js';
import type { RetryPolicy } from '../registry/retry.js';

export interface SourcesOptions {
  insecureRegistries?: readonly string[];
  /** A GitHub token for ghcr.io. */
  githubToken?: string;
  /** Explicit registry credentials by host. */
  credentials?: CredentialMap;
  /** AWS credentials for ECR; default the AWS SDK's default chain. */
  awsCredentials?: AwsCredentialIdentityProvider;
  /** Entra credentials for ACR; default DefaultAzureCredential. */
  azureCredential?: TokenCredential;
  retry?: Partial<RetryPolicy>;
  concurrency?: number;
  /** Body caps per request kind (see registry/limits.ts). */
  bodyLimits?: Partial<BodyLimits>;
  /** Secrets the clients handle go to its `secret`, retries to `debug`, untrusted answers to `warning`. */
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
}

/** A Google access token from application default credentials; the library is loaded only when needed. */
async function googleAccessToken(): Promise<string | undefined> {
  const { GoogleAuth } = await import('google-auth-library');
  const client = await new GoogleAuth({ scopes: ['https://www.googleapis.com/auth/cloud-platform'] }).getClient();
  const { token } = await client.getAccessToken();
  return token ?? undefined;
}

/** The narrow callbacks the registry and chart clients take, from the one Logger. */
function clientHooks(logger: Logger | undefined): Pick<RegistryClientOptions, 'onSecret' | 'log' | 'warn'> {
  if (!logger) return {};
  return { onSecret: (value) => logger.secret(value), log: (message) => logger.debug(message), warn: (message) => logger.warning(message) };
}

export async function createSources(options: SourcesOptions = {}): Promise<{ registry: RegistryClient; charts: ChartVersionSource }> {
  const docker = await loadDockerConfig(options.env ?? process.env);
  const { logger } = options;
  for (const warning of docker.warnings) logger?.warning(warning);
  // Cloud SDKs and credential helpers need the whole environment (PATH, HOME), with the given one on top.
  const env = { ...process.env, ...options.env };
  const onSecret = logger ? (value: string) => logger.secret(value) : undefined;
  const secretHook = onSecret ? { onSecret } : {};
  const registryOptions: RegistryClientOptions = {
    credentials: credentialResolver({
      ...(options.credentials ? { explicit: options.credentials } : {}),
      dockerConfig: docker.credentials,
      dockerHelpers: docker.helpers,
      runHelper: credentialHelpers({ env, ...secretHook }),
      ...(options.githubToken ? { githubToken: options.githubToken } : {}),
      googleAccessToken,
      vendors: [
        new EcrCredentials({ env, ...secretHook, ...(options.awsCredentials ? { credentials: options.awsCredentials } : {}) }),
        new AcrCredentials({ env, ...secretHook, ...(options.azureCredential ? { credential: options.azureCredential } : {}), ...(options.retry ? { retry: options.retry } : {}) }),
      ],
      ...(logger ? { warn: (message: string) => logger.warning(message) } : {}),
    }),
    ...(options.insecureRegistries ? { insecureRegistries: options.insecureRegistries } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...clientHooks(logger),
    ...(options.bodyLimits ? { bodyLimits: options.bodyLimits } : {}),
    env,
  };
  const registry = new RegistryClient(registryOptions);
  const charts = new ChartVersionSource({
    registry,
    ...(options.retry ? { retry: options.retry } : {}),
    ...clientHooks(logger),
    ...(options.insecureRegistries ? { insecureHosts: options.insecureRegistries } : {}),
    ...(options.bodyLimits ? { bodyLimits: options.bodyLimits } : {}),
  });
  return { registry, charts };
}

/**
 * Where the image metadata cache lives unless told otherwise: `$XDG_CACHE_HOME/kubecd`, else
 * `~/.cache/kubecd`. Deliberately not under RUNNER_TEMP, which is emptied after every job.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(base, 'kubecd');
}
