// `kubecd agent` following the deployments repository over SSH: a real OpenSSH sshd on 127.0.0.1 (own host
// key, a read-only deploy key), the real API server (useCluster), the agent as a child process from source
// with a ServiceAccount token that may write its own namespace only.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signature } from '../../src/agent/webhook.js';
import { hostKeyFailure, sshCommand } from '../../src/git/clone.js';
import { commitFiles, git, seedRepo, type SeededRepo } from '../harness/git.js';
import { cleanupAll, makeTempDir } from '../harness/process.js';
import { helmBinary, kubectlBinary } from '../harness/tools.js';
import { useCluster } from '../harness/use-cluster.js';
import { startAgentProcess, type AgentProcess } from './agent-process.js';
import { knownHostsLine, sshKeyPair, startGitSshServer, type GitSshServer } from './git-ssh.js';
import { configMapValue, namespaceServiceAccount, type ServiceAccountMount } from './service-account.js';

const execFileAsync = promisify(execFile);

const cluster = useCluster();
afterAll(cleanupAll);

const NAMESPACE = 'agent-ssh';
const WEBHOOK_SECRET = 'webhook-secret-for-the-ssh-agent-test';

const FILES = {
  'environments.yaml': `environments:\n  - name: ssh\n    deployedBy: agent\n    provider:\n      existingContext:\n        context: unused-by-the-agent\n    kubeNamespace: ${NAMESPACE}\n    releases:\n      - releases/apps.yaml\n`,
  'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
  'charts/app/values.yaml': 'message: unset\n',
  'charts/app/templates/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  message: {{ .Values.message | quote }}\n',
};

function releases(message: string): string {
  return `releases:\n  - name: web\n    chart:\n      dir: ../charts/app\n    values:\n      - key: message\n        value: ${JSON.stringify(message)}\n`;
}

let dir: string;
let repo: SeededRepo;
let sshd: GitSshServer;
let mount: ServiceAccountMount;
let agentEnv: NodeJS.ProcessEnv;
let agent: AgentProcess;
let agentUrl: string;
let impostor: AgentProcess | undefined;
/** The private key's text, which must never reach a log. */
let deployKeyText: string;

/** A helm that notes each subcommand it runs in `record`, then runs the real one. */
async function recordingHelm(name: string): Promise<{ helm: string; record: string }> {
  const helm = join(dir, name);
  const record = join(dir, `${name}.calls`);
  await writeFile(helm, `#!/bin/sh\necho "$1" >> '${record}'\nexec '${await helmBinary(4)}' "$@"\n`);
  await chmod(helm, 0o755);
  return { helm, record };
}

async function agentArgs(knownHostsFile: string, helm: string, extra: string[] = []): Promise<string[]> {
  return [
    '--repo', sshd.url,
    '--environment', 'ssh',
    '--ssh-key-file', sshd.deployKey.privateKeyFile,
    '--ssh-known-hosts-file', knownHostsFile,
    '--webhook-secret-file', join(dir, 'webhook-secret'),
    '--service-account-dir', mount.dir,
    '--listen', '127.0.0.1:0',
    '--helm', helm,
    '--kubectl', await kubectlBinary(),
    '--interval', '1h',
    ...extra,
  ];
}

function everything(agentProcess: AgentProcess): string {
  return JSON.stringify(agentProcess.lines) + agentProcess.other();
}

/** The base64 body of the private key, without its armour lines. */
function keyMaterial(text: string): string[] {
  return text.split('\n').filter((line) => line !== '' && !line.startsWith('-----'));
}

beforeAll(async () => {
  dir = await makeTempDir('agent-ssh');
  [mount, repo] = await Promise.all([
    namespaceServiceAccount(cluster, NAMESPACE, 'kubecd-agent', dir),
    seedRepo({ ...FILES, 'releases/apps.yaml': releases('web v1 over ssh') }),
  ]);
  sshd = await startGitSshServer(repo.bareDir);
  deployKeyText = await readFile(sshd.deployKey.privateKeyFile, 'utf8');
  await writeFile(join(dir, 'known_hosts'), `${sshd.knownHostsLine}\n`);
  await writeFile(join(dir, 'webhook-secret'), `${WEBHOOK_SECRET}\n`, { mode: 0o600 });
  const [host, port] = new URL(cluster.server).host.split(':');
  agentEnv = {
    PATH: process.env.PATH,
    HOME: await makeTempDir('agent-ssh-home'),
    TMPDIR: await makeTempDir('agent-ssh-tmp'),
    KUBERNETES_SERVICE_HOST: host,
    KUBERNETES_SERVICE_PORT: port,
  };
  const { helm } = await recordingHelm('helm');
  agent = await startAgentProcess(await makeTempDir('agent-ssh-run'), await agentArgs(join(dir, 'known_hosts'), helm), agentEnv);
  agentUrl = await agent.url();
}, 120_000);

afterAll(async () => {
  await Promise.all([agent?.stop(), impostor?.stop()]);
  await sshd?.stop();
});

describe('kubecd agent over SSH (a real OpenSSH sshd on 127.0.0.1, read-only deploy key)', () => {
  test('clones over SSH with the deploy key, checking the host key, and applies on start', async () => {
    const succeeded = await agent.waitFor((l) => l.msg === 'apply succeeded' || l.level === 'error', 60_000);
    expect(succeeded).toMatchObject({ msg: 'apply succeeded', environment: 'ssh', namespace: NAMESPACE, commit: repo.commit, applied: ['web'] });
    expect(agent.lines.find((l) => l.msg === 'cloned the deployments repository')).toMatchObject({ repository: sshd.url, commit: repo.commit });
    expect(await configMapValue(cluster, NAMESPACE, 'web', 'message')).toBe('web v1 over ssh');
    // sshd saw the deploy key, and the deploy key only fetched.
    expect(sshd.log()).toContain(`Accepted publickey for ${sshd.user} from 127.0.0.1`);
    expect(sshd.log()).toContain(sshd.deployKey.fingerprint);
    expect(await sshd.commands()).toEqual([`git-upload-pack '${repo.bareDir}'`]);
    expect((await fetch(`${agentUrl}/readyz`)).status).toBe(200);
  });

  test('applies a commit pushed to the repository after a signed webhook', async () => {
    await agent.waitFor((l) => l.msg === 'apply succeeded', 60_000);
    const sha = await commitFiles(repo.workDir, { 'releases/apps.yaml': releases('web v2 over ssh') }, 'web v2');
    await git(repo.workDir, ['push', '--quiet', 'origin', 'HEAD:main']);
    const from = agent.lines.length;
    const body = JSON.stringify({ ref: 'refs/heads/main', after: sha, before: repo.commit, deleted: false, repository: { full_name: 'acme/deployments' }, commits: [] });
    const reply = await fetch(`${agentUrl}/webhook`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': signature(WEBHOOK_SECRET, body) },
    });
    expect(reply.status).toBe(202);
    const done = await agent.waitFor((l) => l.msg === 'apply succeeded' || l.level === 'error', 20_000, from);
    expect(done).toMatchObject({ msg: 'apply succeeded', commit: sha, applied: ['web'] });
    expect(agent.lines.slice(from).find((l) => l.msg === 'fast-forwarded')).toMatchObject({ from: repo.commit, to: sha });
    expect(await configMapValue(cluster, NAMESPACE, 'web', 'message')).toBe('web v2 over ssh');
    expect(await sshd.commands()).toEqual([`git-upload-pack '${repo.bareDir}'`, `git-upload-pack '${repo.bareDir}'`]);
  });

  test('the deploy key is read-only: a push over it is refused and the branch does not move', async () => {
    const before = (await git(repo.bareDir, ['rev-parse', 'refs/heads/main'])).trim();
    const work = join(await makeTempDir('agent-ssh-push'), 'work');
    // Same SSH options as the agent's (host key checked, this key only).
    const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_SSH_COMMAND: sshCommand(sshd.deployKey.privateKeyFile, join(dir, 'known_hosts')) };
    await execFileAsync('git', ['clone', '--quiet', sshd.url, work], { env });
    await execFileAsync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '--quiet', '--allow-empty', '-m', 'pushed with the deploy key'], { cwd: work, env });
    const pushed = await execFileAsync('git', ['push', 'origin', 'HEAD:main'], { cwd: work, env }).then(() => undefined, (error: { stderr?: string }) => error.stderr ?? String(error));
    expect(pushed).toBeDefined();
    expect(pushed).toContain('this deploy key is read-only');
    expect((await git(repo.bareDir, ['rev-parse', 'refs/heads/main'])).trim()).toBe(before);
    expect((await sshd.commands()).at(-1)).toBe(`git-receive-pack '${repo.bareDir}'`);
  });

  test('refuses a server whose host key is not the known one: clear error, key not offered, nothing applied', async () => {
    const other = await sshKeyPair(await makeTempDir('agent-ssh-other'), 'other-host-key');
    await writeFile(join(dir, 'wrong_known_hosts'), `${knownHostsLine(sshd.port, other)}\n`);
    const accepted = () => sshd.log().split('\n').filter((l) => l.startsWith('Accepted publickey')).length;
    const acceptedBefore = accepted();
    const { helm, record } = await recordingHelm('impostor-helm');
    impostor = await startAgentProcess(await makeTempDir('agent-ssh-impostor'), await agentArgs(join(dir, 'wrong_known_hosts'), helm, ['--backoff-initial', '1m']), agentEnv);
    const refused = await impostor.waitFor((l) => l.level === 'error' || l.msg === 'cloned the deployments repository', 60_000);
    expect(refused).toMatchObject({ msg: 'cannot fetch the deployments repository', repository: sshd.url });
    const error = String(refused.error);
    expect(error).toMatch(/host key verification failed/i);
    expect(error).toContain(`[127.0.0.1]:${sshd.port}`);
    // The fingerprint the server offered, to compare with the one expected.
    expect(error).toContain(sshd.hostKey.fingerprint);
    // No advice to edit kubecd's private copy of the known hosts file.
    expect(error).not.toMatch(/ssh-keygen|Offending|@@@/);

    const ready = await fetch(`${await impostor.url()}/readyz`);
    expect(ready.status).toBe(503);
    expect(impostor.lines.some((l) => l.msg === 'cloned the deployments repository' || l.msg.startsWith('apply'))).toBe(false);
    expect(await readFile(record, 'utf8').catch(() => '')).not.toMatch(/upgrade|install/);
    // The client gave up during the key exchange: it never authenticated to the unknown server.
    expect(accepted()).toBe(acceptedBefore);
    expect(sshd.log()).toMatch(/Connection closed by 127\.0\.0\.1 port \d+ \[preauth\]/);
    expect(await impostor.stop()).toBe(0);
  });

  test('names a host missing from the known hosts file as such (real ssh output)', async () => {
    await writeFile(join(dir, 'empty_known_hosts'), '');
    const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_SSH_COMMAND: sshCommand(sshd.deployKey.privateKeyFile, join(dir, 'empty_known_hosts')) };
    const work = join(await makeTempDir('agent-ssh-unknown'), 'work');
    const stderr = await execFileAsync('git', ['clone', '--quiet', sshd.url, work], { env }).then(() => '', (error: { stderr?: string }) => error.stderr ?? '');
    expect(hostKeyFailure(stderr)).toBe(`host key verification failed: the known hosts file has no ED25519 key for [127.0.0.1]:${sshd.port}, so kubecd did not log in`);
    expect(hostKeyFailure('fatal: Could not read from remote repository.')).toBeUndefined();
  });

  test('the deploy key never appears in the logs', () => {
    const material = keyMaterial(deployKeyText);
    expect(material.length).toBeGreaterThan(0);
    for (const agentProcess of [agent, impostor!]) {
      const text = everything(agentProcess);
      for (const line of material) expect(text).not.toContain(line);
    }
  });
});
