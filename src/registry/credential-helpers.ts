/**
 * Docker credential helpers (`credHelpers` / `credsStore` in the docker config): `docker-credential-NAME get`
 * with the server URL on stdin, answering `{"ServerURL", "Username", "Secret"}`. A helper is run only
 * when a registry it serves is asked about, at most once per (helper, server), with an argument array
 * and a time limit; its Secret is masked before anything else sees it.
 */
import { run as runProgram, type RunOptions, type RunResult } from '../exec/run.js';
import type { Credential, HelperLookup } from './credentials.js';
import { configKeyToHost } from './credentials.js';

/** What docker accepts after `docker-credential-`, kept to names that are safe as a program name. */
export const HELPER_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Docker's answer when a helper has nothing for the server; not an error. */
const NOT_FOUND = /credentials not found/i;

/** A helper's user name meaning the Secret is an identity (OAuth2 refresh) token. */
export const IDENTITY_TOKEN_USER = '<token>';

export const DEFAULT_HELPER_TIMEOUT_MS = 10_000;
const MAX_ANSWER_CHARS = 64 * 1024;

export class CredentialHelperError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialHelperError';
  }
}

export interface CredentialHelpersOptions {
  /** Told every Secret as soon as it is read. */
  onSecret?: (value: string) => void;
  timeoutMs?: number;
  /** The helpers' environment (they need PATH and HOME); default process.env. */
  env?: NodeJS.ProcessEnv;
  run?: (command: string, args: readonly string[], options: RunOptions) => Promise<RunResult>;
}

/** A line of a helper's stderr fit for a message: printable, short. */
function firstLine(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
  return line.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
}

/** Reads a helper's `get` answer; throws with what was wrong, never with the answer itself (it holds a secret). */
export function parseHelperAnswer(helper: string, serverUrl: string, stdout: string): Credential {
  const what = `docker-credential-${helper} get`;
  if (stdout.length > MAX_ANSWER_CHARS) throw new CredentialHelperError(`${what} answered more than ${MAX_ANSWER_CHARS} characters`);
  let answer: unknown;
  try {
    answer = JSON.parse(stdout);
  } catch {
    throw new CredentialHelperError(`${what} did not answer JSON (expected {"ServerURL": "...", "Username": "...", "Secret": "..."})`);
  }
  if (!answer || typeof answer !== 'object' || Array.isArray(answer)) {
    throw new CredentialHelperError(`${what} did not answer a JSON object (expected {"ServerURL", "Username", "Secret"})`);
  }
  const { ServerURL: server, Username: username, Secret: secret } = answer as Record<string, unknown>;
  if (typeof username !== 'string' || typeof secret !== 'string' || secret === '') {
    throw new CredentialHelperError(`${what} answered without a string "Username" and a non-empty string "Secret"`);
  }
  if (server !== undefined && server !== '' && (typeof server !== 'string' || configKeyToHost(server) !== configKeyToHost(serverUrl))) {
    throw new CredentialHelperError(`${what} answered for another server than ${configKeyToHost(serverUrl)}`);
  }
  if (username === IDENTITY_TOKEN_USER) return { identityToken: secret };
  if (username === '') throw new CredentialHelperError(`${what} answered an empty "Username"`);
  return { username, password: secret };
}

/** Runs credential helpers for a credential resolver, once per (helper, server URL). */
export function credentialHelpers(options: CredentialHelpersOptions = {}): HelperLookup {
  const answers = new Map<string, Promise<Credential | undefined>>();
  const runHelper = options.run ?? runProgram;
  const timeoutMs = options.timeoutMs ?? DEFAULT_HELPER_TIMEOUT_MS;
  const ask = async (helper: string, serverUrl: string): Promise<Credential | undefined> => {
    if (!HELPER_NAME.test(helper)) {
      throw new CredentialHelperError(`docker config names credential helper "${helper.slice(0, 64).replace(/[^\x20-\x7e]/g, '?')}", which is not a helper name (${HELPER_NAME.source})`);
    }
    const program = `docker-credential-${helper}`;
    const result = await runHelper(program, ['get'], { input: serverUrl, timeoutMs, env: options.env ?? process.env });
    if (result.stderr.endsWith(`${program} timed out after ${timeoutMs} ms`)) throw new CredentialHelperError(`${program} get failed: timed out after ${timeoutMs} ms`);
    if (result.code === 0) {
      const credential = parseHelperAnswer(helper, serverUrl, result.stdout.trim());
      options.onSecret?.('password' in credential ? credential.password : 'identityToken' in credential ? credential.identityToken : credential.token);
      return credential;
    }
    if (NOT_FOUND.test(result.stdout) || NOT_FOUND.test(result.stderr)) return undefined;
    if (result.code === 127 && /ENOENT/.test(result.stderr)) throw new CredentialHelperError(`${program} is not installed (not found on PATH)`);
    // Helpers print their errors on stdout or stderr; an answer that looks like JSON may hold a secret.
    const detail = firstLine(result.stderr) || (result.stdout.trim().startsWith('{') ? '' : firstLine(result.stdout));
    throw new CredentialHelperError(`${program} get failed (exit ${result.code})${detail ? `: ${detail}` : ''}`);
  };
  return (helper, serverUrl) => {
    const key = `${helper}\n${serverUrl}`;
    let answer = answers.get(key);
    if (!answer) {
      answer = ask(helper, serverUrl);
      answers.set(key, answer);
    }
    return answer;
  };
}
