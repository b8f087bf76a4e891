/**
 * A persistent cache of image metadata (digest, creation time, source label) per tag, so a repeated
 * `Newest` check fetches manifests and config blobs only for tags it has not seen before.
 *
 * Assumption: a version-like tag is immutable — once pushed it keeps naming the same image. Moving tags
 * (`latest`, `main`, ... see isMovingTagName) break that assumption and are never stored. A version tag
 * that is re-pushed anyway is caught where it matters: the tag `Newest` chooses is checked with one HEAD
 * against its cached digest before it is used, and a mismatch replaces the entry with a fresh fetch.
 *
 * One JSON file per registry host + repository under `dir`; files are read lazily on first use, written
 * atomically (temp file + rename) by `save()` at the end of a run, and only when they changed. A missing
 * file is a cold cache; an unreadable or corrupt one is a cold cache plus one warning. Tags the registry no
 * longer lists are dropped (`retain`), so a file never outgrows its repository's tag list.
 */
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWrite } from '../fs/atomic-write.js';
import { confinedRoot, confinedWriteTarget, isRefused, readConfined } from '../fs/confined.js';
import { isDigest, isOciTag } from '../model/grammar.js';
import { isMovingTagName } from '../versions/policy.js';

export interface CachedImage {
  digest: string;
  created: Date;
  /** The `org.opencontainers.image.source` label, when the image has one. */
  source?: string;
}

interface RepositoryKey {
  host: string;
  repository: string;
}

const FORMAT_VERSION = 1;
/** A cache file larger than this is treated as corrupt (a repository with ~100k tags). */
const MAX_CACHE_FILE_BYTES = 16 * 1024 * 1024;

interface StoredFile {
  version: number;
  host: string;
  repository: string;
  tags: Record<string, { digest: string; created: string; source?: string }>;
}

/** The cached tags of one repository. */
export class RepositoryMetadata {
  constructor(
    readonly host: string,
    readonly repository: string,
    private readonly tags: Map<string, CachedImage> = new Map(),
    /** True when the file on disk differs from this (a corrupt file is replaced even if nothing is learnt). */
    private changed = false,
  ) {}

  get(tag: string): CachedImage | undefined {
    return this.tags.get(tag);
  }

  /** Records a tag's image; moving tags and images without a valid creation time are not stored. */
  set(tag: string, image: CachedImage): void {
    if (isMovingTagName(tag) || Number.isNaN(image.created.getTime()) || !image.digest) return;
    const held = this.tags.get(tag);
    if (held && held.digest === image.digest && held.created.getTime() === image.created.getTime() && held.source === image.source) return;
    this.tags.set(tag, { digest: image.digest, created: image.created, ...(image.source ? { source: image.source } : {}) });
    this.changed = true;
  }

  delete(tag: string): void {
    if (this.tags.delete(tag)) this.changed = true;
  }

  /** Drops every tag not in `listed` (the registry's current tag list). */
  retain(listed: readonly string[]): void {
    const keep = new Set(listed);
    for (const tag of [...this.tags.keys()]) if (!keep.has(tag)) this.delete(tag);
  }

  get size(): number {
    return this.tags.size;
  }

  get dirty(): boolean {
    return this.changed;
  }

  markSaved(): void {
    this.changed = false;
  }

  toJSON(): StoredFile {
    const tags: StoredFile['tags'] = {};
    for (const tag of [...this.tags.keys()].sort()) {
      const image = this.tags.get(tag)!;
      tags[tag] = { digest: image.digest, created: image.created.toISOString(), ...(image.source ? { source: image.source } : {}) };
    }
    return { version: FORMAT_VERSION, host: this.host, repository: this.repository, tags };
  }
}

export interface MetadataCacheOptions {
  dir: string;
  warn?: (message: string) => void;
}

export class ImageMetadataCache {
  private readonly loaded = new Map<string, Promise<RepositoryMetadata>>();

  constructor(private readonly options: MetadataCacheOptions) {}

  /** The file that holds one repository: a readable prefix plus a hash, so any name fits in one file name. */
  fileOf(key: RepositoryKey): string {
    return join(this.options.dir, ...this.relativeFileOf(key).split('/'));
  }

  /** The file relative to the cache folder (every read and write is confined to that folder). */
  private relativeFileOf(key: RepositoryKey): string {
    const name = `${key.host}/${key.repository}`;
    const readable = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '_').replace(/^[._-]+/, '').slice(0, 80);
    const hash = createHash('sha256').update(name).digest('hex').slice(0, 16);
    return `images/${readable}-${hash}.json`;
  }

  /** The repository's cached tags, read from disk on first use. */
  repository(key: RepositoryKey): Promise<RepositoryMetadata> {
    const id = `${key.host}/${key.repository}`;
    let entry = this.loaded.get(id);
    if (!entry) {
      entry = this.load(key);
      this.loaded.set(id, entry);
    }
    return entry;
  }

  /** Writes every repository that changed; failures are warnings (a cache must never fail a run). */
  async save(): Promise<void> {
    for (const pending of this.loaded.values()) {
      const metadata = await pending;
      if (!metadata.dirty) continue;
      const file = this.fileOf(metadata);
      try {
        await mkdir(this.options.dir, { recursive: true });
        const where = await confinedWriteTarget(await confinedRoot(this.options.dir), this.relativeFileOf(metadata));
        if (isRefused(where)) throw new Error(where.refused.message.replace('repository', 'cache folder'));
        await atomicWrite(where.target, `${JSON.stringify(metadata.toJSON(), null, 2)}\n`);
        metadata.markSaved();
      } catch (error) {
        this.options.warn?.(`image metadata cache: could not write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    }
  }

  private async load(key: RepositoryKey): Promise<RepositoryMetadata> {
    const file = this.fileOf(key);
    let text: string;
    try {
      const read = await readConfined(await confinedRoot(this.options.dir), this.relativeFileOf(key), MAX_CACHE_FILE_BYTES);
      if (isRefused(read)) {
        if (read.refused.reason !== 'missing') {
          this.options.warn?.(`image metadata cache: could not read ${file} (it ${read.refused.message.replace('repository', 'cache folder')}); starting empty`);
        }
        return new RepositoryMetadata(key.host, key.repository, new Map(), read.refused.reason !== 'missing');
      }
      text = read.text;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.options.warn?.(`image metadata cache: could not read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}); starting empty`);
      }
      return new RepositoryMetadata(key.host, key.repository);
    }
    const tags = parseStored(text, key);
    if (!tags) {
      this.options.warn?.(`image metadata cache: ${file} is corrupt; starting empty (it is rewritten at the end of the run)`);
      return new RepositoryMetadata(key.host, key.repository, new Map(), true);
    }
    return new RepositoryMetadata(key.host, key.repository, tags);
  }
}

/** The tags of a stored file, or undefined when the file is not one this version wrote for `key`. */
function parseStored(text: string, key: RepositoryKey): Map<string, CachedImage> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(data) || data.version !== FORMAT_VERSION || data.host !== key.host || data.repository !== key.repository || !isRecord(data.tags)) {
    return undefined;
  }
  const tags = new Map<string, CachedImage>();
  for (const [tag, value] of Object.entries(data.tags)) {
    if (!isRecord(value) || typeof value.digest !== 'string' || typeof value.created !== 'string') return undefined;
    const created = new Date(value.created);
    // Registry data at rest: a tag or digest outside the grammar is dropped, as if never cached.
    if (Number.isNaN(created.getTime()) || isMovingTagName(tag) || !isOciTag(tag) || !isDigest(value.digest)) continue;
    tags.set(tag, { digest: value.digest, created, ...(typeof value.source === 'string' ? { source: value.source } : {}) });
  }
  return tags;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
