/**
 * A test hook, like the Google endpoint overrides in cloud/endpoints.ts: KUBECD_REGISTRY_ENDPOINTS maps
 * vendor hosts to local stand-ins, e.g. `{"gcr.io":"http://127.0.0.1:5001","hub.docker.com":"http://127.0.0.1:5002"}`.
 * Every request kubecd makes to a listed host (registry, token realm, vendor listing API) goes to the stand-in
 * instead, with its path and query, while everything else (which credentials apply, what the realm policy
 * allows, what errors name) still sees the vendor's host. Not meant for production use.
 */
export type EndpointOverrides = ReadonlyMap<string, URL>;

export class EndpointOverrideError extends Error {}

export function registryEndpointOverrides(env: NodeJS.ProcessEnv = process.env): EndpointOverrides {
  const text = env.KUBECD_REGISTRY_ENDPOINTS;
  const overrides = new Map<string, URL>();
  if (!text) return overrides;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new EndpointOverrideError('KUBECD_REGISTRY_ENDPOINTS is not a JSON object of host -> URL');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new EndpointOverrideError('KUBECD_REGISTRY_ENDPOINTS is not a JSON object of host -> URL');
  for (const [host, target] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof target !== 'string' || !/^https?:\/\//.test(target)) throw new EndpointOverrideError(`KUBECD_REGISTRY_ENDPOINTS: ${host.slice(0, 64)} needs an http(s) URL`);
    overrides.set(host.toLowerCase(), new URL(target));
  }
  return overrides;
}

/** The URL a request for `url` is really sent to. */
export function routed(url: URL, overrides: EndpointOverrides): URL {
  const target = overrides.get(url.host.toLowerCase());
  if (!target) return url;
  const rerouted = new URL(url.pathname + url.search, target);
  return rerouted;
}

/** A fetch that sends requests for overridden hosts to their stand-ins. */
export function routedFetch(fetchImpl: typeof fetch, overrides: EndpointOverrides): typeof fetch {
  if (overrides.size === 0) return fetchImpl;
  return ((input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? new URL(input.url) : new URL(input);
    return fetchImpl(routed(url, overrides), init);
  }) as typeof fetch;
}
