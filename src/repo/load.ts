import path from 'node:path';
import { confinedRoot, isRefused, readConfined, resolveConfined, statConfined, type ConfinedRoot } from '../fs/confined.js';
import { parseLockFile } from '../lock/parse.js';
import { checkFileRefs, describeRef } from './checks/files.js';
import { checkLock } from './checks/lock.js';
import { checkClusterParams, checkDuplicateReleases } from './checks/releases.js';
import { checkPromotions } from './checks/promotion.js';
import { checkTriggers } from './checks/triggers.js';
import { isObj } from '../model/data.js';
import type { LoadedRepo } from './loaded-repo.js';
import { normaliseEnvironments, type EnvironmentDraft } from '../model/normalise-environments.js';
import { normaliseReleaseFile, type NormalisedReleaseFile } from '../model/normalise-releases.js';
import { excerpt, formatPos, problem, sortProblems } from '../model/problems.js';
import type { FileRef } from '../model/refs.js';
import { validateSource } from '../model/schema.js';
import type { LockFile } from '../lock/types.js';
import type { Cluster, DeploymentsRepo, Problem, Release, SourcePos } from '../model/types.js';
import { readYaml } from './read-yaml.js';

/** Loads, validates and normalises a deployments repo. Never throws on bad input. */
export async function loadRepo(environmentsFile: string): Promise<LoadedRepo> {
  const absolute = path.resolve(environmentsFile);
  const root = path.dirname(absolute);
  const envFile = path.basename(absolute);
  const repo: DeploymentsRepo = { root, environmentsFile: envFile, clusters: [], helmRepos: [], environments: [] };
  const problems: Problem[] = [];
  const valuesFiles = new Map<string, Record<string, unknown>>();
  const chartValues = new Map<string, Record<string, unknown>>();
  const locks = new Map<string, LockFile>();
  /** Release files that could not be read or parsed: their releases are unknown. */
  const unreadReleaseFiles = new Set<string>();
  const inputs = new Map<string, Set<string>>();

  const loaded: LoadedRepo = {
    repo,
    problems,
    valuesFile: (file) => valuesFiles.get(file) ?? {},
    chartDefaults: (release: Release) => (release.chart.kind === 'dir' ? (chartValues.get(release.chart.dir) ?? {}) : {}),
    lock: (name) => locks.get(name),
    environmentInputs: (name) => [...(inputs.get(name) ?? [])].sort(),
  };

  try {
    let confined: ConfinedRoot;
    try {
      confined = await confinedRoot(root);
    } catch (error) {
      problems.push(problem({ file: envFile, line: 1, column: 1 }, `the repository folder cannot be resolved (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`));
      return loaded;
    }
    const source = await readYaml(confined, envFile);
    if ('error' in source) {
      problems.push(problem({ file: envFile, line: 1, column: 1 }, `environments file ${source.reason === 'missing' ? 'not found' : source.error}`));
      return loaded;
    }
    problems.push(...source.problems);
    if (source.problems.length > 0) return loaded;
    problems.push(...validateSource(source, 'environments'));
    const normalised = normaliseEnvironments(source);
    problems.push(...normalised.problems);
    repo.clusters = normalised.clusters;
    repo.helmRepos = normalised.helmRepos;

    // Each release file is read once, however many environments list it.
    const releaseFiles = new Map<string, Promise<NormalisedReleaseFile | string>>();
    const readReleaseFile = (file: string): Promise<NormalisedReleaseFile | string> => {
      let pending = releaseFiles.get(file);
      if (!pending) {
        pending = readYaml(confined, file).then((parsed) => {
          if ('error' in parsed) {
            unreadReleaseFiles.add(file);
            return parsed.error;
          }
          if (parsed.problems.length > 0) {
            unreadReleaseFiles.add(file);
            problems.push(...parsed.problems);
            return { releaseFile: { path: file, releases: [], resourceFiles: [] }, refs: [], problems: [] };
          }
          // An empty file is what a truncated write leaves; reading it as "no releases" would silently drop them all.
          if (parsed.text.trim() === '') {
            problems.push(problem({ file, line: 1, column: 1 }, 'release file is empty; expected `releases:` or `resourceFiles:`'));
            return { releaseFile: { path: file, releases: [], resourceFiles: [] }, refs: [], problems: [] };
          }
          const result = normaliseReleaseFile(parsed, repo.helmRepos);
          // A release file holding only comments declares nothing; that is not an error.
          if (parsed.data !== null) problems.push(...validateSource(parsed, 'releases'));
          problems.push(...result.problems);
          return result;
        });
        releaseFiles.set(file, pending);
      }
      return pending;
    };

    const refs: FileRef[] = [];
    const lockOwners = new Map<string, string>();
    for (const draft of normalised.drafts) {
      const env = draft.environment;
      const owner = lockOwners.get(env.lockFile);
      if (owner !== undefined) {
        problems.push(problem(env.pos, `lock file \`${env.lockFile}\` of environment \`${env.name}\` is also the lock file of environment \`${owner}\`; give each environment its own \`lockFile\``));
      }
      lockOwners.set(env.lockFile, env.name);
      const envInputs = new Set<string>([envFile, env.lockFile]);
      inputs.set(env.name, envInputs);
      if (draft.defaultValuesFileRef) {
        refs.push(draft.defaultValuesFileRef);
        envInputs.add(draft.defaultValuesFileRef.path);
      }
      const listed = new Map<string, string>();
      for (const ref of draft.releaseFileRefs) {
        const first = listed.get(ref.path);
        if (first !== undefined) {
          problems.push(problem(ref.pos, `release file ${describeRef(ref)} is already listed at ${first}`));
          continue;
        }
        listed.set(ref.path, formatPos(ref.pos));
        envInputs.add(ref.path);
        const result = await readReleaseFile(ref.path);
        if (typeof result === 'string') {
          problems.push(problem(ref.pos, `release file ${describeRef(ref)} ${result}`));
          continue;
        }
        refs.push(...result.refs);
        for (const r of result.refs) envInputs.add(r.path);
        env.releases.push(...result.releaseFile.releases);
        for (const file of [...result.releaseFile.resourceFiles, ...result.releaseFile.releases.flatMap((r) => r.resourceFiles)]) {
          if (!env.resourceFiles.includes(file)) env.resourceFiles.push(file);
        }
      }
      repo.environments.push(env);
    }

    problems.push(...(await checkFileRefs(confined, refs)));
    problems.push(...(await checkKubeconfigs(confined, repo.clusters, normalised.kubeconfigPos)));
    problems.push(...(await checkLockFilePaths(confined, normalised.drafts, envFile, repo, refs)));
    await loadValuesFiles(confined, refs, valuesFiles, problems);
    await loadChartDefaults(confined, refs, chartValues, problems);

    for (const env of repo.environments) {
      problems.push(...checkDuplicateReleases(env), ...checkClusterParams(env));
      const draft = normalised.drafts.find((d) => d.environment === env);
      const lock = await readLock(confined, env.lockFile, draft?.lockFilePos ?? env.pos, problems);
      if (lock) {
        locks.set(env.name, lock);
        problems.push(...checkLock(env, lock, env.lockFile, unreadReleaseFiles));
      }
      problems.push(...checkTriggers(loaded, env));
    }
    problems.push(...checkPromotions(repo.environments));
  } catch (error) {
    // A bug of ours must not look like a crash to the user; report it where it can be seen.
    problems.push(problem({ file: envFile, line: 1, column: 1 }, `internal error while loading (please report it): ${excerpt((error as Error).message ?? String(error), 200)}`));
  }
  const sorted = sortProblems(problems);
  problems.splice(0, problems.length, ...sorted);
  return loaded;
}

/** Refusals the existence check (checkFileRefs) does not already report: only reading finds them. */
const READ_ONLY_REFUSALS = new Set(['too-large', 'unreadable', 'symlink']);

async function loadValuesFiles(root: ConfinedRoot, refs: readonly FileRef[], into: Map<string, Record<string, unknown>>, problems: Problem[]): Promise<void> {
  const files = new Map<string, FileRef>();
  for (const ref of refs) if (ref.kind === 'values file' && !files.has(ref.path)) files.set(ref.path, ref);
  await Promise.all(
    [...files].map(async ([file, ref]) => {
      const parsed = await readYaml(root, file);
      if ('error' in parsed) {
        if (READ_ONLY_REFUSALS.has(parsed.reason)) problems.push(problem(ref.pos, `values file ${describeRef(ref)} ${parsed.error}`));
        return;
      }
      problems.push(...parsed.problems);
      if (parsed.problems.length > 0) return;
      if (parsed.data === null || parsed.data === undefined) {
        into.set(file, {});
      } else if (isObj(parsed.data)) {
        into.set(file, parsed.data);
      } else {
        problems.push(problem(parsed.pos([]), `values file should hold a map of values, found ${Array.isArray(parsed.data) ? 'a list' : `a ${typeof parsed.data}`}`));
      }
    }),
  );
}

async function loadChartDefaults(root: ConfinedRoot, refs: readonly FileRef[], into: Map<string, Record<string, unknown>>, problems: Problem[]): Promise<void> {
  const dirs = new Map<string, FileRef>();
  for (const ref of refs) if (ref.kind === 'chart directory' && !dirs.has(ref.path)) dirs.set(ref.path, ref);
  await Promise.all(
    [...dirs].map(async ([dir, ref]) => {
      const file = `${dir}/values.yaml`;
      const parsed = await readYaml(root, file);
      if ('error' in parsed) {
        // A chart need not have values.yaml; one that is there must be readable inside the repository.
        if (parsed.reason !== 'missing') problems.push(problem(ref.pos, `chart directory ${describeRef(ref)} has a values.yaml that ${parsed.error}`));
        return;
      }
      problems.push(...parsed.problems);
      if (isObj(parsed.data)) into.set(dir, parsed.data);
    }),
  );
}

/** A repository kubeconfig (existingContext) must be a regular file inside the repository when it is there. */
async function checkKubeconfigs(root: ConfinedRoot, clusters: readonly Cluster[], positions: Map<string, SourcePos>): Promise<Problem[]> {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const cluster of clusters) {
    const provider = cluster.provider;
    if (provider.kind !== 'existingContext' || provider.kubeconfig === undefined || seen.has(provider.kubeconfig)) continue;
    seen.add(provider.kubeconfig);
    const kind = await statConfined(root, provider.kubeconfig);
    const pos = positions.get(provider.kubeconfig) ?? cluster.pos;
    if (isRefused(kind)) {
      if (kind.refused.reason !== 'missing') problems.push(problem(pos, `kubeconfig \`${excerpt(provider.kubeconfig)}\` ${kind.refused.message}`));
    } else if (kind.kind === 'dir') {
      problems.push(problem(pos, `kubeconfig \`${excerpt(provider.kubeconfig)}\` is a directory; expected a file`));
    }
  }
  return problems;
}

/**
 * kubecd writes lock files, so one must not be (or be inside) any file the repo reads: the environments
 * file, a release, values or resource file, a chart directory or a kubeconfig. Compared as written and,
 * when both exist, by real path (a folder symlink inside the repo can make two names one file).
 */
async function checkLockFilePaths(root: ConfinedRoot, drafts: readonly EnvironmentDraft[], envFile: string, repo: DeploymentsRepo, refs: readonly FileRef[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  const inputs = new Map<string, string>([[envFile, 'the environments file']]);
  for (const env of repo.environments) for (const file of env.releaseFiles) inputs.set(file, 'a release file');
  for (const ref of refs) if (!inputs.has(ref.path)) inputs.set(ref.path, `a ${ref.kind}`);
  for (const cluster of repo.clusters) if (cluster.provider.kind === 'existingContext' && cluster.provider.kubeconfig) inputs.set(cluster.provider.kubeconfig, 'a kubeconfig');
  const realOf = async (file: string): Promise<string | undefined> => {
    const resolved = await resolveConfined(root, file);
    return isRefused(resolved) ? undefined : resolved.real;
  };
  const realInputs = new Map<string, string>();
  const lockFiles = new Set(drafts.map((d) => d.environment.lockFile));
  const anyExists = (await Promise.all([...lockFiles].map(realOf))).some((real) => real !== undefined);
  if (anyExists) {
    await Promise.all(
      [...inputs].map(async ([file, what]) => {
        const real = await realOf(file);
        if (real !== undefined) realInputs.set(real, what);
      }),
    );
  }
  for (const { environment, lockFilePos } of drafts) {
    const lockFile = environment.lockFile;
    const pos = lockFilePos ?? environment.pos;
    let clash = inputs.get(lockFile);
    if (clash === undefined) {
      const inside = [...inputs].find(([file, what]) => what === 'a chart directory' && lockFile.startsWith(`${file}/`));
      if (inside) clash = 'inside a chart directory';
    }
    if (clash === undefined && anyExists) {
      const real = await realOf(lockFile);
      if (real !== undefined) clash = realInputs.get(real);
    }
    if (clash !== undefined) {
      problems.push(problem(pos, `lock file \`${excerpt(lockFile)}\` of environment \`${environment.name}\` is ${clash}; kubecd writes lock files, so give it a \`lockFile\` of its own`));
    }
  }
  return problems;
}

async function readLock(root: ConfinedRoot, file: string, writtenAt: SourcePos | undefined, problems: Problem[]): Promise<LockFile | undefined> {
  const read = await readConfined(root, file);
  if (isRefused(read)) {
    if (read.refused.reason !== 'missing') problems.push(problem(writtenAt ?? { file, line: 1, column: 1 }, `lock file \`${excerpt(file)}\` ${read.refused.message}`));
    return undefined;
  }
  const { lock, problems: lockProblems } = parseLockFile(read.text, file);
  problems.push(...lockProblems);
  return lock;
}
