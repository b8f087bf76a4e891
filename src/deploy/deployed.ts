/**
 * What is deployed in a namespace, read with ONE `kubectl get secrets`: Helm's storage (the Secrets driver)
 * says which releases are installed, and kubecd's own record Secret holds the fingerprint of the resource
 * files it last applied, so an unchanged environment costs that one read and nothing else.
 */

export const FINGERPRINT_LABEL = 'kubecd.io/fingerprint';
export const MANAGED_BY_LABEL = 'kubecd.io/managed-by';
export const MANAGED_BY_VALUE = 'kubecd';

/** The Secrets Helm keeps one per release revision carry these labels (Helm 3 and 4). */
export const HELM_STORAGE_SELECTOR = 'owner=helm';
/** kubecd's record of the resource files it applied: one Secret per namespace, with no data, only labels. */
export const RESOURCES_RECORD_NAME = 'kubecd-resource-files';
export const RECORD_OWNER = 'kubecd';
/** Helm's storage and kubecd's record in one list. */
export const NAMESPACE_STATE_SELECTOR = `owner in (helm,${RECORD_OWNER})`;

export interface NamespaceState {
  releases: Map<string, DeployedRelease>;
  /** The fingerprint of the resource files last applied in full, when kubecd recorded one. */
  resourceFingerprint?: string;
}

export interface DeployedRelease {
  name: string;
  /** The newest revision's number and status (deployed, failed, pending-upgrade, ...). */
  revision: number;
  status: string;
  /** The fingerprint label of the newest revision, when kubecd set one. */
  fingerprint?: string;
  managedByKubecd: boolean;
}

interface SecretList {
  items?: { metadata?: { name?: string; labels?: Record<string, string> } }[];
}

/** A `kubectl get secrets -l 'owner in (helm,kubecd)' -o json` answer. */
export function parseNamespaceState(json: string): NamespaceState {
  const list = JSON.parse(json) as SecretList;
  const record = (list.items ?? []).find((item) => item.metadata?.name === RESOURCES_RECORD_NAME && item.metadata.labels?.owner === RECORD_OWNER);
  const resourceFingerprint = record?.metadata?.labels?.[FINGERPRINT_LABEL];
  return { releases: parseHelmStorage(json), ...(resourceFingerprint ? { resourceFingerprint } : {}) };
}

/** The record Secret saying the resource files with fingerprint `print` were all applied. */
export function resourcesRecord(print: string): object {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: { name: RESOURCES_RECORD_NAME, labels: { owner: RECORD_OWNER, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [FINGERPRINT_LABEL]: print } },
  };
}

/** The newest revision of every release in a `kubectl get secrets -l owner=helm -o json` answer. */
export function parseHelmStorage(json: string): Map<string, DeployedRelease> {
  const list = JSON.parse(json) as SecretList;
  const releases = new Map<string, DeployedRelease>();
  for (const item of list.items ?? []) {
    const labels = item.metadata?.labels ?? {};
    if (labels.owner !== 'helm') continue;
    const name = labels.name;
    const revision = Number(labels.version);
    if (!name || !Number.isInteger(revision)) continue;
    const known = releases.get(name);
    if (known && known.revision >= revision) continue;
    releases.set(name, {
      name,
      revision,
      status: labels.status ?? 'unknown',
      ...(labels[FINGERPRINT_LABEL] ? { fingerprint: labels[FINGERPRINT_LABEL] } : {}),
      managedByKubecd: labels[MANAGED_BY_LABEL] === MANAGED_BY_VALUE,
    });
  }
  return releases;
}

/** The fingerprint that counts: only a successfully deployed newest revision proves the inputs are live. */
export function liveFingerprint(release: DeployedRelease | undefined): string | undefined {
  return release?.status === 'deployed' ? release.fingerprint : undefined;
}
