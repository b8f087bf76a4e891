import { renewing } from '../concurrency/renewing.js';
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
  const { clientId, githubOidcToken } = options;
  if (clientId && githubOidcToken) {
    const getAssertion = async () => {
      const token = await githubOidcToken(TOKEN_EXCHANGE_AUDIENCE);
      options.onSecret(token);
      return token;
    };
    return new ClientAssertionCredential(options.tenantId, clientId, getAssertion, authorityOptions(endpoints));
  }
  return ambientAzureCredential({ tenantId: options.tenantId, endpoints });
}

/**
 * DefaultAzureCredential as every part of kubecd builds it (AKS, ACR): the Entra authority of the
 * endpoints, and the tenant when one is configured. Without a tenant the library's own rules apply
 * (AZURE_TENANT_ID, the Azure CLI's signed-in tenant).
 */
export function ambientAzureCredential(options: { tenantId?: string; endpoints?: AzureEndpoints } = {}): TokenCredential {
  const authority = authorityOptions(options.endpoints ?? azureEndpoints());
  return new DefaultAzureCredential({ ...(options.tenantId ? { tenantId: options.tenantId } : {}), ...authority });
}

function authorityOptions(endpoints: AzureEndpoints): { authorityHost?: string; disableInstanceDiscovery?: boolean } {
  // A stand-in authority is unknown to Microsoft's instance discovery; asking it would leave the machine.
  return endpoints.authorityHost ? { authorityHost: endpoints.authorityHost, disableInstanceDiscovery: true } : {};
}

/**
 * A function returning a current token for `scope`: the last one while it has more than five minutes left
 * (or until the library's suggested refresh time), else a new one. Every call is cheap, so callers may ask
 * before every command; credentials that shell out (the Azure CLI) are not run each time.
 */
export function tokenSource(credential: TokenCredential, scope: string, describe: string, now: () => number = Date.now): () => Promise<string> {
  const fetchToken = async (): Promise<AccessToken> => {
    let token: AccessToken | null;
    try {
      token = await credential.getToken(scope);
    } catch (error) {
      throw new AzureAuthError(`cannot get an Entra ID token for ${describe}: ${azureCredentialProblem(error)}`);
    }
    if (!token?.token) throw new AzureAuthError(`the Azure credentials gave no token for ${describe}`);
    return token;
  };
  const current = renewing(fetchToken, (token) => Math.min(token.expiresOnTimestamp - RENEW_MARGIN_MS, token.refreshAfterTimestamp ?? Number.POSITIVE_INFINITY), now);
  return async () => (await current()).token;
}

/**
 * A credential's failure in one line. The library's messages run to many lines of troubleshooting links,
 * and the first usually says what failed; but when DefaultAzureCredential finds no identity at all, its first
 * line only says the chain failed, and the rest is one "unavailable" per credential: that is summed up.
 */
export function azureCredentialProblem(error: unknown): string {
  if (error instanceof Error && error.name === 'AggregateAuthenticationError') {
    return 'no Azure identity found: DefaultAzureCredential saw no workload identity (AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE), managed identity, client secret or signed-in az CLI';
  }
  return firstLine(error instanceof Error ? error.message : String(error));
}

function firstLine(message: string): string {
  return (message.split('\n').find((line) => line.trim() !== '') ?? message).trim().slice(0, 500);
}
