import { has, isObj, list, obj, str, type Obj } from './data.js';
import { normaliseValueSettings } from './normalise-values.js';
import { resolveInRepo } from './paths.js';
import { ENVIRONMENT_NAME, HELM_NAME, isEnvironmentName, isHelmRepoUrl, isNamespace, isPlainArgument, NAMESPACE, ENVIRONMENT_NAME_MAX } from './grammar.js';
import { excerpt, formatPos, problem } from './problems.js';
import type { FileRef } from './refs.js';
import { didYouMean } from './suggest.js';
import type { Cluster, Environment, HelmRepo, Problem, Provider, SourcePos } from './types.js';
import type { Path, YamlSource } from './yaml-source.js';
import { normaliseAksProvider } from './normalise-aks.js';
import { normaliseEksProvider } from './normalise-eks.js';

export const NAMESPACE_PATTERN = NAMESPACE;
export const ENVIRONMENT_NAME_PATTERN = ENVIRONMENT_NAME;

/** An environment before its release files are read. */
export interface EnvironmentDraft {
  environment: Environment;
  releaseFileRefs: FileRef[];
  defaultValuesFileRef?: FileRef;
  /** Where `lockFile` was written (undefined for the default lock file). */
  lockFilePos?: SourcePos;
}

export interface NormalisedEnvironments {
  clusters: Cluster[];
  helmRepos: HelmRepo[];
  drafts: EnvironmentDraft[];
  /** Where each repository kubeconfig path (root-relative) was first written. */
  kubeconfigPos: Map<string, SourcePos>;
  problems: Problem[];
}

export function normaliseEnvironments(source: YamlSource): NormalisedEnvironments {
  const problems: Problem[] = [];
  const data = obj(source.data);
  const baseDir = '';
  const clusters = normaliseClusters(source, data, problems);
  const helmRepos = normaliseHelmRepos(source, data, problems);

  const drafts: EnvironmentDraft[] = [];
  const seenNames = new Map<string, string>();
  list(data['environments']).forEach((raw, index) => {
    if (!isObj(raw)) return;
    const at: Path = ['environments', index];
    const name = str(raw['name']);
    if (name === undefined) return;
    const pos = source.pos([...at, 'name']);
    if (!isEnvironmentName(name)) {
      // The name becomes a file name and a branch name part; an environment without a usable one is left out.
      problems.push(
        problem(pos, `environment name \`${excerpt(name)}\` is invalid; expected at most ${ENVIRONMENT_NAME_MAX} letters, digits, \`.\`, \`_\` and \`-\`, starting and ending with a letter or digit`),
      );
      return;
    }
    const first = seenNames.get(name);
    if (first !== undefined) {
      problems.push(problem(pos, `duplicate environment \`${name}\`; first declared at ${first}`));
      return;
    }
    seenNames.set(name, formatPos(pos));

    const cluster = environmentCluster(source, at, raw, clusters, problems);
    const namespace = str(raw['kubeNamespace']) ?? '';
    if (has(raw, 'kubeNamespace') && typeof raw['kubeNamespace'] === 'string' && !isNamespace(namespace)) {
      problems.push(
        problem(
          source.pos([...at, 'kubeNamespace']),
          `namespace \`${excerpt(namespace)}\` is invalid; expected a DNS-1123 label: at most 63 lower-case letters, digits and \`-\`, starting and ending with a letter or digit`,
        ),
      );
    }

    const releaseFileRefs: FileRef[] = [];
    if (has(raw, 'releases') && has(raw, 'releasesFiles')) {
      problems.push(problem(source.keyPos([...at, 'releasesFiles']), 'give release files as either `releases` or `releasesFiles`, not both'));
    }
    for (const key of ['releases', 'releasesFiles']) {
      list(raw[key]).forEach((written, i) => {
        const ref = fileRef(source, [...at, key, i], written, baseDir, 'release file', problems);
        if (ref) releaseFileRefs.push(ref);
      });
    }

    const defaultValuesFileRef = has(raw, 'defaultValuesFile')
      ? fileRef(source, [...at, 'defaultValuesFile'], raw['defaultValuesFile'], baseDir, 'values file', problems)
      : undefined;

    let lockFile = `locks/${name}.yaml`;
    if (typeof raw['lockFile'] === 'string') {
      const resolved = resolveInRepo(baseDir, raw['lockFile']);
      const refusal = 'error' in resolved ? resolved.error : lockFilePathProblem(resolved.path);
      if (refusal !== undefined) problems.push(problem(source.pos([...at, 'lockFile']), `\`lockFile\` ${refusal}`));
      else if ('path' in resolved) lockFile = resolved.path;
    }

    const environment: Environment = {
      name,
      cluster,
      namespace,
      releaseFiles: releaseFileRefs.map((ref) => ref.path),
      ...(defaultValuesFileRef ? { defaultValuesFile: defaultValuesFileRef.path } : {}),
      defaultValues: normaliseValueSettings(source, [...at, 'defaultValues'], raw['defaultValues'], problems),
      lockFile,
      releases: [],
      resourceFiles: [],
      pinDigest: raw['pinDigest'] === true,
      deployedBy: raw['deployedBy'] === 'agent' ? 'agent' : 'action',
      pos,
    };
    const lockFilePos = has(raw, 'lockFile') ? { lockFilePos: source.pos([...at, 'lockFile']) } : {};
    drafts.push({ environment, releaseFileRefs, ...(defaultValuesFileRef ? { defaultValuesFileRef } : {}), ...lockFilePos });
  });
  return { clusters, helmRepos, drafts, kubeconfigPos: kubeconfigPositions(source), problems };
}

/**
 * Why a (root-relative) lock file path may not be used: kubecd writes it, so it must be a YAML file outside
 * git's and GitHub's folders (`.git/hooks/...`, `.github/workflows/...` would run code). Clashes with the
 * repo's other files are checked once all of them are known (load.ts).
 */
export function lockFilePathProblem(file: string): string | undefined {
  const shown = excerpt(file);
  if (!/\.ya?ml$/i.test(file)) return `\`${shown}\` should end in \`.yaml\` or \`.yml\``;
  if (file.split('/').some((part) => part.toLowerCase().startsWith('.git'))) {
    return `\`${shown}\` is inside a \`.git\` or \`.github\` folder (or a \`.git*\` file); kubecd will not write there`;
  }
  return undefined;
}

export function fileRef(
  source: YamlSource,
  path: Path,
  written: unknown,
  baseDir: string,
  kind: FileRef['kind'],
  problems: Problem[],
): FileRef | undefined {
  if (typeof written !== 'string') return undefined;
  const pos = source.pos(path);
  const resolved = resolveInRepo(baseDir, written);
  if ('error' in resolved) {
    problems.push(problem(pos, `${kind} ${resolved.error}`));
    return undefined;
  }
  if (resolved.path === '') {
    problems.push(problem(pos, `${kind} \`${excerpt(written)}\` names the repository folder itself; expected a ${kind === 'chart directory' ? 'folder' : 'file'} inside it`));
    return undefined;
  }
  return { kind, path: resolved.path, written, pos };
}

function normaliseClusters(source: YamlSource, data: Obj, problems: Problem[]): Cluster[] {
  const clusters: Cluster[] = [];
  const seen = new Map<string, string>();
  list(data['clusters']).forEach((raw, index) => {
    if (!isObj(raw)) return;
    const at: Path = ['clusters', index];
    const name = str(raw['name']);
    if (name === undefined) return;
    const pos = source.pos([...at, 'name']);
    const first = seen.get(name);
    if (first !== undefined) {
      problems.push(problem(pos, `duplicate cluster \`${excerpt(name)}\`; first declared at ${first}`));
      return;
    }
    seen.set(name, formatPos(pos));
    const provider = normaliseProvider(source, [...at, 'provider'], raw['provider'], problems);
    if (!provider) return;
    const parameters: Record<string, string> = {};
    list(raw['parameters']).forEach((parameter) => {
      const p = obj(parameter);
      const key = str(p['name']);
      if (key !== undefined && p['value'] !== undefined && p['value'] !== null) parameters[key] = String(p['value']);
    });
    clusters.push({ name, provider, parameters, pos });
  });
  return clusters;
}

function normaliseHelmRepos(source: YamlSource, data: Obj, problems: Problem[]): HelmRepo[] {
  const repos: HelmRepo[] = [];
  const seen = new Map<string, string>();
  list(data['helmRepos']).forEach((raw, index) => {
    if (!isObj(raw)) return;
    const at: Path = ['helmRepos', index];
    const name = str(raw['name']);
    const url = str(raw['url']);
    if (name === undefined || url === undefined) return;
    const pos = source.pos([...at, 'name']);
    if (!HELM_NAME.test(name)) {
      problems.push(problem(pos, `Helm repository name \`${excerpt(name)}\` is invalid; expected at most 128 letters, digits, \`.\`, \`_\` and \`-\`, starting with a letter or digit`));
      return;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      problems.push(problem(pos, `duplicate Helm repository \`${name}\`; first declared at ${first}`));
      return;
    }
    seen.set(name, formatPos(pos));
    if (!isHelmRepoUrl(url)) {
      problems.push(
        problem(
          source.pos([...at, 'url']),
          `Helm repository URL \`${excerpt(url)}\` is invalid; expected an https:// or http:// URL without spaces or control characters (a chart in this repository is a chart \`dir\`; OCI charts need no helmRepos entry)`,
        ),
      );
      return;
    }
    for (const key of ['caFile', 'certFile', 'keyFile']) {
      if (has(raw, key)) problems.push(problem(source.keyPos([...at, key]), `\`${key}\` is not supported and is ignored`, 'warning'));
    }
    repos.push({ name, url, pos });
  });
  return repos;
}

/** Every `existingContext.kubeconfig` written in the file (under `clusters:` or an inline `provider:`). */
function kubeconfigPositions(source: YamlSource): Map<string, SourcePos> {
  const found = new Map<string, SourcePos>();
  const data = obj(source.data);
  const look = (at: Path, provider: unknown): void => {
    const kubeconfig = obj(obj(provider)['existingContext'])['kubeconfig'];
    if (typeof kubeconfig !== 'string') return;
    const resolved = resolveInRepo('', kubeconfig);
    if ('path' in resolved && !found.has(resolved.path)) found.set(resolved.path, source.pos([...at, 'existingContext', 'kubeconfig']));
  };
  list(data['clusters']).forEach((raw, i) => look(['clusters', i, 'provider'], obj(raw)['provider']));
  list(data['environments']).forEach((raw, i) => look(['environments', i, 'provider'], obj(raw)['provider']));
  return found;
}

const PROVIDER_KINDS = ['gke', 'aks', 'eks', 'existingContext', 'minikube', 'dockerForDesktop'];

export function normaliseProvider(source: YamlSource, at: Path, raw: unknown, problems: Problem[]): Provider | undefined {
  if (!isObj(raw)) return undefined;
  const kinds = PROVIDER_KINDS.filter((kind) => has(raw, kind));
  if (kinds.length !== 1) {
    problems.push(
      problem(
        source.pos(at),
        kinds.length === 0
          ? `\`provider\` should have exactly one of ${PROVIDER_KINDS.join(', ')}`
          : `\`provider\` should have exactly one of ${PROVIDER_KINDS.join(', ')}, found ${kinds.join(' and ')}`,
      ),
    );
    return undefined;
  }
  const kind = kinds[0]!;
  if (kind === 'minikube') return { kind: 'existingContext', context: 'minikube' };
  if (kind === 'dockerForDesktop') return { kind: 'existingContext', context: 'docker-desktop' };
  if (kind === 'aks') return normaliseAksProvider(source, [...at, kind], raw[kind], problems);
  if (kind === 'eks') return normaliseEksProvider(source, [...at, kind], raw[kind], problems);
  const body = obj(raw[kind]);
  if (kind === 'existingContext') {
    if (has(body, 'context') && has(body, 'contextName')) {
      problems.push(problem(source.keyPos([...at, kind, 'contextName']), 'give the context as either `context` or `contextName`, not both'));
    }
    const context = str(body['context']) ?? str(body['contextName']);
    if (context !== undefined && !isPlainArgument(context)) {
      const key = has(body, 'context') ? 'context' : 'contextName';
      problems.push(problem(source.pos([...at, kind, key]), `kube context \`${excerpt(context)}\` is invalid; expected a name that does not start with \`-\` and has no control characters`));
    }
    let kubeconfig: string | undefined;
    if (typeof body['kubeconfig'] === 'string') {
      const resolved = resolveInRepo('', body['kubeconfig']);
      if ('error' in resolved) problems.push(problem(source.pos([...at, kind, 'kubeconfig']), `\`kubeconfig\` ${resolved.error}`));
      else kubeconfig = resolved.path;
    }
    return { kind: 'existingContext', ...(context !== undefined ? { context } : {}), ...(kubeconfig !== undefined ? { kubeconfig } : {}) };
  }
  const project = str(body['project']);
  const clusterName = str(body['clusterName']);
  if (project === undefined || clusterName === undefined) return undefined; // the schema reported it
  const zone = str(body['zone']);
  const region = str(body['region']);
  if ((zone === undefined) === (region === undefined)) {
    problems.push(
      problem(
        source.pos([...at, kind]),
        zone === undefined ? 'GKE provider needs a `zone` or a `region`' : 'GKE provider should have either `zone` or `region`, not both',
      ),
    );
  }
  for (const [key, value] of [['project', project], ['clusterName', clusterName], ['zone', zone], ['region', region]] as const) {
    if (value !== undefined && !isPlainArgument(value)) {
      problems.push(problem(source.pos([...at, kind, key]), `GKE \`${key}\` \`${excerpt(value)}\` is invalid; expected a name that does not start with \`-\` and has no control characters`));
    }
  }
  const endpoint = str(body['endpoint']);
  return {
    kind: 'gke',
    project,
    clusterName,
    ...(zone !== undefined ? { zone } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(endpoint === 'public' || endpoint === 'private' || endpoint === 'dns' ? { endpoint } : {}),
  };
}

/** An inline provider's cluster is named the way gcloud names kubeconfig contexts, so two environments
 * in the same GKE cluster share one cluster. */
function inlineClusterName(provider: Provider): string {
  if (provider.kind === 'gke') return `gke_${provider.project}_${provider.zone ?? provider.region ?? ''}_${provider.clusterName}`;
  if (provider.kind === 'aks') return `aks_${provider.subscriptionId}_${provider.resourceGroup}_${provider.clusterName}`;
  if (provider.kind === 'eks') return `eks_${provider.accountId}_${provider.region}_${provider.clusterName}`;
  return provider.context ?? 'current-context';
}

function environmentCluster(source: YamlSource, at: Path, raw: Obj, clusters: Cluster[], problems: Problem[]): Cluster {
  const pos = source.pos([...at, 'name']);
  const placeholder = (name: string): Cluster => ({ name, provider: { kind: 'existingContext' }, parameters: {}, pos });
  const byName = str(raw['cluster']) ?? str(raw['clusterName']);
  const keys = ['cluster', 'clusterName', 'provider'].filter((key) => has(raw, key));
  if (keys.length > 1) {
    problems.push(problem(source.keyPos([...at, keys[1]!]), `give the environment's cluster as one of \`cluster\`, \`clusterName\` or \`provider\`, found ${keys.map((k) => `\`${k}\``).join(' and ')}`));
  }
  if (keys.length === 0) {
    problems.push(problem(pos, 'environment needs a `cluster` (a name from `clusters:`) or a `provider`'));
    return placeholder('');
  }
  if (byName !== undefined && keys[0] !== 'provider') {
    const cluster = clusters.find((c) => c.name === byName);
    if (cluster) return cluster;
    const key = has(raw, 'cluster') ? 'cluster' : 'clusterName';
    const known = clusters.map((c) => c.name);
    problems.push(
      problem(
        source.pos([...at, key]),
        `unknown cluster \`${excerpt(byName)}\`${didYouMean(byName, known) || (known.length ? `; expected one of: ${known.join(', ')}` : '; no `clusters:` are declared')}`,
      ),
    );
    return placeholder(byName);
  }
  const provider = normaliseProvider(source, [...at, 'provider'], raw['provider'], problems);
  if (!provider) return placeholder('');
  const name = inlineClusterName(provider);
  const existing = clusters.find((c) => c.name === name);
  if (existing && JSON.stringify(existing.provider) === JSON.stringify(provider)) return existing;
  const cluster: Cluster = { name, provider, parameters: {}, pos: source.pos([...at, 'provider']) };
  clusters.push(cluster);
  return cluster;
}
