/**
 * A lock file and its entries. The entry's fields are described once, in LOCK_FIELDS: the parser reads
 * them, the serialiser writes them in this order, validation checks them by kind, and a test holds
 * schema/lock.schema.json to the same list. A new field is one row here (plus the schema and whoever fills it).
 */
import { isDigest, isRfc3339 } from '../model/grammar.js';
import { TRIGGER_TRACKS, type SourcePos, type TriggerTrack } from '../model/types.js';

/** How a field's value is checked: `text` any string, `value` by its key's grammar (see chart-version.ts), `flag` a boolean. */
export type LockFieldKind = 'text' | 'value' | 'digest' | 'track' | 'time' | 'flag';

export interface LockFieldSpec {
  name: string;
  required: boolean;
  kind: LockFieldKind;
}

/** Every field of a lock entry, in the order a lock file writes them. */
export const LOCK_FIELDS = [
  { name: 'release', required: true, kind: 'text' },
  /** The value key it sets (e.g. `image.tag`), or `chart.version` for a chart trigger. */
  { name: 'key', required: true, kind: 'text' },
  { name: 'value', required: true, kind: 'value' },
  /** Image repository (image triggers) or chart reference (chart triggers). */
  { name: 'repository', required: false, kind: 'text' },
  { name: 'digest', required: false, kind: 'digest' },
  { name: 'track', required: false, kind: 'track' },
  /** When the image was created, remembered so `Newest` need not fetch it again. */
  { name: 'created', required: false, kind: 'time' },
  /** When kubecd resolved it. */
  { name: 'resolvedAt', required: true, kind: 'time' },
  /** When this value was first resolved for this entry; kept while the value stays (promotion soaks on it). */
  { name: 'since', required: false, kind: 'time' },
  /** Written by a human: check-upgrades leaves the entry alone (a rollback stays rolled back). */
  { name: 'hold', required: false, kind: 'flag' },
] as const satisfies readonly LockFieldSpec[];

type LockField = (typeof LOCK_FIELDS)[number];
export type LockFieldName = LockField['name'];
type TypeOf<K extends LockFieldKind> = K extends 'track' ? TriggerTrack : K extends 'flag' ? boolean : string;

/** One resolved version, as recorded in an environment's lock file. */
export type LockEntry = { [F in LockField as F['required'] extends true ? F['name'] : never]: TypeOf<F['kind']> } & {
  [F in LockField as F['required'] extends true ? never : F['name']]?: TypeOf<F['kind']>;
} & { pos?: SourcePos };

export interface LockFile {
  environment: string;
  entries: LockEntry[];
}

/** What a field of `kind` must be, for messages; undefined for free text and for `value` (its key decides). */
export function expectedOf(kind: LockFieldKind): string | undefined {
  switch (kind) {
    case 'digest':
      return 'a digest (sha256:<64 hex> or sha512:<128 hex>)';
    case 'time':
      return 'an RFC 3339 time';
    case 'track':
      return `one of ${TRIGGER_TRACKS.join(', ')}`;
    case 'flag':
      return 'true or false';
    default:
      return undefined;
  }
}

/** Whether `value` fits a field of `kind` (`value` fields are checked against their key elsewhere). */
export function fitsKind(kind: LockFieldKind, value: unknown): boolean {
  switch (kind) {
    case 'digest':
      return isDigest(value);
    case 'time':
      return isRfc3339(value);
    case 'track':
      return TRIGGER_TRACKS.includes(value as TriggerTrack);
    case 'flag':
      return typeof value === 'boolean';
    default:
      return typeof value === 'string';
  }
}
