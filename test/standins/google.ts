// Starts the Google workload-identity chain of stand-ins together — GitHub OIDC -> STS -> IAM Credentials — plus
// GKE clusters.get and Compute addresses.get that accept the minted tokens, and writes the `external_account`
// credentials file that google-github-actions/auth would write (google-auth-library's "identity pool, URL-sourced
// credentials" format), so code under test authenticates exactly as it would on a runner.
import { writeFile } from 'node:fs/promises';
import { startGceStandIn, type GceAddressSpec, type GceStandIn } from './gce.js';
import { startGkeStandIn, type GkeClusterSpec, type GkeStandIn } from './gke.js';
import { startIamStandIn, type IamStandIn } from './google-iam.js';
import { startStsStandIn, type StsStandIn } from './google-sts.js';
import type { JwtClaims } from './jwt.js';
import { startOidcStandIn, type OidcStandIn } from './oidc.js';

export interface GoogleStandInsOptions {
  projectNumber?: string;
  poolId?: string;
  providerId?: string;
  /** Repository the OIDC tokens are issued for (`owner/name`). */
  repository?: string;
  serviceAccount?: string;
  /** Access token IAM hands out (e.g. the test API server's static token). Default: random per mint. */
  accessToken?: string | ((mintIndex: number) => string);
  /** Caps minted access tokens' lifetime so refresh can be tested. */
  lifetimeSeconds?: number;
  /** STS attribute condition. Default: the token's `repository` claim must equal `repository`. */
  attributeCondition?: (claims: JwtClaims) => boolean;
  clusters?: GkeClusterSpec[];
  addresses?: GceAddressSpec[];
}

export interface ExternalAccountFileOptions {
  /** Impersonate this service account; `false` uses the federated token directly. Default: the configured one. */
  serviceAccount?: string | false;
  tokenLifetimeSeconds?: number;
}

export interface GoogleStandIns {
  oidc: OidcStandIn;
  sts: StsStandIn;
  iam: IamStandIn;
  gke: GkeStandIn;
  gce: GceStandIn;
  /** projects/N/locations/global/workloadIdentityPools/P/providers/PR */
  provider: string;
  serviceAccount: string;
  /** Audience of the GitHub OIDC token, as google-github-actions/auth requests it. */
  oidcAudience: string;
  urls: { oidcRequest: string; stsToken: string; iam: string; gke: string; gce: string };
  /** The external_account credentials object (also what writeExternalAccountFile writes). */
  externalAccountCredentials(options?: ExternalAccountFileOptions): Record<string, unknown>;
  /** Writes the credentials JSON to `path` (mode 0600) and returns `path`. */
  writeExternalAccountFile(path: string, options?: ExternalAccountFileOptions): Promise<string>;
  stop(): Promise<void>;
}

export async function startGoogleStandIns(options: GoogleStandInsOptions = {}): Promise<GoogleStandIns> {
  const repository = options.repository ?? 'acme/deployments';
  const provider = `projects/${options.projectNumber ?? '123456789012'}/locations/global/workloadIdentityPools/${options.poolId ?? 'github'}/providers/${options.providerId ?? 'github'}`;
  const serviceAccount = options.serviceAccount ?? 'kubecd-deployer@acme-prod.iam.gserviceaccount.com';
  const oidcAudience = `https://iam.googleapis.com/${provider}`;
  const started: { stop(): Promise<void> }[] = [];
  const track = <T extends { stop(): Promise<void> }>(standIn: T): T => {
    started.push(standIn);
    return standIn;
  };
  const stop = async () => {
    await Promise.allSettled(started.splice(0).map((s) => s.stop()));
  };

  try {
    const oidc = track(await startOidcStandIn({ repository }));
    const sts = track(
      await startStsStandIn({
        provider,
        issuer: oidc.issuer,
        issuerPublicKey: oidc.publicKey,
        allowedAudience: oidcAudience,
        attributeCondition: options.attributeCondition ?? ((claims) => claims.repository === repository),
      }),
    );
    const iam = track(
      await startIamStandIn({
        validCallerToken: (token) => sts.validToken(token),
        serviceAccounts: [serviceAccount],
        ...(options.accessToken !== undefined ? { accessToken: options.accessToken } : {}),
        ...(options.lifetimeSeconds !== undefined ? { lifetimeSeconds: options.lifetimeSeconds } : {}),
      }),
    );
    const validGoogleToken = (token: string) => iam.validToken(token) ?? sts.validToken(token);
    const gke = track(await startGkeStandIn({ validToken: validGoogleToken, clusters: options.clusters ?? [] }));
    const gce = track(await startGceStandIn({ validToken: validGoogleToken, addresses: options.addresses ?? [] }));

    const externalAccountCredentials = (fileOptions: ExternalAccountFileOptions = {}): Record<string, unknown> => {
      const impersonate = fileOptions.serviceAccount === undefined ? serviceAccount : fileOptions.serviceAccount;
      return {
        type: 'external_account',
        audience: sts.audience,
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        token_url: sts.tokenUrl,
        ...(impersonate ? { service_account_impersonation_url: iam.impersonationUrl(impersonate) } : {}),
        ...(fileOptions.tokenLifetimeSeconds
          ? { service_account_impersonation: { token_lifetime_seconds: fileOptions.tokenLifetimeSeconds } }
          : {}),
        credential_source: {
          url: `${oidc.requestUrl}&audience=${encodeURIComponent(oidcAudience)}`,
          headers: { Authorization: `Bearer ${oidc.requestToken}` },
          format: { type: 'json', subject_token_field_name: 'value' },
        },
      };
    };

    return {
      oidc,
      sts,
      iam,
      gke,
      gce,
      provider,
      serviceAccount,
      oidcAudience,
      urls: { oidcRequest: oidc.requestUrl, stsToken: sts.tokenUrl, iam: iam.url, gke: gke.url, gce: gce.url },
      externalAccountCredentials,
      writeExternalAccountFile: async (path, fileOptions) => {
        await writeFile(path, `${JSON.stringify(externalAccountCredentials(fileOptions), null, 2)}\n`, { mode: 0o600 });
        return path;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
