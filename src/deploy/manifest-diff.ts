import { createTwoFilesPatch } from 'diff';
import { parseAllDocuments, stringify } from 'yaml';

type Doc = Record<string, unknown>;

export const REDACTED = '(redacted)';
export const REDACTED_CHANGED = '(redacted, changed)';

/**
 * The objects of a multi-document manifest (helm template or helm get manifest output), keyed
 * kind/namespace/name. Hooks are left out: `helm template` prints them, `helm get manifest` does not.
 */
export function manifestObjects(manifest: string): Map<string, Doc> {
  const objects = new Map<string, Doc>();
  for (const document of parseAllDocuments(manifest)) {
    const value: unknown = document.toJS();
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const object = value as Doc;
    const metadata = (object.metadata ?? {}) as Doc;
    const annotations = (metadata.annotations ?? {}) as Doc;
    if (annotations['helm.sh/hook'] !== undefined) continue;
    const key = `${String(object.kind ?? '?')}/${String(metadata.namespace ?? '')}/${String(metadata.name ?? '?')}`;
    objects.set(objects.has(key) ? `${key}#${objects.size}` : key, object);
  }
  return objects;
}

function isSecret(object: Doc | undefined): boolean {
  return object?.kind === 'Secret' && (object.apiVersion === 'v1' || object.apiVersion === undefined);
}

function secretEntries(object: Doc): Map<string, string> {
  const entries = new Map<string, string>();
  const data = (object.data ?? {}) as Doc;
  const stringData = (object.stringData ?? {}) as Doc;
  for (const [key, value] of Object.entries(data)) entries.set(key, String(value));
  // stringData is written over data by the API server; compare in the same encoding.
  for (const [key, value] of Object.entries(stringData)) entries.set(key, Buffer.from(String(value)).toString('base64'));
  return entries;
}

/**
 * Replaces every value under a Secret's `data` and `stringData` with a marker, in place. On the declared side,
 * a key whose value differs from (or is missing in) the deployed `other` is marked changed, so a diff still
 * shows WHICH keys change, never how.
 */
export function redactSecret(object: Doc, other: Doc | undefined, side: 'deployed' | 'declared' = 'declared'): void {
  if (!isSecret(object)) return;
  const mine = secretEntries(object);
  const theirs = other && isSecret(other) ? secretEntries(other) : new Map<string, string>();
  for (const field of ['data', 'stringData'] as const) {
    const values = object[field];
    if (values === null || typeof values !== 'object') continue;
    const redacted: Doc = {};
    for (const key of Object.keys(values as Doc)) redacted[key] = side === 'declared' && theirs.get(key) !== mine.get(key) ? REDACTED_CHANGED : REDACTED;
    object[field] = redacted;
  }
}

/** Both manifests with Secret values redacted, as comparable text: one YAML document per object, sorted by key. */
export function comparableManifests(current: string, desired: string): { current: string; desired: string } {
  const currentObjects = manifestObjects(current);
  const desiredObjects = manifestObjects(desired);
  for (const [key, object] of desiredObjects) redactSecret(object, currentObjects.get(key), 'declared');
  for (const object of currentObjects.values()) redactSecret(object, undefined, 'deployed');
  const text = (objects: Map<string, Doc>) =>
    [...objects.keys()].sort().map((key) => `# ${key}\n${stringify(objects.get(key), { sortMapEntries: true })}`).join('---\n');
  return { current: text(currentObjects), desired: text(desiredObjects) };
}

/** A unified diff of what deploying `desired` over `current` changes, Secret values redacted; '' when nothing does. */
export function manifestDiff(release: string, current: string, desired: string): string {
  const sides = comparableManifests(current, desired);
  if (sides.current === sides.desired) return '';
  const patch = createTwoFilesPatch(`${release} (deployed)`, `${release} (declared)`, sides.current, sides.desired, undefined, undefined, { context: 3 });
  // Drop the "===" banner line; keep the ---/+++ header and hunks.
  return patch.split('\n').filter((line) => !/^=+$/.test(line)).join('\n').trimEnd() + '\n';
}

/**
 * kubectl diff prints Secrets as they are. Its per-object headers name the object (`.../v1.Secret.NS.NAME`);
 * inside a Secret, values under data/stringData become a marker, so the diff shows which keys change, not how.
 */
export function redactKubectlDiff(diff: string): string {
  let inSecret = false;
  let inData = false;
  return diff
    .split('\n')
    .map((line) => {
      if (/^(diff |--- |\+\+\+ )/.test(line)) {
        if (line.startsWith('diff ') || line.startsWith('--- ')) inSecret = /\/v1\.Secret\./.test(line);
        inData = false;
        return line;
      }
      const body = line.slice(1);
      if (/^(data|stringData):\s*$/.test(body)) inData = true;
      else if (/^\S/.test(body)) inData = false;
      if (inSecret && inData && /^\s+[^:\s][^:]*:/.test(body)) return `${line[0] ?? ' '}${body.replace(/:.*$/, ': (redacted)')}`;
      return line;
    })
    .join('\n');
}
