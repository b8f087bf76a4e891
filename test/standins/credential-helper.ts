// A docker credential helper stand-in: `docker-credential-NAME`, a POSIX sh script that answers `get` from a
// fixed table (server URL -> raw stdout), logs every call (argument and stdin) to a file, and answers
// "credentials not found" (exit 1) for anything else, as docker's helpers do.
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface HelperAnswer {
  stdout: string;
  /** Default 0. */
  exitCode?: number;
  stderr?: string;
  /** Sleep this long first (to test time limits). */
  sleepSeconds?: number;
}

export interface FakeCredentialHelper {
  name: string;
  /** The folder holding the script: put it first on PATH. */
  dir: string;
  /** The calls so far, one `ARG SERVER_URL` per line. */
  calls(): Promise<string[]>;
}

function shQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

export async function writeCredentialHelper(dir: string, name: string, answers: Record<string, HelperAnswer>): Promise<FakeCredentialHelper> {
  const log = join(dir, `${name}.calls`);
  await writeFile(log, '');
  const cases = Object.entries(answers).map(([server, answer]) => [
    `  ${shQuote(server)})`,
    ...(answer.sleepSeconds ? [`    sleep ${answer.sleepSeconds}`] : []),
    `    printf '%s' ${shQuote(answer.stdout)}`,
    ...(answer.stderr ? [`    printf '%s\\n' ${shQuote(answer.stderr)} >&2`] : []),
    `    exit ${answer.exitCode ?? 0};;`,
  ].join('\n'));
  const script = [
    '#!/bin/sh',
    'server=$(cat)',
    `printf '%s %s\\n' "$1" "$server" >> ${shQuote(log)}`,
    'case "$server" in',
    ...cases,
    '  *)',
    "    echo 'credentials not found in native keychain'",
    '    exit 1;;',
    'esac',
    '',
  ].join('\n');
  const path = join(dir, `docker-credential-${name}`);
  await writeFile(path, script);
  await chmod(path, 0o755);
  return {
    name,
    dir,
    calls: async () => (await readFile(log, 'utf8')).split('\n').filter((line) => line !== ''),
  };
}
