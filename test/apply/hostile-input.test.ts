// The apply, plan and check-upgrades paths with hostile input, through the engines and the actions (run from
// source with the runner's environment): chart references that read as helm options never reach helm (real
// helm 3 and 4), apply never reports "applied" for a helm that did not upgrade, a helm repository password and
// the Slack webhook path never show in logs or the summary, and an unreachable registry fails the job.
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, onTestFinished, test } from 'vitest';
import { applyEnvironment } from '../../src/deploy/apply.js';
import type { Logger } from '../../src/log/logger.js';
import { outcomeMarkdown } from '../../src/deploy/report.js';
import type { ApplyRequest } from '../../src/deploy/types.js';
import { detectHelm, type Helm } from '../../src/helm/helm.js';
import { loadRepo } from '../../src/repo/load.js';
import { postToSlack, webhookSecrets } from '../../src/notify/slack.js';
import { checkUpgradesCommand } from '../../src/cli/commands/check-upgrades.js';
import { runBundledAction, type ActionResult } from '../harness/action-runner.js';
import { freePort } from '../harness/ports.js';
import { HELM_MAJORS, helmBinary, kubectlBinary } from '../harness/tools.js';
import { startSlackStandIn, type SlackStandIn } from '../standins/slack.js';
import { hostileRepo, type HostileRepo } from './hostile-repo.js';

const PASSWORD = 'Hunter2-s3cr3t';
const REPO_URL = `http://deploy:${PASSWORD}@127.0.0.1:1/charts`;

/** A logger that keeps everything it is given, unmasked: what reaches it is what a log would hold. */
function recordingLogger(): Logger & { text(): string; secrets: string[] } {
  const lines: string[] = [];
  const secrets: string[] = [];
  return {
    info: (m) => lines.push(m),
    debug: (m) => lines.push(`debug: ${m}`),
    warning: (m) => lines.push(`warning: ${m}`),
    group: (title, body) => lines.push(title, ...body),
    secret: (value) => secrets.push(value),
    text: () => lines.join('\n'),
    secrets,
  };
}

let savedPath: string | undefined;
beforeEach(() => {
  savedPath = process.env.PATH;
});
afterEach(() => {
  process.env.PATH = savedPath;
});

async function repoWith(releases: string, url?: string): Promise<HostileRepo> {
  const repo = await hostileRepo(releases, url);
  onTestFinished(() => repo.remove());
  process.env.PATH = repo.path;
  return repo;
}

async function engine(repo: HostileRepo, helm: Helm, options: Partial<ApplyRequest> & { mutate?: (loaded: Awaited<ReturnType<typeof loadRepo>>) => void } = {}) {
  const loaded = await loadRepo(repo.environmentsFile);
  options.mutate?.(loaded);
  const logger = recordingLogger();
  const outcome = await applyEnvironment({
    loaded, environment: 'test', mode: 'apply', helm, kubectl: await kubectlBinary(), logger,
    credentials: { kubeconfig: repo.kubeconfig },
    ...options,
  });
  return { outcome, logger };
}

describe.each(HELM_MAJORS)('with Helm %i', (major) => {
  let helm: Helm;
  beforeAll(async () => {
    helm = await detectHelm(await helmBinary(major));
  });

  test.each(['apply', 'plan', 'dry-run'] as const)('%s refuses option-like chart references and release names before helm runs', async (mode) => {
    const repo = await repoWith('  - name: web\n    chart:\n      dir: ../charts/app\n  - name: help\n    chart:\n      dir: ../charts/app\n  - name: odd\n    chart:\n      dir: ../charts/app\n');
    const { outcome, logger } = await engine(repo, helm, {
      mode,
      // What a loader that missed them would hand over.
      mutate: (loaded) => {
        const [web, help, odd] = loaded.repo.environments[0]!.releases;
        web!.chart = { kind: 'repo', reference: `shared/--post-renderer=${repo.postRenderer}`, repoName: 'shared', chartName: `--post-renderer=${repo.postRenderer}`, repoUrl: 'http://127.0.0.1:1/charts', version: '0.1.0' };
        help!.chart = { kind: 'repo', reference: 'shared/-h', repoName: 'shared', chartName: '-h', repoUrl: 'http://127.0.0.1:1/charts', version: '0.1.0' };
        odd!.name = '--post-renderer=sh';
      },
    });
    expect(repo.markerExists()).toBe(false);
    expect(outcome.failed).toBe(true);
    expect(outcome.releases.map((r) => [r.name, r.result])).toEqual([['web', 'failed'], ['help', 'failed'], ['--post-renderer=sh', 'failed']]);
    expect(outcome.releases[0]!.reason).toMatch(/refusing to run helm: chart "--post-renderer=kubecd-test-post-renderer" is not a chart name/);
    expect(outcome.releases[1]!.reason).toMatch(/refusing to run helm: chart "-h" is not a chart name/);
    expect(outcome.releases[2]!.reason).toMatch(/refusing to run helm: release name "--post-renderer=sh" is not a valid release name/);
    expect(logger.text()).not.toMatch(/Usage:/);
  });

  test.each(['apply', 'plan'] as const)('%s sends a helm repository password nowhere: not the log, the outcome or the summary; the action masks it', async (mode) => {
    const repo = await repoWith('  - name: echo\n    chart:\n      reference: shared/echo\n      version: 0.1.0\n', REPO_URL);
    const { outcome, logger } = await engine(repo, helm, { mode });
    const echo = outcome.releases[0]!;
    expect(echo.result).toBe('failed');
    // plan's helm template fetches the chart first and quotes the URL in its error; it arrives masked
    if (mode === 'plan') expect(echo.error).toContain('http://deploy:***@127.0.0.1:1/charts');
    expect(logger.text()).toContain('chart echo from http://deploy:***@127.0.0.1:1/charts version 0.1.0');
    for (const text of [logger.text(), JSON.stringify(outcome), outcomeMarkdown(outcome)]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(`deploy:${PASSWORD}`);
    }
    expect(logger.secrets).toEqual(expect.arrayContaining([PASSWORD, `deploy:${PASSWORD}`, REPO_URL]));
  });
});

test('apply does not report "applied" when helm exits 0 without upgrading (it printed its help)', async () => {
  const repo = await repoWith('  - name: web\n    chart:\n      dir: ../charts/app\n');
  const fakeHelm = join(repo.root, 'bin', 'helm');
  await writeFile(fakeHelm, '#!/bin/sh\necho "Usage:"\necho "  helm upgrade [RELEASE] [CHART] [flags]"\nexit 0\n');
  await chmod(fakeHelm, 0o755);
  const { outcome } = await engine(repo, { path: fakeHelm, version: 'v3.18.0', major: 3 });
  expect(outcome.releases.map((r) => [r.name, r.result])).toEqual([['web', 'failed']]);
  expect(outcome.releases[0]!.reason).toMatch(/printed no release status/);
  expect(outcome.failed).toBe(true);
});

test('apply resolves resource files and chart folders again at use time: a symlink swapped in after loading deploys nothing', async () => {
  const repo = await repoWith('  - name: web\n    chart:\n      dir: ../charts/app\n');
  const outside = await mkdtemp(join(tmpdir(), 'kubecd-outside-'));
  onTestFinished(() => rm(outside, { recursive: true, force: true }));
  await writeFile(join(outside, 'secret.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: outside}\n');
  await writeFile(join(repo.root, 'resources.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: inside}\n');
  await writeFile(join(repo.root, 'releases', 'apps.yaml'), 'resourceFiles: [../resources.yaml]\nreleases:\n  - name: web\n    chart:\n      dir: ../charts/app\n');
  // A helm and kubectl that record any run: neither may run.
  const ran = join(repo.root, 'ran');
  for (const tool of ['helm', 'kubectl']) {
    await writeFile(join(repo.root, 'bin', tool), `#!/bin/sh\necho ${tool} >> '${ran}'\n`);
    await chmod(join(repo.root, 'bin', tool), 0o755);
  }
  const loaded = await loadRepo(repo.environmentsFile);
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  await rm(join(repo.root, 'resources.yaml'));
  await symlink(join(outside, 'secret.yaml'), join(repo.root, 'resources.yaml'));
  await expect(
    applyEnvironment({ loaded, environment: 'test', mode: 'apply', helm: { path: join(repo.root, 'bin', 'helm'), version: 'v3.18.0', major: 3 }, kubectl: join(repo.root, 'bin', 'kubectl'), logger: recordingLogger(), credentials: { kubeconfig: repo.kubeconfig } }),
  ).rejects.toThrow(/refusing to deploy: `resources.yaml` resolves outside the repository/);
  expect(existsSync(ran)).toBe(false);
});

describe('the Slack webhook', () => {
  let slack: SlackStandIn;
  beforeAll(async () => {
    slack = await startSlackStandIn({ echoPath: true, failWith: 500 });
  });
  afterAll(() => slack?.stop());

  test('an error never quotes the response body, which may echo the secret path', async () => {
    const secret = new URL(slack.webhookUrl).pathname.split('/').pop()!;
    const error = await postToSlack(slack.webhookUrl, { environment: 'e', mode: 'apply', applied: [], skipped: [], failed: [] }).then(() => undefined, (e: Error) => e);
    expect(error?.message).toBe('the Slack webhook answered HTTP 500');
    expect(error?.message).not.toContain(secret);
    expect(webhookSecrets(slack.webhookUrl)).toEqual([slack.webhookUrl, 'services', 'T00STANDIN', 'B00STANDIN', secret]);
  });
});

describe('the actions, run from source as the runner runs them', () => {
  let slack: SlackStandIn;
  beforeAll(async () => {
    slack = await startSlackStandIn({ echoPath: true, failWith: 500 });
  });
  afterAll(async () => {
    await slack?.stop();
  });

  /** stdout without the ::add-mask:: lines, NOT masked: what the runner would have to catch. */
  const unmasked = (result: ActionResult) => result.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');

  test('apply (mode plan) masks the webhook URL and every path segment first, and the helm repository password; neither reaches the log or summary', async () => {
    const repo = await repoWith('  - name: echo\n    chart:\n      reference: shared/echo\n      version: 0.1.0\n', REPO_URL);
    const result = await runBundledAction('apply', {
      workspace: repo.root,
      fromSource: true,
      inputs: { environment: 'test', mode: 'plan', helm: await helmBinary(4), kubectl: await kubectlBinary(), kubeconfig: repo.kubeconfig, 'slack-webhook-url': slack.webhookUrl },
      env: { PATH: repo.path },
      timeoutMs: 120_000,
    });
    expect(result.code, result.stdout + result.stderr).not.toBe(0);
    const segments = new URL(slack.webhookUrl).pathname.split('/').filter(Boolean);
    expect(result.masked).toEqual(expect.arrayContaining([slack.webhookUrl, ...segments, PASSWORD, `deploy:${PASSWORD}`, REPO_URL]));
    // the webhook is masked before anything else is printed
    expect(result.stdout.split('\n')[0]).toMatch(/^::add-mask::/);
    expect(result.stdout).toContain('Slack notification failed: the Slack webhook answered HTTP 500');
    for (const text of [unmasked(result), result.stderr, result.summary]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(segments.at(-1)!);
    }
    expect(result.summary).toContain('http://deploy:***@127.0.0.1:1/charts');
  }, 150_000);

  describe('check-upgrades with a registry that is down', () => {
    let repo: HostileRepo;
    let port: number;
    beforeAll(async () => {
      port = await freePort();
      repo = await hostileRepo(`  - name: web
    chart:
      dir: ../charts/app
    values:
      - key: image.repository
        value: 127.0.0.1:${port}/team/app
      - key: image.tag
        value: "1.0.0"
    triggers:
      - image:
          track: PatchLevel
`);
    });
    afterAll(() => repo?.remove());

    const checkUpgrades = (inputs: Record<string, string>) =>
      runBundledAction('check-upgrades', { workspace: repo.root, fromSource: true, inputs: { commit: 'none', 'dry-run': 'true', ...inputs }, timeoutMs: 120_000 });

    test('fails with one line for the registry (fail-on: registry-errors, the default), and masks registry-credentials before anything', async () => {
      const credentials = JSON.stringify({ [`127.0.0.1:${port}`]: { username: 'ci', password: 'reg-Pa55word-xyz' } });
      const result = await checkUpgrades({ 'registry-credentials': credentials });
      expect(result.code, result.stdout).toBe(1);
      const registryLines = result.errors.filter((line) => line.includes(`127.0.0.1:${port} failed for 1 trigger(s)`));
      expect(registryLines).toHaveLength(1);
      expect(result.errors.at(-1)).toMatch(/1 registry or chart repository failure\(s\) skipped 1 trigger\(s\)/);
      expect(result.masked).toEqual(expect.arrayContaining([credentials, 'reg-Pa55word-xyz']));
      const firstOther = result.stdout.split('\n').findIndex((line) => !line.startsWith('::add-mask::'));
      expect(result.stdout.split('\n').slice(0, firstOther).join('\n')).toContain('::add-mask::reg-Pa55word-xyz');
      expect(unmasked(result)).not.toContain('reg-Pa55word-xyz');
    }, 150_000);

    test('passes with fail-on: never, still naming the registry', async () => {
      const result = await checkUpgrades({ 'fail-on': 'never' });
      expect(result.code, result.stdout).toBe(0);
      expect(result.errors.filter((line) => line.includes(`127.0.0.1:${port} failed for 1 trigger(s)`))).toHaveLength(1);
    }, 150_000);

    test('refuses an unknown fail-on value', async () => {
      const result = await checkUpgrades({ 'fail-on': 'sometimes' });
      expect(result.code).toBe(1);
      expect(result.errors.join('\n')).toContain('input "fail-on" must be one of registry-errors, never, not "sometimes"');
    }, 150_000);

    test('the CLI exits 1 on the failed registry unless --fail-on never', async () => {
      const stderr: string[] = [];
      const write = process.stderr.write.bind(process.stderr);
      const writeOut = process.stdout.write.bind(process.stdout);
      process.stderr.write = ((chunk: string) => (stderr.push(String(chunk)), true)) as typeof process.stderr.write;
      process.stdout.write = (() => true) as typeof process.stdout.write;
      try {
        expect(await checkUpgradesCommand([repo.environmentsFile])).toBe(1);
        expect(stderr.join('')).toMatch(new RegExp(`^error: 127\\.0\\.0\\.1:${port} failed for 1 trigger\\(s\\): `, 'm'));
        expect(await checkUpgradesCommand([repo.environmentsFile, '--fail-on', 'never'])).toBe(0);
      } finally {
        process.stderr.write = write;
        process.stdout.write = writeOut;
      }
    }, 150_000);
  });
});
