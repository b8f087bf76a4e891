// `npm run harness:smoke`: starts the whole loopback stack, proves each piece works, tears it down and checks that
// nothing is left running. Prints each piece's start-up time and ends with `smoke: N passed, M failed`.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chartArchives, isolatedHelmEnv } from './charts.js';
import { git, seedRepo } from './git.js';
import { pushImage } from './images.js';
import { cleanupAll, makeTempDir, runningProcesses } from './process.js';
import { listTags, type RegistryAuth } from './registry.js';
import { EXAMPLE_GCE_ADDRESS, EXAMPLE_GKE_CLUSTER, GITHUB_OWNER, GITHUB_REPO, startStack, type Stack } from './stack.js';
import { helmBinary, kubectlBinary } from './tools.js';

const execFileAsync = promisify(execFile);

interface CheckResult { name: string; ok: boolean; ms: number; detail?: string }

const results: CheckResult[] = [];

async function check(name: string, body: () => Promise<string | void>): Promise<void> {
  const t0 = performance.now();
  try {
    const detail = await body();
    results.push({ name, ok: true, ms: Math.round(performance.now() - t0), ...(detail ? { detail } : {}) });
  } catch (error) {
    results.push({ name, ok: false, ms: Math.round(performance.now() - t0), detail: (error as Error).message.split('\n').slice(0, 6).join('\n') });
  }
  const last = results.at(-1)!;
  console.log(`${last.ok ? 'ok  ' : 'FAIL'} ${name} (${last.ms} ms)${last.detail ? `: ${last.detail}` : ''}`);
}

function expect(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

async function run(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, { env: env ?? process.env, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(error) };
  }
}

async function must(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const result = await run(command, args, env);
  if (result.code !== 0) throw new Error(`${command.split('/').at(-1)} ${args.join(' ')} exited ${result.code}: ${result.stderr.trim()}`);
  return result.stdout;
}

async function helmAndKubectl(stack: Stack): Promise<void> {
  const kubeconfig = await stack.cluster.writeKubeconfig();
  const kubectl = await kubectlBinary();
  const helmEnv = async () => ({ ...isolatedHelmEnv(await makeTempDir('smoke-helm'), stack.oci.registryConfig), KUBECONFIG: kubeconfig });

  await check('helm 3 installs the classic-repo chart (echo) into the API server', async () => {
    const helm = await helmBinary(3);
    await must(helm, ['install', 'echo-h3', 'echo', '--repo', stack.chartRepo.url, '--version', '0.1.0', '--namespace', 'smoke-helm3', '--create-namespace'], await helmEnv());
    const deployment = JSON.parse(await must(kubectl, ['--kubeconfig', kubeconfig, 'get', 'deployment', 'echo-h3', '-n', 'smoke-helm3', '-o', 'json'])) as { spec: { template: { spec: { containers: { image: string }[] } } } };
    return `deployment image ${deployment.spec.template.spec.containers[0]?.image}`;
  });

  await check('helm 4 installs the OCI chart (hello) into the API server', async () => {
    const helm = await helmBinary(4);
    await must(helm, ['install', 'hello-h4', stack.oci.reference('hello'), '--version', '0.2.0', '--plain-http', '--namespace', 'smoke-helm4', '--create-namespace'], await helmEnv());
    const configMap = JSON.parse(await must(kubectl, ['--kubeconfig', kubeconfig, 'get', 'configmap', 'hello-h4-hello', '-n', 'smoke-helm4', '-o', 'json'])) as { data: Record<string, string> };
    expect(configMap.data.chartVersion === '0.2.0', `chartVersion is ${configMap.data.chartVersion}`);
    return 'configmap carries chart version 0.2.0';
  });

  await check('kubectl applies a manifest', async () => {
    const manifest = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'smoke', namespace: 'default' }, data: { applied: 'yes' } });
    const applied = await stack.cluster.kubectl(['apply', '-f', '-'], { input: manifest });
    expect(applied.code === 0, `kubectl apply: ${applied.stderr}`);
    const read = await stack.cluster.kubectl(['get', 'configmap', 'smoke', '-n', 'default', '-o', 'jsonpath={.data.applied}']);
    expect(read.stdout === 'yes', `read back ${JSON.stringify(read.stdout)}`);
  });

  await check('an OCI chart and a classic-repo chart are pulled', async () => {
    const dir = await makeTempDir('smoke-pull');
    const env = await helmEnv();
    await must(await helmBinary(4), ['pull', stack.oci.reference('hello'), '--version', '0.1.0', '--plain-http', '--destination', dir], env);
    await must(await helmBinary(3), ['pull', 'echo', '--repo', stack.chartRepo.url, '--version', '0.1.0', '--destination', dir], env);
    const archives = await chartArchives(dir);
    expect(archives.join(',') === 'echo-0.1.0.tgz,hello-0.1.0.tgz', `pulled ${archives.join(', ')}`);
    return archives.join(', ');
  });

  await check('a namespace-scoped credential writes its namespace and is refused in another', async () => {
    const { token } = await stack.cluster.namespaceCredential('smoke-team-a');
    await stack.cluster.kubectl(['create', 'namespace', 'smoke-team-b']);
    const configMap = (ns: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'scoped', namespace: ns } });
    const own = await stack.cluster.kubectl(['apply', '-f', '-'], { token, input: configMap('smoke-team-a') });
    expect(own.code === 0, `own namespace refused: ${own.stderr}`);
    const other = await stack.cluster.kubectl(['apply', '-f', '-'], { token, input: configMap('smoke-team-b') });
    expect(other.code !== 0 && /forbidden/i.test(other.stderr), `another namespace was not refused: code ${other.code} ${other.stderr}`);
    return 'refused: forbidden';
  });
}

async function registries(stack: Stack): Promise<void> {
  for (const [auth, registry] of Object.entries(stack.registries) as [RegistryAuth, NonNullable<Stack['registry']>][]) {
    await check(`registry (${auth}): push an image and list its tags`, async () => {
      await pushImage(registry, { repository: 'smoke/app', tag: ['1.0.0', '1.1.0'], created: '2026-01-01T00:00:00Z', format: 'oci' });
      const tags = (await listTags(registry, 'smoke/app')).sort();
      expect(tags.join(',') === '1.0.0,1.1.0', `tags ${tags.join(', ')}`);
      if (auth !== 'anonymous') {
        const anonymous = await fetch(`${registry.url}/v2/smoke/app/tags/list`);
        expect(anonymous.status === 401, `an anonymous tag list answered ${anonymous.status}`);
        return 'anonymous listing refused (401)';
      }
    });
  }
}

async function standIns(stack: Stack): Promise<void> {
  const { github, google, slack } = stack;
  await check('GitHub REST stand-in: a branch ref with the token, 401 without it', async () => {
    const seeded = await seedRepo({ 'README.md': 'smoke\n' });
    await git(seeded.workDir, ['push', '--quiet', stack.remote.url, 'HEAD:refs/heads/main']);
    const url = `${github.url}/repos/${GITHUB_OWNER}/${GITHUB_REPO}/git/ref/heads/main`;
    const headers = (token: string) => ({ authorization: `token ${token}`, 'user-agent': 'kubecd-smoke' });
    const good = await fetch(url, { headers: headers(stack.githubToken) });
    const bad = await fetch(url, { headers: headers('wrong') });
    expect(good.status === 200 && bad.status === 401, `answered ${good.status} and ${bad.status}`);
  });

  const audienceUrl = `${google.oidc.requestUrl}&audience=${encodeURIComponent(google.oidcAudience)}`;
  let idToken = '';
  await check('GitHub OIDC stand-in: an ID token with the request token, 401 without it', async () => {
    const good = await fetch(audienceUrl, { headers: { authorization: `Bearer ${google.oidc.requestToken}` } });
    const bad = await fetch(audienceUrl);
    expect(good.status === 200 && bad.status === 401, `answered ${good.status} and ${bad.status}`);
    idToken = ((await good.json()) as { value: string }).value;
  });

  let federated = '';
  await check('Google STS stand-in: exchanges the ID token, refuses a wrong audience', async () => {
    const body = (audience: string) => new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange', audience,
      requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt', subject_token: idToken,
      scope: 'https://www.googleapis.com/auth/cloud-platform',
    });
    const good = await fetch(google.sts.tokenUrl, { method: 'POST', body: body(google.sts.audience) });
    const bad = await fetch(google.sts.tokenUrl, { method: 'POST', body: body('//iam.googleapis.com/wrong') });
    expect(good.status === 200 && bad.status >= 400 && bad.status < 500, `answered ${good.status} and ${bad.status}`);
    federated = ((await good.json()) as { access_token: string }).access_token;
  });

  let accessToken = '';
  await check('IAM Credentials stand-in: impersonates with the federated token, 401 with a bogus one', async () => {
    const call = (token: string) => fetch(google.iam.impersonationUrl(google.serviceAccount), {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ scope: ['https://www.googleapis.com/auth/cloud-platform'] }),
    });
    const good = await call(federated);
    const bad = await call('bogus');
    expect(good.status === 200 && bad.status === 401, `answered ${good.status} and ${bad.status}`);
    accessToken = ((await good.json()) as { accessToken: string }).accessToken;
  });

  await check('GKE stand-in: clusters.get names the local API server, 404 for another cluster; the API server accepts the minted token', async () => {
    const base = `${google.gke.url}/v1/projects/${EXAMPLE_GKE_CLUSTER.project}/locations/${EXAMPLE_GKE_CLUSTER.location}/clusters`;
    const headers = { authorization: `Bearer ${accessToken}` };
    const good = await fetch(`${base}/${EXAMPLE_GKE_CLUSTER.name}`, { headers });
    const bad = await fetch(`${base}/missing`, { headers });
    expect(good.status === 200 && bad.status === 404, `answered ${good.status} and ${bad.status}`);
    const cluster = (await good.json()) as { endpoint: string };
    expect(`https://${cluster.endpoint}` === stack.cluster.server, `endpoint ${cluster.endpoint}`);
    const whoami = await stack.cluster.kubectl(['auth', 'can-i', 'create', 'deployments', '-n', 'shop'], { token: accessToken });
    expect(whoami.stdout.trim() === 'yes', `the API server answered ${whoami.stdout.trim()} ${whoami.stderr.trim()}`);
  });

  await check('Compute Engine stand-in: addresses.get with a token, 401 without', async () => {
    const url = `${google.gce.url}/compute/v1/projects/${EXAMPLE_GCE_ADDRESS.project}/regions/${EXAMPLE_GCE_ADDRESS.region}/addresses/${EXAMPLE_GCE_ADDRESS.name}`;
    const good = await fetch(url, { headers: { authorization: `Bearer ${accessToken}` } });
    const bad = await fetch(url);
    expect(good.status === 200 && bad.status === 401, `answered ${good.status} and ${bad.status}`);
    const address = ((await good.json()) as { address: string }).address;
    expect(address === EXAMPLE_GCE_ADDRESS.address, `address ${address}`);
  });

  await check('Slack stand-in: a message is accepted, a broken body is refused', async () => {
    const post = (body: string) => fetch(slack.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const good = await post('{"text":"smoke"}');
    const bad = await post('{oops');
    expect(good.status === 200 && bad.status === 400, `answered ${good.status} and ${bad.status}`);
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  console.log('smoke: starting the stack (registries, chart repository, API server, stand-ins) ...');
  let stack: Stack;
  try {
    stack = await startStack();
  } catch (error) {
    console.log(`FAIL start the stack: ${(error as Error).message}`);
    await cleanupAll();
    console.log('smoke: 0 passed, 1 failed');
    return 1;
  }
  console.log('start-up times (pieces start concurrently):');
  for (const t of stack.timings) console.log(`  ${t.piece.padEnd(46)} ${String(t.ms).padStart(6)} ms${t.note ? `  (${t.note})` : ''}`);

  const urls = [stack.github.url, stack.google.gke.url, stack.slack.url, stack.chartRepo.url, stack.registry.url];
  try {
    await helmAndKubectl(stack);
    await registries(stack);
    await standIns(stack);
  } finally {
    const pids = runningProcesses().map((p) => ({ name: p.name, pid: p.pid }));
    await check('teardown leaves no process and no listening port behind', async () => {
      await stack.stop();
      await cleanupAll();
      const alive = pids.filter((p) => isAlive(p.pid));
      expect(alive.length === 0, `still running: ${alive.map((p) => `${p.name} (${p.pid})`).join(', ')}`);
      expect(runningProcesses().length === 0, `harness still tracks ${runningProcesses().map((p) => p.name).join(', ')}`);
      const answering: string[] = [];
      for (const url of urls) {
        try {
          await fetch(url, { signal: AbortSignal.timeout(2_000) });
          answering.push(url);
        } catch {
          // refused: nothing listens there any more
        }
      }
      expect(answering.length === 0, `still answering: ${answering.join(', ')}`);
      return `${pids.length} processes stopped (${pids.map((p) => p.name).join(', ')})`;
    });
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`smoke: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
