// A git server over SSH on loopback: the machine's OpenSSH sshd with a config of its own (own host key,
// own authorized_keys, no PAM, keys only), run as the current user. The one authorized key is a read-only
// deploy key: its forced command serves `git-upload-pack` of one repository and refuses anything else (a
// push asks for git-receive-pack), noting every command asked for.
import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../harness/ports.js';
import { makeTempDir, startProcess, type ManagedProcess } from '../harness/process.js';

const execFileAsync = promisify(execFile);

const SSHD = '/usr/sbin/sshd';
/** sshd refuses to start as root without its privilege separation folder. */
const PRIVSEP_DIR = '/run/sshd';
const START_ATTEMPTS = 3;
const START_TIMEOUT_MS = 5_000;
/** Paths that go into the forced command and sshd_config unquoted. */
const PLAIN_PATH = /^\/[A-Za-z0-9._/-]+$/;

export interface SshKeyPair {
  /** The private key file (mode 0600). */
  privateKeyFile: string;
  /** `ssh-ed25519 AAAA... comment` */
  publicKey: string;
  /** `SHA256:...`, as sshd logs it. */
  fingerprint: string;
}

export interface GitSshServer {
  port: number;
  user: string;
  /** The read-only deploy key authorized for `repository`. */
  deployKey: SshKeyPair;
  /** The server's host key. */
  hostKey: SshKeyPair;
  /** `ssh://USER@127.0.0.1:PORT/ABSOLUTE/PATH.git` */
  url: string;
  /** A known_hosts line for this server with its real host key. */
  knownHostsLine: string;
  /** The commands the deploy key asked for, in order (`git-upload-pack '/path'`). */
  commands(): Promise<string[]>;
  /** What sshd logged (`Accepted publickey for ...`, `Connection closed ... [preauth]`). */
  log(): string;
  stop(): Promise<void>;
}

/** A new ed25519 key pair without a passphrase. */
export async function sshKeyPair(dir: string, name: string): Promise<SshKeyPair> {
  const privateKeyFile = join(dir, name);
  await execFileAsync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `kubecd-test-${name}`, '-f', privateKeyFile]);
  const publicKey = (await readFile(`${privateKeyFile}.pub`, 'utf8')).trim();
  const { stdout } = await execFileAsync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${privateKeyFile}.pub`]);
  const fingerprint = /SHA256:\S+/.exec(stdout)?.[0];
  if (!fingerprint) throw new Error(`ssh-keygen -l printed no fingerprint: ${stdout}`);
  return { privateKeyFile, publicKey, fingerprint };
}

/** `[127.0.0.1]:PORT ssh-ed25519 AAAA...` for `key`. */
export function knownHostsLine(port: number, key: SshKeyPair): string {
  const [type, body] = key.publicKey.split(' ');
  return `[127.0.0.1]:${port} ${type} ${body}`;
}

function forcedCommand(repository: string, commandLog: string): string {
  const allowed = `git-upload-pack '${repository}'`;
  return [
    '#!/bin/sh',
    '# Forced command of the read-only deploy key: fetches of one repository, nothing else.',
    `printf '%s\\n' "$SSH_ORIGINAL_COMMAND" >> '${commandLog}'`,
    `if [ "$SSH_ORIGINAL_COMMAND" = "${allowed}" ]; then exec git-upload-pack '${repository}'; fi`,
    `echo "this deploy key is read-only: it may only fetch ${repository}" >&2`,
    'exit 1',
    '',
  ].join('\n');
}

function sshdConfig(dir: string, port: number, user: string, extra: string[]): string {
  return [
    `ListenAddress 127.0.0.1:${port}`,
    `HostKey ${join(dir, 'host-key')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    `AllowUsers ${user}`,
    'AuthenticationMethods publickey',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    'UsePAM no',
    // The temp folder's modes are not what sshd insists on for a home directory.
    'StrictModes no',
    'AcceptEnv GIT_PROTOCOL',
    'PrintMotd no',
    'LogLevel INFO',
    ...extra,
    '',
  ].join('\n');
}

/**
 * Newer sshd (9.8+) throttles a source address after failed or aborted connections; every connection here
 * comes from 127.0.0.1, and the host-key test aborts some on purpose. Older sshd does not know the option,
 * so it is kept only when `sshd -t` accepts it.
 */
const OPTIONAL = ['PerSourcePenalties no'];

async function understood(configFile: string, dir: string, port: number, user: string): Promise<string[]> {
  const kept: string[] = [];
  for (const directive of OPTIONAL) {
    await writeFile(configFile, sshdConfig(dir, port, user, [...kept, directive]));
    const ok = await execFileAsync(SSHD, ['-t', '-f', configFile]).then(() => true, () => false);
    if (ok) kept.push(directive);
  }
  return kept;
}

/** Starts sshd serving `repository` (an absolute path to a bare repository) to one read-only deploy key. */
export async function startGitSshServer(repository: string): Promise<GitSshServer> {
  if (!PLAIN_PATH.test(repository)) throw new Error(`git-ssh: repository path ${repository} has characters the forced command cannot hold`);
  const dir = await makeTempDir('git-ssh');
  if (!PLAIN_PATH.test(dir)) throw new Error(`git-ssh: temp folder ${dir} has characters sshd_config cannot hold (set TMPDIR to a plain path)`);
  const user = userInfo().username;
  await mkdir(PRIVSEP_DIR, { recursive: true, mode: 0o755 }).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`git-ssh: sshd needs ${PRIVSEP_DIR} and it cannot be made (${error.code}); run the tests as root or create it`);
  });
  const [hostKey, deployKey] = await Promise.all([sshKeyPair(dir, 'host-key'), sshKeyPair(dir, 'deploy-key')]);
  const commandLog = join(dir, 'commands.log');
  const command = join(dir, 'read-only-git');
  await writeFile(command, forcedCommand(repository, commandLog));
  await chmod(command, 0o755);
  await writeFile(join(dir, 'authorized_keys'), `restrict,command="${command}" ${deployKey.publicKey}\n`);
  const configFile = join(dir, 'sshd_config');

  let sshd: ManagedProcess | undefined;
  let port = 0;
  const failures: string[] = [];
  // freePort() can lose a race for the port; a few bounded attempts.
  for (let attempt = 1; attempt <= START_ATTEMPTS && !sshd; attempt++) {
    port = await freePort();
    await writeFile(configFile, sshdConfig(dir, port, user, await understood(configFile, dir, port, user)));
    const started = startProcess('sshd', SSHD, ['-D', '-e', '-f', configFile]);
    try {
      await started.waitFor(new RegExp(`Server listening on 127\\.0\\.0\\.1 port ${port}\\b`), START_TIMEOUT_MS);
      sshd = started;
    } catch (error) {
      failures.push((error as Error).message);
      await started.stop();
    }
  }
  if (!sshd) throw new Error(`git-ssh: sshd did not start in ${START_ATTEMPTS} attempts:\n${failures.join('\n')}`);
  const server = sshd;
  return {
    port,
    user,
    deployKey,
    hostKey,
    url: `ssh://${user}@127.0.0.1:${port}${repository}`,
    knownHostsLine: knownHostsLine(port, hostKey),
    commands: async () => (await readFile(commandLog, 'utf8').catch(() => '')).split('\n').filter((line) => line !== ''),
    log: () => server.output(),
    stop: () => server.stop(),
  };
}
