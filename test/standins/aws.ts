// Starts the AWS chain of stand-ins together — GitHub OIDC -> STS (AssumeRoleWithWebIdentity, AssumeRole,
// GetCallerIdentity) -> EKS DescribeCluster — and says how to point kubecd at them (the AWS SDK's own
// AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL_EKS) and how a cluster checks its tokens (reviewEksToken).
import type { TokenVerifier } from '../harness/token-webhook.js';
import { reviewEksToken, type EksIdentityMapping, type EksTokenReview } from './aws-authenticator.js';
import { startAwsEksStandIn, type AwsEksStandIn, type EksClusterSpec } from './aws-eks.js';
import { startAwsStsStandIn, type AwsStsStandIn, type AwsStsStandInOptions, type StsUser } from './aws-sts.js';
import type { JwtClaims } from './jwt.js';
import { startOidcStandIn, type OidcStandIn } from './oidc.js';

export interface AwsStandInsOptions {
  accountId?: string;
  region?: string;
  /** The deploy role's name (in `accountId`). Default kubecd-deployer. */
  roleName?: string;
  /** Repository the OIDC tokens are issued for; the role trusts only it. */
  repository?: string;
  /** The role's trust condition. Default: `sub` starts with `repo:REPOSITORY:`. */
  trust?: (claims: JwtClaims) => boolean;
  users?: StsUser[];
  clusters?: EksClusterSpec[];
  credentialLifetimeSeconds?: number;
  presignedLifetimeSeconds?: number;
  beforeIssue?: AwsStsStandInOptions['beforeIssue'];
}

export interface AwsStandIns {
  oidc: OidcStandIn;
  sts: AwsStsStandIn;
  eks: AwsEksStandIn;
  accountId: string;
  region: string;
  roleArn: string;
  /** What a step needs to reach the stand-ins: the SDK endpoint variables, the OIDC variables, no instance metadata. */
  env: Record<string, string>;
  /** The cluster's authenticator for `clusterId`, mapping the deploy role (and `mappings`) to users. */
  authenticator(clusterId: string, mappings: EksIdentityMapping[], reviews?: EksTokenReview[]): TokenVerifier;
  stop(): Promise<void>;
}

export async function startAwsStandIns(options: AwsStandInsOptions = {}): Promise<AwsStandIns> {
  const accountId = options.accountId ?? '123456789012';
  const region = options.region ?? 'us-east-1';
  const repository = options.repository ?? 'acme/deployments';
  const roleArn = `arn:aws:iam::${accountId}:role/${options.roleName ?? 'kubecd-deployer'}`;
  const started: { stop(): Promise<void> }[] = [];
  const stop = async () => {
    await Promise.allSettled(started.splice(0).map((s) => s.stop()));
  };
  try {
    const oidc = await startOidcStandIn({ repository });
    started.push(oidc);
    const sts = await startAwsStsStandIn({
      region,
      oidcIssuer: oidc.issuer,
      oidcPublicKey: oidc.publicKey,
      roles: [{ arn: roleArn, trust: options.trust ?? ((claims) => String(claims.sub).startsWith(`repo:${repository}:`)) }],
      ...(options.users ? { users: options.users } : {}),
      ...(options.credentialLifetimeSeconds !== undefined ? { credentialLifetimeSeconds: options.credentialLifetimeSeconds } : {}),
      ...(options.presignedLifetimeSeconds !== undefined ? { presignedLifetimeSeconds: options.presignedLifetimeSeconds } : {}),
      ...(options.beforeIssue ? { beforeIssue: options.beforeIssue } : {}),
    });
    started.push(sts);
    const eks = await startAwsEksStandIn({ region, secretOf: (id) => sts.secretOf(id), expired: (id) => sts.expired(id), clusters: options.clusters ?? [] });
    started.push(eks);
    return {
      oidc,
      sts,
      eks,
      accountId,
      region,
      roleArn,
      env: {
        ...oidc.env,
        AWS_ENDPOINT_URL_STS: sts.url,
        AWS_ENDPOINT_URL_EKS: eks.url,
        // The SDK's default chain would otherwise ask the instance metadata address, which is not on loopback.
        AWS_EC2_METADATA_DISABLED: 'true',
      },
      authenticator: (clusterId, mappings, reviews) => reviewEksToken({ clusterId, stsUrl: sts.url, mappings, ...(reviews ? { reviews } : {}) }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
