import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatProblem } from './problems.js';
import { loadRepo } from '../repo/load.js';
import { matrixEntry } from '../lint/matrix.js';
import { baseRepo, writeTempRepo } from '../../test/support/temp-repo.js';

/** An environments file whose one environment has `provider: {eks: BODY}` (BODY lines at 8 spaces: line 5 on). */
const eksRepo = (body: string) => baseRepo({
  'environments.yaml': `environments:\n  - name: test\n    provider:\n      eks:\n${body.replace(/^/gm, '        ')}\n    kubeNamespace: test\n    releases:\n      - releases.yaml\n`,
});

async function problemsOf(body: string): Promise<string[]> {
  const loaded = await loadRepo(path.join(await writeTempRepo(eksRepo(body)), 'environments.yaml'));
  return loaded.problems.map(formatProblem);
}

const GOOD = 'accountId: "123456789012"\nregion: us-east-1\nclusterName: prod-1';

describe('the eks provider in the environments file', () => {
  test('a valid provider loads, with or without a role, and names its cluster by account, region and name', async () => {
    const loaded = await loadRepo(path.join(await writeTempRepo(eksRepo(`${GOOD}\nroleArn: arn:aws:iam::123456789012:role/deploy/kubecd-deployer`)), 'environments.yaml'));
    expect(loaded.problems).toEqual([]);
    const environment = loaded.repo.environments[0]!;
    expect(environment.cluster.provider).toEqual({ kind: 'eks', accountId: '123456789012', region: 'us-east-1', clusterName: 'prod-1', roleArn: 'arn:aws:iam::123456789012:role/deploy/kubecd-deployer' });
    expect(environment.cluster.name).toBe('eks_123456789012_us-east-1_prod-1');
    expect(matrixEntry(environment).provider).toBe('eks');
    expect(await problemsOf('accountId: "012345678901"\nregion: cn-north-1\nclusterName: a\nroleArn: arn:aws-cn:iam::012345678901:role/r')).toEqual([]);
    expect(await problemsOf('accountId: 123456789012\nregion: us-gov-west-1\nclusterName: A_b-9')).toEqual([]);
  });

  test.each([
    ['an account id of eleven digits', 'accountId: "12345678901"\nregion: us-east-1\nclusterName: prod-1', [
      'environments.yaml:5:20: error: EKS `accountId` `12345678901` is invalid; expected twelve digits',
    ]],
    ['an unquoted account id that lost its leading zero', 'accountId: 012345678901\nregion: us-east-1\nclusterName: prod-1', [
      'environments.yaml:5:20: error: EKS `accountId` `12345678901` is invalid; expected twelve digits (quote it: unquoted, YAML reads it as a number and drops leading zeros)',
    ]],
    ['a region that is not a region code', 'accountId: "123456789012"\nregion: US East (N. Virginia)\nclusterName: prod-1', [
      'environments.yaml:6:17: error: EKS `region` `US East (N. Virginia)` is invalid; expected an AWS region code like `us-east-1`',
    ]],
    ['a cluster name that is an option', 'accountId: "123456789012"\nregion: us-east-1\nclusterName: --kubeconfig=/etc/x', [
      'environments.yaml:7:22: error: EKS `clusterName` `--kubeconfig=/etc/x` is invalid; expected at most 100 letters, digits, `-` and `_`, starting with a letter or digit',
    ]],
    ['a cluster name of 101 characters', `accountId: "123456789012"\nregion: us-east-1\nclusterName: ${'c'.repeat(101)}`, [
      `environments.yaml:7:22: error: EKS \`clusterName\` \`${'c'.repeat(39)}…\` is invalid; expected at most 100 letters, digits, \`-\` and \`_\`, starting with a letter or digit`,
    ]],
    ['a role ARN that is a user', `${GOOD}\nroleArn: arn:aws:iam::123456789012:user/dev`, [
      'environments.yaml:8:18: error: EKS `roleArn` `arn:aws:iam::123456789012:user/dev` is invalid; expected an IAM role ARN like `arn:aws:iam::123456789012:role/kubecd-deployer`',
    ]],
    ['a role ARN of another partition than the region', `${GOOD}\nroleArn: arn:aws-cn:iam::123456789012:role/r`, [
      'environments.yaml:8:18: error: EKS `roleArn` is in partition `aws-cn`, but region `us-east-1` is in `aws`',
    ]],
    ['a missing clusterName and an unknown key', 'accountId: "123456789012"\nregion: us-east-1\ncluster: prod-1', [
      'environments.yaml:5:9: error: `eks` is missing `clusterName`',
      'environments.yaml:7:9: error: unknown key `cluster`; expected one of: accountId, region, clusterName, roleArn',
    ]],
    ['a control character in the cluster name', 'accountId: "123456789012"\nregion: us-east-1\nclusterName: "prod\\n1"', [
      'environments.yaml:7:22: error: EKS `clusterName` `prod\\n1` is invalid; expected at most 100 letters, digits, `-` and `_`, starting with a letter or digit',
    ]],
  ])('%s is reported at its file, line and column', async (_, body, expected) => {
    expect(await problemsOf(body)).toEqual(expected);
  });
});
