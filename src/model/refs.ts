import type { SourcePos } from './types.js';

export type RefKind = 'release file' | 'values file' | 'resource file' | 'chart directory';

/** A path a user wrote, already resolved to root-relative, with where it was written. */
export interface FileRef {
  kind: RefKind;
  path: string;
  /** As written, for messages. */
  written: string;
  pos: SourcePos;
}
