import { join, relative } from 'node:path';
import type { Problem } from '../model/types.js';
import type { Logger } from '../log/logger.js';
import { plainLogger } from '../log/plain.js';

/** `file:line:column: severity: message`, with the file relative to the current directory. */
export function printProblems(problems: readonly Problem[], root: string): void {
  for (const p of problems) {
    process.stderr.write(`${relative(process.cwd(), join(root, p.file))}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`);
  }
}

/** Plain aligned columns for terminal tables. */
export function formatTable(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}

/** Progress and warnings to stderr (stdout is the command's result); debug lines too with KUBECD_DEBUG set. */
export function cliLogger(): Logger {
  return plainLogger((text) => process.stderr.write(text), { debug: Boolean(process.env.KUBECD_DEBUG) });
}
