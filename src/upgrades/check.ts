/**
 * The check-upgrades engine: for every trigger of the selected releases, ask the registry or chart
 * repository for versions and let the track policy decide. Pure decisions over the sources it is given;
 * it writes nothing.
 */
import { mapLimited } from '../concurrency/map-limited.js';
import type { ChartVersionSource } from '../charts/source.js';
import type { LoadedRepo } from '../repo/loaded-repo.js';
import type { ChartTrigger, Environment, ImageTrigger, Release } from '../model/types.js';
import { chartVersionToUse, isChartVersionEntry, lockKeyOf } from '../lock/chart-version.js';
import { lockEntryOf } from '../lock/entries.js';
import { isPinned } from '../lock/pinning.js';
import type { LockEntry } from '../lock/types.js';
import { checkDigest, checkPromotion, promotionWaves } from './promotion.js';
import { SOURCE_LABEL, type ImageInfo, type RegistryClient } from '../registry/client.js';
import { isChartVersion, isDigest, isOciTag } from '../model/grammar.js';
import { RegistryError, RegistryNotFoundError } from '../registry/errors.js';
import type { ListedImage } from '../registry/listing-times.js';
import type { CachedImage, ImageMetadataCache, RepositoryMetadata } from '../registry/metadata-cache.js';
import { listedButMissing, newestCandidates, rememberImage, type KnownImage } from '../registry/newest.js';
import { parseImageReference, repositoryName, type ImageReference } from '../registry/reference.js';
import { composeValuesDetailed, imageOf } from '../values/compose.js';
import { chooseNewest, chooseSemver, type Decision, type NewestCandidate } from '../versions/policy.js';
import { chartVersionToTag, ociChartRepository, tagToChartVersion } from '../charts/oci.js';
import type { UpgradeRow, WriteMode } from './types.js';

export interface CheckOptions {
  loaded: LoadedRepo;
  registry: RegistryClient;
  charts: ChartVersionSource;
  /** Environment names to check (default all). */
  environments?: readonly string[];
  /** Only this release. */
  release?: string;
  /** `REPO:TAG` just pushed: only triggers on REPO, and only that tag is considered. */
  image?: string;
  /** In `patch` mode the release files hold the current versions, so the lock is not layered on. */
  write?: WriteMode;
  /** Image metadata fetches in flight for `Newest` (the registry client bounds requests too). Default 8. */
  newestConcurrency?: number;
  /**
   * An open image metadata cache (see registry/metadata-cache.ts): `Newest` then fetches manifests and
   * config blobs only for tags not seen on an earlier run. The caller opens and saves it. Undefined = none.
   */
  metadataCache?: ImageMetadataCache;
  /** The clock promotion soak times are measured with (default the current time). */
  now?: () => Date;
}

/** A trigger to check, with its current value. */
interface Job {
  environment: Environment;
  release: Release;
  trigger: ImageTrigger | ChartTrigger;
  key: string;
  current: string;
  repository: string;
  /** Parsed image repository (image triggers whose repository parses). */
  ref?: ImageReference;
  refError?: string;
  /** The environment's lock entry for this release and key (lock mode). */
  locked?: LockEntry;
  /** Apply deploys the locked digest, so a moved digest is an update. */
  pinned: boolean;
}

export class CheckInputError extends Error {}

export async function checkUpgrades(options: CheckOptions): Promise<UpgradeRow[]> {
  const { loaded } = options;
  const jobs = collectJobs(options);
  const known = knownImages(loaded);
  const pushed = options.image !== undefined ? parsePushedImage(options.image) : undefined;
  // Environments in promotion order: a `Promote` trigger sees what its `from` environment got this run.
  const now = (options.now ?? (() => new Date()))();
  const rows = new Map<Job, UpgradeRow>();
  for (const wave of promotionWaves(loaded.repo.environments)) {
    const waveJobs = jobs.filter((job) => wave.includes(job.environment.name));
    const earlier = [...rows.values()];
    const results = await checkJobs(options, waveJobs, known, pushed, options.metadataCache, earlier, now);
    waveJobs.forEach((job, i) => rows.set(job, results[i]!));
  }
  return jobs.map((job) => rows.get(job)!);
}

async function checkJobs(
  options: CheckOptions,
  jobs: Job[],
  known: Map<string, KnownImage>,
  pushed: (ImageReference & { tag: string }) | undefined,
  cache: ImageMetadataCache | undefined,
  earlier: readonly UpgradeRow[],
  now: Date,
): Promise<UpgradeRow[]> {
  return mapLimited(jobs, 16, async (job) => {
    const base: UpgradeRow = {
      environment: job.environment.name,
      release: job.release.name,
      file: job.release.file,
      kind: job.trigger.kind,
      key: job.key,
      current: job.current,
      decision: 'skip',
      reason: '',
      track: job.trigger.track,
      repository: job.repository,
    };
    if (job.trigger.kind === 'image' && job.trigger.promote) base.track = 'Promote';
    if (job.locked?.hold === true) return { ...base, decision: 'held', reason: 'held in the lock file; remove hold: true to resume' };
    try {
      if (job.trigger.kind === 'chart') return checked(await checkChart(options, job, base));
      if (!job.ref) return { ...base, reason: job.refError ?? 'no image repository' };
      let row: UpgradeRow;
      if (job.trigger.promote) {
        row = await checkPromotion({ ...options, now }, job, job.trigger.promote, job.ref, base, earlier);
      } else {
        const cached = job.trigger.track === 'Newest' && cache ? await cache.repository(job.ref) : undefined;
        row = pushed
          ? await checkPushedImage(options, job, job.ref, pushed, known, cached, base)
          : await checkImage(options, job, job.ref, known, cached, base);
      }
      if (row.decision === 'current' && job.pinned && (!pushed || pushed.tag === job.current)) row = await checkDigest(options.registry, job, job.ref, row);
      return checked(row);
    } catch (error) {
      if (error instanceof RegistryError) return sourceFailure(base, `registry failed: ${error.message}`);
      throw error;
    }
  });
}

/** A skip because a registry or chart repository could not be trusted (not a policy decision). */
function sourceFailure(base: UpgradeRow, reason: string): UpgradeRow {
  return { ...base, decision: 'skip', reason, failure: true };
}

/**
 * The last gate before a row can reach a lock or release file: whatever the sources said, an upgrade
 * carries a candidate in its grammar and, when set, a well-formed digest and creation time.
 */
function checked(row: UpgradeRow): UpgradeRow {
  if (row.decision !== 'upgrade') return row;
  const registry = row.repository;
  const validCandidate = row.kind === 'chart' ? isChartVersion(row.candidate) : isOciTag(row.candidate);
  if (!validCandidate) return sourceFailure(stripUpgrade(row), `registry failed: ${registry}: the chosen version is not a valid ${row.kind === 'chart' ? 'chart version' : 'tag'}`);
  if (row.digest !== undefined && !isDigest(row.digest) && !(row.kind === 'chart' && /^[a-f0-9]{64}$/.test(row.digest))) {
    return sourceFailure(stripUpgrade(row), `registry failed: ${registry}: invalid digest for ${row.candidate}`);
  }
  return row;
}

function stripUpgrade(row: UpgradeRow): UpgradeRow {
  const { candidate: _candidate, digest: _digest, created: _created, sourceUrl: _source, ...rest } = row;
  return rest;
}

/** An `org.opencontainers.image.source` label worth linking to: an http(s) URL without control characters. */
function sourceUrlOf(label: string | undefined): string | undefined {
  if (!label || label.length > 2048 || /[^\x21-\x7e]/.test(label)) return undefined;
  try {
    const url = new URL(label);
    return url.protocol === 'https:' || url.protocol === 'http:' ? label : undefined;
  } catch {
    return undefined;
  }
}

/** `REPO:TAG` of the `image` input. */
export function parsePushedImage(image: string): ImageReference & { tag: string } {
  let ref: ImageReference;
  try {
    ref = parseImageReference(image);
  } catch (error) {
    throw new CheckInputError(`image: ${(error as Error).message}`);
  }
  if (ref.tag === undefined || ref.digest !== undefined) throw new CheckInputError(`image: "${image}" should be REPO:TAG`);
  return { host: ref.host, repository: ref.repository, tag: ref.tag };
}

function collectJobs(options: CheckOptions): Job[] {
  const { loaded } = options;
  const all = loaded.repo.environments;
  if (options.environments) {
    const unknown = options.environments.filter((name) => !all.some((e) => e.name === name));
    if (unknown.length > 0) throw new CheckInputError(`no environment ${unknown.map((n) => `"${n}"`).join(', ')} (known: ${all.map((e) => e.name).join(', ')})`);
  }
  const environments = options.environments ? all.filter((e) => options.environments!.includes(e.name)) : all;
  if (options.release !== undefined && !environments.some((e) => e.releases.some((r) => r.name === options.release))) {
    throw new CheckInputError(`no release "${options.release}" in ${environments.map((e) => e.name).join(', ') || 'any environment'}`);
  }
  const withLock = (options.write ?? 'lock') === 'lock';
  const jobs: Job[] = [];
  for (const environment of environments) {
    const lock = withLock ? loaded.lock(environment.name) : undefined;
    for (const release of environment.releases) {
      if (options.release !== undefined && release.name !== options.release) continue;
      if (release.triggers.length === 0) continue;
      const { values } = composeValuesDetailed(loaded, environment, release, { withLock, withChartDefaults: true });
      for (const trigger of release.triggers) {
        if (trigger.kind === 'chart') {
          if (options.image !== undefined || release.chart.kind === 'dir') continue;
          const current = chartVersionToUse(release, lock) ?? '';
          const locked = lockEntryOf(lock, release.name, lockKeyOf(trigger));
          jobs.push({ environment, release, trigger, key: lockKeyOf(trigger), current, repository: release.chart.reference, pinned: false, ...(locked ? { locked } : {}) });
          continue;
        }
        const image = imageOf(values, trigger);
        const locked = lockEntryOf(lock, release.name, trigger.tagValue);
        const job: Job = {
          environment, release, trigger, key: trigger.tagValue, current: image.tag ?? '', repository: image.repository ?? '',
          // Pinning needs the lock: in patch mode the release files hold the versions and apply pins nothing.
          pinned: withLock && isPinned(environment, trigger),
          ...(locked ? { locked } : {}),
        };
        try {
          const ref = parseImageReference(job.repository);
          job.ref = { host: ref.host, repository: ref.repository };
        } catch (error) {
          job.refError = (error as Error).message;
        }
        jobs.push(job);
      }
    }
  }
  if (options.image !== undefined) {
    const pushed = parsePushedImage(options.image);
    const name = repositoryName(pushed);
    return jobs.filter((job) => job.ref && repositoryName(job.ref) === name);
  }
  return jobs;
}

/** Creation times and digests the lock files remember, by `host/repository:tag` (any environment). */
function knownImages(loaded: LoadedRepo): Map<string, KnownImage> {
  const known = new Map<string, KnownImage>();
  for (const environment of loaded.repo.environments) {
    for (const entry of loaded.lock(environment.name)?.entries ?? []) {
      if (isChartVersionEntry(entry) || !entry.repository || !entry.created) continue;
      let name: string;
      try {
        name = repositoryName(parseImageReference(entry.repository));
      } catch {
        continue;
      }
      const created = new Date(entry.created);
      if (Number.isNaN(created.getTime())) continue;
      known.set(`${name}:${entry.value}`, { created, ...(entry.digest ? { digest: entry.digest } : {}) });
    }
  }
  return known;
}

function finish(base: UpgradeRow, decision: Decision, info?: ImageInfo, created?: Date): UpgradeRow {
  if (decision.kind !== 'upgrade') return { ...base, decision: decision.kind, reason: decision.reason };
  const row: UpgradeRow = { ...base, decision: 'upgrade', candidate: decision.tag, reason: decision.reason };
  if (info) row.digest = info.digest;
  const when = info?.created ?? created;
  if (when) row.created = when.toISOString();
  const source = sourceUrlOf(info?.labels[SOURCE_LABEL]);
  if (source) row.sourceUrl = source;
  return row;
}

async function checkImage(
  options: CheckOptions,
  job: Job,
  ref: ImageReference,
  known: Map<string, KnownImage>,
  cached: RepositoryMetadata | undefined,
  base: UpgradeRow,
): Promise<UpgradeRow> {
  const { registry } = options;
  if (job.trigger.track !== 'Newest') {
    const decision = chooseSemver(job.current, await registry.listTags(ref), job.trigger.track);
    if (decision.kind !== 'upgrade') return finish(base, decision);
    return finish(base, decision, await registry.getImageInfo({ ...ref, tag: decision.tag }));
  }
  // Newest reads the listing's creation times too (GCR's manifest map, Docker Hub's tags API, ...).
  const listing = await registry.listTimedTags(ref);
  const tags = listing.tags;
  cached?.retain(tags);
  const name = repositoryName(ref);
  const { candidates, fetched: infos } = await newestCandidates(registry, ref, tags, {
    known: (tag) => {
      const remembered = known.get(`${name}:${tag}`);
      return remembered?.created ? { created: remembered.created, ...(remembered.digest ? { digest: remembered.digest } : {}) } : undefined;
    },
    ...(cached ? { cache: cached } : {}),
    listed: listing.times,
    concurrency: options.newestConcurrency ?? 8,
  });
  const current = known.get(`${name}:${job.current}`);
  const currentOptions = {
    ...(current?.created ? { currentCreated: current.created } : {}),
    ...(current?.digest ? { currentDigest: current.digest } : {}),
  };
  // Each round either accepts the winner or replaces one remembered tag with what the registry says now,
  // so there are at most as many rounds as candidates.
  for (let round = 0; round <= candidates.size; round++) {
    const decision = chooseNewest(job.current, [...candidates.values()], currentOptions);
    if (decision.kind !== 'upgrade') return finish(base, decision);
    const fetched = infos.get(decision.tag);
    if (fetched) return finish(base, decision, fetched);
    const listed = listing.times.get(decision.tag);
    if (listed) return finish(base, decision, await infoFromListing(registry, ref, decision.tag, listed, cached));
    const hit = cached?.get(decision.tag);
    if (hit && (await registry.getDigest({ ...ref, tag: decision.tag })) === hit.digest) {
      return finish(base, decision, infoFromCache(hit));
    }
    // Not fetched this run, and either not cached or re-pushed since: ask the registry.
    let info: ImageInfo;
    try {
      info = await registry.getImageInfo({ ...ref, tag: decision.tag });
    } catch (error) {
      if (error instanceof RegistryNotFoundError) cached?.delete(decision.tag);
      throw listedButMissing(error);
    }
    infos.set(decision.tag, info);
    rememberImage(cached, decision.tag, info);
    if (info.created) candidates.set(decision.tag, { tag: decision.tag, created: info.created, digest: info.digest });
    else candidates.delete(decision.tag);
  }
  return sourceFailure(base, `registry failed: ${name}: tags kept changing while they were checked`);
}

/**
 * The winner as the listing gave it. A listing without the digest gets it from one HEAD (not a pull on
 * Docker Hub); the source label comes from the metadata cache when it knows the same image.
 */
async function infoFromListing(registry: RegistryClient, ref: ImageReference, tag: string, listed: ListedImage, cached: RepositoryMetadata | undefined): Promise<ImageInfo> {
  const digest = listed.digest ?? (await registry.getDigest({ ...ref, tag }));
  if (digest === undefined) throw listedButMissing(new RegistryNotFoundError(repositoryName(ref), `not found: ${tag}`));
  const hit = cached?.get(tag);
  const source = hit?.digest === digest ? hit.source : undefined;
  return { digest, mediaType: '', created: listed.created, labels: source ? { [SOURCE_LABEL]: source } : {}, annotations: {}, platforms: [] };
}

function infoFromCache(hit: CachedImage): ImageInfo {
  return {
    digest: hit.digest,
    mediaType: '',
    created: hit.created,
    labels: hit.source ? { [SOURCE_LABEL]: hit.source } : {},
    annotations: {},
    platforms: [],
  };
}

/** `image` mode: one tag was pushed; check it exists (one HEAD) and apply the track to it alone. */
async function checkPushedImage(
  options: CheckOptions,
  job: Job,
  ref: ImageReference,
  pushed: { tag: string },
  known: Map<string, KnownImage>,
  cached: RepositoryMetadata | undefined,
  base: UpgradeRow,
): Promise<UpgradeRow> {
  const { registry } = options;
  const digest = await registry.getDigest({ ...ref, tag: pushed.tag });
  if (digest === undefined) return { ...base, decision: 'skip', reason: `pushed tag ${pushed.tag} is not in the registry` };
  if (job.trigger.track !== 'Newest') {
    const decision = chooseSemver(job.current, [pushed.tag], job.trigger.track);
    if (decision.kind !== 'upgrade') return finish(base, decision);
    return finish(base, decision, await registry.getImageInfo({ ...ref, tag: decision.tag }));
  }
  const info = await registry.getImageInfo({ ...ref, tag: pushed.tag });
  rememberImage(cached, pushed.tag, info);
  // The current tag's metadata may lack a creation time when it comes from the registry.
  let current: Partial<KnownImage> | undefined = known.get(`${repositoryName(ref)}:${job.current}`);
  const hit = job.current !== pushed.tag ? cached?.get(job.current) : undefined;
  if (!current?.created && hit) current = { created: hit.created, digest: hit.digest };
  if (!current?.created && job.current !== pushed.tag) {
    try {
      const currentInfo = await registry.getImageInfo({ ...ref, tag: job.current });
      rememberImage(cached, job.current, currentInfo);
      current = { ...(currentInfo.created ? { created: currentInfo.created } : {}), digest: currentInfo.digest };
    } catch (error) {
      if (!(error instanceof RegistryNotFoundError)) throw error;
    }
  }
  const candidates = info.created ? [{ tag: pushed.tag, created: info.created, digest: info.digest }] : [];
  const decision = chooseNewest(job.current, candidates, {
    ...(current?.created ? { currentCreated: current.created } : {}),
    ...(current?.digest ? { currentDigest: current.digest } : {}),
  });
  return finish(base, decision, info);
}

async function checkChart(options: CheckOptions, job: Job, base: UpgradeRow): Promise<UpgradeRow> {
  const versions = (await options.charts.listVersions(job.release.chart)).filter((v) => !v.deprecated);
  let decision: Decision;
  if (job.trigger.track !== 'Newest') {
    decision = chooseSemver(job.current, versions.map((v) => v.version), job.trigger.track);
  } else {
    const candidates = job.release.chart.kind === 'oci'
      ? await ociChartCandidates(options, job.release.chart.reference, versions.map((v) => v.version))
      : versions.flatMap((v) => (v.created ? [{ tag: v.version, created: v.created, ...(v.digest ? { digest: v.digest } : {}) }] : []));
    decision = chooseNewest(job.current, candidates);
  }
  const chosen = decision.kind === 'upgrade' ? versions.find((v) => v.version === decision.tag) : undefined;
  if (chosen?.invalidDigest) return sourceFailure(base, `registry failed: ${job.repository}: index.yaml gives version ${chosen.version} an invalid digest`);
  const row = finish(base, decision, undefined, chosen?.created);
  if (chosen?.digest) row.digest = chosen.digest;
  return row;
}

/**
 * An OCI chart version's time: from the registry's listing where it has one (as for images), else from
 * each version's manifest.
 */
async function ociChartCandidates(options: CheckOptions, reference: string, versions: string[]): Promise<NewestCandidate[]> {
  const repository = ociChartRepository(reference);
  const listing = await options.registry.listTimedTags(repository);
  const { candidates } = await newestCandidates(options.registry, repository, versions.map(chartVersionToTag), {
    listed: listing.times,
    concurrency: options.newestConcurrency ?? 8,
  });
  return [...candidates.values()].map((c) => ({ ...c, tag: tagToChartVersion(c.tag) }));
}
