import type { Environment } from '../model/types.js';
import { existingAccess, type ClusterAccess } from '../kube/access.js';
import type { WorkloadIdentityInputs } from '../cloud/google-auth.js';
import type { AddressLookup } from './value-from.js';

export interface CredentialOptions {
  /** A kubeconfig for existingContext clusters that do not name one (the action's `kubeconfig` input). */
  kubeconfig?: string;
  /** A kubeconfig context that overrides the provider's (the CLI's --context). */
  context?: string;
  /** The action's own GitHub OIDC exchange; without it GKE uses application default credentials. */
  workloadIdentity?: WorkloadIdentityInputs;
}

export interface OpenedAccess {
  access: ClusterAccess;
  /** Compute Engine address lookups with the same Google credentials (GKE only). */
  lookupAddress?: AddressLookup;
}

/**
 * Opens the environment's cluster. The Google libraries are loaded only on the GKE path: they are large,
 * and every other path starts faster without them.
 */
export async function openClusterAccess(repoPath: (file: string) => string, environment: Environment, options: CredentialOptions, onSecret: (value: string) => void): Promise<OpenedAccess> {
  const provider = environment.cluster.provider;
  if (provider.kind === 'existingContext') {
    const declared = provider.kubeconfig ? repoPath(provider.kubeconfig) : undefined;
    const kubeconfig = declared ?? options.kubeconfig;
    const context = options.context ?? provider.context;
    return { access: existingAccess({ ...(kubeconfig ? { kubeconfig } : {}), ...(context ? { context } : {}) }) };
  }
  const [{ googleAuth }, { openGkeAccess }, { lookupAddress }] = await Promise.all([
    import('../cloud/google-auth.js'),
    import('../cloud/gke.js'),
    import('../cloud/gce.js'),
  ]);
  const auth = googleAuth(options.workloadIdentity);
  const access = await openGkeAccess(provider, { auth, namespace: environment.namespace, onSecret });
  return { access, lookupAddress: (project, region, name) => lookupAddress(auth, project, region, name) };
}
