/**
 * Docker Hub's tags API: `GET https://hub.docker.com/v2/namespaces/NS/repositories/NAME/tags?page_size=100`
 * answers `{count, next, previous, results: [{name, digest, last_updated, tag_last_pushed, ...}]}`, `next`
 * being the absolute URL of the following page. Unlike manifest GETs on the registry, these requests are not
 * pulls, so a whole repository's times cost no pull-limit budget.
 *
 * Hub has no creation time per tag: `tag_last_pushed` (when the tag was last pushed) is the closest, and is
 * what this listing gives; `last_updated` only where a tag has no `tag_last_pushed` (older tags). For images
 * built and pushed by one pipeline the two orders agree; a re-push of an old image counts as new here, as it
 * does on Hub's own page. Official images (`nginx`) are `library/nginx`, namespace `library`.
 *
 * The API is asked anonymously first: a token from the registry's token server means nothing to it, and a
 * public repository needs no login. A private repository answers 401/403/404; then, when the registry
 * credentials for Docker Hub are a username and password (or access token), the listing logs in to Hub's API
 * once per run (dockerhub-login.ts) and asks again with that JWT. Without such credentials, or when Hub still
 * refuses, the client lists the repository through the registry (per-tag metadata, under the pull limit).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { isDigest } from '../model/grammar.js';
import { RegistryProtocolError } from './errors.js';
import type { ListedImage, ListingContext, TimedListing, TimedTags } from './listing-times.js';
import { dockerHubToken } from './dockerhub-login.js';
import { ListingUnavailableError } from './listing-unavailable.js';
import { DOCKER_HUB_HOST, normalizeHost } from './reference.js';
import { parseCreated } from './sanitise.js';
import { TransientError } from './transport.js';

export const DOCKER_HUB_API = 'https://hub.docker.com';
/** The largest page the API serves. */
export const DOCKER_HUB_PAGE_SIZE = 100;

interface HubTag { name?: unknown; digest?: unknown; tag_last_pushed?: unknown; last_updated?: unknown }
interface HubTagPage { next?: string | null; results: HubTag[] }

const ajv = new Ajv({ allErrors: false, strict: true, strictRequired: false, allowUnionTypes: true });
const validHubTagPage: ValidateFunction<HubTagPage> = ajv.compile<HubTagPage>({
  type: 'object',
  required: ['results'],
  properties: {
    next: { type: ['string', 'null'] },
    results: { type: 'array', items: { type: 'object' } },
  },
});

/** `ns/name` of a Hub repository; the API has no form for deeper paths. */
function hubPath(repository: string): { namespace: string; name: string } | undefined {
  const parts = repository.split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { namespace: parts[0], name: parts[1] };
}

/** The time a Hub tag entry gives: `tag_last_pushed`, else `last_updated`; undefined when neither is RFC 3339. */
export function hubTagTime(entry: HubTag): Date | undefined {
  return parseCreated(entry.tag_last_pushed) ?? parseCreated(entry.last_updated);
}

export const dockerHubListing: TimedListing = {
  name: 'Docker Hub tags API',
  handles: (host) => normalizeHost(host) === DOCKER_HUB_HOST,
  async list(ref, context: ListingContext): Promise<TimedTags> {
    const path = hubPath(ref.repository);
    if (!path) throw new ListingUnavailableError(`${ref.repository} is not NAMESPACE/NAME`);
    try {
      return await listPages(ref, path, context, undefined);
    } catch (error) {
      const { credential } = context;
      if (!(error instanceof ListingUnavailableError) || !credential) throw error;
      const token = await dockerHubToken({
        transport: context.transport,
        api: DOCKER_HUB_API,
        credential,
        ...(context.onSecret ? { onSecret: context.onSecret } : {}),
        ...(context.warn ? { warn: context.warn } : {}),
      });
      if (token === undefined) throw error;
      try {
        return await listPages(ref, path, context, token);
      } catch (again) {
        if (again instanceof ListingUnavailableError) throw new ListingUnavailableError(`${again.reason}, with the Docker Hub login too`);
        throw again;
      }
    }
  },
};

/** Every page of the repository's tags, anonymously or with a Hub JWT. */
async function listPages(ref: { host: string; repository: string }, path: { namespace: string; name: string }, context: ListingContext, hubToken: string | undefined): Promise<TimedTags> {
  const headers = { accept: 'application/json', ...(hubToken ? { authorization: `Bearer ${hubToken}` } : {}) };
  const firstUrl = new URL(`/v2/namespaces/${path.namespace}/repositories/${path.name}/tags`, DOCKER_HUB_API);
  firstUrl.searchParams.set('page_size', String(DOCKER_HUB_PAGE_SIZE));
  const tags: unknown[] = [];
  const times = new Map<string, ListedImage>();
  const seen = new Set<string>();
  let url: string | undefined = firstUrl.toString();
  for (let page = 0; url !== undefined; page++) {
    if (page >= context.maxPages) throw new RegistryProtocolError(ref.host, `Docker Hub tags API has more than ${context.maxPages} pages for ${ref.repository}`);
    if (seen.has(url)) throw new RegistryProtocolError(ref.host, `Docker Hub tags API pagination loops for ${ref.repository}`);
    seen.add(url);
    const body: HubTagPage = await context.transport.send('tags', url, { headers: async () => headers }, (response) => {
      if (response.status === 401 || response.status === 403 || response.status === 404) {
        throw new ListingUnavailableError(`the Docker Hub tags API answered HTTP ${response.status} (private repository?)`);
      }
      if (response.status !== 200) throw new RegistryProtocolError(ref.host, `Docker Hub tags API answered HTTP ${response.status}`);
      let json: unknown;
      try {
        json = JSON.parse(response.body.toString('utf8'));
      } catch (error) {
        throw new TransientError(`Docker Hub tags API page is not valid JSON (${response.body.length} bytes; truncated?)`, undefined, { cause: error });
      }
      if (!validHubTagPage(json)) throw new RegistryProtocolError(ref.host, 'Docker Hub tags API page is not {"results": [...], "next": ...}');
      return json;
    });
    for (const entry of body.results) {
      tags.push(entry.name);
      if (typeof entry.name !== 'string' || times.has(entry.name)) continue;
      const created = hubTagTime(entry);
      if (created) times.set(entry.name, { created, ...(isDigest(entry.digest) ? { digest: entry.digest } : {}) });
    }
    url = body.next ? nextPage(body.next, firstUrl, ref.host) : undefined;
  }
  // Tags are checked against their grammar where every listing's answer is (sanitiseTimedTags).
  return { tags: tags as string[], times };
}

/** The `next` URL, which must stay on the API and on this repository's tags. */
function nextPage(next: string, first: URL, host: string): string {
  let url: URL;
  try {
    url = new URL(next, first);
  } catch {
    throw new RegistryProtocolError(host, 'Docker Hub tags API gave an unreadable next page');
  }
  if (url.origin !== first.origin || url.pathname !== first.pathname) {
    throw new RegistryProtocolError(host, `Docker Hub tags API pagination leaves the repository's tags (${url.origin}${url.pathname.slice(0, 80)})`);
  }
  return url.toString();
}
