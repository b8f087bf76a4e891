/**
 * Google API endpoints kubecd talks to, each overridable through an environment variable. The overrides are
 * test hooks (the integration tests point them at local stand-ins); they are not meant for production use.
 *
 * - KUBECD_GKE_API_ENDPOINT   e.g. http://127.0.0.1:8080   (GKE clusters.get, REST)
 * - KUBECD_COMPUTE_API_URL    e.g. http://127.0.0.1:8081   (Compute Engine addresses.get)
 * - KUBECD_GOOGLE_STS_URL     e.g. http://127.0.0.1:8082/v1/token   (STS token exchange, own workload identity path)
 * - KUBECD_GOOGLE_IAM_URL     e.g. http://127.0.0.1:8083   (IAM Credentials generateAccessToken)
 */
export interface GoogleEndpoints {
  gke: { apiEndpoint: string; port: number; protocol: 'http' | 'https' };
  compute: string;
  sts: string;
  iamCredentials: string;
}

export function googleEndpoints(env: NodeJS.ProcessEnv = process.env): GoogleEndpoints {
  return {
    gke: gkeEndpoint(env.KUBECD_GKE_API_ENDPOINT),
    compute: trimSlash(env.KUBECD_COMPUTE_API_URL || 'https://compute.googleapis.com'),
    sts: env.KUBECD_GOOGLE_STS_URL || 'https://sts.googleapis.com/v1/token',
    iamCredentials: trimSlash(env.KUBECD_GOOGLE_IAM_URL || 'https://iamcredentials.googleapis.com'),
  };
}

function gkeEndpoint(override: string | undefined): GoogleEndpoints['gke'] {
  if (!override) return { apiEndpoint: 'container.googleapis.com', port: 443, protocol: 'https' };
  const url = new URL(override);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { apiEndpoint: url.hostname, port: Number(url.port) || (protocol === 'http' ? 80 : 443), protocol };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Azure endpoints, overridable like the Google ones above, and likewise test hooks only:
 *
 * - KUBECD_AZURE_ARM_ENDPOINT      e.g. https://127.0.0.1:8443   (Azure Resource Manager)
 * - KUBECD_AZURE_AUTHORITY_HOST    e.g. https://127.0.0.1:8444   (Entra ID; also turns off instance discovery,
 *   which would ask the public cloud's own host whether the authority is known)
 *
 * @azure/identity itself honours AZURE_AUTHORITY_HOST (sovereign clouds); kubecd leaves that alone.
 */
export interface AzureEndpoints {
  arm: string;
  /** Undefined: the library's default (or AZURE_AUTHORITY_HOST). */
  authorityHost?: string;
}

export function azureEndpoints(env: NodeJS.ProcessEnv = process.env): AzureEndpoints {
  const authorityHost = env.KUBECD_AZURE_AUTHORITY_HOST;
  return {
    arm: trimSlash(env.KUBECD_AZURE_ARM_ENDPOINT || 'https://management.azure.com'),
    ...(authorityHost ? { authorityHost: trimSlash(authorityHost) } : {}),
  };
}
