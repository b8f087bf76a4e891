import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { apiRequest, createIfMissing, type ApiTarget } from './cluster-api.js';
import { ensureApiserverBinary, etcdBinary } from './cluster-binaries.js';
import { generateClusterCertificates } from './cluster-certs.js';
import { writeKubeconfigFile } from './kubeconfig.js';
import { freePort } from './ports.js';
import { makeTempDir, startProcess, type ManagedProcess } from './process.js';
import { kubectlBinary } from './tools.js';

/** What a test needs to reach a running cluster; plain data, so vitest's provide/inject can carry it. */
export interface ClusterConnection {
  server: string;
  caFile: string;
  caData: string;
  adminToken: string;
  gkeToken: string;
  gkeUser: string;
  /** Static-token users that namespaceCredential() hands out (claimed through the API, so any process may claim). */
  namespaceUsers: { user: string; token: string }[];
  /** The API server's gitVersion, e.g. v1.35.4. */
  version: string;
}

export interface RunningCluster {
  server: string;             // https://127.0.0.1:PORT
  caFile: string; caData: string;   // PEM path; base64 PEM
  adminToken: string;
  /** A token the Google stand-ins will mint (static token file), bound by RBAC to what `startCluster` was asked. */
  gkeToken: string;
  /** Creates the namespace (if missing) and a credential that may only write that namespace (Role+RoleBinding
   *  with broad verbs on all resources in it; nothing cluster-wide). */
  namespaceCredential(namespace: string): Promise<{ user: string; token: string }>;
  /** Writes a kubeconfig (mode 0600) for the admin or a namespace credential; returns its path. */
  writeKubeconfig(opts?: { token?: string; namespace?: string; context?: string; path?: string }): Promise<string>;
  kubectl(args: string[], opts?: { token?: string; input?: string }): Promise<{ stdout: string; stderr: string; code: number }>;
  stop(): Promise<void>;
  connection: ClusterConnection;
}

export interface StartedCluster extends RunningCluster {
  /** Build and start-up times of this start. */
  timings: { apiserverBuiltNow: boolean; apiserverBuildMs: number; startupMs: number };
  /** etcd and kube-apiserver, for the no-leftovers check. */
  processes: ManagedProcess[];
  /** A client certificate (group system:masters) signed by the cluster CA, which the API server trusts. */
  adminClientCert: { certFile: string; keyFile: string };
}

export interface StartClusterOptions {
  /** The user behind gkeToken; bound to `clusterRole` (default cluster-admin; null binds nothing). */
  gkeUser?: { name: string; groups?: string[]; clusterRole?: string | null };
  /** Also authenticate bearer tokens through a TokenReview webhook (token-webhook.ts); `cacheTtl` is how long the
   *  API server trusts an answer (default 1s, so an expired token is soon checked again). */
  tokenWebhook?: { writeConfig(dir: string): Promise<string>; cacheTtl?: string };
}

const NAMESPACE_USER_POOL = 30;
const HARNESS_NAMESPACE = 'kubecd-harness';
const NAMESPACE_WRITER_ROLE = 'kubecd-namespace-writer';
const READY_TIMEOUT_MS = 60_000;

/** Starts etcd and kube-apiserver (TLS, RBAC, static tokens) on loopback ports; builds kube-apiserver first if needed. */
export async function startCluster(opts: StartClusterOptions = {}): Promise<StartedCluster> {
  const build = await ensureApiserverBinary();
  const started = performance.now();
  const dir = await makeTempDir('cluster');
  const processes: ManagedProcess[] = [];
  const stopAll = async () => {
    for (const p of [...processes].reverse()) await p.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const [certs, etcd] = await Promise.all([generateClusterCertificates(dir), startEtcd(dir)]);
    processes.push(etcd.process);

    const gkeUser = opts.gkeUser ?? { name: 'gke-deployer@kubecd-test.iam.gserviceaccount.com' };
    const adminToken = newToken();
    const gkeToken = newToken();
    const namespaceUsers = Array.from({ length: NAMESPACE_USER_POOL }, (_, i) => ({ user: `ns-user-${i + 1}`, token: newToken() }));
    const tokenFile = join(dir, 'tokens.csv');
    await writeFile(tokenFile, [
      tokenLine(adminToken, 'kubecd-admin', ['system:masters']),
      tokenLine(gkeToken, gkeUser.name, gkeUser.groups ?? []),
      ...namespaceUsers.map(({ user, token }) => tokenLine(token, user, [])),
    ].join('\n') + '\n', { mode: 0o600 });

    const webhookArgs = opts.tokenWebhook ? [
      `--authentication-token-webhook-config-file=${await opts.tokenWebhook.writeConfig(dir)}`,
      `--authentication-token-webhook-cache-ttl=${opts.tokenWebhook.cacheTtl ?? '1s'}`,
      '--authentication-token-webhook-version=v1',
    ] : [];
    const port = await freePort();
    const apiserver = startProcess('kube-apiserver', build.path, [
      ...webhookArgs,
      `--etcd-servers=${etcd.url}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${port}`,
      `--cert-dir=${join(dir, 'generated-certs')}`,
      `--tls-cert-file=${certs.servingCertFile}`,
      `--tls-private-key-file=${certs.servingKeyFile}`,
      `--client-ca-file=${certs.caFile}`,
      `--token-auth-file=${tokenFile}`,
      '--authorization-mode=RBAC',
      `--service-account-key-file=${certs.serviceAccountPublicKeyFile}`,
      `--service-account-signing-key-file=${certs.serviceAccountKeyFile}`,
      '--service-account-issuer=https://kubernetes.default.svc',
      '--service-cluster-ip-range=10.0.0.0/24',
      // No controller-manager runs: nothing would create the default ServiceAccount that this plugin insists on for pods.
      '--disable-admission-plugins=ServiceAccount',
      // A loopback address is not a valid Endpoints address; nothing in the tests routes through the kubernetes Service.
      '--endpoint-reconciler-type=none',
      '--profiling=false',
      '--v=0',
    ]);
    processes.push(apiserver);

    const ca = await readFile(certs.caFile, 'utf8');
    const target: ApiTarget = { server: `https://127.0.0.1:${port}`, ca };
    const version = await waitUntilReady(target, adminToken, apiserver);

    await createIfMissing(target, adminToken, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: HARNESS_NAMESPACE } });
    const gkeRole = gkeUser.clusterRole === undefined ? 'cluster-admin' : gkeUser.clusterRole;
    if (gkeRole) {
      await createIfMissing(target, adminToken, '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
        apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding',
        metadata: { name: 'kubecd-gke-user' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: gkeRole },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: gkeUser.name }],
      });
    }

    const connection: ClusterConnection = {
      server: target.server, caFile: certs.caFile, caData: Buffer.from(ca).toString('base64'),
      adminToken, gkeToken, gkeUser: gkeUser.name, namespaceUsers, version,
    };
    const handle = clusterHandle(connection, { workDir: dir, stop: stopAll });
    return {
      ...handle,
      timings: { apiserverBuiltNow: build.builtNow, apiserverBuildMs: build.ms, startupMs: Math.round(performance.now() - started) },
      processes,
      adminClientCert: { certFile: certs.adminClientCertFile, keyFile: certs.adminClientKeyFile },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * Methods over a connection, usable in any process (e.g. a vitest worker handed the connection by the global setup).
 * `stop` defaults to removing only this handle's own kubeconfig folder.
 */
export function clusterHandle(connection: ClusterConnection, options: { workDir?: string; stop?: () => Promise<void> } = {}): RunningCluster {
  const target: ApiTarget = { server: connection.server, ca: Buffer.from(connection.caData, 'base64').toString('utf8') };
  const credentials = new Map<string, Promise<{ user: string; token: string }>>();
  let workDir: Promise<string> | undefined = options.workDir ? Promise.resolve(options.workDir) : undefined;
  const ownDir = () => (workDir ??= makeTempDir('kubeconfigs'));
  let kubeconfigCount = 0;
  let adminKubeconfig: Promise<string> | undefined;

  const userOf = (token: string) =>
    token === connection.adminToken ? 'kubecd-admin'
      : token === connection.gkeToken ? connection.gkeUser
        : connection.namespaceUsers.find((u) => u.token === token)?.user ?? 'kubecd-test-user';

  const handle: RunningCluster = {
    server: connection.server,
    caFile: connection.caFile,
    caData: connection.caData,
    adminToken: connection.adminToken,
    gkeToken: connection.gkeToken,
    connection,
    namespaceCredential(namespace) {
      let pending = credentials.get(namespace);
      if (!pending) {
        pending = grantNamespaceWriter(target, connection, namespace);
        pending.catch(() => credentials.delete(namespace));
        credentials.set(namespace, pending);
      }
      return pending;
    },
    async writeKubeconfig(opts = {}) {
      const token = opts.token ?? connection.adminToken;
      const path = opts.path ?? join(await ownDir(), `kubeconfig-${++kubeconfigCount}.yaml`);
      return writeKubeconfigFile(path, {
        server: connection.server, caData: connection.caData, token, user: userOf(token),
        ...(opts.namespace ? { namespace: opts.namespace } : {}), ...(opts.context ? { context: opts.context } : {}),
      });
    },
    async kubectl(args, opts = {}) {
      adminKubeconfig ??= handle.writeKubeconfig();
      const kubeconfig = await adminKubeconfig;
      const tokenArgs = opts.token ? [`--token=${opts.token}`] : [];
      return run(await kubectlBinary(), [`--kubeconfig=${kubeconfig}`, ...tokenArgs, ...args], opts.input);
    },
    async stop() {
      if (options.stop) return options.stop();
      if (workDir && !options.workDir) await rm(await workDir, { recursive: true, force: true });
    },
  };
  return handle;
}

/** Claims a pool user cluster-wide (a ConfigMap named after it; 409 means taken) and lets it write only `namespace`. */
async function grantNamespaceWriter(target: ApiTarget, connection: ClusterConnection, namespace: string): Promise<{ user: string; token: string }> {
  const admin = connection.adminToken;
  await createIfMissing(target, admin, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  let claimed: { user: string; token: string } | undefined;
  for (const candidate of connection.namespaceUsers) {
    const outcome = await createIfMissing(target, admin, `/api/v1/namespaces/${HARNESS_NAMESPACE}/configmaps`, {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `claim-${candidate.user}` }, data: { namespace },
    });
    if (outcome === 'created') { claimed = candidate; break; }
  }
  if (!claimed) throw new Error(`all ${connection.namespaceUsers.length} namespace users are taken; raise NAMESPACE_USER_POOL`);

  const rbac = `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}`;
  await createIfMissing(target, admin, `${rbac}/roles`, {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role',
    metadata: { name: NAMESPACE_WRITER_ROLE },
    rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
  });
  await createIfMissing(target, admin, `${rbac}/rolebindings`, {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding',
    metadata: { name: `${NAMESPACE_WRITER_ROLE}-${claimed.user}` },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: NAMESPACE_WRITER_ROLE },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: claimed.user }],
  });
  // The RBAC authorizer reads from an informer cache: wait until it has seen the binding.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = await apiRequest(target, claimed.token, 'GET', `/api/v1/namespaces/${namespace}/configmaps?limit=1`);
    if (probe.status === 200) return claimed;
    if (probe.status !== 403 || Date.now() > deadline) throw new Error(`${claimed.user} cannot read ${namespace} after binding: ${probe.status} ${probe.body}`);
    await sleep(50);
  }
}

async function startEtcd(dir: string): Promise<{ process: ManagedProcess; url: string }> {
  const [clientPort, peerPort] = await Promise.all([freePort(), freePort()]);
  const dataDir = join(dir, 'etcd');
  await mkdir(dataDir, { mode: 0o700 });
  const url = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const etcd = startProcess('etcd', etcdBinary(), [
    '--name=kubecd', `--data-dir=${dataDir}`,
    `--listen-client-urls=${url}`, `--advertise-client-urls=${url}`,
    `--listen-peer-urls=${peer}`, `--initial-advertise-peer-urls=${peer}`, `--initial-cluster=kubecd=${peer}`,
    '--logger=zap', '--log-outputs=stderr',
  ]);
  await etcd.waitFor(/serving client traffic|ready to serve client requests/, 20_000);
  return { process: etcd, url };
}

async function waitUntilReady(target: ApiTarget, token: string, apiserver: ManagedProcess): Promise<string> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (apiserver.child.exitCode !== null || apiserver.child.signalCode !== null) {
      throw new Error(`kube-apiserver exited before it was ready:\n${apiserver.output().split('\n').slice(-30).join('\n')}`);
    }
    try {
      const ready = await apiRequest(target, token, 'GET', '/readyz', undefined, 2_000);
      if (ready.status === 200) {
        return (await apiRequest(target, token, 'GET', '/version')).json<{ gitVersion: string }>().gitVersion;
      }
      last = `${ready.status} ${ready.body.split('\n').filter((l) => l.startsWith('[-]')).join(', ')}`;
    } catch (error) {
      last = String(error);
    }
    await sleep(200);
  }
  throw new Error(`kube-apiserver not ready within ${READY_TIMEOUT_MS} ms (last: ${last}):\n${apiserver.output().split('\n').slice(-30).join('\n')}`);
}

function tokenLine(token: string, user: string, groups: string[]): string {
  return groups.length ? `${token},${user},${user},"${groups.join(',')}"` : `${token},${user},${user}`;
}

function newToken(): string {
  return randomBytes(24).toString('hex');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function run(command: string, args: string[], input?: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', (error) => { clearTimeout(timer); reject(error); });
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ stdout, stderr, code: code ?? (signal ? 128 : 1) }); });
    child.stdin.end(input ?? '');
  });
}
