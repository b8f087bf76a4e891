import { resolve } from 'node:path';
import { run } from '../../src/exec/run.js';

export const repoRoot = resolve(import.meta.dirname, '../..');

/** One problem actionlint reports (its `-format '{{json .}}'` output). */
export interface Finding {
  message: string;
  filepath: string;
  line: number;
  column: number;
  kind: string;
}

export interface ActionlintResult {
  code: number;
  findings: Finding[];
  stderr: string;
}

/** Installs actionlint through scripts/install-actionlint.sh (a no-op when cached) and returns its path. */
export async function installActionlint(): Promise<string> {
  const result = await run('bash', [resolve(repoRoot, 'scripts/install-actionlint.sh')], { timeoutMs: 540_000 });
  if (result.code !== 0) throw new Error(`install-actionlint.sh failed (${result.code}):\n${result.stderr}`);
  const path = result.stdout.trim().split('\n').at(-1);
  if (!path) throw new Error('install-actionlint.sh printed no path');
  return path;
}

/**
 * Runs actionlint on `files` from `cwd`. Exit codes: 0 no findings, 1 findings, 2 bad options, 3 fatal error.
 * Shellcheck checks the `run:` scripts when it is on PATH (actionlint's default).
 */
export async function actionlint(binary: string, files: string[], cwd: string): Promise<ActionlintResult> {
  const result = await run(binary, ['-no-color', '-format', '{{json .}}', ...files], { cwd, timeoutMs: 60_000 });
  const text = result.stdout.trim();
  let findings: Finding[] = [];
  if (text !== '') {
    try {
      findings = JSON.parse(text) as Finding[];
    } catch {
      throw new Error(`actionlint printed something that is not its JSON format (exit ${result.code}):\n${text}\n${result.stderr}`);
    }
  }
  return { code: result.code, findings, stderr: result.stderr };
}

/** Findings as `file:line:col: message [kind]` lines, for readable assertion failures. */
export function formatFindings(findings: Finding[]): string[] {
  return findings.map((f) => `${f.filepath}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
}
