// The agent's own Helm chart (charts/kubecd-agent): real `helm lint` and `helm template` with Helm 3 and 4,
// and real `helm install` into the test API server, where the RBAC it makes is checked for what the agent's
// ServiceAccount may and may not do. No controllers run: the Deployment is created, its pods never are.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { AGENT_FLAGS, agentConfig } from '../../src/agent/config.js';
import { parseCommand } from '../../src/cli/args.js';
import { APPLY_SETTINGS } from '../../src/deploy/request.js';
import { run, type RunResult } from '../../src/exec/run.js';
import { isolatedHelmEnv } from '../harness/charts.js';
import { cleanupAll, makeTempDir } from '../harness/process.js';
import { HELM_MAJORS, helmBinary, REPO_ROOT } from '../harness/tools.js';
import { useCluster } from '../harness/use-cluster.js';

const cluster = useCluster();
afterAll(cleanupAll);

const CHART = join(REPO_ROOT, 'charts/kubecd-agent');
const HTTPS_VALUES = join(CHART, 'ci/https-values.yaml');
const SSH_VALUES = join(CHART, 'ci/ssh-values.yaml');

type Manifest = { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [key: string]: unknown };
type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };

let temp: string;
let appVersion: string;
let defaultRules: Rule[];
beforeAll(async () => {
  temp = await makeTempDir('agent-chart');
  appVersion = String((parse(await readFile(join(CHART, 'Chart.yaml'), 'utf8')) as { appVersion: string }).appVersion);
  defaultRules = (parse(await readFile(join(CHART, 'values.yaml'), 'utf8')) as { rbac: { rules: Rule[] } }).rbac.rules;
});

async function helm(major: 3 | 4, args: string[]): Promise<RunResult> {
  const home = join(temp, `helm-home-${major}`);
  return run(await helmBinary(major), args, { env: isolatedHelmEnv(home), timeoutMs: 120_000 });
}

/** A values file in the temp folder (so tests pass YAML exactly, not through --set's own syntax). */
let valuesCount = 0;
async function valuesFile(values: unknown): Promise<string> {
  const file = join(temp, `values-${++valuesCount}.yaml`);
  await writeFile(file, stringify(values));
  return file;
}

async function template(major: 3 | 4, args: string[]): Promise<Manifest[]> {
  const result = await helm(major, ['template', 'agent', CHART, '--namespace', 'team', ...args]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return parseAllDocuments(result.stdout).map((d) => d.toJS() as Manifest).filter(Boolean);
}

function one(manifests: Manifest[], kind: string): Manifest & Record<string, any> {
  const found = manifests.filter((m) => m.kind === kind);
  expect(found.map((m) => m.kind)).toEqual([kind]);
  return found[0]! as Manifest & Record<string, any>;
}

/**
 * The value paths a schema failure names, dotted: Helm 3.18 prints `- agent.repo: ...` (and
 * `- (root): Additional property x`), Helm 4 prints `- at '/agent/repo': ...`.
 */
function schemaPaths(stderr: string): string[] {
  const paths: string[] = [];
  for (const line of stderr.split('\n')) {
    const helm4 = /^- at '([^']*)'/.exec(line);
    const helm3 = /^- ([\w.()]+): /.exec(line);
    if (helm4) paths.push(helm4[1]!.split('/').filter(Boolean).join('.') || '(root)');
    else if (helm3) paths.push(helm3[1]!);
  }
  return paths;
}

describe.each(HELM_MAJORS)('the kubecd-agent chart with Helm %i', (major) => {
  test('helm lint --strict passes with the https and the SSH example values', async () => {
    for (const values of [HTTPS_VALUES, SSH_VALUES]) {
      const result = await helm(major, ['lint', '--strict', CHART, '--values', values]);
      expect(`${result.stdout}${result.stderr}`).toContain('1 chart(s) linted, 0 chart(s) failed');
      expect(result.code).toBe(0);
    }
  });

  test('helm lint fails without the values the agent cannot run without (repository, environments)', async () => {
    const result = await helm(major, ['lint', CHART]);
    expect(result.code).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toMatch(/agent[./]repo/);
  });

  test('renders a locked-down pod: non-root, read-only root, no capabilities, RuntimeDefault seccomp, probes, token mounted', async () => {
    const manifests = await template(major, ['--values', HTTPS_VALUES]);
    const deployment = one(manifests, 'Deployment');
    const pod = deployment['spec'].template.spec;
    const container = pod.containers[0];
    expect(deployment['spec'].replicas).toBe(1);
    expect(deployment['spec'].strategy).toEqual({ type: 'Recreate' });
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(one(manifests, 'ServiceAccount')['automountServiceAccountToken']).toBe(true);
    expect(pod.serviceAccountName).toBe('agent-kubecd-agent');
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(container.resources.limits.memory).toBe('512Mi');
    // The image tag defaults to the chart's appVersion.
    expect(container.image).toBe(`ghcr.io/zedge/kubecd-agent:${appVersion}`);
    // Flags as `kubecd agent` spells them (src/agent/config.ts), files from the mounted Secret.
    expect(container.args).toEqual([
      'agent',
      '--repo=https://github.com/example/deployments.git',
      '--branch=main',
      '--environments=environments.yaml',
      '--environment=prod',
      '--interval=5m',
      '--listen=:8080',
      '--webhook-secret-file=/etc/kubecd-agent/secret/webhook-secret',
      '--git-token-file=/etc/kubecd-agent/secret/git-token',
    ]);
    expect(pod.volumes.find((v: { name: string }) => v.name === 'secret').secret).toEqual({ secretName: 'agent-kubecd-agent', defaultMode: 0o440 });
    const secret = one(manifests, 'Secret');
    expect(Object.keys(secret['data']).sort()).toEqual(['git-token', 'webhook-secret']);
    expect(Buffer.from(secret['data']['webhook-secret'], 'base64').toString()).toBe('not-a-real-secret');
    expect(one(manifests, 'Service')['spec'].ports).toEqual([{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }]);
    // One Role and one RoleBinding, in the release's namespace; nothing cluster-wide.
    expect(manifests.map((m) => m.kind).sort()).toEqual(['Deployment', 'Role', 'RoleBinding', 'Secret', 'Service', 'ServiceAccount']);
    expect(one(manifests, 'Role').metadata.namespace).toBe('team');
    expect(one(manifests, 'RoleBinding')['subjects']).toEqual([{ kind: 'ServiceAccount', name: 'agent-kubecd-agent', namespace: 'team' }]);
  });

  test('an image digest wins over the tag; an SSH repository gets the deploy key and known_hosts flags; an existing Secret is used as is', async () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    const byDigest = one(await template(major, ['--values', HTTPS_VALUES, '--set', `image.digest=${digest}`, '--set', 'image.tag=9.9.9']), 'Deployment');
    expect(byDigest['spec'].template.spec.containers[0].image).toBe(`ghcr.io/zedge/kubecd-agent@${digest}`);
    const tagged = one(await template(major, ['--values', HTTPS_VALUES, '--set', 'image.tag=1.2.3']), 'Deployment');
    expect(tagged['spec'].template.spec.containers[0].image).toBe('ghcr.io/zedge/kubecd-agent:1.2.3');

    const ssh = await template(major, ['--values', SSH_VALUES]);
    const args: string[] = one(ssh, 'Deployment')['spec'].template.spec.containers[0].args;
    expect(args).toContain('--ssh-key-file=/etc/kubecd-agent/secret/ssh-privatekey');
    expect(args).toContain('--ssh-known-hosts-file=/etc/kubecd-agent/secret/known_hosts');
    expect(args.filter((a) => a.startsWith('--environment='))).toEqual(['--environment=prod-eu', '--environment=prod-us']);
    expect(args.some((a) => a.startsWith('--webhook-secret-file') || a.startsWith('--git-token-file'))).toBe(false);
    expect(ssh.filter((m) => m.kind === 'Role').map((m) => m.metadata.namespace)).toEqual(['prod-eu', 'prod-us']);

    const existing = await template(major, ['--values', await valuesFile({ agent: { repo: 'ssh://git@git.example.com:2222/team/deployments.git', environments: ['prod'] }, secret: { existingSecret: 'agent-credentials' } })]);
    expect(existing.map((m) => m.kind)).not.toContain('Secret');
    const pod = one(existing, 'Deployment')['spec'].template.spec;
    expect(pod.volumes.find((v: { name: string }) => v.name === 'secret').secret.secretName).toBe('agent-credentials');
    expect(pod.containers[0].args).toContain('--webhook-secret-file=/etc/kubecd-agent/secret/webhook-secret');
  });

  test.each([
    ['an empty environment list', { agent: { environments: [] } }, 'agent.environments'],
    ['an http:// repository', { agent: { repo: 'http://git.example.com/deployments.git' } }, 'agent.repo'],
    ['a repository that is an option', { agent: { repo: '--upload-pack=touch /tmp/x' } }, 'agent.repo'],
    ['an environment name git or helm would read as an option', { agent: { environments: ['-rf'] } }, 'agent.environments.0'],
    ['a duration in words', { agent: { interval: '5 minutes' } }, 'agent.interval'],
    ['a short digest', { image: { digest: 'sha256:abc' } }, 'image.digest'],
    ['a namespace that is not a DNS label', { rbac: { namespaces: ['Team_A'] } }, 'rbac.namespaces.0'],
    ['a rule with verb *', { rbac: { extraRules: [{ apiGroups: ['monitoring.coreos.com'], resources: ['servicemonitors'], verbs: ['*'] }] } }, 'rbac.extraRules.0.verbs.0'],
    ['a rule granting escalate', { rbac: { extraRules: [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['escalate'] }] } }, 'rbac.extraRules.0.verbs.0'],
    ['a rule over every resource', { rbac: { extraRules: [{ apiGroups: [''], resources: ['*'], verbs: ['get'] }] } }, 'rbac.extraRules.0.resources.0'],
    ['a privileged port the non-root agent cannot bind', { port: 80 }, 'port'],
    ['a misspelt key', { agnet: { repo: 'x' } }, '(root)'],
  ])('helm template refuses %s through values.schema.json', async (_, bad, path) => {
    const result = await helm(major, ['template', 'agent', CHART, '--values', HTTPS_VALUES, '--values', await valuesFile(bad)]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("values don't meet the specifications of the schema");
    expect(schemaPaths(result.stderr)).toContain(path);
    expect(result.stdout).toBe('');
  });

  test.each([
    ['the webhook without its secret', { secret: { webhookSecret: '' } }, /secret\.webhookSecret is required while webhook\.enabled/],
    ['an SSH repository without a deploy key', { agent: { repo: 'git@github.com:example/deployments.git' }, secret: { gitToken: '' } }, /secret\.sshPrivateKey \(a deploy key\) is required/],
    ['a deploy key without known_hosts', { agent: { repo: 'git@github.com:example/deployments.git' }, secret: { gitToken: '', sshPrivateKey: 'k' } }, /secret\.knownHosts is required/],
    ['a git token for an SSH repository', { agent: { repo: 'git@github.com:example/deployments.git' }, secret: { sshPrivateKey: 'k', knownHosts: 'h' } }, /secret\.gitToken is for an https:\/\/ repository/],
  ])('helm template refuses %s with a message that says what to give', async (_, bad, message) => {
    const result = await helm(major, ['template', 'agent', CHART, '--values', HTTPS_VALUES, '--values', await valuesFile(bad)]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
  });
});

describe("the chart's arguments and the agent's flags", () => {
  /** The options `kubecd agent` parses (src/cli/commands/agent.ts). */
  const AGENT_OPTIONS = {
    ...Object.fromEntries(Object.entries(APPLY_SETTINGS).map(([name, spec]) => [name, { type: spec.type }])),
    ...AGENT_FLAGS,
  } as Parameters<typeof parseCommand>[1];

  async function agentArgs(values: string[]): Promise<string[]> {
    const args: string[] = one(await template(4, values), 'Deployment')['spec'].template.spec.containers[0].args;
    expect(args[0]).toBe('agent');
    return args.slice(1);
  }

  test("what the chart passes is what `kubecd agent` accepts, with the Secret's files where the flags point", async () => {
    const https = parseCommand(await agentArgs(['--values', HTTPS_VALUES, '--set', 'agent.environmentsFile=deploy/environments.yaml']), AGENT_OPTIONS);
    const config = agentConfig(https.values, https.environmentsFile);
    expect(config).toMatchObject({
      repo: { transport: 'https', url: 'https://github.com/example/deployments.git' },
      branch: 'main',
      environmentsFile: 'deploy/environments.yaml',
      environments: ['prod'],
      listen: { port: 8080 },
      webhookSecretFile: '/etc/kubecd-agent/secret/webhook-secret',
      gitTokenFile: '/etc/kubecd-agent/secret/git-token',
    });
    expect(config.schedule.intervalMs).toBe(300_000);

    const extra = ['--set', 'agent.extraArgs={--prune,--wait,--timeout=10m,--backoff-max=15m}'];
    const ssh = parseCommand(await agentArgs(['--values', SSH_VALUES, ...extra]), AGENT_OPTIONS);
    const sshConfig = agentConfig(ssh.values, ssh.environmentsFile);
    expect(sshConfig).toMatchObject({
      repo: { transport: 'ssh' },
      environments: ['prod-eu', 'prod-us'],
      ssh: { keyFile: '/etc/kubecd-agent/secret/ssh-privatekey', knownHostsFile: '/etc/kubecd-agent/secret/known_hosts' },
    });
    expect(sshConfig.webhookSecretFile).toBeUndefined();
    expect(sshConfig.schedule).toMatchObject({ intervalMs: 5_400_000, backoffMaxMs: 900_000 });
    expect(sshConfig.deploy).toMatchObject({ prune: true, wait: true, timeout: '10m' });
  });
});

/** kubectl as the test cluster's admin; fails the test on a non-zero exit. */
async function kubectl(args: string[]): Promise<string> {
  const result = await cluster.kubectl(args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

async function items(args: string[]): Promise<Manifest[]> {
  return (JSON.parse(await kubectl([...args, '--output=json'])) as { items: Manifest[] }).items;
}

/** `kubectl auth can-i` for the ServiceAccount, answered by the API server's RBAC authorizer. */
async function canI(serviceAccount: string, verb: string, resource: string, namespace?: string): Promise<boolean> {
  // `pods/exec` would read as the pod named exec: a subresource has its own flag.
  const [kind, subresource] = resource.split('/');
  const args = ['auth', 'can-i', verb, kind!, ...(subresource ? [`--subresource=${subresource}`] : []), `--as=${serviceAccount}`];
  const result = await cluster.kubectl([...args, ...(namespace ? [`--namespace=${namespace}`] : ['--all-namespaces'])]);
  expect(result.stdout.trim()).toMatch(/^(yes|no)$/);
  return result.stdout.trim() === 'yes';
}

function bindsServiceAccount(binding: Manifest, namespace: string, name: string): boolean {
  const subjects = (binding as { subjects?: { kind: string; name: string; namespace?: string }[] }).subjects ?? [];
  return subjects.some((s) => s.kind === 'ServiceAccount' && s.name === name && s.namespace === namespace);
}

/** A chart of what a deployments repo's releases hold: a Deployment, a Service, a ConfigMap, a Role and its binding. */
async function appChart(): Promise<string> {
  const dir = join(temp, 'app-chart');
  await mkdir(join(dir, 'templates'), { recursive: true });
  await writeFile(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: app\nversion: 1.0.0\n');
  await writeFile(join(dir, 'values.yaml'), 'message: hello\nclusterWide: false\n');
  await writeFile(join(dir, 'templates/app.yaml'), `apiVersion: v1
kind: ConfigMap
metadata:
  name: app
data:
  message: {{ .Values.message | quote }}
---
apiVersion: v1
kind: Service
metadata:
  name: app
spec:
  selector: { app: app }
  ports: [{ port: 80 }]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  selector: { matchLabels: { app: app } }
  template:
    metadata:
      labels: { app: app }
      annotations: { message: {{ .Values.message | quote }} }
    spec:
      containers: [{ name: app, image: "example.com/app:1.0.0" }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: app-reader
rules: [{ apiGroups: [""], resources: [configmaps], verbs: [get] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: app-reader
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: app-reader }
subjects: [{ kind: ServiceAccount, name: default, namespace: {{ .Release.Namespace }} }]
{{- if .Values.clusterWide }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: app-{{ .Release.Namespace }}
rules: [{ apiGroups: [""], resources: [namespaces], verbs: [list] }]
{{- end }}
`);
  return dir;
}

describe.each(HELM_MAJORS)('the kubecd-agent chart installed with Helm %i into the API server', (major) => {
  const namespace = `agent-chart-h${major}`;
  const serviceAccount = `system:serviceaccount:${namespace}:kubecd-agent`;

  test('installs with rights in its namespace only, and makes a namespaced Role bound to the agent ServiceAccount there alone', async () => {
    // The installer may write this namespace and nothing else: the chart needs no cluster-wide rights.
    const installer = await cluster.namespaceCredential(namespace);
    const kubeconfig = await cluster.writeKubeconfig({ token: installer.token, namespace });
    const install = await helm(major, ['install', 'kubecd-agent', CHART, '--namespace', namespace, '--kubeconfig', kubeconfig, '--values', HTTPS_VALUES]);
    expect(install.stderr).toBe('');
    expect(install.code).toBe(0);
    expect(install.stdout).toContain('It may deploy into these namespaces only: ' + namespace);

    const [deployment] = await items(['get', 'deployments', `--namespace=${namespace}`]);
    expect(deployment!.metadata.name).toBe('kubecd-agent');
    const pod = (deployment as any).spec.template.spec;
    expect(pod.serviceAccountName).toBe('kubecd-agent');
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(pod.containers[0].image).toBe(`ghcr.io/zedge/kubecd-agent:${appVersion}`);
    expect(pod.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect((await items(['get', 'serviceaccounts', `--namespace=${namespace}`])).map((m) => m.metadata.name)).toContain('kubecd-agent');
    expect((await items(['get', 'services', `--namespace=${namespace}`])).map((m) => m.metadata.name)).toEqual(['kubecd-agent']);
    expect((await items(['get', 'secrets', `--namespace=${namespace}`, '--selector=app.kubernetes.io/name=kubecd-agent'])).map((m) => m.metadata.name)).toEqual(['kubecd-agent']);

    const roles = (await items(['get', 'roles', `--namespace=${namespace}`])).filter((r) => r.metadata.name === 'kubecd-agent');
    expect(roles).toHaveLength(1);
    expect((roles[0] as unknown as { rules: Rule[] }).rules.map((r) => ({ apiGroups: r.apiGroups, resources: r.resources, verbs: r.verbs }))).toEqual(defaultRules);
    const bindings = (await items(['get', 'rolebindings', '--all-namespaces'])).filter((b) => bindsServiceAccount(b, namespace, 'kubecd-agent'));
    expect(bindings.map((b) => `${b.metadata.namespace}/${b.metadata.name}`)).toEqual([`${namespace}/kubecd-agent`]);
    expect((await items(['get', 'clusterrolebindings'])).filter((b) => bindsServiceAccount(b, namespace, 'kubecd-agent'))).toEqual([]);
  });

  test("the RBAC authorizer lets the agent's ServiceAccount do what helm does in its namespace, and nothing elsewhere or beyond", async () => {
    for (const [verb, resource] of [['create', 'secrets'], ['update', 'secrets'], ['list', 'secrets'], ['patch', 'deployments.apps'], ['delete', 'services'], ['watch', 'jobs.batch'], ['create', 'rolebindings.rbac.authorization.k8s.io']]) {
      expect(`${verb} ${resource}: ${await canI(serviceAccount, verb!, resource!, namespace)}`).toBe(`${verb} ${resource}: true`);
    }
    const refused: [string, string, string?][] = [
      ['create', 'secrets', 'default'],
      ['list', 'secrets', 'kube-system'],
      ['list', 'namespaces'],
      ['create', 'clusterroles.rbac.authorization.k8s.io'],
      ['create', 'pods/exec', namespace],
      ['create', 'serviceaccounts/token', namespace],
      ['deletecollection', 'secrets', namespace],
      ['escalate', 'roles.rbac.authorization.k8s.io', namespace],
      ['bind', 'roles.rbac.authorization.k8s.io', namespace],
      ['impersonate', 'serviceaccounts', namespace],
      ['create', 'replicasets.apps', namespace],
    ];
    // The same questions can be answered yes: the installer of the namespace holds everything in it.
    const installer = await cluster.namespaceCredential(namespace);
    expect(await canI(installer.user, 'create', 'pods/exec', namespace)).toBe(true);
    for (const [verb, resource, where] of refused) {
      expect(`${verb} ${resource} in ${where ?? 'all namespaces'}: ${await canI(serviceAccount, verb, resource, where)}`).toBe(`${verb} ${resource} in ${where ?? 'all namespaces'}: false`);
    }
  });

  test("with the agent ServiceAccount's own token, helm installs, upgrades and uninstalls a release in the namespace; elsewhere it is forbidden", async () => {
    const token = (await kubectl(['create', 'token', 'kubecd-agent', `--namespace=${namespace}`, '--duration=10m'])).trim();
    const kubeconfig = await cluster.writeKubeconfig({ token, namespace });
    const chart = await appChart();
    const asAgent = (args: string[]) => helm(major, [...args, '--kubeconfig', kubeconfig]);

    const install = await asAgent(['upgrade', '--install', 'app', chart, '--namespace', namespace]);
    expect(install.stderr).toBe('');
    expect(install.code).toBe(0);
    const upgrade = await asAgent(['upgrade', '--install', 'app', chart, '--namespace', namespace, '--set', 'message=changed']);
    expect(upgrade.code).toBe(0);
    expect(JSON.parse(await kubectl(['get', 'configmap', 'app', `--namespace=${namespace}`, '--output=json'])).data).toEqual({ message: 'changed' });
    const releases = JSON.parse((await asAgent(['list', '--namespace', namespace, '--output', 'json'])).stdout) as { name: string; revision: string | number }[];
    expect(releases.filter((r) => r.name === 'app').map((r) => `${r.name}@${r.revision}`)).toEqual(['app@2']);

    const elsewhere = await asAgent(['upgrade', '--install', 'app', chart, '--namespace', 'default']);
    expect(elsewhere.code).not.toBe(0);
    expect(elsewhere.stderr).toMatch(/forbidden/i);

    const uninstall = await asAgent(['uninstall', 'app', '--namespace', namespace]);
    expect(uninstall.stderr).toBe('');
    expect(uninstall.code).toBe(0);
    expect((await items(['get', 'configmaps', `--namespace=${namespace}`])).map((m) => m.metadata.name)).not.toContain('app');

    // Cluster-scoped objects are beyond a Role: a chart that brings one fails, and says why.
    const clusterWide = await asAgent(['upgrade', '--install', 'wide', chart, '--namespace', namespace, '--set', 'clusterWide=true']);
    expect(clusterWide.code).not.toBe(0);
    expect(clusterWide.stderr).toMatch(/forbidden/i);
    expect(clusterWide.stderr).toContain('clusterroles');
    // ... and a Role granting more than the agent holds is refused by the API server's escalation check.
    const escalation = await cluster.kubectl(['create', 'role', 'too-much', '--verb=create', '--resource=pods/exec', `--namespace=${namespace}`, `--token=${token}`]);
    expect(escalation.code).not.toBe(0);
    expect(escalation.stderr).toMatch(/forbidden.*(escalat|not currently held)/i);
  });
});

describe('the kubecd-agent chart with rbac.namespaces', () => {
  test('one Role and RoleBinding per listed namespace, binding the ServiceAccount of the release namespace, and none in it', async () => {
    const [home, eu, us] = ['agent-chart-home', 'agent-chart-eu', 'agent-chart-us'];
    for (const namespace of [home, eu, us]) await kubectl(['create', 'namespace', namespace]);
    const kubeconfig = await cluster.writeKubeconfig({ namespace: home });
    const values = await valuesFile({ agent: { environments: ['prod-eu', 'prod-us'] }, rbac: { namespaces: [eu, us] } });
    const install = await helm(4, ['install', 'agent', CHART, '--namespace', home, '--kubeconfig', kubeconfig, '--values', HTTPS_VALUES, '--values', values]);
    expect(install.stderr).toBe('');
    expect(install.code).toBe(0);

    const bindings = (await items(['get', 'rolebindings', '--all-namespaces'])).filter((b) => bindsServiceAccount(b, home, 'agent-kubecd-agent'));
    expect(bindings.map((b) => b.metadata.namespace).sort()).toEqual([eu, us]);
    const roles = (await items(['get', 'roles', '--all-namespaces', '--selector=app.kubernetes.io/instance=agent'])).map((r) => `${r.metadata.namespace}/${r.metadata.name}`);
    expect(roles.sort()).toEqual([`${eu}/agent-kubecd-agent`, `${us}/agent-kubecd-agent`]);
    const account = `system:serviceaccount:${home}:agent-kubecd-agent`;
    expect(await canI(account, 'create', 'deployments.apps', eu)).toBe(true);
    expect(await canI(account, 'create', 'deployments.apps', us)).toBe(true);
    // Its own namespace is not one it deploys into.
    expect(await canI(account, 'create', 'deployments.apps', home)).toBe(false);
  });
});
