import { cut, escapeControl, MESSAGE_MAX } from './excerpt.js';
import type { Problem, Severity, SourcePos } from './types.js';

export { excerpt } from './excerpt.js';

/** A positioned problem. The message is capped and its control characters escaped, as a last line of defence. */
export function problem(pos: SourcePos, message: string, severity: Severity = 'error'): Problem {
  return { file: cut(escapeControl(pos.file.slice(0, 600)), 300), line: pos.line, column: pos.column, severity, message: cut(escapeControl(message.slice(0, MESSAGE_MAX * 2)), MESSAGE_MAX) };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** `file:line:column: error: message`, the form editors and CI log parsers recognise. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`;
}

export function formatPos(pos: SourcePos): string {
  return `${pos.file}:${pos.line}:${pos.column}`;
}

/** Sorted by file, line, column, then message; exact duplicates dropped (a release file shared by two
 * environments would otherwise report the same problem twice). */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  const unique: Problem[] = [];
  for (const p of problems) {
    const id = `${formatProblem(p)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    unique.push(p);
  }
  return unique.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}
