import { awsPartition } from '../model/normalise-eks.js';

export class AwsEndpointError extends Error {}

/**
 * The STS endpoint kubecd uses for a region: the role exchange goes there, and so does the presigned
 * GetCallerIdentity URL inside the EKS token, so the cluster's authenticator checks it where it was signed.
 *
 * The AWS SDK's own endpoint variables apply, and the integration tests use them as hooks to point kubecd at
 * local stand-ins (production leaves them unset):
 * - AWS_ENDPOINT_URL_STS (else AWS_ENDPOINT_URL)   e.g. http://127.0.0.1:8090   STS, read here and handed to
 *   the STS client, so the client and the token agree
 * - AWS_ENDPOINT_URL_EKS (else AWS_ENDPOINT_URL)   e.g. http://127.0.0.1:8091   EKS DescribeCluster, read by
 *   the SDK itself
 * Without them: the regional STS endpoint, as the EKS authenticator expects (`https://sts.REGION.amazonaws.com`).
 */
export function stsEndpoint(region: string, env: NodeJS.ProcessEnv = process.env): URL {
  const configured = env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL;
  if (!configured) return new URL(`https://sts.${region}.${awsPartition(region).dnsSuffix}/`);
  let url: URL;
  try {
    url = new URL(configured);
  } catch {
    throw new AwsEndpointError(`AWS_ENDPOINT_URL_STS is not a URL: "${configured}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AwsEndpointError(`AWS_ENDPOINT_URL_STS must be an http(s) URL, not "${configured}"`);
  return new URL('/', url);
}
