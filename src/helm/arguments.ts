/**
 * The guard at helm's door: every value that becomes a helm argument is checked against its grammar here,
 * whatever the loader already checked, so a value that reads as an option (`--post-renderer=sh`, `-h`) or
 * holds a control character never reaches helm.
 */
import { isAbsolute } from 'node:path';
import { redactUrl } from '../exec/redact.js';
import { quoted } from '../exec/quote.js';
import { goDurationMs, HELM_NAME, isChartVersion, isHelmRepoUrl, isNamespace, isOciChartReference, isPlainArgument, isReleaseName } from '../model/grammar.js';
import type { ChartArguments } from './helm.js';

/** A value kubecd refuses to hand to helm; the message names the value's role and what was expected. */
export class HelmArgumentError extends Error {}

function refuse(role: string, value: unknown, expected: string): never {
  throw new HelmArgumentError(`refusing to run helm: ${role} ${quoted(value)} is not ${expected}`);
}

export function checkRelease(value: string): string {
  if (!isReleaseName(value)) refuse('release name', value, 'a valid release name (lower-case letters, digits, "-" and ".", at most 53 characters)');
  return value;
}

export function checkNamespace(value: string): string {
  if (!isNamespace(value)) refuse('namespace', value, 'a valid namespace (a DNS-1123 label: lower-case letters, digits and "-", at most 63 characters)');
  return value;
}

/** A value with no grammar of its own (a path, a kube context): one argument that cannot read as an option. */
export function checkPlain(role: string, value: string): string {
  if (!isPlainArgument(value)) refuse(role, value, 'a plain value (not empty, not starting with "-", no control characters)');
  return value;
}

export function checkVersion(value: string): string {
  if (!isChartVersion(value)) refuse('chart version', value, 'a SemVer version such as 1.2.3');
  return value;
}

/** An http(s) URL without whitespace; printed with any password masked. */
export function checkRepoUrl(value: string): string {
  if (!isHelmRepoUrl(value)) {
    throw new HelmArgumentError(`refusing to run helm: chart repository URL ${quoted(redactUrl(value))} is not an http(s) URL`);
  }
  return value;
}

const REPO_REFERENCE = new RegExp(`^${HELM_NAME.source.slice(1, -1)}/${HELM_NAME.source.slice(1, -1)}$`);

/** The positional chart argument, by the kind of chart it is. */
export function checkChart(chart: ChartArguments): string {
  const value = chart.chart;
  switch (chart.kind) {
    case 'dir':
      if (!isPlainArgument(value) || !isAbsolute(value)) refuse('chart directory', value, 'an absolute path');
      return value;
    case 'oci':
      if (!isOciChartReference(value)) refuse('chart reference', value, 'an OCI reference such as oci://registry.example/charts/app');
      return value;
    case 'repo':
      if (chart.repo !== undefined ? !HELM_NAME.test(value) : !REPO_REFERENCE.test(value)) {
        refuse('chart', value, chart.repo !== undefined ? 'a chart name (letters, digits, ".", "_" and "-")' : 'REPO/CHART (letters, digits, ".", "_" and "-")');
      }
      return value;
  }
}

/** A Go duration as helm's --timeout reads it (`90s`, `5m`, `1h30m`). */
export function checkTimeout(value: string): string {
  if (goDurationMs(value) === undefined) refuse('timeout', value, 'a duration such as 90s, 5m or 1h30m');
  return value;
}

/** A label key or value kubecd sets itself; checked so `,` or `=` can never add a label. */
export function checkLabel(value: string): string {
  if (!/^[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?$/.test(value)) refuse('label', value, 'a label key or value');
  return value;
}
