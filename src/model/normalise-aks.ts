import { has, obj, str } from './data.js';
import { excerpt, problem } from './problems.js';
import type { AksProvider, Problem } from './types.js';
import type { Path, YamlSource } from './yaml-source.js';

/** A tenant, subscription or client id: a GUID in its usual 8-4-4-4-12 hex form. */
export const AZURE_GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Azure's resource group rule: 1-90 letters, digits, `_`, `-`, `.`, `(`, `)`, not ending in `.`. */
export const AZURE_RESOURCE_GROUP = /^[\p{L}\p{N}_\-.()]{0,89}[\p{L}\p{N}_\-()]$/u;

/** The managed cluster name rule of the AKS API: 1-63 letters, digits, `_` and `-`, letter or digit at both ends. */
export const AKS_CLUSTER_NAME = /^[A-Za-z0-9]$|^[A-Za-z0-9][-_A-Za-z0-9]{0,61}[A-Za-z0-9]$/;

const GUID_EXPECTED = 'a GUID like 00000000-0000-0000-0000-000000000000';
const CHECKS = [
  { key: 'tenantId', grammar: AZURE_GUID, expected: GUID_EXPECTED },
  { key: 'subscriptionId', grammar: AZURE_GUID, expected: GUID_EXPECTED },
  { key: 'resourceGroup', grammar: AZURE_RESOURCE_GROUP, expected: 'at most 90 letters, digits, `_`, `-`, `.`, `(` and `)`, not ending in `.`' },
  { key: 'clusterName', grammar: AKS_CLUSTER_NAME, expected: 'at most 63 letters, digits, `_` and `-`, starting and ending with a letter or digit' },
  { key: 'clientId', grammar: AZURE_GUID, expected: GUID_EXPECTED },
] as const;

/**
 * `provider: {aks: {...}}`. The ids and names go into ARM request paths, so each must match Azure's own
 * grammar; a provider with a bad value is reported where it was written and left out.
 */
export function normaliseAksProvider(source: YamlSource, at: Path, raw: unknown, problems: Problem[]): AksProvider | undefined {
  const body = obj(raw);
  const values: Partial<Record<(typeof CHECKS)[number]['key'], string>> = {};
  let valid = true;
  for (const { key, grammar, expected } of CHECKS) {
    const value = str(body[key]);
    if (value === undefined) continue;
    if (!grammar.test(value)) {
      problems.push(problem(source.pos([...at, key]), `AKS \`${key}\` \`${excerpt(value)}\` is invalid; expected ${expected}`));
      valid = false;
    }
    values[key] = value;
  }
  const { tenantId, subscriptionId, resourceGroup, clusterName, clientId } = values;
  // A missing required key (or one that is not a string) is the schema's to report.
  if (!valid || !tenantId || !subscriptionId || !resourceGroup || !clusterName) return undefined;
  if (has(body, 'clientId') && clientId === undefined) return undefined;
  const endpoint = str(body['endpoint']);
  return {
    kind: 'aks',
    tenantId: tenantId.toLowerCase(),
    subscriptionId: subscriptionId.toLowerCase(),
    resourceGroup,
    clusterName,
    ...(clientId !== undefined ? { clientId: clientId.toLowerCase() } : {}),
    ...(endpoint === 'public' || endpoint === 'private' ? { endpoint } : {}),
  };
}
