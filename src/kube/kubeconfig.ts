import { stringify } from 'yaml';

export interface KubeconfigSpec {
  /** https://host[:port] */
  server: string;
  /** The cluster CA: base64 PEM inline, or a PEM file's path; neither means the system's trusted CAs (GKE's DNS endpoint). */
  ca?: { data: string } | { file: string };
  /** The bearer token inline, or the path of a file holding it (re-read by helm and kubectl at every start). */
  token: { value: string } | { file: string };
  /** Names the cluster, user and context. */
  name: string;
  namespace?: string;
}

/** A kubeconfig with one cluster, one bearer-token user and one context, which is the current one. */
export function buildKubeconfig(config: KubeconfigSpec): string {
  const ca = config.ca === undefined ? {} : 'data' in config.ca ? { 'certificate-authority-data': config.ca.data } : { 'certificate-authority': config.ca.file };
  const user = 'value' in config.token ? { token: config.token.value } : { tokenFile: config.token.file };
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: config.name, cluster: { server: config.server, ...ca } }],
    users: [{ name: config.name, user }],
    contexts: [{ name: config.name, context: { cluster: config.name, user: config.name, ...(config.namespace ? { namespace: config.namespace } : {}) } }],
    'current-context': config.name,
  });
}
