// A unique canary through every secret-bearing input of the three actions, each bundle run as a runner runs it,
// against a registry that needs the credentials, with check-upgrades committing in a real git repo. Every canary
// is then looked for in stdout (but `::add-mask::` lines), stderr, GITHUB_OUTPUT, the summary, every file of the
// repo (.git too, but its compressed objects) and `git log -p --all` of the commits the actions made.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runBundledAction, type ActionResult } from '../harness/action-runner.js';
import { git, seedRepo, type SeededRepo } from '../harness/git.js';
import { pushImages } from '../harness/images.js';
import { cleanupAll, makeTempDir } from '../harness/process.js';
import { startRegistry, type RunningRegistry } from '../harness/registry.js';
import { helmBinary, kubectlBinary } from '../harness/tools.js';
import { listTree, withoutMaskLines } from './checks.js';
import { buildRepo, q } from './generate.js';

// The temp folders (and processes) this file's worker made; the global teardown cannot see them.
afterAll(cleanupAll);

let registry: RunningRegistry;
let slack: Server;
const slackRequests: string[] = [];

beforeAll(async () => {
  registry = await startRegistry({ auth: 'token' });
  const old = new Date(Date.now() - 86_400_000).toISOString();
  await pushImages(registry, [
    { repository: 'team/web', tag: '1.0.0', created: old },
    { repository: 'team/web', tag: '1.0.1', created: new Date().toISOString() },
  ]);
  // A webhook that fails, echoing the path (where the webhook's secret is) in its body.
  slack = createServer((request, response) => {
    slackRequests.push(request.url ?? '');
    request.resume();
    response.writeHead(500, { 'content-type': 'text/plain' }).end(`no such hook: ${request.url}`);
  });
  await new Promise<void>((resolve) => slack.listen(0, '127.0.0.1', resolve));
}, 120_000);

afterAll(async () => {
  await registry?.stop();
  await new Promise<void>((resolve) => (slack ? slack.close(() => resolve()) : resolve()));
});

/** The forms a secret can leak in: as it is, URL-encoded, base64 alone and in the usual `user:secret` pairs. */
function forms(secret: string, users: string[]): string[] {
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  return [secret, encodeURIComponent(secret), b64(secret), ...users.map((user) => b64(`${user}:${secret}`))];
}

describe('canaries through every secret-bearing input', () => {
  test('no canary anywhere the actions write', { timeout: 240_000 }, async () => {
    const canaries = {
      'registry-credentials password': registry.password!,
      'docker config.json auth': registry.readOnlyUser!.password,
      token: `ghs_${randomBytes(18).toString('hex')}`,
      'slack-webhook-url': `hook${randomBytes(12).toString('hex')}`,
      'helm repository URL password': `repopw${randomBytes(12).toString('hex')}`,
    };
    const users = ['kubecd', 'reader', 'x-access-token', 'user'];

    const built = buildRepo({
      repoValue: `${registry.host}/team/web`,
      helmRepoUrl: q(`http://user:${canaries['helm repository URL password']}@127.0.0.1:1/charts`),
    });
    const { ['locks/test.yaml']: _lock, ...files } = built.files;
    const repo: SeededRepo = await seedRepo(files);
    const home = await makeTempDir('adv-canary-docker');
    const dockerConfig = join(home, 'docker');
    await mkdir(dockerConfig);
    await writeFile(join(dockerConfig, 'config.json'), JSON.stringify({
      auths: { [registry.host]: { auth: Buffer.from(`reader:${canaries['docker config.json auth']}`).toString('base64') } },
    }));
    const kubeconfig = join(home, 'kubeconfig');
    await writeFile(kubeconfig, [
      'apiVersion: v1', 'kind: Config', 'current-context: kind-test',
      'clusters:', '  - name: nowhere', '    cluster:', '      server: https://127.0.0.1:1',
      'contexts:', '  - name: kind-test', '    context:', '      cluster: nowhere', '      user: nobody',
      'users:', '  - name: nobody', '    user:', '      token: not-a-secret',
    ].join('\n'));
    const helm = await helmBinary(4);

    const runs: { name: string; result: ActionResult }[] = [];
    const run = async (name: string, action: 'lint' | 'check-upgrades' | 'apply', inputs: Record<string, string>, env: Record<string, string> = {}) => {
      const result = await runBundledAction(action, { workspace: repo.workDir, inputs, env, githubToken: canaries.token, timeoutMs: 120_000 });
      runs.push({ name, result });
      return result;
    };

    await run('lint (render)', 'lint', { render: 'true', helm });
    const upgrade = await run('check-upgrades (registry-credentials, commit: push)', 'check-upgrades', {
      'registry-credentials': JSON.stringify({ [registry.host]: { username: 'kubecd', password: canaries['registry-credentials password'] } }),
      token: canaries.token,
      commit: 'push',
    });
    await run('check-upgrades (docker config, commit: none)', 'check-upgrades', { token: canaries.token, commit: 'none' }, { DOCKER_CONFIG: dockerConfig });
    await run('apply (slack webhook)', 'apply', {
      environment: 'test', helm, kubectl: await kubectlBinary(), kubeconfig,
      'slack-webhook-url': `http://127.0.0.1:${(slack.address() as AddressInfo).port}/services/T0/B0/${canaries['slack-webhook-url']}`,
    });

    // The controls: the credentials were used (an upgrade was found and committed), the webhook was called.
    expect(JSON.parse(upgrade.outputs.updates ?? '[]'), upgrade.stdout.slice(-3000)).toHaveLength(1);
    const log = await git(repo.workDir, ['log', '-p', '--all', `^${repo.commit}`]);
    expect(log).toContain('1.0.1');
    expect(slackRequests.some((path) => path.includes(canaries['slack-webhook-url']))).toBe(true);

    // Where to look.
    const places: Record<string, string> = {};
    for (const { name, result } of runs) {
      places[`${name}: stdout`] = withoutMaskLines(result.stdout);
      places[`${name}: stderr`] = result.stderr;
      places[`${name}: GITHUB_OUTPUT`] = JSON.stringify(result.outputs);
      places[`${name}: summary`] = result.summary;
    }
    places['git log -p --all (the actions\' commits)'] = log;
    for (const file of await listTree(repo.workDir)) {
      if (/^\.git\/objects\//.test(file) || file === 'environments.yaml') continue; // compressed; the helm URL's own source
      places[`file ${file}`] = await readFile(join(repo.workDir, file), 'latin1');
    }

    const leaks: string[] = [];
    for (const [input, secret] of Object.entries(canaries)) {
      for (const [place, text] of Object.entries(places)) {
        const form = forms(secret, users).find((f) => text.includes(f));
        if (form === undefined) continue;
        // Where it leaked, the canary itself replaced, so the report shows the culprit line.
        const at = text.indexOf(form);
        leaks.push(`${input} in ${place}: …${text.slice(Math.max(0, at - 80), at + form.length + 40).replaceAll(form, '<CANARY>').replace(/\s+/g, ' ')}…`);
      }
    }
    console.log([
      `[adversarial canaries] ${Object.keys(canaries).length} canaries (${Object.keys(canaries).join(', ')})`,
      `  ${runs.length} action runs, ${Object.keys(places).length} places grepped (stdout, stderr, GITHUB_OUTPUT, summary per run; repo files; git log -p --all), leaks: ${leaks.length}`,
    ].join('\n'));
    expect(leaks).toEqual([]);
  });
});
