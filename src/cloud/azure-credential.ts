import { ClientAssertionCredential, DefaultAzureCredential, type AccessToken, type TokenCredential } from '@azure/identity';
import { azureEndpoints, type AzureEndpoints } from './endpoints.js';

/** Azure Resource Manager. */
export const ARM_SCOPE = 'https://management.azure.com/.default';
/** The Entra application every AKS API server with Entra integration accepts tokens for ("Azure Kubernetes Service AAD Server"). */
export const AKS_SERVER_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';
export const AKS_SCOPE = `${AKS_SERVER_APP_ID}/.default`;
/** The audience Entra ID expects in a federated (workload identity) client assertion. */
export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

/** Tokens are renewed this long before they expire, so none runs out in the middle of a helm command. */
const RENEW_MARGIN_MS = 5 * 60_000;

export class AzureAuthError extends Error {}

export interface AzureCredentialOptions {
  tenantId: string;
  /** The environment's `clientId`, else the action's `azure-client-id` input. */
  clientId?: string;
  /** The job's GitHub OIDC token for an audience (the action gives it; the CLI does not). */
  githubOidcToken?: (audience: string) => Promise<string>;
  /** Told the GitHub OIDC token before it is handed to the library. */
  onSecret: (value: string) => void;
  endpoints?: AzureEndpoints;
}

/**
 * The credential kubecd uses for Azure. In the action, with a client id: the job's GitHub OIDC token as a
 * federated client assertion, which @azure/identity exchanges for Entra ID tokens of that application (a
 * new assertion whenever it needs a token). Otherwise the ambient credentials DefaultAzureCredential finds
 * (environment variables, workload or managed identity, `az login`, ...), as the CLI uses on a workstation.
 */
export function azureCredential(options: AzureCredentialOptions): TokenCredential {
  const endpoints = options.endpoints ?? azureEndpoints();
  // A stand-in authority is unknown to Microsoft's instance discovery; asking it would leave the machine.
  const authority = endpoints.authorityHost ? { authorityHost: endpoints.authorityHost, disableInstanceDiscovery: true } : {};
  const { clientId, githubOidcToken } = options;
  if (clientId && githubOidcToken) {
    const getAssertion = async () => {
      const token = await githubOidcToken(TOKEN_EXCHANGE_AUDIENCE);
      options.onSecret(token);
      return token;
    };
    return new ClientAssertionCredential(options.tenantId, clientId, getAssertion, authority);
  }
  return new DefaultAzureCredential({ tenantId: options.tenantId, ...authority });
}

/**
 * A function returning a current token for `scope`: the last one while it has more than five minutes left
 * (or until the library's suggested refresh time), else a new one. Every call is cheap, so callers may ask
 * before every command; credentials that shell out (the Azure CLI) are not run each time.
 */
export function tokenSource(credential: TokenCredential, scope: string, describe: string, now: () => number = Date.now): () => Promise<string> {
  let current: AccessToken | undefined;
  let pending: Promise<AccessToken> | undefined;
  const usable = (token: AccessToken) => {
    const renewAt = Math.min(token.expiresOnTimestamp - RENEW_MARGIN_MS, token.refreshAfterTimestamp ?? Number.POSITIVE_INFINITY);
    return now() < renewAt;
  };
  const fetchToken = async (): Promise<AccessToken> => {
    let token: AccessToken | null;
    try {
      token = await credential.getToken(scope);
    } catch (error) {
      throw new AzureAuthError(`cannot get an Entra ID token for ${describe}: ${firstLine((error as Error).message)}`);
    }
    if (!token?.token) throw new AzureAuthError(`the Azure credentials gave no token for ${describe}`);
    return token;
  };
  return async () => {
    if (current && usable(current)) return current.token;
    pending ??= fetchToken().finally(() => { pending = undefined; });
    current = await pending;
    return current.token;
  };
}

/** The libraries' messages run to many lines of troubleshooting links; the first says what failed. */
function firstLine(message: string): string {
  return (message.split('\n').find((line) => line.trim() !== '') ?? message).trim().slice(0, 500);
}
