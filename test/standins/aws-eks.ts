// Stand-in for the Amazon EKS API (eks.REGION.amazonaws.com), DescribeCluster only.
// Contract: EKS API reference "DescribeCluster" — REST JSON, `GET /clusters/{name}` signed with SigV4 (service
// `eks`) in the Authorization header; answers `{"cluster": {name, arn, createdAt, version, endpoint, roleArn,
// resourcesVpcConfig, kubernetesNetworkConfig, identity, status, certificateAuthority: {data}, platformVersion,
// accessConfig, tags}}`; errors as `{"__type", "message"}` (ResourceNotFoundException 404,
// UnrecognizedClientException / InvalidSignatureException / ExpiredTokenException 403).
import { startServer, type Exchange, type RequestLog } from './common.js';
import { checkAuthorizationHeader } from './aws-sigv4.js';

const CLUSTER_PATH = /^\/clusters\/([^/]+)$/;

export interface EksClusterSpec {
  name: string;
  accountId: string;
  /** https://host:port of the API server. */
  endpoint: string;
  /** PEM of the cluster CA; served base64-encoded as EKS does. */
  caCertificatePem: string;
  status?: 'CREATING' | 'ACTIVE' | 'DELETING' | 'FAILED' | 'UPDATING' | 'PENDING';
  version?: string;
}

export interface AwsEksStandInOptions {
  region: string;
  /** Secrets of the access keys that may call (the STS stand-in's secretOf). */
  secretOf: (accessKeyId: string) => { secretAccessKey: string; sessionToken?: string } | undefined;
  /** Whether a key was valid once and has expired (ExpiredTokenException). */
  expired?: (accessKeyId: string) => boolean;
  clusters?: EksClusterSpec[];
}

export interface AwsEksStandIn {
  url: string;
  /** Mutable: tests may add clusters after start. */
  clusters: EksClusterSpec[];
  log: RequestLog;
  stop(): Promise<void>;
}

export async function startAwsEksStandIn(options: AwsEksStandInOptions): Promise<AwsEksStandIn> {
  const clusters = [...(options.clusters ?? [])];
  const server = await startServer((exchange) => {
    const { method, url } = exchange;
    const match = CLUSTER_PATH.exec(url.pathname);
    if (!match) return awsError(exchange, 404, 'UnknownOperationException', 'Not Found');
    if (method !== 'GET') return awsError(exchange, 405, 'UnknownOperationException', 'Method Not Allowed');
    const check = checkAuthorizationHeader(exchange, { service: 'eks', region: options.region, secretOf: options.secretOf });
    if (!check.ok) {
      const accessKeyId = /Credential=([^/]+)\//.exec(String(exchange.headers.authorization ?? ''))?.[1];
      if (check.code === 'InvalidClientTokenId' && accessKeyId && options.expired?.(accessKeyId)) {
        return awsError(exchange, 403, 'ExpiredTokenException', 'The security token included in the request is expired');
      }
      return awsError(exchange, 403, check.code === 'InvalidClientTokenId' ? 'UnrecognizedClientException' : 'InvalidSignatureException', check.reason);
    }
    const name = decodeURIComponent(match[1] ?? '');
    const cluster = clusters.find((c) => c.name === name);
    if (!cluster) return awsError(exchange, 404, 'ResourceNotFoundException', `No cluster found for name: ${name}.`);
    return exchange.reply(200, { cluster: clusterResource(cluster, options.region) });
  });
  return { url: server.url, clusters, log: server.log, stop: server.stop };
}

function clusterResource(cluster: EksClusterSpec, region: string): Record<string, unknown> {
  const arn = `arn:aws:eks:${region}:${cluster.accountId}:cluster/${cluster.name}`;
  return {
    name: cluster.name,
    arn,
    createdAt: 1_767_225_600,
    version: cluster.version ?? '1.33',
    endpoint: cluster.endpoint,
    roleArn: `arn:aws:iam::${cluster.accountId}:role/eks-cluster-role`,
    resourcesVpcConfig: { subnetIds: ['subnet-0a1b2c3d'], securityGroupIds: [], clusterSecurityGroupId: 'sg-0a1b2c3d', vpcId: 'vpc-0a1b2c3d', endpointPublicAccess: true, endpointPrivateAccess: false, publicAccessCidrs: ['0.0.0.0/0'] },
    kubernetesNetworkConfig: { serviceIpv4Cidr: '10.100.0.0/16', ipFamily: 'ipv4' },
    logging: { clusterLogging: [{ types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'], enabled: false }] },
    identity: { oidc: { issuer: `https://oidc.eks.${region}.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF` } },
    status: cluster.status ?? 'ACTIVE',
    certificateAuthority: { data: Buffer.from(cluster.caCertificatePem, 'utf8').toString('base64') },
    platformVersion: 'eks.5',
    tags: {},
    accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' },
  };
}

/** REST JSON error: the type as `__type` in the body (the SDK reads it there when the header is absent). */
function awsError(exchange: Exchange, status: number, type: string, message: string): void {
  exchange.reply(status, { __type: type, message });
}
