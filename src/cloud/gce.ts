import type { GoogleAuth } from 'google-auth-library';
import { googleEndpoints, type GoogleEndpoints } from './endpoints.js';

export class GceError extends Error {}

export function addressUrl(project: string, region: string | undefined, name: string, endpoints: GoogleEndpoints = googleEndpoints()): string {
  const scope = region ? `regions/${encodeURIComponent(region)}` : 'global';
  return `${endpoints.compute}/compute/v1/projects/${encodeURIComponent(project)}/${scope}/addresses/${encodeURIComponent(name)}`;
}

/** The IP of a reserved Compute Engine address, regional (with `region`) or global. */
export async function lookupAddress(auth: GoogleAuth, project: string, region: string | undefined, name: string, endpoints?: GoogleEndpoints): Promise<string> {
  const url = addressUrl(project, region, name, endpoints);
  const where = `${region ? `regional address ${region}/` : 'global address '}${name} in project ${project}`;
  let response;
  try {
    response = await auth.request<{ address?: string }>({ url, method: 'GET', retry: true });
  } catch (error) {
    const status = (error as { status?: number; response?: { status?: number } }).response?.status ?? (error as { status?: number }).status;
    throw new GceError(`cannot read the ${where}: ${status === 404 ? 'it does not exist' : (error as Error).message}`);
  }
  const address = response.data.address;
  if (!address) throw new GceError(`the ${where} has no IP address`);
  return address;
}
