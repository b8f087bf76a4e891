import { GoogleAuth } from 'google-auth-library';
import { googleEndpoints, type GoogleEndpoints } from './endpoints.js';

export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

export interface WorkloadIdentityInputs {
  /** projects/N/locations/global/workloadIdentityPools/P/providers/PR */
  workloadIdentityProvider: string;
  /** The service account to impersonate. */
  serviceAccount: string;
}

export class GoogleAuthError extends Error {}

/**
 * The `external_account` credentials google-github-actions/auth would write for these inputs: the GitHub OIDC
 * token (fetched from ACTIONS_ID_TOKEN_REQUEST_URL with ACTIONS_ID_TOKEN_REQUEST_TOKEN) exchanged at STS,
 * then the service account impersonated through IAM Credentials.
 */
export function workloadIdentityCredentials(
  inputs: WorkloadIdentityInputs,
  env: NodeJS.ProcessEnv = process.env,
  endpoints: GoogleEndpoints = googleEndpoints(env),
): Record<string, unknown> {
  const requestUrl = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!requestUrl || !requestToken) {
    throw new GoogleAuthError('workload identity needs the GitHub OIDC token: give the job `permissions: id-token: write`');
  }
  const provider = inputs.workloadIdentityProvider.replace(/^\/\/iam\.googleapis\.com\//, '');
  if (!/^projects\/[^/]+\/locations\/global\/workloadIdentityPools\/[^/]+\/providers\/[^/]+$/.test(provider)) {
    throw new GoogleAuthError(`workload-identity-provider must look like projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER, not "${inputs.workloadIdentityProvider}"`);
  }
  if (!/^[^@\s/]+@[^@\s/]+$/.test(inputs.serviceAccount)) {
    throw new GoogleAuthError(`service-account must be an email address, not "${inputs.serviceAccount}"`);
  }
  const url = new URL(requestUrl);
  url.searchParams.set('audience', `https://iam.googleapis.com/${provider}`);
  return {
    type: 'external_account',
    audience: `//iam.googleapis.com/${provider}`,
    subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
    token_url: endpoints.sts,
    service_account_impersonation_url: `${endpoints.iamCredentials}/v1/projects/-/serviceAccounts/${inputs.serviceAccount}:generateAccessToken`,
    credential_source: {
      url: url.toString(),
      headers: { Authorization: `Bearer ${requestToken}` },
      format: { type: 'json', subject_token_field_name: 'value' },
    },
  };
}

/** Google credentials: our own workload identity exchange when asked, else application default credentials. */
export function googleAuth(inputs?: WorkloadIdentityInputs): GoogleAuth {
  if (inputs) return new GoogleAuth({ credentials: workloadIdentityCredentials(inputs) as never, scopes: [CLOUD_PLATFORM_SCOPE] });
  return new GoogleAuth({ scopes: [CLOUD_PLATFORM_SCOPE] });
}

export interface AccessToken {
  token: string;
  /** Epoch milliseconds; undefined when the library did not say. */
  expiresAt?: number;
}

/** A current access token; the library refreshes it itself when it is close to expiry. */
export async function accessToken(auth: GoogleAuth): Promise<AccessToken> {
  const client = await auth.getClient();
  const { token } = await client.getAccessToken();
  if (!token) throw new GoogleAuthError('Google credentials gave no access token');
  const expiry = (client as { credentials?: { expiry_date?: number | null } }).credentials?.expiry_date;
  return { token, ...(typeof expiry === 'number' ? { expiresAt: expiry } : {}) };
}
