export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_MANIFEST_V1 = 'application/vnd.docker.distribution.manifest.v1+json';
export const DOCKER_MANIFEST_V1_SIGNED = 'application/vnd.docker.distribution.manifest.v1+prettyjws';
/** The config of a Helm chart pushed to an OCI registry (the chart's metadata, not an image config). */
export const HELM_CONFIG_MEDIA_TYPE = 'application/vnd.cncf.helm.config.v1+json';
/** The OCI annotation for when an artifact was created (Helm sets it when it pushes a chart). */
export const CREATED_ANNOTATION = 'org.opencontainers.image.created';

/** Without an Accept header registries down-convert to schema 1, and OCI manifests need an OCI Accept. */
export const MANIFEST_ACCEPT = [OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST].join(', ');

export function isIndex(mediaType: string): boolean {
  return mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST;
}

export function isImageManifest(mediaType: string): boolean {
  return mediaType === OCI_MANIFEST || mediaType === DOCKER_MANIFEST;
}

export function isSchema1(mediaType: string): boolean {
  return mediaType === DOCKER_MANIFEST_V1 || mediaType === DOCKER_MANIFEST_V1_SIGNED;
}
