import { stringify } from 'yaml';

export interface TokenKubeconfig {
  /** https://host[:port] */
  server: string;
  /** base64 of the cluster CA's PEM; without it the system's trusted CAs apply (GKE's DNS endpoint). */
  caData?: string;
  token: string;
  /** Names the cluster, user and context. */
  name: string;
  namespace?: string;
}

/** A kubeconfig with one cluster, one bearer-token user and one context, which is the current one. */
export function buildKubeconfig(config: TokenKubeconfig): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: config.name, cluster: { server: config.server, ...(config.caData ? { 'certificate-authority-data': config.caData } : {}) } }],
    users: [{ name: config.name, user: { token: config.token } }],
    contexts: [{ name: config.name, context: { cluster: config.name, user: config.name, ...(config.namespace ? { namespace: config.namespace } : {}) } }],
    'current-context': config.name,
  });
}
