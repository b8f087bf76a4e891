/**
 * The two Azure Resource Manager calls kubecd makes for an AKS cluster, with fetch: one GET and one POST do
 * not justify the management SDK's weight, and the Entra token comes from @azure/identity either way.
 */
import { excerpt } from '../model/excerpt.js';
import type { AksProvider } from '../model/types.js';

export const AKS_API_VERSION = '2024-05-01';
const TIMEOUT_MS = 30_000;
const MAX_RESPONSE_CHARS = 4 * 1024 * 1024;

export class ArmError extends Error {}

/** The parts of a Microsoft.ContainerService/managedClusters resource kubecd reads. */
export interface ManagedClusterResource {
  properties?: {
    provisioningState?: string | null;
    fqdn?: string | null;
    privateFQDN?: string | null;
    aadProfile?: { managed?: boolean | null; enableAzureRBAC?: boolean | null } | null;
  } | null;
}

/** The answer of listClusterUserCredential: kubeconfig files, base64-encoded. */
export interface CredentialResults {
  kubeconfigs?: { name?: string | null; value?: string | null }[] | null;
}

export function managedClusterPath(provider: AksProvider): string {
  const part = encodeURIComponent;
  return `/subscriptions/${part(provider.subscriptionId)}/resourceGroups/${part(provider.resourceGroup)}`
    + `/providers/Microsoft.ContainerService/managedClusters/${part(provider.clusterName)}`;
}

export function getManagedCluster(arm: string, provider: AksProvider, token: string): Promise<ManagedClusterResource> {
  return armRequest('GET', `${arm}${managedClusterPath(provider)}?api-version=${AKS_API_VERSION}`, token, `cannot read AKS cluster ${provider.clusterName}`);
}

/** Needs Microsoft.ContainerService/managedClusters/listClusterUserCredential/action (Azure Kubernetes Service Cluster User Role). */
export function listClusterUserCredential(arm: string, provider: AksProvider, token: string): Promise<CredentialResults> {
  return armRequest('POST', `${arm}${managedClusterPath(provider)}/listClusterUserCredential?api-version=${AKS_API_VERSION}`, token, `cannot list the user credentials of AKS cluster ${provider.clusterName}`);
}

async function armRequest<T>(method: 'GET' | 'POST', url: string, token: string, what: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      // The token is for Resource Manager only: a redirect is not followed anywhere.
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new ArmError(`${what}: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (text.length > MAX_RESPONSE_CHARS) throw new ArmError(`${what}: Resource Manager answered more than ${MAX_RESPONSE_CHARS} characters`);
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) throw new ArmError(`${what}: HTTP ${response.status}${armErrorText(body)}`);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ArmError(`${what}: Resource Manager answered something other than a JSON object`);
  return body as T;
}

/** ARM's error envelope, `{"error": {"code", "message"}}`, as ` Code: message`. */
function armErrorText(body: unknown): string {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (!error) return '';
  const code = typeof error.code === 'string' ? ` ${excerpt(error.code, 80)}` : '';
  const message = typeof error.message === 'string' ? `: ${excerpt(error.message, 300)}` : '';
  return `${code}${message}`;
}
