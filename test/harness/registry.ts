import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir, startProcess } from './process.js';
import { RegistryClient, type Credentials } from './registry-client.js';
import { startTokenServer, type RunningTokenServer } from './token-server.js';

const execFileAsync = promisify(execFile);

export type RegistryAuth = 'anonymous' | 'basic' | 'token';

export interface RunningRegistry {
  /** `127.0.0.1:PORT`, as image references and `oci://` chart references spell it. */
  host: string;
  /** `http://127.0.0.1:PORT` */
  url: string;
  auth: RegistryAuth;
  /** A user that may push and pull (basic and token modes). */
  username?: string;
  password?: string;
  /** Token mode: the token server's realm URL. */
  tokenServerUrl?: string;
  /** Token mode: a user whose tokens carry `pull` only. */
  readOnlyUser?: Credentials;
  /** Token mode: the token server itself (its `requests` show which token flow a client used). */
  tokenServer?: RunningTokenServer;
  /** Milliseconds `startRegistry` took, until the registry listened (including htpasswd / token server set-up). */
  startupMs?: number;
  stop(): Promise<void>;
}

const REGISTRY_BINARY = '/usr/bin/docker-registry';
const TOKEN_SERVICE = 'kubecd-test-registry';
const TOKEN_ISSUER = 'kubecd-test-token-server';

export interface StartRegistryOptions {
  auth?: RegistryAuth;
  /**
   * An existing storage root to serve (the folder holding `docker/registry/v2`, e.g. written by registry-storage.ts);
   * it is left in place on stop. Without it the registry gets throwaway storage.
   */
  storageDir?: string;
  /** The registry logs every request by default; load benchmarks turn that off. */
  accessLog?: boolean;
}

/** Starts Debian's docker-registry (CNCF distribution) on 127.0.0.1, with throwaway storage or `storageDir`. */
export async function startRegistry(opts: StartRegistryOptions = {}): Promise<RunningRegistry> {
  const started = performance.now();
  const auth = opts.auth ?? 'anonymous';
  const dir = await makeTempDir(`registry-${auth}`, await fastTempParent());
  const username = 'kubecd';
  const password = randomBytes(12).toString('hex');
  const readOnlyUser = { username: 'reader', password: randomBytes(12).toString('hex') };
  let tokenServer: RunningTokenServer | undefined;
  let authConfig = '';

  if (auth === 'basic') {
    const { stdout } = await execFileAsync('htpasswd', ['-B', '-C', '4', '-b', '-n', username, password]);
    await writeFile(join(dir, 'htpasswd'), stdout);
    authConfig = `auth:\n  htpasswd:\n    realm: kubecd-test\n    path: ${join(dir, 'htpasswd')}\n`;
  } else if (auth === 'token') {
    tokenServer = await startTokenServer({
      dir, service: TOKEN_SERVICE, issuer: TOKEN_ISSUER,
      users: { [username]: { password, canPush: true }, [readOnlyUser.username]: { password: readOnlyUser.password, canPush: false } },
    });
    authConfig = `auth:\n  token:\n    realm: ${tokenServer.url}\n    service: ${TOKEN_SERVICE}\n    issuer: ${TOKEN_ISSUER}\n    rootcertbundle: ${tokenServer.certPath}\n`;
  }

  const configPath = join(dir, 'config.yml');
  await writeFile(configPath, [
    'version: 0.1',
    'log:',
    '  level: info',
    '  formatter: text',
    ...(opts.accessLog === false ? ['  accesslog:', '    disabled: true'] : []),
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${opts.storageDir ? resolve(opts.storageDir) : join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    '  maintenance:',
    '    uploadpurging:',
    '      enabled: false',
    'http:',
    '  addr: 127.0.0.1:0',
    `  secret: ${randomBytes(16).toString('hex')}`,
    authConfig,
  ].join('\n'));

  const registry = startProcess(`registry-${auth}`, REGISTRY_BINARY, ['serve', configPath], { keepOutputChars: 200_000 });
  let host: string;
  try {
    host = (await registry.waitFor(/listening on (127\.0\.0\.1:\d+)/, 20_000))[1]!;
  } catch (error) {
    await registry.stop();
    await tokenServer?.stop();
    throw error;
  }
  const startupMs = Math.round(performance.now() - started);

  return {
    host,
    url: `http://${host}`,
    auth,
    ...(auth === 'anonymous' ? {} : { username, password }),
    ...(tokenServer ? { tokenServerUrl: tokenServer.url, readOnlyUser, tokenServer } : {}),
    startupMs,
    async stop() {
      await registry.stop();
      await tokenServer?.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** /dev/shm when usable: the registry syncs every blob it writes, which costs milliseconds per request on a disk. */
async function fastTempParent(): Promise<string | undefined> {
  try {
    await access('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return undefined;
  }
}

const clients = new WeakMap<RunningRegistry, RegistryClient>();

/** A client for the registry, as its push-capable user (or as `credentials`); one shared client per registry. */
export function registryClient(reg: RunningRegistry, credentials?: Credentials): RegistryClient {
  if (credentials) return new RegistryClient(reg.url, credentials);
  let client = clients.get(reg);
  if (!client) {
    client = new RegistryClient(reg.url, reg.username && reg.password ? { username: reg.username, password: reg.password } : undefined);
    clients.set(reg, client);
  }
  return client;
}

/** Every tag of a repository, authenticated as the registry needs. */
export function listTags(reg: RunningRegistry, repository: string): Promise<string[]> {
  return registryClient(reg).listTags(repository);
}
