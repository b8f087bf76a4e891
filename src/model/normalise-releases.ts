import { has, isObj, list, obj, str, type Obj } from './data.js';
import { fileRef } from './normalise-environments.js';
import { normaliseValueSettings } from './normalise-values.js';
import { dirOf, resolveInRepo } from './paths.js';
import { HELM_NAME, isChartVersion, isOciChartReference, isReleaseName, isValueKey, RELEASE_NAME, RELEASE_NAME_MAX } from './grammar.js';
import { excerpt, problem } from './problems.js';
import type { FileRef } from './refs.js';
import { didYouMean } from './suggest.js';
import { TRACKS, type ChartSource, type HelmRepo, type Problem, type Promotion, type Release, type ReleaseFile, type SemverTrack, type SourcePos, type Track, type Trigger } from './types.js';
import type { Path, YamlSource } from './yaml-source.js';

/** Helm's release name rule: a DNS-1123 subdomain, at most 53 characters (Helm keeps room for suffixes). */
export const RELEASE_NAME_PATTERN = RELEASE_NAME;

export interface NormalisedReleaseFile {
  releaseFile: ReleaseFile;
  refs: FileRef[];
  problems: Problem[];
}

export function normaliseReleaseFile(source: YamlSource, helmRepos: readonly HelmRepo[]): NormalisedReleaseFile {
  const problems: Problem[] = [];
  const refs: FileRef[] = [];
  const data = obj(source.data);
  const baseDir = dirOf(source.file);
  const resourceFiles = resourceRefs(source, ['resourceFiles'], data['resourceFiles'], baseDir, refs, problems);
  if (has(data, 'resourceDependencies')) {
    problems.push(problem(source.keyPos(['resourceDependencies']), '`resourceDependencies` is not supported and is ignored', 'warning'));
  }
  const releases: Release[] = [];
  list(data['releases']).forEach((raw, index) => {
    if (!isObj(raw)) return;
    const release = normaliseRelease(source, ['releases', index], raw, baseDir, helmRepos, refs, problems);
    if (release) releases.push(release);
  });
  return { releaseFile: { path: source.file, releases, resourceFiles }, refs, problems };
}

function resourceRefs(source: YamlSource, at: Path, raw: unknown, baseDir: string, refs: FileRef[], problems: Problem[]): string[] {
  const paths: string[] = [];
  list(raw).forEach((written, i) => {
    const ref = fileRef(source, [...at, i], written, baseDir, 'resource file', problems);
    if (!ref) return;
    refs.push(ref);
    paths.push(ref.path);
  });
  return paths;
}

function normaliseRelease(
  source: YamlSource,
  at: Path,
  raw: Obj,
  baseDir: string,
  helmRepos: readonly HelmRepo[],
  refs: FileRef[],
  problems: Problem[],
): Release | undefined {
  const name = str(raw['name']);
  if (name === undefined) return undefined;
  const pos = source.pos([...at, 'name']);
  if (!isReleaseName(name)) {
    problems.push(
      problem(
        pos,
        `release name \`${excerpt(name)}\` is invalid; expected at most ${RELEASE_NAME_MAX} lower-case letters, digits, \`-\` and \`.\`, starting and ending with a letter or digit`,
      ),
    );
  }
  const chartPos = source.keyPos([...at, 'chart']);
  const chart = normaliseChart(source, [...at, 'chart'], raw['chart'], baseDir, helmRepos, refs, problems);

  const valuesFiles: string[] = [];
  const addValuesFile = (path: Path, written: unknown): void => {
    const ref = fileRef(source, path, written, baseDir, 'values file', problems);
    if (!ref) return;
    refs.push(ref);
    valuesFiles.push(ref.path);
  };
  if (has(raw, 'valuesFile')) addValuesFile([...at, 'valuesFile'], raw['valuesFile']);
  list(raw['valuesFiles']).forEach((written, i) => addValuesFile([...at, 'valuesFiles', i], written));

  const triggers: Trigger[] = [];
  if (has(raw, 'trigger')) {
    const trigger = normaliseTrigger(source, [...at, 'trigger'], raw['trigger'], chart, problems);
    if (trigger) triggers.push(trigger);
  }
  list(raw['triggers']).forEach((item, i) => {
    const trigger = normaliseTrigger(source, [...at, 'triggers', i], item, chart, problems);
    if (trigger) triggers.push(trigger);
  });

  if (!chart) return undefined;
  return {
    name,
    file: source.file,
    pos,
    chart,
    chartPos,
    valuesFiles,
    values: normaliseValueSettings(source, [...at, 'values'], raw['values'], problems),
    triggers,
    skipDefaultValues: raw['skipDefaultValues'] === true,
    resourceFiles: resourceRefs(source, [...at, 'resourceFiles'], raw['resourceFiles'], baseDir, refs, problems),
  };
}

function normaliseChart(
  source: YamlSource,
  at: Path,
  raw: unknown,
  baseDir: string,
  helmRepos: readonly HelmRepo[],
  refs: FileRef[],
  problems: Problem[],
): ChartSource | undefined {
  if (!isObj(raw)) return undefined;
  const dir = str(raw['dir']);
  const reference = str(raw['reference']);
  const version = str(raw['version']);
  if ((dir === undefined) === (reference === undefined)) {
    problems.push(
      problem(
        source.pos(at),
        dir === undefined ? '`chart` needs a `dir` or a `reference`' : '`chart` should have either `dir` or `reference`, not both',
      ),
    );
    return undefined;
  }
  if (dir !== undefined) {
    if (version !== undefined) {
      problems.push(problem(source.keyPos([...at, 'version']), '`version` is ignored for a chart `dir` (the chart in the directory is used as it is)', 'warning'));
    }
    const resolved = resolveInRepo(baseDir, dir);
    if ('error' in resolved) {
      problems.push(problem(source.pos([...at, 'dir']), `chart directory ${resolved.error}`));
      return undefined;
    }
    refs.push({ kind: 'chart directory', path: resolved.path, written: dir, pos: source.pos([...at, 'dir']) });
    return { kind: 'dir', dir: resolved.path };
  }
  const ref = reference!;
  const refPos = source.pos([...at, 'reference']);
  const shown = excerpt(ref);
  if (version === undefined) {
    problems.push(problem(refPos, `chart reference \`${shown}\` needs a \`version\`; pin the chart version so deploys are reproducible`));
  } else if (!isChartVersion(version)) {
    problems.push(
      problem(source.pos([...at, 'version']), `chart version \`${excerpt(version)}\` is invalid; expected a version like 1.2.3 (SemVer, optionally with a v prefix, pre-release or build)`),
    );
    return undefined;
  }
  if (ref.startsWith('oci://')) {
    if (!isOciChartReference(ref)) {
      problems.push(
        problem(refPos, `chart reference \`${shown}\` should look like oci://HOST[:PORT]/PATH/CHART (lower-case path parts of letters, digits and \`.\`, \`_\`, \`-\` separators)`),
      );
      return undefined;
    }
    return { kind: 'oci', reference: ref, version: version ?? '' };
  }
  const match = /^([^/]+)\/([^/]+)$/.exec(ref);
  if (!match || !HELM_NAME.test(match[1]!) || !HELM_NAME.test(match[2]!)) {
    problems.push(
      problem(
        refPos,
        `chart reference \`${shown}\` should be REPO/CHART (REPO from \`helmRepos\`; both letters, digits, \`.\`, \`_\` and \`-\`, starting with a letter or digit) or oci://HOST/PATH/CHART`,
      ),
    );
    return undefined;
  }
  const [, repoName, chartName] = match as unknown as [string, string, string];
  const repo = helmRepos.find((r) => r.name === repoName);
  if (!repo) {
    const known = helmRepos.map((r) => r.name);
    problems.push(
      problem(
        refPos,
        `chart reference \`${shown}\` names Helm repository \`${repoName}\`, which is not in \`helmRepos\`${didYouMean(repoName, known) || (known.length ? `; declared: ${known.join(', ')}` : '')}`,
      ),
    );
  }
  return { kind: 'repo', reference: ref, repoName, chartName, ...(repo ? { repoUrl: repo.url } : {}), version: version ?? '' };
}

const TRIGGER_KINDS = ['image', 'chart', 'helm', 'github'];

function track(raw: Obj): Track {
  const value = raw['track'];
  // `Promote` is an image trigger's; the schema reports it on a chart trigger.
  return TRACKS.includes(value as Track) ? (value as Track) : 'Newest';
}

const DURATION = /^(\d{1,6})(m|h|d)$/;
const DURATION_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const WITHIN: readonly SemverTrack[] = ['PatchLevel', 'MinorVersion', 'MajorVersion'];

/**
 * `track: Promote` with `from`, `after` and `within`: the promotion, undefined for another track, or null
 * when it is written wrong (the problem says how).
 */
function promotion(source: YamlSource, at: Path, body: Obj, kindPos: SourcePos, problems: Problem[]): Promotion | undefined | null {
  const isPromote = body['track'] === 'Promote';
  const stray = ['from', 'after', 'within'].filter((field) => has(body, field));
  if (!isPromote) {
    if (stray.length === 0) return undefined;
    problems.push(problem(source.keyPos([...at, stray[0]!]), `\`${stray[0]}\` belongs to \`track: Promote\`; set the track or remove it`));
    return null;
  }
  const from = str(body['from']);
  if (from === undefined) {
    problems.push(problem(kindPos, '`track: Promote` needs `from`: the environment whose lock file it follows'));
    return null;
  }
  const after = str(body['after']) ?? '0m';
  const match = DURATION.exec(after);
  if (!match) {
    problems.push(problem(source.pos([...at, 'after']), `\`after\` \`${excerpt(after)}\` is not a duration; expected minutes, hours or days like \`30m\`, \`24h\`, \`7d\``));
    return null;
  }
  const within = body['within'];
  if (within !== undefined && !WITHIN.includes(within as SemverTrack)) {
    problems.push(problem(source.pos([...at, 'within']), `\`within\` should be one of ${WITHIN.join(', ')}`));
    return null;
  }
  return {
    from,
    fromPos: source.pos([...at, 'from']),
    after,
    afterMs: Number(match[1]) * DURATION_MS[match[2] as keyof typeof DURATION_MS],
    ...(within !== undefined ? { within: within as SemverTrack } : {}),
  };
}

function normaliseTrigger(source: YamlSource, at: Path, raw: unknown, chart: ChartSource | undefined, problems: Problem[]): Trigger | undefined {
  if (!isObj(raw)) return undefined;
  const pos: SourcePos = source.pos(at);
  const kinds = TRIGGER_KINDS.filter((kind) => has(raw, kind));
  if (kinds.length !== 1) {
    problems.push(
      problem(
        pos,
        kinds.length === 0
          ? 'a trigger should have one of `image` or `chart`'
          : `a trigger should have exactly one of \`image\` or \`chart\`, found ${kinds.map((k) => `\`${k}\``).join(' and ')}; use one trigger per list item`,
      ),
    );
    return undefined;
  }
  const kind = kinds[0]!;
  const body = obj(raw[kind]);
  const kindPos = source.keyPos([...at, kind]);
  if (kind === 'github') {
    problems.push(problem(kindPos, '`github` triggers are not supported and are ignored', 'warning'));
    return undefined;
  }
  if (kind === 'image') {
    const keys = { tagValue: 'image.tag', repoValue: 'image.repository', repoPrefixValue: 'image.prefix' };
    for (const field of Object.keys(keys) as (keyof typeof keys)[]) {
      const written = str(body[field]);
      if (written === undefined) continue;
      if (isValueKey(written)) keys[field] = written;
      else {
        problems.push(problem(source.pos([...at, kind, field]), `trigger \`${field}\` \`${excerpt(written)}\` is not a value key; expected dotted names like \`image.tag\``));
        return undefined;
      }
    }
    let digestValue: string | undefined;
    const writtenDigestValue = str(body['digestValue']);
    if (writtenDigestValue !== undefined) {
      if (!isValueKey(writtenDigestValue)) {
        problems.push(problem(source.pos([...at, kind, 'digestValue']), `trigger \`digestValue\` \`${excerpt(writtenDigestValue)}\` is not a value key; expected dotted names like \`image.digest\``));
        return undefined;
      }
      digestValue = writtenDigestValue;
    }
    const promote = promotion(source, [...at, kind], body, kindPos, problems);
    if (promote === null) return undefined;
    return {
      kind: 'image',
      tagValue: keys.tagValue,
      repoValue: keys.repoValue,
      prefixValue: keys.repoPrefixValue,
      track: promote ? 'Newest' : track(body),
      ...(promote ? { promote } : {}),
      ...(body['pinDigest'] === true ? { pinDigest: true } : {}),
      ...(digestValue !== undefined ? { digestValue } : {}),
      pos: kindPos,
    };
  }
  if (chart?.kind === 'dir') {
    problems.push(problem(kindPos, 'a chart trigger needs a chart `reference` with a `version`; a chart `dir` has no versions to track'));
    return undefined;
  }
  return { kind: 'chart', track: track(body), pos: kindPos };
}
