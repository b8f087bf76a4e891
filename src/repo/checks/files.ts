import { checkChartDirectory, isRefused, statConfined, type ConfinedRoot, type Refusal } from '../../fs/confined.js';
import { excerpt, problem } from '../../model/problems.js';
import type { FileRef } from '../../model/refs.js';
import type { Problem } from '../../model/types.js';

/** `x` or, when it resolves elsewhere, `x` (root/relative/x). */
export function describeRef(ref: FileRef): string {
  return ref.written.replace(/^\.\//, '') === ref.path ? `\`${excerpt(ref.written)}\`` : `\`${excerpt(ref.written)}\` (${excerpt(ref.path, 80)})`;
}

type Kind = { kind: 'file' | 'dir' } | { refused: Refusal };

/**
 * Checks that every referenced file exists inside the repository (symlinks resolved) and is a regular file,
 * and that chart directories hold a Chart.yaml and no symlink that leaves the repository.
 */
export async function checkFileRefs(root: ConfinedRoot, refs: readonly FileRef[]): Promise<Problem[]> {
  const cache = new Map<string, Promise<Kind>>();
  const kindOf = (file: string): Promise<Kind> => {
    let kind = cache.get(file);
    if (!kind) {
      kind = statConfined(root, file);
      cache.set(file, kind);
    }
    return kind;
  };
  const charts = new Map<string, Promise<string | undefined>>();
  const chartProblem = (dir: string): Promise<string | undefined> => {
    let pending = charts.get(dir);
    if (!pending) {
      pending = (async () => {
        const walked = await checkChartDirectory(root, dir);
        if (isRefused(walked)) return walked.refused.reason === 'missing' ? 'does not exist' : walked.refused.message;
        const chartYaml = await kindOf(`${dir}/Chart.yaml`);
        if (isRefused(chartYaml)) return chartYaml.refused.reason === 'missing' ? 'has no Chart.yaml' : `has a Chart.yaml that ${chartYaml.refused.message}`;
        return chartYaml.kind === 'file' ? undefined : 'has no Chart.yaml (it is a directory)';
      })();
      charts.set(dir, pending);
    }
    return pending;
  };
  const problems: Problem[] = [];
  await Promise.all(
    refs.map(async (ref) => {
      if (ref.kind === 'chart directory') {
        const reason = await chartProblem(ref.path);
        if (reason !== undefined) problems.push(problem(ref.pos, `chart directory ${describeRef(ref)} ${reason}`));
        return;
      }
      const kind = await kindOf(ref.path);
      if (isRefused(kind)) problems.push(problem(ref.pos, `${ref.kind} ${describeRef(ref)} ${kind.refused.message}`));
      else if (kind.kind === 'dir') problems.push(problem(ref.pos, `${ref.kind} ${describeRef(ref)} is a directory; expected a file`));
    }),
  );
  return problems;
}
