/**
 * Image references as docker reads them: `[host[:port]/]path[:tag][@digest]`. The first component is a
 * host when it contains `.` or `:`, is `localhost`, or is a bracketed IPv6 address; otherwise the image is
 * on Docker Hub, where one-component names live under `library/`.
 */

import { OCI_TAG } from '../model/grammar.js';

export const DOCKER_HUB_HOST = 'registry-1.docker.io';
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

export interface ImageReference {
  /** The host (with port) the distribution API is served from, e.g. `registry-1.docker.io`, `127.0.0.1:5000`. */
  host: string;
  /** The repository path on that host, e.g. `library/nginx`. */
  repository: string;
  tag?: string;
  digest?: string;
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

export class InvalidReferenceError extends Error {
  constructor(reference: string, why: string) {
    super(`invalid image reference "${reference}": ${why}`);
    this.name = 'InvalidReferenceError';
  }
}

/** Docker Hub's many names become the API host; hosts are lower-cased. */
export function normalizeHost(host: string): string {
  const lower = host.toLowerCase();
  return DOCKER_HUB_ALIASES.has(lower) ? DOCKER_HUB_HOST : lower;
}

function looksLikeHost(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost' || component.startsWith('[');
}

export function parseImageReference(reference: string): ImageReference {
  let rest = reference.trim();
  if (rest === '') throw new InvalidReferenceError(reference, 'empty');
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new InvalidReferenceError(reference, `bad digest "${digest}"`);
  }
  let host = DOCKER_HUB_HOST;
  const slash = rest.indexOf('/');
  if (slash > 0 && looksLikeHost(rest.slice(0, slash))) {
    host = normalizeHost(rest.slice(0, slash));
    rest = rest.slice(slash + 1);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!OCI_TAG.test(tag)) throw new InvalidReferenceError(reference, `bad tag "${tag}"`);
  }
  const components = rest.split('/');
  for (const component of components) {
    if (!PATH_COMPONENT.test(component)) {
      throw new InvalidReferenceError(reference, `bad repository path component "${component}"`);
    }
  }
  if (host === DOCKER_HUB_HOST && components.length === 1) rest = `library/${rest}`;
  const parsed: ImageReference = { host, repository: rest };
  if (tag !== undefined) parsed.tag = tag;
  if (digest !== undefined) parsed.digest = digest;
  return parsed;
}

/** `host/repository`, the canonical name used as a cache key and in messages. */
export function repositoryName(ref: Pick<ImageReference, 'host' | 'repository'>): string {
  return `${ref.host}/${ref.repository}`;
}

/** The host without its port, brackets removed for IPv6. */
export function hostname(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon >= 0 ? host.slice(0, colon) : host;
}

/** Loopback hosts are reached over plain HTTP, as docker does. */
export function isLoopback(host: string): boolean {
  const name = hostname(host).toLowerCase();
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}
