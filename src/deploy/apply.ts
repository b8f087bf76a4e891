import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mapLimited } from '../concurrency/map-limited.js';
import type { RunResult } from '../exec/run.js';
import type { Redactor } from '../exec/redact.js';
import { describeChart, helmGetManifest, printedReleaseStatus, helmTemplate, helmUninstall, helmUpgrade, isReleaseNotFound, type ChartArguments, type ReleaseCommand } from '../helm/helm.js';
import type { ClusterAccess } from '../kube/access.js';
import { applyFile, diffFile, ensureNamespace, getSecrets } from '../kube/kubectl.js';
import { hasErrors } from '../model/problems.js';
import type { Environment, Release } from '../model/types.js';
import { releaseInputs } from '../helm/release-inputs.js';
import { privateTempDir } from '../fs/temp-dir.js';
import { openClusterAccess } from './cluster-access.js';
import { resolveRepoPaths } from './repo-paths.js';
import { APPLY_SETTINGS } from './request.js';
import { FINGERPRINT_LABEL, liveFingerprint, MANAGED_BY_LABEL, MANAGED_BY_VALUE, NAMESPACE_STATE_SELECTOR, parseNamespaceState, resourcesRecord, type DeployedRelease, type NamespaceState } from './deployed.js';
import { chartIdentity, fingerprint, resourceFilesFingerprint } from './fingerprint.js';
import { manifestDiff, redactKubectlDiff } from './manifest-diff.js';
import { repoSecrets } from '../repo/secrets.js';
import { resolveValueFroms, valueFromSettings, type ValueFromResolver } from './value-from.js';
import { withValuesFile } from '../helm/values-file.js';
import { DeployError, type ApplyOutcome, type ApplyRequest, type PruneOutcome, type ReleaseOutcome, type ResourceOutcome } from './types.js';


/** Makes one environment's namespace match its declarations (or, in plan / dry-run mode, shows how it would). */
export async function applyEnvironment(request: ApplyRequest): Promise<ApplyOutcome> {
  const started = performance.now();
  const { loaded, logger } = request;
  if (hasErrors(loaded.problems)) throw new DeployError('the deployments repo has errors; nothing was deployed');
  const environment = loaded.repo.environments.find((e) => e.name === request.environment);
  if (!environment) {
    throw new DeployError(`no environment "${request.environment}" (known: ${loaded.repo.environments.map((e) => e.name).join(', ') || 'none'})`);
  }
  const releases = selectReleases(environment, request.releases);
  // Masked before anything is printed: helm repeats a --repo URL (and its password) in its errors.
  const redactor = repoSecrets(loaded, (value) => logger.secret(value));

  const repoPath = await resolveRepoPaths(loaded.repo.root, environment, releases);
  const { access, lookupAddress } = await openClusterAccess(repoPath, environment, request.credentials ?? {}, (value) => logger.secret(value));
  try {
    logger.info(`${request.mode} environment ${environment.name}: namespace ${environment.namespace} on ${access.description}; ${releases.length} release(s), helm ${request.helm.version}`);
    const resolver = await resolveValueFroms(environment, valueFromSettings(environment, releases), lookupAddress);
    const run = new EnvironmentRun(request, environment, access, resolver, redactor, repoPath);
    // One read says what is installed and which resource files were last applied; plan needs it too.
    const state = await run.namespaceState();
    const deployed = state?.releases;
    const resources = await run.environmentResources(environment.resourceFiles, state);
    const outcomes = await run.releases(releases, deployed ?? new Map());
    resources.push(...run.releaseResources);
    const pruned = request.prune && !request.signal?.aborted ? await run.prune(deployed) : [];
    const failed = outcomes.some((o) => o.result === 'failed') || resources.some((r) => r.result === 'failed') || pruned.some((p) => p.result === 'failed');
    return {
      environment: environment.name,
      namespace: environment.namespace,
      mode: request.mode,
      cluster: access.description,
      resources,
      releases: outcomes,
      pruned,
      failed,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    await access.close();
  }
}

function selectReleases(environment: Environment, names: readonly string[] | undefined): Release[] {
  if (!names || names.length === 0) return environment.releases;
  const unknown = names.filter((n) => !environment.releases.some((r) => r.name === n));
  if (unknown.length > 0) {
    throw new DeployError(`environment "${environment.name}" has no release ${unknown.map((n) => `"${n}"`).join(', ')} (declared: ${environment.releases.map((r) => r.name).join(', ') || 'none'})`);
  }
  return environment.releases.filter((r) => names.includes(r.name));
}

function firstLine(text: string): string {
  return text.trim().split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
}

/** The state of one run over one environment. */
class EnvironmentRun {
  readonly releaseResources: ResourceOutcome[] = [];
  private stopping = false;

  constructor(
    private readonly request: ApplyRequest,
    private readonly environment: Environment,
    private readonly access: ClusterAccess,
    private readonly resolveValueFrom: ValueFromResolver,
    private readonly redactor: Redactor,
    private readonly repoPath: (file: string) => string,
  ) {}

  /** A command's error for the log and summary, known secrets masked. */
  private errorOf(result: RunResult): string {
    return this.redactor.redact((result.stderr.trim() || result.stdout.trim() || `exit code ${result.code}`).replace(/^Error: /, ''));
  }

  private lines(text: string): string[] {
    return this.redactor.redact(text.trim()).split('\n').filter((line) => line.trim() !== '');
  }

  private get namespace(): string {
    return this.environment.namespace;
  }

  /** The real path of a resource file or chart folder, resolved inside the repository before the run. */
  private absolute(file: string): string {
    return this.repoPath(file);
  }

  async resourceFiles(files: readonly string[], release?: string, log?: string[]): Promise<ResourceOutcome[]> {
    const { mode } = this.request;
    const outcomes: ResourceOutcome[] = [];
    if (files.length > 0 && mode === 'apply' && this.request.createNamespace && !release) {
      await this.access.fresh();
      const created = await ensureNamespace(this.request.kubectl, this.namespace, this.access.target);
      if (created.code !== 0) this.request.logger.warning(`cannot create namespace ${this.namespace}: ${this.errorOf(created)}`);
    }
    for (const file of files) {
      const started = performance.now();
      await this.access.fresh();
      const outcome: ResourceOutcome = { file, ...(release ? { release } : {}), result: 'applied', durationMs: 0 };
      if (mode === 'plan') {
        const result = await diffFile(this.request.kubectl, this.absolute(file), this.namespace, this.access.target);
        if (result.code === 0) outcome.result = 'no-changes';
        else if (result.code === 1 && result.stdout.trim() !== '') Object.assign(outcome, { result: 'changes', diff: this.redactor.redact(redactKubectlDiff(result.stdout)) });
        else Object.assign(outcome, { result: 'failed', error: this.errorOf(result) });
      } else {
        const result = await applyFile(this.request.kubectl, this.absolute(file), this.namespace, this.access.target, mode === 'dry-run' ? 'dry-run' : 'apply');
        if (result.code === 0) outcome.result = mode === 'dry-run' ? 'dry-run' : 'applied';
        else Object.assign(outcome, { result: 'failed', error: this.errorOf(result) });
        (log ?? []).push(`kubectl apply ${file}: ${outcome.result}`, ...this.lines(result.stdout));
      }
      outcome.durationMs = Math.round(performance.now() - started);
      if (!release) {
        const lines = outcome.error ? [outcome.error] : outcome.diff ? outcome.diff.split('\n') : [];
        this.request.logger.group(`resource file ${file}: ${outcome.result}`, lines);
      } else if (outcome.error) {
        (log ?? []).push(`resource file ${file} failed: ${outcome.error}`);
      }
      outcomes.push(outcome);
    }
    return outcomes;
  }

  /** Every Helm release in the namespace and kubecd's resource record, from one read of their Secrets. */
  async namespaceState(): Promise<NamespaceState | undefined> {
    await this.access.fresh();
    const result = await getSecrets(this.request.kubectl, this.namespace, NAMESPACE_STATE_SELECTOR, this.access.target);
    if (result.code !== 0) {
      const consequence = this.request.mode === 'plan' ? 'each release is compared with helm get manifest' : 'every release and resource file will be applied';
      this.request.logger.warning(`cannot read the Helm releases of namespace ${this.namespace} (${consequence}): ${this.errorOf(result)}`);
      return undefined;
    }
    try {
      return parseNamespaceState(result.stdout);
    } catch {
      this.request.logger.warning(`kubectl's list of the Secrets of namespace ${this.namespace} is not JSON; every release and resource file will be applied`);
      return undefined;
    }
  }

  /**
   * The environment's resource files: left alone in apply mode when their fingerprint is the one kubecd
   * recorded after last applying them all (unless forced); the record is rewritten after a full apply.
   */
  async environmentResources(files: readonly string[], state: NamespaceState | undefined): Promise<ResourceOutcome[]> {
    if (files.length === 0) return [];
    const { mode, force } = this.request;
    if (mode !== 'apply') return this.resourceFiles(files);
    const print = await resourceFilesFingerprint(files, (file) => this.absolute(file), this.namespace);
    if (!force && state?.resourceFingerprint === print) {
      this.request.logger.group(`resource files: unchanged (fingerprint ${print})`, files);
      return files.map((file) => ({ file, result: 'unchanged', durationMs: 0 }));
    }
    const outcomes = await this.resourceFiles(files);
    if (outcomes.every((o) => o.result === 'applied')) await this.recordResources(print);
    return outcomes;
  }

  private async recordResources(print: string): Promise<void> {
    const dir = await privateTempDir('kubecd-record-');
    try {
      const file = join(dir, 'record.json');
      await writeFile(file, JSON.stringify(resourcesRecord(print)), { mode: 0o600 });
      await this.access.fresh();
      const result = await applyFile(this.request.kubectl, file, this.namespace, this.access.target, 'apply');
      if (result.code !== 0) this.request.logger.warning(`cannot record the applied resource files (they will be applied again next run): ${this.errorOf(result)}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async releases(releases: readonly Release[], deployed: Map<string, DeployedRelease>): Promise<ReleaseOutcome[]> {
    const concurrency = Math.max(1, this.request.concurrency ?? Number(APPLY_SETTINGS.concurrency.default));
    return mapLimited(releases, concurrency, async (release) => {
      if (this.stopping) {
        return { name: release.name, result: 'not-started', reason: 'not started: an earlier release failed (fail-fast)', durationMs: 0 };
      }
      if (this.request.signal?.aborted) {
        return { name: release.name, result: 'not-started', reason: 'not started: kubecd is shutting down', durationMs: 0 };
      }
      const log: string[] = [];
      const started = performance.now();
      let outcome: Omit<ReleaseOutcome, 'durationMs'>;
      try {
        outcome = await this.release(release, deployed.get(release.name), log);
      } catch (error) {
        const message = this.redactor.redact((error as Error).message);
        outcome = { name: release.name, result: 'failed', reason: firstLine(message), error: message };
      }
      if (outcome.result === 'failed' && this.request.failFast) this.stopping = true;
      const durationMs = Math.round(performance.now() - started);
      if (outcome.error) log.push(`error: ${outcome.error}`);
      if (outcome.diff) log.push(...outcome.diff.trimEnd().split('\n'));
      this.request.logger.group(`${release.name}: ${outcome.result} — ${outcome.reason} (${(durationMs / 1000).toFixed(1)} s)`, log);
      return { ...outcome, durationMs };
    });
  }

  private async release(release: Release, deployed: DeployedRelease | undefined, log: string[]): Promise<Omit<ReleaseOutcome, 'durationMs'>> {
    const { request } = this;
    const absoluteDir = (dir: string) => this.absolute(dir);
    const { values, chart, chartVersion } = releaseInputs(request.loaded, this.environment, release, { absoluteDir, resolveValueFrom: this.resolveValueFrom });
    const print = fingerprint({ chart: await chartIdentity(release.chart, absoluteDir, chartVersion), values, namespace: this.namespace });
    const base = { name: release.name, fingerprint: print };
    log.push(`chart ${describeChart(chart)}`, `fingerprint ${print}${deployed ? `; deployed revision ${deployed.revision} (${deployed.status})` : '; not installed'}`);

    if (request.mode === 'plan') return this.plan(release, values, chart, base, log);

    const live = liveFingerprint(deployed);
    if (request.mode === 'apply' && !request.force && live === print) {
      return { ...base, result: 'skipped', reason: `unchanged since revision ${deployed!.revision}` };
    }
    const resources = await this.resourceFiles(release.resourceFiles, release.name, log);
    this.releaseResources.push(...resources);
    const brokenResource = resources.find((r) => r.result === 'failed');
    if (brokenResource) return { ...base, result: 'failed', reason: `resource file ${brokenResource.file} failed: ${firstLine(brokenResource.error ?? '')}`, error: brokenResource.error };

    await this.access.fresh();
    const command: ReleaseCommand = { release: release.name, namespace: this.namespace, chart, valuesFile: '', ...this.access.target };
    const result = await withValuesFile(values, (valuesFile) =>
      helmUpgrade(request.helm, { ...command, valuesFile }, {
        timeout: request.timeout,
        wait: request.wait,
        rollbackOnFailure: request.atomic,
        createNamespace: request.createNamespace,
        dryRun: request.mode === 'dry-run',
        labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [FINGERPRINT_LABEL]: print },
      }),
    );
    if (request.mode === 'apply') log.push(...this.lines(result.stdout));
    if (result.code !== 0) {
      const error = this.errorOf(result);
      return { ...base, result: 'failed', reason: firstLine(error), error };
    }
    if (!printedReleaseStatus(result.stdout, release.name)) {
      return { ...base, result: 'failed', reason: 'helm exited 0 but printed no release status, so nothing is known to be deployed', error: 'helm printed no release status' };
    }
    if (request.mode === 'dry-run') return { ...base, result: 'dry-run', reason: 'the API server accepted the upgrade (--dry-run=server)' };
    const why = request.force && live === print ? 'forced' : !deployed ? 'installed' : live === undefined && deployed.fingerprint === undefined ? 'upgraded (no fingerprint yet)' : 'inputs changed';
    return { ...base, result: 'applied', reason: why };
  }

  private async plan(release: Release, values: Record<string, unknown>, chart: ChartArguments, base: { name: string; fingerprint: string }, log: string[]): Promise<Omit<ReleaseOutcome, 'durationMs'>> {
    const { request } = this;
    const rendered = await withValuesFile(values, (valuesFile) => helmTemplate(request.helm, { release: release.name, namespace: this.namespace, chart, valuesFile }));
    if (rendered.code !== 0) {
      const error = this.errorOf(rendered);
      return { ...base, result: 'failed', reason: `does not render: ${firstLine(error)}`, error };
    }
    await this.access.fresh();
    const current = await helmGetManifest(request.helm, release.name, this.namespace, this.access.target);
    if (current.code !== 0 && !isReleaseNotFound(current)) {
      const error = this.errorOf(current);
      return { ...base, result: 'failed', reason: `cannot read the deployed release: ${firstLine(error)}`, error };
    }
    const installed = current.code === 0;
    const diff = manifestDiff(release.name, installed ? current.stdout : '', rendered.stdout);
    log.push(installed ? 'compared with the deployed manifest' : 'not installed yet');
    if (diff === '') return { ...base, result: 'no-changes', reason: 'the deployed manifest matches' };
    return { ...base, result: 'changes', reason: installed ? 'would upgrade' : 'would install', diff };
  }

  /** Uninstalls releases kubecd installed that the environment no longer declares; never anything else. */
  async prune(deployed: Map<string, DeployedRelease> | undefined): Promise<PruneOutcome[]> {
    const { request } = this;
    if (!deployed) return [{ name: '(all)', result: 'failed', error: 'cannot prune: the Helm releases of the namespace could not be read' }];
    const declared = new Set(this.environment.releases.map((r) => r.name));
    const candidates = [...deployed.values()].filter((r) => r.managedByKubecd && !declared.has(r.name)).sort((a, b) => a.name.localeCompare(b.name));
    const outcomes: PruneOutcome[] = [];
    for (const candidate of candidates) {
      if (request.mode === 'plan') {
        outcomes.push({ name: candidate.name, result: 'would-prune' });
        continue;
      }
      await this.access.fresh();
      const result = await helmUninstall(request.helm, candidate.name, this.namespace, this.access.target, { timeout: request.timeout, wait: request.wait, dryRun: request.mode === 'dry-run' });
      const outcome: PruneOutcome = result.code === 0 ? { name: candidate.name, result: request.mode === 'dry-run' ? 'would-prune' : 'pruned' } : { name: candidate.name, result: 'failed', error: this.errorOf(result) };
      outcomes.push(outcome);
      request.logger.group(`prune ${candidate.name}: ${outcome.result}`, outcome.error ? [outcome.error] : []);
    }
    return outcomes;
  }
}
