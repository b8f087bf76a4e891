/** Chart versions from an OCI registry: the tags of the chart's repository. */
import type { RegistryClient } from '../registry/client.js';
import { parseImageReference, type ImageReference } from '../registry/reference.js';
import type { ChartVersion } from './helm-repo.js';

/** `oci://host/path/chart` (an optional `:tag` is ignored) as the registry repository holding its versions. */
export function ociChartRepository(reference: string): ImageReference {
  const withoutScheme = reference.replace(/^oci:\/\//, '');
  const { host, repository } = parseImageReference(withoutScheme);
  return { host, repository };
}

/** OCI tags cannot hold `+`, so Helm pushes `1.2.3+build` as the tag `1.2.3_build`; map it back. */
export function tagToChartVersion(tag: string): string {
  return tag.replaceAll('_', '+');
}

export function chartVersionToTag(version: string): string {
  return version.replaceAll('+', '_');
}

export async function listOciChartVersions(client: RegistryClient, reference: string): Promise<ChartVersion[]> {
  const tags = await client.listTags(ociChartRepository(reference));
  return tags.map((tag) => ({ version: tagToChartVersion(tag) }));
}
