import { describe, expect, test } from 'vitest';
import { googleEndpoints } from './endpoints.js';
import { addressUrl } from './gce.js';
import { connectionOf } from './gke.js';
import { workloadIdentityCredentials } from './google-auth.js';

const provider = 'projects/123/locations/global/workloadIdentityPools/github/providers/gh';
const env = { ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token?api-version=2.0', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'req-token' };

describe('workload identity credentials', () => {
  test('exchange the GitHub OIDC token at STS, then impersonate the service account', () => {
    const config = workloadIdentityCredentials({ workloadIdentityProvider: provider, serviceAccount: 'sa@p.iam.gserviceaccount.com' }, env);
    expect(config).toMatchObject({
      type: 'external_account',
      audience: `//iam.googleapis.com/${provider}`,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: 'https://sts.googleapis.com/v1/token',
      service_account_impersonation_url: 'https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/sa@p.iam.gserviceaccount.com:generateAccessToken',
      credential_source: { headers: { Authorization: 'Bearer req-token' }, format: { type: 'json', subject_token_field_name: 'value' } },
    });
    const url = new URL((config.credential_source as { url: string }).url);
    expect(url.searchParams.get('api-version')).toBe('2.0');
    expect(url.searchParams.get('audience')).toBe(`https://iam.googleapis.com/${provider}`);
  });

  test('follow the endpoint test hooks', () => {
    const hooked = { ...env, KUBECD_GOOGLE_STS_URL: 'http://127.0.0.1:1/v1/token', KUBECD_GOOGLE_IAM_URL: 'http://127.0.0.1:2/' };
    const config = workloadIdentityCredentials({ workloadIdentityProvider: provider, serviceAccount: 'sa@p' }, hooked);
    expect(config.token_url).toBe('http://127.0.0.1:1/v1/token');
    expect(config.service_account_impersonation_url).toBe('http://127.0.0.1:2/v1/projects/-/serviceAccounts/sa@p:generateAccessToken');
  });

  test('need the OIDC request variables and well-formed inputs', () => {
    expect(() => workloadIdentityCredentials({ workloadIdentityProvider: provider, serviceAccount: 'sa@p' }, {})).toThrow(/id-token: write/);
    expect(() => workloadIdentityCredentials({ workloadIdentityProvider: 'github', serviceAccount: 'sa@p' }, env)).toThrow(/workload-identity-provider/);
    expect(() => workloadIdentityCredentials({ workloadIdentityProvider: provider, serviceAccount: 'not-an-email' }, env)).toThrow(/service-account/);
  });
});

describe('GKE endpoints', () => {
  const resource = {
    endpoint: '34.1.2.3',
    masterAuth: { clusterCaCertificate: 'Q0E=' },
    privateClusterConfig: { privateEndpoint: '10.0.0.2' },
    controlPlaneEndpointsConfig: { dnsEndpointConfig: { endpoint: 'gke-abc.us-central1.gke.goog' } },
  };
  test('public, private and DNS endpoints', () => {
    expect(connectionOf(resource)).toEqual({ server: 'https://34.1.2.3', caData: 'Q0E=' });
    expect(connectionOf(resource, 'private')).toEqual({ server: 'https://10.0.0.2', caData: 'Q0E=' });
    expect(connectionOf(resource, 'dns')).toEqual({ server: 'https://gke-abc.us-central1.gke.goog' });
    expect(() => connectionOf({ ...resource, privateClusterConfig: null }, 'private')).toThrow(/no private endpoint/);
  });

  test('the API endpoint test hook splits into host, port and protocol', () => {
    expect(googleEndpoints({ KUBECD_GKE_API_ENDPOINT: 'http://127.0.0.1:8123' }).gke).toEqual({ apiEndpoint: '127.0.0.1', port: 8123, protocol: 'http' });
    expect(googleEndpoints({}).gke).toEqual({ apiEndpoint: 'container.googleapis.com', port: 443, protocol: 'https' });
  });

  test('regional and global address URLs', () => {
    const endpoints = googleEndpoints({});
    expect(addressUrl('p', 'us-central1', 'ingress', endpoints)).toBe('https://compute.googleapis.com/compute/v1/projects/p/regions/us-central1/addresses/ingress');
    expect(addressUrl('p', undefined, 'ingress', endpoints)).toBe('https://compute.googleapis.com/compute/v1/projects/p/global/addresses/ingress');
  });
});
