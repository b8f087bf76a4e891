import { renewing } from '../concurrency/renewing.js';
import type { EksProvider } from '../model/types.js';
import type { ClusterAccess } from '../kube/access.js';
import { RENEW_MARGIN_MS, type AwsCredentials } from './aws-credentials.js';
import { EKS_TOKEN_LIFETIME_MS, eksToken } from './aws-eks-token.js';
import { stsEndpoint } from './aws-endpoints.js';
import { tokenKubeconfigAccess, type ClusterConnection } from './token-kubeconfig.js';

export class EksError extends Error {}

/** The parts of an EKS DescribeCluster answer kubecd reads. */
export interface EksClusterResource {
  arn?: string;
  endpoint?: string;
  status?: string;
  certificateAuthority?: { data?: string };
}

/** EKS DescribeCluster through @aws-sdk/client-eks (its endpoint: AWS_ENDPOINT_URL_EKS, see stsEndpoint). */
export async function describeEksCluster(provider: EksProvider, credentials: AwsCredentials): Promise<EksClusterResource> {
  const { EKSClient, DescribeClusterCommand } = await import('@aws-sdk/client-eks');
  const client = new EKSClient({ region: provider.region, credentials });
  try {
    const answer = await client.send(new DescribeClusterCommand({ name: provider.clusterName }));
    if (!answer.cluster) throw new EksError('the answer has no cluster');
    return answer.cluster;
  } catch (error) {
    const name = (error as { name?: string }).name;
    throw new EksError(`cannot read EKS cluster ${provider.clusterName} in ${provider.region}: ${name && name !== 'Error' ? `${name}: ` : ''}${(error as Error).message}`);
  } finally {
    client.destroy();
  }
}

/**
 * Where to reach the control plane. The cluster's ARN must name the configured account: the same cluster name
 * in another account (credentials for the wrong account) is another cluster.
 */
export function connectionOf(provider: EksProvider, cluster: EksClusterResource): ClusterConnection {
  const where = `EKS cluster ${provider.clusterName} in ${provider.region}`;
  const account = /^arn:[^:]+:eks:[^:]+:(\d{12}):cluster\//.exec(cluster.arn ?? '')?.[1];
  if (account !== provider.accountId) {
    throw new EksError(`${where} belongs to account ${account ?? '(unknown)'}, not accountId ${provider.accountId}: are the AWS credentials for the right account?`);
  }
  let server: URL | undefined;
  try {
    server = new URL(cluster.endpoint ?? '');
  } catch {
    server = undefined;
  }
  if (!server || server.protocol !== 'https:' || server.pathname !== '/' || server.search || server.username) {
    throw new EksError(`${where} has no usable endpoint (status ${cluster.status ?? 'unknown'})`);
  }
  const caData = cluster.certificateAuthority?.data;
  if (!caData) throw new EksError(`${where} has no certificateAuthority.data (status ${cluster.status ?? 'unknown'})`);
  return { server: server.origin, caData };
}

export interface EksAccessOptions {
  credentials: AwsCredentials;
  namespace: string;
  /** Told every token before it is used anywhere, so the caller can mask it. */
  onSecret: (value: string) => void;
  env?: NodeJS.ProcessEnv;
  /** The clock and the token lifetime, for tests that make a token expire mid-run. */
  now?: () => number;
  tokenLifetimeMs?: number;
}

/**
 * A kubeconfig for the EKS cluster with its bearer token, in a private temp folder (RUNNER_TEMP on a
 * runner). A token is reused until RENEW_MARGIN_MS before it (or the credentials that signed it) expires.
 */
export async function openEksAccess(provider: EksProvider, options: EksAccessOptions): Promise<ClusterAccess> {
  const connection = connectionOf(provider, await describeEksCluster(provider, options.credentials));
  const now = options.now ?? Date.now;
  const lifetime = options.tokenLifetimeMs ?? EKS_TOKEN_LIFETIME_MS;
  const sts = stsEndpoint(provider.region, options.env);
  const minted = renewing(async () => {
    // The credentials renew themselves when they are close to expiry (renewingCredentials()).
    const credentials = await options.credentials();
    const signedAt = now();
    const token = await eksToken(credentials, { clusterName: provider.clusterName, region: provider.region, sts, signingDate: new Date(signedAt) });
    const expiresAt = Math.min(signedAt + lifetime, credentials.expiration?.getTime() ?? Infinity);
    return { token, renewAt: expiresAt - Math.min(RENEW_MARGIN_MS, lifetime / 3) };
  }, (value) => value.renewAt, now);
  const token = async () => (await minted()).token;
  const name = `eks_${provider.accountId}_${provider.region}_${provider.clusterName}`;
  const access = await tokenKubeconfigAccess({ connection, name, namespace: options.namespace, token, onSecret: options.onSecret, ...(options.env ? { env: options.env } : {}) });
  return { ...access, description: `EKS cluster ${provider.accountId}/${provider.region}/${provider.clusterName} (endpoint ${connection.server})` };
}
