// Stand-in for the Google Kubernetes Engine API (container.googleapis.com), clusters.get only.
// Contract: GKE REST reference "projects.locations.clusters.get" (GET /v1/projects/{p}/locations/{l}/clusters/{c})
// and the older "projects.zones.clusters.get" (GET /v1/projects/{p}/zones/{z}/clusters/{c}); answers a Cluster
// resource (endpoint, masterAuth.clusterCaCertificate, privateClusterConfig, controlPlaneEndpointsConfig, status)
// and the google.rpc.Status error envelope otherwise. Honours `$alt=json;enum-encoding=int`, the system
// parameter the REST transport of the Google client libraries sends, by encoding enums as numbers.
import { bearerToken, googleError, startServer, type RequestLog } from './common.js';

const CLUSTER_PATH = /^\/v1\/projects\/([^/]+)\/(locations|zones)\/([^/]+)\/clusters\/([^/:]+)$/;
// google.container.v1.Cluster.Status
const STATUS_NUMBERS = { STATUS_UNSPECIFIED: 0, PROVISIONING: 1, RUNNING: 2, RECONCILING: 3, STOPPING: 4, ERROR: 5, DEGRADED: 6 } as const;
export type ClusterStatus = keyof typeof STATUS_NUMBERS;

export interface GkeClusterSpec {
  project: string;
  location: string;
  name: string;
  /** Public endpoint as GKE gives it: an IP or host, optionally with :port (no scheme). */
  endpoint: string;
  /** PEM of the cluster CA; served base64-encoded as GKE does. */
  caCertificatePem: string;
  privateEndpoint?: string;
  /** The DNS-based control plane endpoint (a host name). */
  dnsEndpoint?: string;
  status?: ClusterStatus;
  currentMasterVersion?: string;
}

export interface GkeStandInOptions {
  /** Accepts a Bearer token, usually the IAM stand-in's `validToken`. */
  validToken: (token: string) => unknown;
  clusters?: GkeClusterSpec[];
}

export interface GkeStandIn {
  url: string;
  /** Options that point @google-cloud/container's ClusterManagerClient (REST fallback) here. */
  clientOptions: { apiEndpoint: string; port: number; protocol: 'http'; fallback: true };
  /** Mutable: tests may add clusters or change endpoints after start. */
  clusters: GkeClusterSpec[];
  log: RequestLog;
  stop(): Promise<void>;
}

export async function startGkeStandIn(options: GkeStandInOptions): Promise<GkeStandIn> {
  const clusters = [...(options.clusters ?? [])];

  const server = await startServer(({ method, url, headers, reply }) => {
    const match = CLUSTER_PATH.exec(url.pathname);
    if (!match) return reply(404, googleError(404, 'NOT_FOUND', `The requested URL ${url.pathname} was not found.`));
    if (method !== 'GET') return reply(405, googleError(405, 'METHOD_NOT_ALLOWED', 'Method Not Allowed'));
    const token = bearerToken(headers);
    if (!token || !options.validToken(token)) {
      return reply(401, googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token.'));
    }
    const [, project = '', , location = '', name = ''] = match.map((part) => decodeURIComponent(part ?? ''));
    const cluster = clusters.find((c) => c.project === project && c.location === location && c.name === name);
    if (!cluster) {
      return reply(404, googleError(404, 'NOT_FOUND', `Not found: projects/${project}/locations/${location}/clusters/${name}.`));
    }
    const enumsAsNumbers = (url.searchParams.get('$alt') ?? '').split(';').includes('enum-encoding=int');
    return reply(200, clusterResource(cluster, enumsAsNumbers));
  });

  const port = Number(new URL(server.url).port);
  return {
    url: server.url,
    clientOptions: { apiEndpoint: '127.0.0.1', port, protocol: 'http', fallback: true },
    clusters,
    log: server.log,
    stop: server.stop,
  };
}

function clusterResource(cluster: GkeClusterSpec, enumsAsNumbers: boolean): Record<string, unknown> {
  const status = cluster.status ?? 'RUNNING';
  const resource: Record<string, unknown> = {
    name: cluster.name,
    location: cluster.location,
    zone: cluster.location,
    selfLink: `https://container.googleapis.com/v1/projects/${cluster.project}/locations/${cluster.location}/clusters/${cluster.name}`,
    endpoint: cluster.endpoint,
    status: enumsAsNumbers ? STATUS_NUMBERS[status] : status,
    currentMasterVersion: cluster.currentMasterVersion ?? '1.33.0-gke.0',
    masterAuth: { clusterCaCertificate: Buffer.from(cluster.caCertificatePem, 'utf8').toString('base64') },
  };
  if (cluster.privateEndpoint) {
    resource.privateClusterConfig = { privateEndpoint: cluster.privateEndpoint, publicEndpoint: cluster.endpoint };
  }
  resource.controlPlaneEndpointsConfig = {
    ipEndpointsConfig: {
      enabled: true,
      publicEndpoint: cluster.endpoint,
      ...(cluster.privateEndpoint ? { privateEndpoint: cluster.privateEndpoint } : {}),
    },
    ...(cluster.dnsEndpoint ? { dnsEndpointConfig: { endpoint: cluster.dnsEndpoint, allowExternalTraffic: true } } : {}),
  };
  return resource;
}
