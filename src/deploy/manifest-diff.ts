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
    for (const object of listItems(document.toJS())) add(objects, object);
  }
  return objects;
}

const MAX_LIST_DEPTH = 8;

/**
 * A `kind: List` (or `SecretList`, any `*List` with `items`) stands for its items, as kubectl and helm apply
 * them: flattened, so a Secret inside one is redacted like any other. Items of a `FooList` without a kind are Foos.
 */
function listItems(value: unknown, depth = 0): Doc[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const object = value as Doc;
  const kind = typeof object.kind === 'string' ? object.kind : '';
  if (!kind.endsWith('List') || !Array.isArray(object.items)) return [object];
  // Deeper than any real manifest nests: dropped, never shown unredacted.
  if (depth >= MAX_LIST_DEPTH) return [];
  const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
  return object.items.flatMap((item: unknown) => {
    if (itemKind && item !== null && typeof item === 'object' && !Array.isArray(item) && (item as Doc).kind === undefined) {
      return listItems({ apiVersion: object.apiVersion, kind: itemKind, ...(item as Doc) }, depth + 1);
    }
    return listItems(item, depth + 1);
  });
}

function add(objects: Map<string, Doc>, object: Doc): void {
  const metadata = (object.metadata ?? {}) as Doc;
  const annotations = (metadata.annotations ?? {}) as Doc;
  if (annotations['helm.sh/hook'] !== undefined) return;
  const key = `${String(object.kind ?? '?')}/${String(metadata.namespace ?? '')}/${String(metadata.name ?? '?')}`;
  objects.set(objects.has(key) ? `${key}#${objects.size}` : key, object);
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
 * kubectl diff prints Secrets as they are (it splits a List into its items, so each Secret gets its own header).
 * Its per-object headers name the object (`.../v1.Secret.NS.NAME`); inside a Secret, values under data/stringData
 * become a marker, so the diff shows which keys change, not how. Lines indented below a key (a block scalar's
 * text) are values too, and are dropped into the marker.
 */
export function redactKubectlDiff(diff: string): string {
  let inSecret = false;
  let inData = false;
  let keyIndent: number | undefined;
  return diff
    .split('\n')
    .map((line) => {
      if (/^(diff |--- |\+\+\+ )/.test(line)) {
        if (line.startsWith('diff ') || line.startsWith('--- ')) inSecret = /\/v1\.Secret\./.test(line);
        inData = false;
        return line;
      }
      if (line.startsWith('@@')) return line;
      const body = line.slice(1);
      if (/^(data|stringData):/.test(body)) {
        inData = true;
        keyIndent = undefined;
        // A flow mapping (`data: {a: b}`) holds its values on this very line.
        return inSecret && !/^(data|stringData):\s*$/.test(body) ? `${line[0] ?? ' '}${body.replace(/:.*$/, `: ${REDACTED}`)}` : line;
      }
      if (/^\S/.test(body)) inData = false;
      if (!inSecret || !inData || body.trim() === '') return line;
      const indent = body.length - body.trimStart().length;
      keyIndent ??= indent;
      if (indent > keyIndent) return `${line[0] ?? ' '}${' '.repeat(indent)}${REDACTED}`;
      return `${line[0] ?? ' '}${body.replace(/^(\s*("[^"]*"|'[^']*'|[^:\s][^:]*)):.*$/, `$1: ${REDACTED}`)}`;
    })
    .join('\n');
}
