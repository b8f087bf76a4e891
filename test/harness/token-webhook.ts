// A webhook token authenticator for the test API server: kube-apiserver's
// `--authentication-token-webhook-config-file` names a kubeconfig whose cluster is this server, and the API server
// POSTs a TokenReview (authentication.k8s.io/v1) for every bearer token its other authenticators do not know.
// Contract: Kubernetes docs "Authenticating" / "Webhook Token Authentication": the request body is a TokenReview
// with `spec.token`; the answer is the TokenReview with `status.authenticated` and, when true, `status.user`
// (username, uid, groups). The verifiers are what a cloud's authenticator does with its tokens (aws-iam-authenticator
// for EKS, Entra ID's for AKS); the first that claims a token decides.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseJsonObject, startServer } from '../standins/common.js';

export interface ReviewedUser {
  username: string;
  groups?: string[];
}

/** Says who a token belongs to, or undefined when it does not (or not any more). */
export type TokenVerifier = (token: string) => Promise<ReviewedUser | undefined>;

export interface TokenReviewRecord {
  token: string;
  authenticated: boolean;
  username?: string;
  at: number;
}

export interface TokenWebhook {
  url: string;
  /** Mutable: verifiers may be added once the services they call have started. */
  verifiers: TokenVerifier[];
  reviews: TokenReviewRecord[];
  /** The kubeconfig kube-apiserver reads (`--authentication-token-webhook-config-file`), written into `dir`. */
  writeConfig(dir: string): Promise<string>;
  stop(): Promise<void>;
}

const API_VERSION = 'authentication.k8s.io/v1';

export async function startTokenWebhook(verifiers: TokenVerifier[] = []): Promise<TokenWebhook> {
  const list = [...verifiers];
  const reviews: TokenReviewRecord[] = [];
  const server = await startServer(async ({ method, url, body, reply }) => {
    if (method !== 'POST' || url.pathname !== '/authenticate') return reply(404, { message: 'not found' });
    const review = parseJsonObject(body);
    const spec = review?.['spec'] as { token?: unknown } | undefined;
    if (review?.['kind'] !== 'TokenReview' || review['apiVersion'] !== API_VERSION || typeof spec?.token !== 'string') {
      return reply(400, { message: `expected a ${API_VERSION} TokenReview with spec.token` });
    }
    const token = spec.token;
    let user: ReviewedUser | undefined;
    for (const verify of list) {
      user = await verify(token).catch(() => undefined);
      if (user) break;
    }
    reviews.push({ token, authenticated: user !== undefined, ...(user ? { username: user.username } : {}), at: Date.now() });
    const status = user ? { authenticated: true, user: { username: user.username, uid: user.username, groups: user.groups ?? [] } } : { authenticated: false };
    return reply(200, { apiVersion: API_VERSION, kind: 'TokenReview', status });
  });
  return {
    url: `${server.url}/authenticate`,
    verifiers: list,
    reviews,
    async writeConfig(dir) {
      const path = join(dir, 'token-webhook.kubeconfig');
      await writeFile(path, stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'token-webhook', cluster: { server: `${server.url}/authenticate` } }],
        users: [{ name: 'kube-apiserver', user: {} }],
        contexts: [{ name: 'webhook', context: { cluster: 'token-webhook', user: 'kube-apiserver' } }],
        'current-context': 'webhook',
      }), { mode: 0o600 });
      return path;
    },
    stop: server.stop,
  };
}
