import type { ProxiedRequest } from '../../test/harness/proxies.js';

export interface RequestCounts {
  total: number;
  ping: number;
  tags: number;
  manifests: number;
  blobs: number;
  other: number;
  unauthorized: number;
}

/** Requests the counting proxy saw, by kind. */
export function countRequests(requests: readonly ProxiedRequest[]): RequestCounts {
  const counts: RequestCounts = { total: requests.length, ping: 0, tags: 0, manifests: 0, blobs: 0, other: 0, unauthorized: 0 };
  for (const request of requests) {
    const path = request.path.split('?')[0]!;
    if (request.status === 401) counts.unauthorized++;
    if (path === '/v2/' || path === '/v2') counts.ping++;
    else if (path.endsWith('/tags/list')) counts.tags++;
    else if (path.includes('/manifests/')) counts.manifests++;
    else if (path.includes('/blobs/')) counts.blobs++;
    else counts.other++;
  }
  return counts;
}

export function describeCounts(c: RequestCounts): string {
  return `${c.tags} tag-list pages, ${c.manifests} manifests, ${c.blobs} blobs, ${c.ping} pings, ${c.other} other (${c.unauthorized} answered 401)`;
}
