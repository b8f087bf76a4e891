import type { Environment, Provider } from '../model/types.js';
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
  /** The Entra application for AKS environments that name none (the action's `azure-client-id` input). */
  azureClientId?: string;
  /** The IAM role for EKS environments that name none (the action's `aws-role-arn` input). */
  awsRoleArn?: string;
  /** A GitHub OIDC token for an audience (the action): EKS roles are assumed with it; without it, with the ambient AWS credentials. */
  githubOidcToken?: (audience: string) => Promise<string>;
  /** Access opened by the caller (the agent's in-cluster ServiceAccount): used whatever the provider says, and closed after the run. */
  access?: ClusterAccess;
}

export interface OpenedAccess {
  access: ClusterAccess;
  /** Compute Engine address lookups with the same Google credentials (GKE only). */
  lookupAddress?: AddressLookup;
}

type Opener<K extends Provider['kind']> = (provider: Extract<Provider, { kind: K }>, context: OpenContext) => Promise<OpenedAccess>;

interface OpenContext {
  repoPath: (file: string) => string;
  environment: Environment;
  options: CredentialOptions;
  onSecret: (value: string) => void;
}

/**
 * Opens the environment's cluster. Each cloud's libraries are loaded only on its own path: they are large,
 * and every other path starts faster without them.
 */
export async function openClusterAccess(repoPath: (file: string) => string, environment: Environment, options: CredentialOptions, onSecret: (value: string) => void): Promise<OpenedAccess> {
  if (options.access) return { access: options.access };
  const context: OpenContext = { repoPath, environment, options, onSecret };
  const provider = environment.cluster.provider;
  switch (provider.kind) {
    case 'existingContext': return openExistingContext(provider, context);
    case 'gke': return openGke(provider, context);
    case 'eks': return openEks(provider, context);
    case 'aks': return openAks(provider, context);
  }
}

const openExistingContext: Opener<'existingContext'> = async (provider, { repoPath, options }) => {
  const declared = provider.kubeconfig ? repoPath(provider.kubeconfig) : undefined;
  const kubeconfig = declared ?? options.kubeconfig;
  const context = options.context ?? provider.context;
  return { access: existingAccess({ ...(kubeconfig ? { kubeconfig } : {}), ...(context ? { context } : {}) }) };
};

const openGke: Opener<'gke'> = async (provider, { environment, options, onSecret }) => {
  const [{ googleAuth }, { openGkeAccess }, { lookupAddress }] = await Promise.all([
    import('../cloud/google-auth.js'),
    import('../cloud/gke.js'),
    import('../cloud/gce.js'),
  ]);
  const auth = googleAuth(options.workloadIdentity);
  const access = await openGkeAccess(provider, { auth, namespace: environment.namespace, onSecret });
  return { access, lookupAddress: (project, region, name) => lookupAddress(auth, project, region, name) };
};

const openEks: Opener<'eks'> = async (provider, { environment, options, onSecret }) => {
  const [{ awsCredentials }, { stsEndpoint }, { openEksAccess }] = await Promise.all([import('../cloud/aws-credentials.js'), import('../cloud/aws-endpoints.js'), import('../cloud/eks.js')]);
  const roleArn = provider.roleArn ?? options.awsRoleArn;
  const credentials = await awsCredentials({
    region: provider.region, endpoint: stsEndpoint(provider.region), sessionName: `kubecd-${environment.name}`, onSecret,
    ...(roleArn ? { roleArn } : {}), ...(options.githubOidcToken ? { githubOidcToken: options.githubOidcToken } : {}),
  });
  return { access: await openEksAccess(provider, { credentials, namespace: environment.namespace, onSecret }) };
};

const openAks: Opener<'aks'> = async (provider, { environment, options, onSecret }) => {
  const [{ azureCredential }, { openAksAccess }] = await Promise.all([import('../cloud/azure-credential.js'), import('../cloud/aks.js')]);
  const clientId = provider.clientId ?? options.azureClientId;
  const credential = azureCredential({ tenantId: provider.tenantId, ...(clientId ? { clientId } : {}), ...(options.githubOidcToken ? { githubOidcToken: options.githubOidcToken } : {}), onSecret });
  return { access: await openAksAccess(provider, { credential, namespace: environment.namespace, onSecret }) };
};
