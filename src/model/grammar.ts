/**
 * The grammars of every value kubecd hands to helm, kubectl or git, or stores in a lock or release file.
 * Anything from the deployments repo, a registry or a chart repository is checked against these before it
 * is compared, stored, written or passed as an argument (see SECURITY.md).
 */

/** An OCI distribution tag. */
export const OCI_TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/** A content digest as kubecd stores it: a registered algorithm and its hex encoding. */
export const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/** A Helm chart version: SemVer 2 as helm reads it (an optional `v`, one to three numbers, pre-release, build). */
export const CHART_VERSION = /^v?(0|[1-9]\d*)(\.(0|[1-9]\d*)){0,2}(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;
export const CHART_VERSION_MAX = 128;

/** Helm's release name rule: a DNS-1123 subdomain of at most 53 characters (Helm keeps room for suffixes). */
export const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const RELEASE_NAME_MAX = 53;

/** A Kubernetes namespace: a DNS-1123 label. */
export const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const NAMESPACE_MAX = 63;

/** An environment name: it becomes a lock file name, a GitHub environment and a branch name part. */
export const ENVIRONMENT_NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;
export const ENVIRONMENT_NAME_MAX = 63;

/** A `helmRepos` name or a chart name in `REPO/CHART`. */
export const HELM_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function isOciTag(value: unknown): value is string {
  return typeof value === 'string' && OCI_TAG.test(value);
}

export function isDigest(value: unknown): value is string {
  return typeof value === 'string' && DIGEST.test(value);
}

export function isChartVersion(value: unknown): value is string {
  return typeof value === 'string' && value.length <= CHART_VERSION_MAX && CHART_VERSION.test(value);
}

export function isReleaseName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= RELEASE_NAME_MAX && RELEASE_NAME.test(value);
}

export function isNamespace(value: unknown): value is string {
  return typeof value === 'string' && value.length <= NAMESPACE_MAX && NAMESPACE.test(value);
}

export function isEnvironmentName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= ENVIRONMENT_NAME_MAX && ENVIRONMENT_NAME.test(value);
}

/**
 * A value that may stand as one command-line argument of its own: not an option (no leading `-`), no
 * control characters (a newline could forge a log line or a second YAML key), not empty.
 */
export function isPlainArgument(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && !value.startsWith('-') && !/[\u0000-\u001f\u007f]/.test(value);
}

/** A registry host of an OCI reference: DNS labels (or a bracketed IPv6 address), an optional port. */
export const OCI_HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;
/** One path component of an OCI repository name (the distribution spec's grammar). */
export const OCI_PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
export const OCI_REPOSITORY_MAX = 255;

/** `oci://HOST[:PORT]/PATH/CHART`: a host and at least one repository path component. */
export function isOciChartReference(value: unknown): value is string {
  if (typeof value !== 'string' || !value.startsWith('oci://')) return false;
  const [host, ...path] = value.slice('oci://'.length).split('/');
  return (
    host !== undefined &&
    OCI_HOST.test(host) &&
    path.length >= 1 &&
    path.join('/').length <= OCI_REPOSITORY_MAX &&
    path.every((component) => OCI_PATH_COMPONENT.test(component))
  );
}

/**
 * A `helmRepos` URL: http or https with a host that is not an option, parsed as a URL, no whitespace or
 * control characters. `file://` is refused: it would let a pull request read any folder of the runner
 * (a chart in the repository is a chart `dir`).
 */
export function isHelmRepoUrl(value: unknown): value is string {
  if (!isPlainArgument(value) || /\s/.test(value) || value.length > 2048) return false;
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return ['http:', 'https:'].includes(url.protocol) && url.hostname !== '' && !url.hostname.startsWith('-') && OCI_HOST.test(url.host);
  } catch {
    return false;
  }
}

/** An RFC 3339 date-time (as lock files store `created` and `resolvedAt`). */
export const RFC3339 = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d{1,9})?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

export function isRfc3339(value: unknown): value is string {
  return typeof value === 'string' && RFC3339.test(value) && !Number.isNaN(Date.parse(value));
}

/** A dotted value key (`image.tag`, `a\.b.c`): no control characters, not an option, bounded. */
export const VALUE_KEY_MAX = 256;

export function isValueKey(value: unknown): value is string {
  return isPlainArgument(value) && value.length <= VALUE_KEY_MAX;
}


/**
 * An image repository as a release's values name it: `[HOST[:PORT]/]PATH` with the distribution spec's path
 * components (the first component is a host when it holds `.` or `:` or is `localhost`), no tag or digest.
 */
export function isImageRepository(value: unknown): value is string {
  if (!isPlainArgument(value) || value.length > OCI_REPOSITORY_MAX + 256) return false;
  const parts = value.split('/');
  const first = parts[0]!;
  const hasHost = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('['));
  if (hasHost && !OCI_HOST.test(first)) return false;
  const path = hasHost ? parts.slice(1) : parts;
  return path.length >= 1 && path.join('/').length <= OCI_REPOSITORY_MAX && path.every((component) => OCI_PATH_COMPONENT.test(component));
}

const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const GO_DURATION_UNIT_MS = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** A Go duration (`90s`, `5m`, `1h30m`, `1.5s`), as helm's --timeout and kubecd's own flags take it, in milliseconds; undefined when it is not one. */
export function goDurationMs(text: string): number | undefined {
  if (!GO_DURATION.test(text)) return undefined;
  let total = 0;
  for (const [, amount, , unit] of text.matchAll(/(\d+(\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(amount) * GO_DURATION_UNIT_MS[unit as keyof typeof GO_DURATION_UNIT_MS];
  return total;
}
