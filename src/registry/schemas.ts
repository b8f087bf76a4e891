/**
 * The shapes of what registries and chart repositories send, as JSON schemas (ajv). They check structure
 * only; the grammar of each value (tag, digest, version, date) is checked where it is used, so one bad
 * entry in a listing is dropped instead of failing the whole answer.
 */
import { Ajv, type ValidateFunction } from 'ajv';

const ajv = new Ajv({ allErrors: false, strict: true, strictRequired: false, allowUnionTypes: true });

const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;

/** `GET /v2/NAME/tags/list`: `tags` may be null (the registry then lists nothing, which is untrusted). */
export interface TagListBody { name?: string; tags: unknown[] | null }
export const validTagList: ValidateFunction<TagListBody> = ajv.compile<TagListBody>({
  type: 'object',
  required: ['tags'],
  properties: { name: { type: 'string' }, tags: { type: ['array', 'null'] } },
});

/** A token server's answer (the docker `token` or the OAuth2 `access_token` spelling). */
export interface TokenBody { token?: string; access_token?: string; expires_in?: number }
export const validToken: ValidateFunction<TokenBody> = ajv.compile<TokenBody>({
  type: 'object',
  properties: {
    token: { type: 'string', minLength: 1, maxLength: 16_384 },
    access_token: { type: 'string', minLength: 1, maxLength: 16_384 },
    expires_in: { type: 'number' },
  },
  anyOf: [{ required: ['token'] }, { required: ['access_token'] }],
});

export interface DescriptorBody {
  mediaType?: string;
  digest: string;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}

const descriptor = {
  type: 'object',
  required: ['digest'],
  properties: {
    mediaType: { type: 'string' },
    digest: { type: 'string' },
    size: { type: 'number' },
    platform: {
      type: 'object',
      properties: { os: { type: 'string' }, architecture: { type: 'string' }, variant: { type: 'string' } },
    },
    annotations: stringMap,
  },
} as const;

/** An image manifest, an index / manifest list, or a schema 1 manifest (its `history`). */
export interface ManifestBody {
  mediaType?: string;
  config?: DescriptorBody;
  manifests?: DescriptorBody[];
  annotations?: Record<string, string>;
  history?: { v1Compatibility?: string }[];
}
export const validManifest: ValidateFunction<ManifestBody> = ajv.compile<ManifestBody>({
  type: 'object',
  properties: {
    mediaType: { type: 'string' },
    config: descriptor,
    manifests: { type: 'array', items: descriptor },
    annotations: stringMap,
    history: { type: 'array', items: { type: 'object', properties: { v1Compatibility: { type: 'string' } } } },
  },
});

/** The parts of an image config kubecd reads. */
export interface ImageConfigBody { created?: string; config?: { Labels?: Record<string, string> | null } | null }
export const validImageConfig: ValidateFunction<ImageConfigBody> = ajv.compile<ImageConfigBody>({
  type: 'object',
  properties: {
    created: { type: 'string' },
    config: {
      type: ['object', 'null'],
      properties: { Labels: { type: ['object', 'null'], additionalProperties: { type: 'string' } } },
    },
  },
});

/** One version of one chart in a Helm repository's `index.yaml` (YAML may spell a version as a number). */
export interface HelmIndexEntryBody { version: string | number; created?: unknown; digest?: unknown; deprecated?: unknown }
export const validHelmIndexEntry: ValidateFunction<HelmIndexEntryBody> = ajv.compile<HelmIndexEntryBody>({
  type: 'object',
  required: ['version'],
  properties: {
    version: { type: ['string', 'number'] },
    created: { type: 'string' },
    digest: { type: 'string' },
    deprecated: { type: 'boolean' },
  },
});

/** The top of an `index.yaml`. */
export interface HelmIndexBody { apiVersion: string; entries?: Record<string, unknown> | null }
export const validHelmIndex: ValidateFunction<HelmIndexBody> = ajv.compile<HelmIndexBody>({
  type: 'object',
  required: ['apiVersion'],
  properties: { apiVersion: { type: 'string' }, entries: { type: ['object', 'null'] } },
});
