export { ChartVersionSource, type ChartVersionSourceOptions } from './source.js';
export { fetchHelmRepoIndex, indexUrl, parseHelmRepoIndex, type ChartVersion, type HelmRepoIndex } from './helm-repo.js';
export { chartVersionToTag, listOciChartVersions, ociChartRepository, tagToChartVersion } from './oci.js';
