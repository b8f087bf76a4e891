import { has, obj, str } from './data.js';
import { excerpt, problem } from './problems.js';
import type { EksProvider, Problem } from './types.js';
import type { Path, YamlSource } from './yaml-source.js';

/** An AWS account id: exactly twelve digits. */
export const AWS_ACCOUNT_ID = /^\d{12}$/;

/** An AWS region code: a partition prefix, optional `-gov`/`-iso*`, a direction word and a number (`us-east-1`, `us-gov-west-1`, `cn-north-1`). */
export const AWS_REGION = /^[a-z]{2,4}(?:-[a-z]{2,10}){1,3}-\d{1,2}$/;

/** The EKS CreateCluster rule: 1-100 letters, digits, `-` and `_`, starting with a letter or digit. */
export const EKS_CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** An IAM role ARN: `arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME`, with IAM's characters for paths and names. */
export const IAM_ROLE_ARN = /^arn:aws(?:-[a-z]+){0,2}:iam::\d{12}:role\/(?:[\w+=,.@-]{1,512}\/)*[\w+=,.@-]{1,64}$/;
export const IAM_ROLE_ARN_MAX = 2048;

export function isIamRoleArn(value: unknown): value is string {
  return typeof value === 'string' && value.length <= IAM_ROLE_ARN_MAX && IAM_ROLE_ARN.test(value);
}

/** AWS partitions by region prefix (the SDK's partition table): the ARN partition and the DNS suffix of its endpoints. */
const PARTITIONS = [
  { prefix: 'cn-', partition: 'aws-cn', dnsSuffix: 'amazonaws.com.cn' },
  { prefix: 'us-gov-', partition: 'aws-us-gov', dnsSuffix: 'amazonaws.com' },
  { prefix: 'us-iso-', partition: 'aws-iso', dnsSuffix: 'c2s.ic.gov' },
  { prefix: 'us-isob-', partition: 'aws-iso-b', dnsSuffix: 'sc2s.sgov.gov' },
  { prefix: 'eu-isoe-', partition: 'aws-iso-e', dnsSuffix: 'cloud.adc-e.uk' },
  { prefix: 'us-isof-', partition: 'aws-iso-f', dnsSuffix: 'csp.hci.ic.gov' },
  { prefix: 'eusc-', partition: 'aws-eusc', dnsSuffix: 'amazonaws.eu' },
] as const;

export function awsPartition(region: string): { partition: string; dnsSuffix: string } {
  return PARTITIONS.find((p) => region.startsWith(p.prefix)) ?? { partition: 'aws', dnsSuffix: 'amazonaws.com' };
}

const CHECKS = [
  { key: 'region', test: (v: string) => AWS_REGION.test(v), expected: 'an AWS region code like `us-east-1`' },
  { key: 'clusterName', test: (v: string) => EKS_CLUSTER_NAME.test(v), expected: 'at most 100 letters, digits, `-` and `_`, starting with a letter or digit' },
  { key: 'roleArn', test: isIamRoleArn, expected: 'an IAM role ARN like `arn:aws:iam::123456789012:role/kubecd-deployer`' },
] as const;

/**
 * `provider: {eks: {...}}`. The values go into AWS request paths, a signed STS URL and the cluster's
 * name in the kubeconfig, so each must match AWS's own grammar; a provider with a bad value is reported
 * where it was written and left out.
 */
export function normaliseEksProvider(source: YamlSource, at: Path, raw: unknown, problems: Problem[]): EksProvider | undefined {
  const body = obj(raw);
  let valid = true;
  const invalid = (key: string, message: string) => {
    problems.push(problem(source.pos([...at, key]), message));
    valid = false;
  };

  // YAML reads unquoted digits as a number, which drops an account id's leading zeros.
  const writtenAccount = body['accountId'];
  const accountId = typeof writtenAccount === 'number' ? String(writtenAccount) : str(writtenAccount);
  if (accountId !== undefined && !AWS_ACCOUNT_ID.test(accountId)) {
    const hint = typeof writtenAccount === 'number' ? ' (quote it: unquoted, YAML reads it as a number and drops leading zeros)' : '';
    invalid('accountId', `EKS \`accountId\` \`${excerpt(accountId)}\` is invalid; expected twelve digits${hint}`);
  }
  const values: Partial<Record<(typeof CHECKS)[number]['key'], string>> = {};
  for (const { key, test, expected } of CHECKS) {
    const value = str(body[key]);
    if (value === undefined) continue;
    if (!test(value)) invalid(key, `EKS \`${key}\` \`${excerpt(value)}\` is invalid; expected ${expected}`);
    values[key] = value;
  }
  const { region, clusterName, roleArn } = values;
  if (valid && region !== undefined && roleArn !== undefined) {
    const partition = roleArn.split(':')[1];
    const expected = awsPartition(region).partition;
    if (partition !== expected) {
      invalid('roleArn', `EKS \`roleArn\` is in partition \`${excerpt(partition ?? '')}\`, but region \`${region}\` is in \`${expected}\``);
    }
  }
  // A missing required key (or one that is not a string) is the schema's to report.
  if (!valid || accountId === undefined || region === undefined || clusterName === undefined) return undefined;
  if (has(body, 'roleArn') && roleArn === undefined) return undefined;
  return { kind: 'eks', accountId, region, clusterName, ...(roleArn !== undefined ? { roleArn } : {}) };
}
