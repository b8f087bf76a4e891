import type { AwsCredentialIdentity } from '@smithy/types';

/** The prefix of the bearer tokens the EKS authenticator (aws-iam-authenticator) accepts. */
export const EKS_TOKEN_PREFIX = 'k8s-aws-v1.';
/** The signed header that binds a token to one cluster. */
export const CLUSTER_ID_HEADER = 'x-k8s-aws-id';
/** The authenticator accepts a presigned URL for 15 minutes after its X-Amz-Date, whatever X-Amz-Expires says. */
export const EKS_TOKEN_LIFETIME_MS = 15 * 60_000;

export interface EksTokenInputs {
  clusterName: string;
  region: string;
  /** The STS endpoint the URL is signed for (stsEndpoint). */
  sts: URL;
  signingDate: Date;
}

/**
 * The EKS bearer token, as `aws eks get-token` makes it: `k8s-aws-v1.` and the unpadded base64url of a
 * SigV4-presigned `GET sts/?Action=GetCallerIdentity&Version=2011-06-15` whose signed headers include
 * `x-k8s-aws-id: CLUSTER`. The cluster's authenticator calls the URL and maps the caller's ARN to a user.
 */
export async function eksToken(credentials: AwsCredentialIdentity, inputs: EksTokenInputs): Promise<string> {
  const [{ SignatureV4 }, { Hash }] = await Promise.all([import('@smithy/signature-v4'), import('@smithy/hash-node')]);
  const signer = new SignatureV4({ service: 'sts', region: inputs.region, credentials, sha256: Hash.bind(null, 'sha256'), uriEscapePath: true, applyChecksum: false });
  const { sts } = inputs;
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: sts.protocol,
      hostname: sts.hostname,
      ...(sts.port ? { port: Number(sts.port) } : {}),
      path: '/',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      headers: { host: sts.host, [CLUSTER_ID_HEADER]: inputs.clusterName },
    },
    // 60 as aws-iam-authenticator sends it: the authenticator ignores it and allows 15 minutes.
    { expiresIn: 60, signingDate: inputs.signingDate },
  );
  const url = new URL(sts.href);
  for (const [name, value] of Object.entries(signed.query ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) if (one !== null) url.searchParams.append(name, one);
  }
  return EKS_TOKEN_PREFIX + Buffer.from(url.href, 'utf8').toString('base64url');
}
