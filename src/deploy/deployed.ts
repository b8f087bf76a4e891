/** What Helm's storage (the Secrets driver) says is installed in a namespace, read with one `kubectl get`. */

export const FINGERPRINT_LABEL = 'kubecd.io/fingerprint';
export const MANAGED_BY_LABEL = 'kubecd.io/managed-by';
export const MANAGED_BY_VALUE = 'kubecd';

/** The Secrets Helm keeps one per release revision carry these labels (Helm 3 and 4). */
export const HELM_STORAGE_SELECTOR = 'owner=helm';

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
  items?: { metadata?: { labels?: Record<string, string> } }[];
}

/** The newest revision of every release in a `kubectl get secrets -l owner=helm -o json` answer. */
export function parseHelmStorage(json: string): Map<string, DeployedRelease> {
  const list = JSON.parse(json) as SecretList;
  const releases = new Map<string, DeployedRelease>();
  for (const item of list.items ?? []) {
    const labels = item.metadata?.labels ?? {};
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
