import { describe, expect, test } from 'vitest';
import { AgentConfigError, agentConfig, parseDuration, parseListen } from './config.js';

const BASE = { repo: 'https://github.com/acme/deployments.git', environment: ['prod'] };

describe('agent flags', () => {
  test('the defaults', () => {
    expect(agentConfig(BASE, 'environments.yaml')).toEqual({
      repo: { url: BASE.repo, transport: 'https', host: 'github.com' },
      branch: 'main',
      environmentsFile: 'environments.yaml',
      environments: ['prod'],
      schedule: { intervalMs: 300_000, backoffInitialMs: 10_000, backoffMaxMs: 600_000 },
      listen: { port: 8080 },
      serviceAccountDir: '/var/run/secrets/kubernetes.io/serviceaccount',
      deploy: {},
    });
  });

  test('every flag taken', () => {
    const config = agentConfig({
      repo: 'git@github.com:acme/deployments.git', branch: 'release/prod', environment: ['prod', 'prod-eu', 'prod'],
      interval: '1h30m', 'backoff-initial': '500ms', 'backoff-max': '2m', listen: '127.0.0.1:9000',
      'webhook-secret-file': '/secrets/webhook', 'ssh-key-file': '/secrets/key', 'ssh-known-hosts-file': '/secrets/known_hosts',
      'service-account-dir': '/tmp/sa', concurrency: '2', wait: true, timeout: '10m',
    }, 'deploy/environments.yaml');
    expect(config).toMatchObject({
      branch: 'release/prod', environmentsFile: 'deploy/environments.yaml', environments: ['prod', 'prod-eu'],
      schedule: { intervalMs: 5_400_000, backoffInitialMs: 500, backoffMaxMs: 120_000 },
      listen: { host: '127.0.0.1', port: 9000 },
      ssh: { keyFile: '/secrets/key', knownHostsFile: '/secrets/known_hosts' },
      deploy: { concurrency: '2', wait: true, timeout: '10m' },
    });
  });

  test.each([
    [{ environment: ['prod'] }, '--repo is required'],
    [{ ...BASE, repo: 'file:///srv/repo' }, '--repo is refused: "file:///srv/repo": the file: transport is not allowed'],
    [{ ...BASE, environment: [] }, '--environment is required'],
    [{ ...BASE, environment: ['-x'] }, '--environment must be an environment name, not "-x"'],
    [{ ...BASE, branch: '--orphan' }, '--branch must be a branch name, not "--orphan"'],
    [{ ...BASE, interval: '5' }, '--interval must be a duration such as 30s, 5m or 1h30m, not "5"'],
    [{ ...BASE, interval: '0s' }, '--interval must be more than 0 and at most 24h'],
    [{ ...BASE, 'backoff-initial': '1m', 'backoff-max': '30s' }, '--backoff-max must not be shorter than --backoff-initial'],
    [{ ...BASE, listen: '8080' }, '--listen must be HOST:PORT or :PORT, not "8080"'],
    [{ ...BASE, repo: 'git@github.com:acme/d.git' }, '--ssh-key-file is required for an SSH repository URL'],
    [{ ...BASE, repo: 'git@github.com:acme/d.git', 'ssh-key-file': '/k' }, '--ssh-known-hosts-file is required'],
    [{ ...BASE, 'ssh-key-file': '/k' }, '--ssh-key-file is for SSH repository URLs only'],
    [{ ...BASE, repo: 'git@github.com:acme/d.git', 'ssh-key-file': '/k', 'ssh-known-hosts-file': '/h', 'git-token-file': '/t' }, '--git-token-file is for HTTPS repository URLs only'],
    [{ ...BASE, concurrency: '0' }, '--concurrency must be a positive whole number, not "0"'],
  ])('refuses %o', (values, message) => {
    expect(() => agentConfig(values, 'environments.yaml')).toThrow(AgentConfigError);
    expect(() => agentConfig(values, 'environments.yaml')).toThrow(message);
  });

  test('the environments file stays inside the repository', () => {
    expect(() => agentConfig(BASE, '../environments.yaml')).toThrow('--environments must be a path inside the deployments repository');
    expect(() => agentConfig(BASE, '/etc/environments.yaml')).toThrow(AgentConfigError);
  });

  test('durations and listen addresses', () => {
    expect(parseDuration('interval', '250ms')).toBe(250);
    expect(parseDuration('interval', '24h')).toBe(86_400_000);
    expect(parseDuration('interval', '1h30m')).toBe(5_400_000);
    expect(parseDuration('interval', '1.5s')).toBe(1_500);
    expect(() => parseDuration('interval', '0s')).toThrow(/more than 0/);
    expect(() => parseDuration('interval', '25h')).toThrow(/at most 24h/);
    expect(parseListen(':0')).toEqual({ port: 0 });
    expect(parseListen('[::1]:8080')).toEqual({ host: '::1', port: 8080 });
    expect(() => parseListen(':70000')).toThrow(AgentConfigError);
  });
});
