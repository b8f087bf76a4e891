/** Chart versions from an OCI registry: the tags of the chart's repository. */
import type { RegistryClient } from '../registry/client.js';
import { isChartVersion } from '../model/grammar.js';
import { RegistryProtocolError } from '../registry/errors.js';
import { parseImageReference, repositoryName, type ImageReference } from '../registry/reference.js';
import { keepValid } from '../registry/sanitise.js';
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

/** The chart versions among a chart repository's tags; tags that are not chart versions are dropped (and counted). */
export async function listOciChartVersions(client: RegistryClient, reference: string, warn?: (message: string) => void): Promise<ChartVersion[]> {
  const repository = ociChartRepository(reference);
  const tags = await client.listTags(repository);
  const versions = keepValid(tags.map(tagToChartVersion), isChartVersion, 'chart version', repositoryName(repository), warn);
  if (versions.length === 0) throw new RegistryProtocolError(repositoryName(repository), 'lists no chart versions (untrusted answer)');
  return versions.map((version) => ({ version }));
}
