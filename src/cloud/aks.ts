import type { TokenCredential } from '@azure/identity';
import { parse } from 'yaml';
import { OCI_HOST } from '../model/grammar.js';
import type { AksProvider } from '../model/types.js';
import type { ClusterAccess } from '../kube/access.js';
import { getManagedCluster, listClusterUserCredential, type CredentialResults, type ManagedClusterResource } from './azure-arm.js';
import { AKS_SCOPE, ARM_SCOPE, tokenSource } from './azure-credential.js';
import { azureEndpoints, type AzureEndpoints } from './endpoints.js';
import { tokenKubeconfigAccess, type ClusterConnection } from './token-kubeconfig.js';

export class AksError extends Error {}

const MAX_KUBECONFIG_CHARS = 1024 * 1024;

/** The API server address for the endpoint the environment chose (default public). */
export function serverOf(cluster: ManagedClusterResource, provider: AksProvider): string {
  const properties = cluster.properties;
  if (!properties?.aadProfile) {
    throw new AksError(`AKS cluster ${provider.clusterName} does not use Microsoft Entra ID authentication (no aadProfile); the aks provider needs AKS-managed Entra integration`);
  }
  const choice = provider.endpoint ?? 'public';
  const host = choice === 'private' ? properties.privateFQDN : properties.fqdn;
  if (!host) throw new AksError(`AKS cluster ${provider.clusterName} has no ${choice} endpoint (${choice === 'private' ? 'privateFQDN' : 'fqdn'})`);
  if (!OCI_HOST.test(host)) throw new AksError(`AKS cluster ${provider.clusterName} has an API server address kubecd does not accept`);
  return `https://${host}`;
}

/**
 * The cluster CA from listClusterUserCredential's kubeconfig: its `certificate-authority-data` and nothing else.
 * Its user section (an exec plugin or a token) is never read; kubecd brings its own token.
 */
export function caDataOf(results: CredentialResults, clusterName: string): string {
  const encoded = results.kubeconfigs?.find((k) => typeof k?.value === 'string' && k.value !== '')?.value;
  if (!encoded) throw new AksError(`listClusterUserCredential for AKS cluster ${clusterName} returned no kubeconfig`);
  if (encoded.length > MAX_KUBECONFIG_CHARS) throw new AksError(`the kubeconfig of AKS cluster ${clusterName} is too large`);
  let config: unknown;
  try {
    config = parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    throw new AksError(`the kubeconfig of AKS cluster ${clusterName} is not YAML`);
  }
  const { clusters, contexts, 'current-context': currentContext } = (config ?? {}) as {
    clusters?: { name?: unknown; cluster?: { 'certificate-authority-data'?: unknown } }[];
    contexts?: { name?: unknown; context?: { cluster?: unknown } }[];
    'current-context'?: unknown;
  };
  const list = Array.isArray(clusters) ? clusters : [];
  const current = Array.isArray(contexts) ? contexts.find((c) => c?.name === currentContext)?.context?.cluster : undefined;
  const entry = list.find((c) => current !== undefined && c?.name === current) ?? (list.length === 1 ? list[0] : undefined);
  const caData = entry?.cluster?.['certificate-authority-data'];
  if (typeof caData !== 'string' || !isPemCertificates(caData)) {
    throw new AksError(`the kubeconfig of AKS cluster ${clusterName} has no certificate-authority-data for its cluster`);
  }
  return caData.replace(/\s+/g, '');
}

function isPemCertificates(base64: string): boolean {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(base64)) return false;
  return Buffer.from(base64, 'base64').toString('utf8').includes('-----BEGIN CERTIFICATE-----');
}

export function connectionOf(cluster: ManagedClusterResource, results: CredentialResults, provider: AksProvider): ClusterConnection {
  return { server: serverOf(cluster, provider), caData: caDataOf(results, provider.clusterName) };
}

export interface AksAccessOptions {
  credential: TokenCredential;
  namespace: string;
  /** Told every token before it is used anywhere, so the caller can mask it. */
  onSecret: (value: string) => void;
  endpoints?: AzureEndpoints;
  env?: NodeJS.ProcessEnv;
}

/**
 * A kubeconfig for the AKS cluster: the API server and CA from Resource Manager, a bearer token for the AKS
 * server application that is asked for before every command (renewed five minutes before it expires).
 */
export async function openAksAccess(provider: AksProvider, options: AksAccessOptions): Promise<ClusterAccess> {
  const endpoints = options.endpoints ?? azureEndpoints(options.env);
  const id = `${provider.subscriptionId}/${provider.resourceGroup}/${provider.clusterName}`;
  const armToken = await tokenSource(options.credential, ARM_SCOPE, 'Azure Resource Manager')();
  options.onSecret(armToken);
  const [cluster, results] = await Promise.all([
    getManagedCluster(endpoints.arm, provider, armToken),
    listClusterUserCredential(endpoints.arm, provider, armToken),
  ]);
  const connection = connectionOf(cluster, results, provider);
  const access = await tokenKubeconfigAccess({
    connection,
    name: `aks_${provider.resourceGroup}_${provider.clusterName}`,
    namespace: options.namespace,
    token: tokenSource(options.credential, AKS_SCOPE, `AKS cluster ${provider.clusterName}`),
    onSecret: options.onSecret,
    env: options.env,
  });
  return { ...access, description: `AKS cluster ${id} (${provider.endpoint ?? 'public'} endpoint ${connection.server})` };
}
