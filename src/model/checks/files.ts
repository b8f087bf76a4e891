import { stat } from 'node:fs/promises';
import { toAbsolute } from '../paths.js';
import { problem } from '../problems.js';
import type { FileRef } from '../refs.js';
import type { Problem } from '../types.js';

/** `x` or, when it resolves elsewhere, `x` (root/relative/x). */
export function describeRef(ref: FileRef): string {
  return ref.written.replace(/^\.\//, '') === ref.path ? `\`${ref.written}\`` : `\`${ref.written}\` (${ref.path})`;
}

type Kind = 'file' | 'dir' | 'missing';

/** Checks that every referenced file exists (and chart directories hold a Chart.yaml). */
export async function checkFileRefs(root: string, refs: readonly FileRef[]): Promise<Problem[]> {
  const cache = new Map<string, Promise<Kind>>();
  const kindOf = (file: string): Promise<Kind> => {
    let kind = cache.get(file);
    if (!kind) {
      kind = stat(toAbsolute(root, file)).then(
        (info) => (info.isDirectory() ? 'dir' : 'file'),
        () => 'missing' as const,
      );
      cache.set(file, kind);
    }
    return kind;
  };
  const problems: Problem[] = [];
  await Promise.all(
    refs.map(async (ref) => {
      const kind = await kindOf(ref.path);
      if (ref.kind === 'chart directory') {
        if (kind !== 'dir') {
          problems.push(problem(ref.pos, `chart directory ${describeRef(ref)} ${kind === 'missing' ? 'does not exist' : 'is a file, not a directory'}`));
        } else if ((await kindOf(`${ref.path}/Chart.yaml`)) !== 'file') {
          problems.push(problem(ref.pos, `chart directory ${describeRef(ref)} has no Chart.yaml`));
        }
        return;
      }
      if (kind === 'missing') problems.push(problem(ref.pos, `${ref.kind} ${describeRef(ref)} does not exist`));
      else if (kind === 'dir') problems.push(problem(ref.pos, `${ref.kind} ${describeRef(ref)} is a directory; expected a file`));
    }),
  );
  return problems;
}
