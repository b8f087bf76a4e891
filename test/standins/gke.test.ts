// @google-cloud/container's ClusterManagerClient, in REST fallback mode, reads clusters from the GKE stand-in.
import { ClusterManagerClient } from '@google-cloud/container';
import { OAuth2Client } from 'google-auth-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGkeStandIn, type GkeStandIn } from './gke.js';

const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBstandin\n-----END CERTIFICATE-----\n';
const GOOD = 'ya29.good-token';
let gke: GkeStandIn;

function clientWithToken(token: string): ClusterManagerClient {
  const authClient = new OAuth2Client();
  authClient.setCredentials({ access_token: token, expiry_date: Date.now() + 3_600_000 });
  return new ClusterManagerClient({ ...gke.clientOptions, authClient });
}

beforeAll(async () => {
  gke = await startGkeStandIn({
    validToken: (token) => token === GOOD,
    clusters: [
      {
        project: 'acme-prod',
        location: 'europe-west1',
        name: 'prod',
        endpoint: '127.0.0.1:6443',
        caCertificatePem: CA_PEM,
        privateEndpoint: '10.0.0.2',
        dnsEndpoint: 'gke-0123.europe-west1.gke.goog',
      },
      { project: 'acme-prod', location: 'europe-west1-b', name: 'zonal', endpoint: '127.0.0.2', caCertificatePem: CA_PEM },
    ],
  });
});
afterAll(() => gke?.stop());

describe('GKE clusters.get stand-in', () => {
  it('answers ClusterManagerClient.getCluster (REST fallback) with endpoint, CA and private/DNS endpoints', async () => {
    const client = clientWithToken(GOOD);
    try {
      const [cluster] = await client.getCluster({ name: 'projects/acme-prod/locations/europe-west1/clusters/prod' });
      expect(cluster.name).toBe('prod');
      expect(cluster.endpoint).toBe('127.0.0.1:6443');
      expect(Buffer.from(cluster.masterAuth?.clusterCaCertificate ?? '', 'base64').toString()).toBe(CA_PEM);
      expect(cluster.privateClusterConfig?.privateEndpoint).toBe('10.0.0.2');
      expect(cluster.controlPlaneEndpointsConfig?.dnsEndpointConfig?.endpoint).toBe('gke-0123.europe-west1.gke.goog');
      expect(cluster.status).toBe('RUNNING');

      const request = gke.log.requests.at(-1);
      expect(request?.url).toMatch(/^\/v1\/projects\/acme-prod\/locations\/europe-west1\/clusters\/prod\?/);
      // The REST transport asks for numeric enums; the stand-in answers status 2 and the client maps it back.
      expect(request?.url).toContain('enum-encoding=int');
      expect(request?.headers.authorization).toBe(`Bearer ${GOOD}`);
    } finally {
      await client.close();
    }
  });

  it('serves the older zones path', async () => {
    const client = clientWithToken(GOOD);
    try {
      const [cluster] = await client.getCluster({ projectId: 'acme-prod', zone: 'europe-west1-b', clusterId: 'zonal' });
      expect(cluster.endpoint).toBe('127.0.0.2');
      expect(gke.log.requests.at(-1)?.url).toMatch(/^\/v1\/projects\/acme-prod\/zones\/europe-west1-b\/clusters\/zonal/);
    } finally {
      await client.close();
    }
  });

  it('answers 404 NOT_FOUND for an unknown cluster and 401 for a token it did not mint', async () => {
    const client = clientWithToken(GOOD);
    try {
      await expect(client.getCluster({ name: 'projects/acme-prod/locations/europe-west1/clusters/nope' }))
        .rejects.toMatchObject({ code: 5, message: expect.stringContaining('Not found') });
    } finally {
      await client.close();
    }
    const stranger = clientWithToken('ya29.someone-else');
    try {
      await expect(stranger.getCluster({ name: 'projects/acme-prod/locations/europe-west1/clusters/prod' }))
        .rejects.toMatchObject({ code: 16 });
    } finally {
      await stranger.close();
    }
    const raw = await fetch(`${gke.url}/v1/projects/acme-prod/locations/europe-west1/clusters/nope`, {
      headers: { authorization: `Bearer ${GOOD}` },
    });
    expect(raw.status).toBe(404);
    expect(await raw.json()).toEqual({
      error: { code: 404, status: 'NOT_FOUND', message: 'Not found: projects/acme-prod/locations/europe-west1/clusters/nope.' },
    });
  });
});
