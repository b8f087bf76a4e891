/**
 * Which token realms may receive a registry's credentials. A registry's 401 names the realm; a hostile
 * registry could name any host, so credentials go only to the registry's own host or its close family.
 */
import { isIP } from 'node:net';
import { DOCKER_HUB_HOST, hostname } from './reference.js';

/** Docker Hub's registry host asks for tokens on this host. */
export const DOCKER_HUB_AUTH_HOST = 'auth.docker.io';

export type RealmVerdict = { send: true } | { send: false; why: string };

function bare(host: string): string {
  return hostname(host).toLowerCase().replace(/\.$/, '');
}

/**
 * Whether the Basic credentials of `registryHost` (`host[:port]`) may be sent to `realm`:
 * - never over plain http, unless the realm's host is loopback or listed insecure (`plainHttpAllowed`);
 * - when the realm's hostname (port aside) is the registry's;
 * - Docker Hub's registry and its auth host;
 * - when the registry host has 3+ labels and the realm is its parent domain or a sibling under that parent
 *   (`registry.example.com` → `example.com`, `auth.example.com`). IP addresses match exactly only.
 * The parent rule cannot tell a public suffix (`co.uk`) from an organisation's domain; it is kept because
 * registries commonly serve tokens from a sibling host.
 */
export function realmVerdict(registryHost: string, realm: URL, plainHttpAllowed: (host: string) => boolean): RealmVerdict {
  const registry = bare(registryHost);
  const target = bare(realm.host);
  if (realm.protocol === 'http:' && !plainHttpAllowed(realm.host)) return { send: false, why: `the token realm on ${realm.host} is plain http` };
  if (realm.protocol !== 'https:' && realm.protocol !== 'http:') return { send: false, why: 'the token realm is not http(s)' };
  if (target === registry) return { send: true };
  const other = { send: false, why: `the token realm is on another host (${realm.host})` } as const;
  if (isIP(registry) || isIP(target)) return other;
  if (registry === DOCKER_HUB_HOST && target === DOCKER_HUB_AUTH_HOST) return { send: true };
  const labels = registry.split('.');
  if (labels.length < 3) return other;
  const parent = labels.slice(1).join('.');
  if (target === parent) return { send: true };
  const targetLabels = target.split('.');
  if (targetLabels.length === labels.length && targetLabels.slice(1).join('.') === parent) return { send: true };
  return other;
}
