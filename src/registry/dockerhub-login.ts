/**
 * A Docker Hub login for Hub's own API (not the registry's token server): `POST https://hub.docker.com/v2/auth/token`
 * with `{"identifier": USER, "secret": PASSWORD_OR_PAT}` answers `{"access_token": JWT}`, sent as
 * `Authorization: Bearer JWT` to the tags API; Hub documents the token as valid for 10 minutes.
 *
 * Only a username and password (or personal access token) can log in: a registry token or an identity
 * token means nothing to this endpoint, so there is no login for those. One login per client (a run), shared
 * by every repository; a refused or failed login is remembered too, warned about once, and never retried.
 */
import type { Credential } from './credentials.js';
import { isHeaderSafeToken } from './sanitise.js';
import type { Transport } from './transport.js';

export const DOCKER_HUB_LOGIN_PATH = '/v2/auth/token';
/** Hub's tokens last 10 minutes; a run that lasts longer logs in again a little before that. */
export const DOCKER_HUB_TOKEN_REUSE_MS = 9 * 60_000;

export interface HubLoginContext {
  transport: Transport;
  /** `https://hub.docker.com`. */
  api: string;
  credential: () => Promise<Credential | undefined>;
  onSecret?: (value: string) => void;
  warn?: (message: string) => void;
  now?: () => number;
}

interface Session { readonly token: Promise<string | undefined>; at: number }

/** Per transport, i.e. per registry client: a run's clients never share a login with another run's. */
const sessions = new WeakMap<Transport, Session>();


/** The Hub JWT for this run, or undefined when there are no usable Docker Hub credentials or the login failed. */
export function dockerHubToken(context: HubLoginContext): Promise<string | undefined> {
  const now = context.now?.() ?? Date.now();
  const session = sessions.get(context.transport);
  if (session && now - session.at < DOCKER_HUB_TOKEN_REUSE_MS) return session.token;
  const token = login(context);
  const fresh: Session = { token, at: now };
  sessions.set(context.transport, fresh);
  // A refused login stays refused for the run, past the reuse window too.
  void token.then((value) => { if (value === undefined) fresh.at = Number.POSITIVE_INFINITY; });
  return token;
}

async function login(context: HubLoginContext): Promise<string | undefined> {
  let credential: Credential | undefined;
  try {
    credential = await context.credential();
  } catch {
    return undefined;
  }
  if (!credential || !('username' in credential) || !credential.username || !credential.password) return undefined;
  const { username, password } = credential;
  context.onSecret?.(password);
  try {
    const token = await context.transport.send(
      'token',
      new URL(DOCKER_HUB_LOGIN_PATH, context.api).toString(),
      {
        method: 'POST',
        headers: async () => ({ 'content-type': 'application/json', accept: 'application/json' }),
        body: JSON.stringify({ identifier: username, secret: password }),
      },
      (response) => {
        if (response.status !== 200) throw new LoginRefused(`HTTP ${response.status}`);
        let body: unknown;
        try {
          body = JSON.parse(response.body.toString('utf8'));
        } catch {
          throw new LoginRefused('the answer is not JSON');
        }
        const value = (body as { access_token?: unknown } | null)?.access_token;
        if (typeof value !== 'string' || !isHeaderSafeToken(value)) throw new LoginRefused('the answer has no usable access_token');
        return value;
      },
    );
    context.onSecret?.(token);
    return token;
  } catch (error) {
    const why = error instanceof LoginRefused ? error.message : (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
    context.warn?.(`Docker Hub login for the tags API failed (${why}); private Docker Hub repositories are listed through the registry, each tag's time costing a pull`);
    return undefined;
  }
}

class LoginRefused extends Error {}
