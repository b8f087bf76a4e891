import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseLockFile } from '../lock/parse.js';
import { checkFileRefs, describeRef } from './checks/files.js';
import { checkLock } from './checks/lock.js';
import { checkClusterParams, checkDuplicateReleases } from './checks/releases.js';
import { checkTriggers } from './checks/triggers.js';
import { isObj } from './data.js';
import type { LoadedRepo } from './loaded-repo.js';
import { normaliseEnvironments } from './normalise-environments.js';
import { normaliseReleaseFile, type NormalisedReleaseFile } from './normalise-releases.js';
import { toAbsolute } from './paths.js';
import { formatPos, problem, sortProblems } from './problems.js';
import type { FileRef } from './refs.js';
import { validateSource } from './schema.js';
import type { DeploymentsRepo, LockFile, Problem, Release } from './types.js';
import { readYaml } from './yaml-source.js';

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
    const source = await readYaml(absolute, envFile);
    if ('error' in source) {
      problems.push(problem({ file: envFile, line: 1, column: 1 }, `environments file ${source.error}`));
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
        pending = readYaml(toAbsolute(root, file), file).then((parsed) => {
          if ('error' in parsed) return parsed.error;
          if (parsed.problems.length > 0) {
            problems.push(...parsed.problems);
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
          problems.push(problem(ref.pos, `release file ${describeRef(ref)} ${result === 'not found' ? 'does not exist' : result}`));
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

    problems.push(...(await checkFileRefs(root, refs)));
    await loadValuesFiles(root, refs, valuesFiles, problems);
    await loadChartDefaults(root, refs, chartValues, problems);

    for (const env of repo.environments) {
      problems.push(...checkDuplicateReleases(env), ...checkClusterParams(env));
      const lock = await readLock(root, env.lockFile, problems);
      if (lock) {
        locks.set(env.name, lock);
        problems.push(...checkLock(env, lock, env.lockFile));
      }
      problems.push(...checkTriggers(loaded, env));
    }
  } catch (error) {
    // A bug of ours must not look like a crash to the user; report it where it can be seen.
    problems.push(problem({ file: envFile, line: 1, column: 1 }, `internal error while loading (please report it): ${(error as Error).message ?? String(error)}`));
  }
  const sorted = sortProblems(problems);
  problems.splice(0, problems.length, ...sorted);
  return loaded;
}

async function loadValuesFiles(root: string, refs: readonly FileRef[], into: Map<string, Record<string, unknown>>, problems: Problem[]): Promise<void> {
  const files = [...new Set(refs.filter((r) => r.kind === 'values file').map((r) => r.path))];
  await Promise.all(
    files.map(async (file) => {
      const parsed = await readYaml(toAbsolute(root, file), file);
      if ('error' in parsed) return; // reported by the file check
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

async function loadChartDefaults(root: string, refs: readonly FileRef[], into: Map<string, Record<string, unknown>>, problems: Problem[]): Promise<void> {
  const dirs = [...new Set(refs.filter((r) => r.kind === 'chart directory').map((r) => r.path))];
  await Promise.all(
    dirs.map(async (dir) => {
      const file = `${dir}/values.yaml`;
      const parsed = await readYaml(toAbsolute(root, file), file);
      if ('error' in parsed) return; // a chart need not have values.yaml
      problems.push(...parsed.problems);
      if (isObj(parsed.data)) into.set(dir, parsed.data);
    }),
  );
}

async function readLock(root: string, file: string, problems: Problem[]): Promise<LockFile | undefined> {
  let text: string;
  try {
    text = await readFile(toAbsolute(root, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      problems.push(problem({ file, line: 1, column: 1 }, `lock file cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`));
    }
    return undefined;
  }
  const { lock, problems: lockProblems } = parseLockFile(text, file);
  problems.push(...lockProblems);
  return lock;
}

