import type { AwsCredentialIdentity } from '@smithy/types';
import { renewing } from '../concurrency/renewing.js';

export class AwsCredentialsError extends Error {}

/** The audience AWS STS expects on a GitHub OIDC token (what aws-actions/configure-aws-credentials asks for). */
export const STS_AUDIENCE = 'sts.amazonaws.com';

/** Renew credentials (and tokens signed with them) this long before they expire. */
export const RENEW_MARGIN_MS = 5 * 60_000;

export type AwsCredentials = () => Promise<AwsCredentialIdentity>;

export interface AwsCredentialInputs {
  region: string;
  /** STS endpoint (see stsEndpoint). */
  endpoint: URL;
  /** Assume this role; without it the ambient credentials are used as they are. */
  roleArn?: string;
  /** A GitHub OIDC token for an audience (the action): the role is assumed with it. Without it (the CLI) the
   *  role is assumed with the ambient credentials. */
  githubOidcToken?: (audience: string) => Promise<string>;
  /** Names the role session (CloudTrail shows it). */
  sessionName: string;
  /** Told every secret part of every credential before it is used. */
  onSecret: (value: string) => void;
  now?: () => number;
}

/**
 * AWS credentials that renew themselves: the role assumed with the GitHub OIDC token (a new token per
 * renewal: GitHub's last minutes), the role assumed with the ambient credentials, or the ambient
 * credentials themselves (the SDK's default chain: environment, shared files, SSO, container, instance).
 */
export async function awsCredentials(inputs: AwsCredentialInputs): Promise<AwsCredentials> {
  const { STSClient, AssumeRoleCommand, AssumeRoleWithWebIdentityCommand } = await import('@aws-sdk/client-sts');
  const client = new STSClient({ region: inputs.region, endpoint: inputs.endpoint.href });
  const now = inputs.now ?? Date.now;
  const { roleArn, githubOidcToken } = inputs;
  const RoleSessionName = roleSessionName(inputs.sessionName);

  let load: AwsCredentials;
  if (!roleArn) {
    load = () => ambient(client);
  } else if (githubOidcToken) {
    load = async () => {
      const WebIdentityToken = await githubOidcToken(STS_AUDIENCE);
      inputs.onSecret(WebIdentityToken);
      return assumed(roleArn, 'with the GitHub OIDC token', () => client.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName, WebIdentityToken })));
    };
  } else {
    load = () => assumed(roleArn, 'with the ambient AWS credentials', () => client.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName })));
  }
  return renewingCredentials(async () => {
    const credentials = await load();
    inputs.onSecret(credentials.secretAccessKey);
    if (credentials.sessionToken) inputs.onSecret(credentials.sessionToken);
    return credentials;
  }, now);
}

/** The SDK's default chain, as its clients resolve it (memoised and refreshed by the SDK). */
async function ambient(client: { config: { credentials: () => Promise<AwsCredentialIdentity> } }): Promise<AwsCredentialIdentity> {
  try {
    return await client.config.credentials();
  } catch (error) {
    throw new AwsCredentialsError(`no AWS credentials: ${(error as Error).message} (locally: AWS_PROFILE, AWS_ACCESS_KEY_ID or \`aws sso login\`; in GitHub Actions: the apply action's \`aws-role-arn\` input or an eks \`roleArn\`)`);
  }
}

type AssumeRoleAnswer = { Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date } };

async function assumed(roleArn: string, how: string, call: () => Promise<AssumeRoleAnswer>): Promise<AwsCredentialIdentity> {
  let answer: AssumeRoleAnswer;
  try {
    answer = await call();
  } catch (error) {
    const name = (error as { name?: string }).name;
    throw new AwsCredentialsError(`cannot assume role ${roleArn} ${how}: ${name && name !== 'Error' ? `${name}: ` : ''}${(error as Error).message}`);
  }
  const c = answer.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new AwsCredentialsError(`STS gave no credentials for role ${roleArn}`);
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, ...(c.Expiration ? { expiration: c.Expiration } : {}) };
}

/** Loads once, then again when the credentials are within RENEW_MARGIN_MS of their expiry; callers share a load. */
export function renewingCredentials(load: AwsCredentials, now: () => number = Date.now): AwsCredentials {
  return renewing(load, (credentials) => (credentials.expiration?.getTime() ?? Number.POSITIVE_INFINITY) - RENEW_MARGIN_MS, now);
}

/** STS's RoleSessionName: 2-64 of `[\w+=,.@-]`. */
function roleSessionName(name: string): string {
  const cleaned = name.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
  return cleaned.length >= 2 ? cleaned : 'kubecd';
}
