import type { GoogleAuth } from 'google-auth-library';
import type { GkeProvider } from '../model/types.js';
import type { ClusterAccess } from '../kube/access.js';
import { googleEndpoints, type GoogleEndpoints } from './endpoints.js';
import { accessToken } from './google-auth.js';
import { tokenKubeconfigAccess, type ClusterConnection } from './token-kubeconfig.js';

export class GkeError extends Error {}

/** The parts of a GKE Cluster resource kubecd reads. */
export interface GkeClusterResource {
  endpoint?: string | null;
  masterAuth?: { clusterCaCertificate?: string | null } | null;
  privateClusterConfig?: { privateEndpoint?: string | null } | null;
  controlPlaneEndpointsConfig?: {
    ipEndpointsConfig?: { publicEndpoint?: string | null; privateEndpoint?: string | null } | null;
    dnsEndpointConfig?: { endpoint?: string | null } | null;
  } | null;
}


/** Where to reach the control plane, for the endpoint the environment chose (default public). */
export function connectionOf(resource: GkeClusterResource, choice: GkeProvider['endpoint'] = 'public'): ClusterConnection {
  const ip = resource.controlPlaneEndpointsConfig?.ipEndpointsConfig;
  let host: string | null | undefined;
  if (choice === 'private') host = resource.privateClusterConfig?.privateEndpoint || ip?.privateEndpoint;
  else if (choice === 'dns') host = resource.controlPlaneEndpointsConfig?.dnsEndpointConfig?.endpoint;
  else host = resource.endpoint || ip?.publicEndpoint;
  if (!host) throw new GkeError(`the cluster has no ${choice} endpoint`);
  if (choice === 'dns') return { server: `https://${host}` };
  const caData = resource.masterAuth?.clusterCaCertificate;
  if (!caData) throw new GkeError('the cluster resource has no masterAuth.clusterCaCertificate');
  return { server: `https://${host}`, caData };
}

export function locationOf(provider: GkeProvider): string {
  const location = provider.zone ?? provider.region;
  if (!location) throw new GkeError(`GKE cluster ${provider.clusterName} needs a zone or a region`);
  return location;
}

/** clusters.get through @google-cloud/container's REST transport. */
export async function getCluster(auth: GoogleAuth, provider: GkeProvider, endpoints: GoogleEndpoints = googleEndpoints()): Promise<GkeClusterResource> {
  await import('./dirname-shim.js');
  const { ClusterManagerClient } = await import('@google-cloud/container');
  const client = new ClusterManagerClient({ auth: auth as never, fallback: true, ...endpoints.gke });
  const name = `projects/${provider.project}/locations/${locationOf(provider)}/clusters/${provider.clusterName}`;
  try {
    const [cluster] = await client.getCluster({ name });
    return cluster as GkeClusterResource;
  } catch (error) {
    throw new GkeError(`cannot read GKE cluster ${name}: ${(error as Error).message}`);
  } finally {
    await client.close().catch(() => undefined);
  }
}

export interface GkeAccessOptions {
  auth: GoogleAuth;
  namespace: string;
  /** Told every token before it is used anywhere, so the caller can mask it. */
  onSecret: (value: string) => void;
  endpoints?: GoogleEndpoints;
  env?: NodeJS.ProcessEnv;
}

/**
 * A kubeconfig for the GKE cluster with a bearer token of the Google credentials, in a private temp folder
 * (RUNNER_TEMP on a runner). The Google library renews a token five minutes before it expires.
 */
export async function openGkeAccess(provider: GkeProvider, options: GkeAccessOptions): Promise<ClusterAccess> {
  const resource = await getCluster(options.auth, provider, options.endpoints);
  const connection = connectionOf(resource, provider.endpoint);
  const name = `gke_${provider.project}_${locationOf(provider)}_${provider.clusterName}`;
  const access = await tokenKubeconfigAccess({
    connection,
    name,
    namespace: options.namespace,
    token: async () => (await accessToken(options.auth)).token,
    onSecret: options.onSecret,
    env: options.env,
  });
  return { ...access, description: `GKE cluster ${provider.project}/${locationOf(provider)}/${provider.clusterName} (${provider.endpoint ?? 'public'} endpoint ${connection.server})` };
}
