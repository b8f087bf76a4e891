import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatProblem } from '../model/problems.js';
import { loadRepo } from './load.js';
import { BASE_ENVIRONMENTS, BASE_RELEASES, baseRepo, writeTempRepo } from '../../test/support/temp-repo.js';

interface Case {
  name: string;
  files: Record<string, string | null>;
  /** `file:line:column: severity: message`, in order. */
  expected: string[];
}

const env = (extra: string) => BASE_ENVIRONMENTS + extra;
/** The base environment with its body lines (after `- name: test`) replaced. */
const envWith = (body: string, top = '') => `${top}environments:\n  - name: test\n${body}`;
const EXISTING = '    provider:\n      existingContext:\n        context: kind\n';
const REST = '    kubeNamespace: test\n    releases:\n      - releases.yaml\n';
const rel = (body: string, top = '') => `${top}releases:\n  - name: web\n${body}`;
const CHART = '    chart:\n      dir: chart\n';
const LOCK_HEAD = 'environment: test\nentries:\n';
const lockEntry = (release: string, key: string, value = '"1.0.1"') =>
  `  - release: ${release}\n    key: ${key}\n    value: ${value}\n    resolvedAt: "2026-01-01T00:00:00Z"\n`;

const cases: Case[] = [
  // --- the environments file
  { name: 'YAML syntax error in the environments file', files: baseRepo({ 'environments.yaml': 'environments:\n  - name: "test\n' }), expected: [
      'environments.yaml:3:1: error: YAML syntax: Missing closing "quote',
    ] },
  { name: 'environments key misspelt', files: baseRepo({ 'environments.yaml': BASE_ENVIRONMENTS.replace('environments:', 'environment:') }), expected: [
      'environments.yaml:1:1: error: the file is missing `environments`',
      'environments.yaml:1:1: error: unknown key `environment` (did you mean `environments`?)',
    ] },
  { name: 'environments is a map', files: baseRepo({ 'environments.yaml': 'environments:\n  test:\n    kubeNamespace: test\n' }), expected: [
      'environments.yaml:2:3: error: `environments` should be a list of environments ({name, kubeNamespace, ...}), found a map',
    ] },
  { name: 'duplicate environment names', files: baseRepo({ 'environments.yaml': BASE_ENVIRONMENTS + BASE_ENVIRONMENTS.replace('environments:\n', '') }), expected: [
      'environments.yaml:9:11: error: duplicate environment `test`; first declared at environments.yaml:2:11',
    ] },
  { name: 'environment without kubeNamespace', files: baseRepo({ 'environments.yaml': envWith(EXISTING + '    releases:\n      - releases.yaml\n') }), expected: [
      'environments.yaml:2:5: error: `environments` item 1 is missing `kubeNamespace`',
    ] },
  { name: 'invalid namespace', files: baseRepo({ 'environments.yaml': BASE_ENVIRONMENTS.replace('kubeNamespace: test', 'kubeNamespace: Test_NS') }), expected: [
      'environments.yaml:6:20: error: namespace `Test_NS` is invalid; expected a DNS-1123 label: at most 63 lower-case letters, digits and `-`, starting and ending with a letter or digit',
    ] },
  { name: 'namespace longer than 63', files: baseRepo({ 'environments.yaml': BASE_ENVIRONMENTS.replace('kubeNamespace: test', `kubeNamespace: ${'n'.repeat(64)}`) }), expected: [
      'environments.yaml:6:20: error: namespace `nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn…` is invalid; expected a DNS-1123 label: at most 63 lower-case letters, digits and `-`, starting and ending with a letter or digit',
    ] },
  { name: 'invalid environment name', files: baseRepo({ 'environments.yaml': BASE_ENVIRONMENTS.replace('name: test', 'name: test env') }), expected: [
      'environments.yaml:2:11: error: environment name `test env` is invalid; expected at most 63 letters, digits, `.`, `_` and `-`, starting and ending with a letter or digit',
    ] },
  { name: 'unknown environment key with a hint', files: baseRepo({ 'environments.yaml': BASE_ENVIRONMENTS.replace('kubeNamespace', 'kubeNamspace') }), expected: [
      'environments.yaml:2:5: error: `environments` item 1 is missing `kubeNamespace`',
      'environments.yaml:6:5: error: unknown key `kubeNamspace` (did you mean `kubeNamespace`?)',
    ] },
  { name: 'environment without a cluster', files: baseRepo({ 'environments.yaml': envWith(REST) }), expected: [
      'environments.yaml:2:11: error: environment needs a `cluster` (a name from `clusters:`) or a `provider`',
    ] },
  {
    name: 'unknown cluster with a hint',
    files: baseRepo({ 'environments.yaml': envWith('    cluster: prd\n' + REST, 'clusters:\n  - name: prod\n    provider:\n      minikube: {}\n') }),
    expected: [
      'environments.yaml:7:14: error: unknown cluster `prd` (did you mean `prod`?)',
    ],
  },
  {
    name: 'cluster and provider both given',
    files: baseRepo({ 'environments.yaml': envWith('    cluster: prod\n' + EXISTING + REST, 'clusters:\n  - name: prod\n    provider:\n      minikube: {}\n') }),
    expected: [
      "environments.yaml:8:5: error: give the environment's cluster as one of `cluster`, `clusterName` or `provider`, found `cluster` and `provider`",
    ],
  },
  { name: 'provider with two kinds', files: baseRepo({ 'environments.yaml': envWith('    provider:\n      minikube: {}\n      dockerForDesktop: {}\n' + REST) }), expected: [
      'environments.yaml:4:7: error: `provider` should have exactly one of gke, aks, eks, existingContext, minikube, dockerForDesktop, found minikube and dockerForDesktop',
    ] },
  { name: 'empty provider', files: baseRepo({ 'environments.yaml': envWith('    provider: {}\n' + REST) }), expected: [
      'environments.yaml:3:15: error: `provider` should have exactly one of gke, aks, eks, existingContext, minikube, dockerForDesktop',
    ] },
  { name: 'GKE without zone or region', files: baseRepo({ 'environments.yaml': envWith('    provider:\n      gke:\n        project: p\n        clusterName: c\n' + REST) }), expected: [
      'environments.yaml:5:9: error: GKE provider needs a `zone` or a `region`',
    ] },
  {
    name: 'GKE with zone and region',
    files: baseRepo({ 'environments.yaml': envWith('    provider:\n      gke:\n        project: p\n        clusterName: c\n        zone: us-central1-b\n        region: us-central1\n' + REST) }),
    expected: [
      'environments.yaml:5:9: error: GKE provider should have either `zone` or `region`, not both',
    ],
  },
  {
    name: 'GKE endpoint not in the enum',
    files: baseRepo({ 'environments.yaml': envWith('    provider:\n      gke:\n        project: p\n        clusterName: c\n        zone: z\n        endpoint: privat\n' + REST) }),
    expected: [
      'environments.yaml:8:19: error: `endpoint` should be one of public, private, dns, found the string "privat" (did you mean `private`?)',
    ],
  },
  { name: 'GKE without project', files: baseRepo({ 'environments.yaml': envWith('    provider:\n      gke:\n        clusterName: c\n        zone: z\n' + REST) }), expected: [
      'environments.yaml:5:9: error: `gke` is missing `project`',
    ] },
  {
    name: 'duplicate cluster names',
    files: baseRepo({ 'environments.yaml': envWith('    cluster: a\n' + REST, 'clusters:\n  - name: a\n    provider: {minikube: {}}\n  - name: a\n    provider: {minikube: {}}\n') }),
    expected: [
      'environments.yaml:4:11: error: duplicate cluster `a`; first declared at environments.yaml:2:11',
    ],
  },
  { name: 'defaultValues is a map', files: baseRepo({ 'environments.yaml': env('    defaultValues:\n      ingress.domain: example.test\n') }), expected: [
      'environments.yaml:10:7: error: `defaultValues` should be a list of {key, value} entries, found a map',
    ] },
  { name: 'default value without value', files: baseRepo({ 'environments.yaml': env('    defaultValues:\n      - key: ingress.domain\n') }), expected: [
      'environments.yaml:10:9: error: value `ingress.domain` has neither `value` nor `valueFrom`; expected one of them',
    ] },
  { name: 'missing defaultValuesFile', files: baseRepo({ 'environments.yaml': env('    defaultValuesFile: defaults.yaml\n') }), expected: [
      'environments.yaml:9:24: error: values file `defaults.yaml` does not exist',
    ] },
  { name: 'missing release file', files: baseRepo({ 'environments.yaml': env('      - more/releases.yaml\n') }), expected: [
      'environments.yaml:9:9: error: release file `more/releases.yaml` does not exist',
    ] },
  { name: 'release file outside the repository', files: baseRepo({ 'environments.yaml': env('      - ../other/releases.yaml\n') }), expected: [
      'environments.yaml:9:9: error: release file `../other/releases.yaml` points outside the repository root',
    ] },
  { name: 'absolute release file path', files: baseRepo({ 'environments.yaml': env('      - /etc/releases.yaml\n') }), expected: [
      "environments.yaml:9:9: error: release file `/etc/releases.yaml` is an absolute path; expected a path relative to the file's folder",
    ] },
  { name: 'Helm repository URL without a scheme', files: baseRepo({ 'environments.yaml': 'helmRepos:\n  - name: shared\n    url: charts.example.test\n' + BASE_ENVIRONMENTS }), expected: [
      'environments.yaml:3:10: error: Helm repository URL `charts.example.test` is invalid; expected an https:// or http:// URL without spaces or control characters (a chart in this repository is a chart `dir`; OCI charts need no helmRepos entry)',
    ] },
  {
    name: 'duplicate Helm repository',
    files: baseRepo({ 'environments.yaml': 'helmRepos:\n  - name: shared\n    url: https://a.example.test\n  - name: shared\n    url: https://b.example.test\n' + BASE_ENVIRONMENTS }),
    expected: [
      'environments.yaml:4:11: error: duplicate Helm repository `shared`; first declared at environments.yaml:2:11',
    ],
  },
  { name: 'lock file outside the repository', files: baseRepo({ 'environments.yaml': env('    lockFile: ../locks/test.yaml\n') }), expected: [
      'environments.yaml:9:15: error: `lockFile` `../locks/test.yaml` points outside the repository root',
    ] },
  { name: 'releases and releasesFiles both given', files: baseRepo({ 'environments.yaml': env('    releasesFiles:\n      - releases.yaml\n') }), expected: [
      'environments.yaml:9:5: error: give release files as either `releases` or `releasesFiles`, not both',
      'environments.yaml:10:9: error: release file `releases.yaml` is already listed at environments.yaml:8:9',
    ] },
  { name: 'context and contextName both given', files: baseRepo({ 'environments.yaml': BASE_ENVIRONMENTS.replace('context: kind', 'context: kind\n        contextName: kind') }), expected: [
      'environments.yaml:6:9: error: give the context as either `context` or `contextName`, not both',
    ] },
  {
    name: 'valueFrom reads a cluster parameter the cluster lacks',
    files: baseRepo({
      'environments.yaml': envWith('    cluster: prod\n' + REST, 'clusters:\n  - name: prod\n    provider: {minikube: {}}\n    parameters:\n      - name: ipName\n        value: a\n'),
      'releases.yaml': rel(CHART + '    values:\n      - key: service.loadBalancerIP\n        valueFrom:\n          gceResource:\n            address:\n              nameFrom:\n                clusterParam: ingressIp\n'),
    }),
    expected: [
      'releases.yaml:6:9: error: value `service.loadBalancerIP` reads cluster parameter `ingressIp`, which cluster `prod` (environment `test`) does not define',
    ],
  },
  { name: 'empty environments file', files: baseRepo({ 'environments.yaml': '# nothing yet\n' }), expected: [
      'environments.yaml:1:1: error: the file should be a kubecd environments file (a map with `environments`), found nothing',
    ] },
  { name: 'environments file holding a list', files: baseRepo({ 'environments.yaml': '- name: test\n' }), expected: [
      'environments.yaml:1:1: error: the file should be a kubecd environments file (a map with `environments`), found a list',
    ] },
  { name: 'environment without a name', files: baseRepo({ 'environments.yaml': 'environments:\n  - kubeNamespace: test\n' + EXISTING }), expected: [
      'environments.yaml:2:5: error: `environments` item 1 is missing `name`',
    ] },
  { name: 'cluster parameter without a value', files: baseRepo({ 'environments.yaml': envWith('    cluster: a\n' + REST, 'clusters:\n  - name: a\n    provider: {minikube: {}}\n    parameters:\n      - name: ip\n') }), expected: [
      'environments.yaml:5:9: error: `parameters` item 1 is missing `value`',
    ] },
  {
    name: 'two environments sharing a lock file',
    files: baseRepo({ 'environments.yaml': env('    lockFile: locks/shared.yaml\n') + BASE_ENVIRONMENTS.replace('environments:\n', '').replace('name: test', 'name: prod') + '    lockFile: locks/shared.yaml\n' }),
    expected: [
      'environments.yaml:10:11: error: lock file `locks/shared.yaml` of environment `prod` is also the lock file of environment `test`; give each environment its own `lockFile`',
    ],
  },
  // --- release files
  { name: 'duplicate key in a release file', files: baseRepo({ 'releases.yaml': rel(CHART + '    name: api\n') }), expected: [
      'releases.yaml:5:5: error: duplicate key `name` (first at 2:5)',
    ] },
  { name: 'unknown release key with a hint', files: baseRepo({ 'releases.yaml': rel(CHART + '    valuesFIle: values.yaml\n') }), expected: [
      'releases.yaml:5:5: error: unknown key `valuesFIle` (did you mean `valuesFile`?)',
    ] },
  { name: 'values is a map', files: baseRepo({ 'releases.yaml': rel(CHART + '    values:\n      image.tag: "1.0.0"\n') }), expected: [
      'releases.yaml:6:7: error: `values` should be a list of {key, value} entries, found a map',
    ] },
  { name: 'release without chart', files: baseRepo({ 'releases.yaml': rel('    values: []\n') }), expected: [
      'releases.yaml:2:5: error: `releases` item 1 is missing `chart`',
    ] },
  { name: 'chart with dir and reference', files: baseRepo({ 'releases.yaml': rel('    chart:\n      dir: chart\n      reference: oci://r.example.test/c/web\n      version: 1.0.0\n') }), expected: [
      'releases.yaml:4:7: error: `chart` should have either `dir` or `reference`, not both',
    ] },
  { name: 'chart with neither dir nor reference', files: baseRepo({ 'releases.yaml': rel('    chart: {}\n') }), expected: [
      'releases.yaml:3:12: error: `chart` needs a `dir` or a `reference`',
    ] },
  { name: 'missing chart directory', files: baseRepo({ 'releases.yaml': BASE_RELEASES.replace('dir: chart', 'dir: charts/web') }), expected: [
      'releases.yaml:4:12: error: chart directory `charts/web` does not exist',
      "releases.yaml:9:9: error: trigger repoValue `image.repository` is not set for release `web` in environment `test`; set it in the release values or the chart's values.yaml",
    ] },
  { name: 'chart directory without Chart.yaml', files: baseRepo({ 'releases.yaml': BASE_RELEASES.replace('dir: chart', 'dir: empty'), 'empty': null }), expected: [
      'releases.yaml:4:12: error: chart directory `empty` has no Chart.yaml',
      "releases.yaml:9:9: error: trigger repoValue `image.repository` is not set for release `web` in environment `test`; set it in the release values or the chart's values.yaml",
    ] },
  { name: 'chart reference without version', files: baseRepo({ 'releases.yaml': rel('    chart:\n      reference: oci://r.example.test/charts/web\n') }), expected: [
      'releases.yaml:4:18: error: chart reference `oci://r.example.test/charts/web` needs a `version`; pin the chart version so deploys are reproducible',
    ] },
  {
    name: 'chart reference to an undeclared Helm repository',
    files: baseRepo({
      'environments.yaml': 'helmRepos:\n  - name: stable\n    url: https://charts.example.test\n' + BASE_ENVIRONMENTS,
      'releases.yaml': rel('    chart:\n      reference: stabel/nginx\n      version: 1.0.0\n'),
    }),
    expected: [
      'releases.yaml:4:18: error: chart reference `stabel/nginx` names Helm repository `stabel`, which is not in `helmRepos` (did you mean `stable`?)',
    ],
  },
  { name: 'chart reference without a repository', files: baseRepo({ 'releases.yaml': rel('    chart:\n      reference: nginx\n      version: 1.0.0\n') }), expected: [
      'releases.yaml:4:18: error: chart reference `nginx` should be REPO/CHART (REPO from `helmRepos`; both letters, digits, `.`, `_` and `-`, starting with a letter or digit) or oci://HOST/PATH/CHART',
    ] },
  { name: 'invalid release name', files: baseRepo({ 'releases.yaml': BASE_RELEASES.replace('name: web', 'name: Web_App') }), expected: [
      'releases.yaml:2:11: error: release name `Web_App` is invalid; expected at most 53 lower-case letters, digits, `-` and `.`, starting and ending with a letter or digit',
    ] },
  { name: 'release name longer than 53', files: baseRepo({ 'releases.yaml': BASE_RELEASES.replace('name: web', `name: ${'w'.repeat(54)}`) }), expected: [
      'releases.yaml:2:11: error: release name `wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww…` is invalid; expected at most 53 lower-case letters, digits, `-` and `.`, starting and ending with a letter or digit',
    ] },
  {
    name: 'duplicate release across release files',
    files: baseRepo({ 'environments.yaml': env('      - more.yaml\n'), 'more.yaml': '# more releases\n' + BASE_RELEASES }),
    expected: [
      'more.yaml:3:11: error: duplicate release `web` in environment `test`; first declared at releases.yaml:2:11',
    ],
  },
  { name: 'missing values file', files: baseRepo({ 'releases.yaml': rel(CHART + '    valuesFile: values/web.yaml\n') }), expected: [
      'releases.yaml:5:17: error: values file `values/web.yaml` does not exist',
    ] },
  { name: 'values file holding a list', files: baseRepo({ 'releases.yaml': rel(CHART + '    valuesFile: web.yaml\n'), 'web.yaml': '- a\n- b\n' }), expected: [
      'web.yaml:1:1: error: values file should hold a map of values, found a list',
    ] },
  { name: 'values file with a syntax error', files: baseRepo({ 'releases.yaml': rel(CHART + '    valuesFile: web.yaml\n'), 'web.yaml': 'image:\n  tag: [1.0\n' }), expected: [
      'web.yaml:3:1: error: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ] },
  { name: 'missing resource file', files: baseRepo({ 'releases.yaml': 'resourceFiles:\n  - storage.yaml\n' + BASE_RELEASES }), expected: [
      'releases.yaml:2:5: error: resource file `storage.yaml` does not exist',
    ] },
  { name: 'resource file outside the repository', files: baseRepo({ 'releases.yaml': 'resourceFiles:\n  - ../../storage.yaml\n' + BASE_RELEASES }), expected: [
      'releases.yaml:2:5: error: resource file `../../storage.yaml` points outside the repository root',
    ] },
  { name: 'track misspelt', files: baseRepo({ 'releases.yaml': BASE_RELEASES.replace('track: PatchLevel', 'track: Patchlevel') }), expected: [
      'releases.yaml:10:18: error: `track` should be one of PatchLevel, MinorVersion, MajorVersion, Newest, Promote, found the string "Patchlevel" (did you mean `PatchLevel`?)',
    ] },
  { name: 'trigger with image and chart', files: baseRepo({ 'releases.yaml': BASE_RELEASES + '        chart:\n          track: Newest\n' }), expected: [
      'releases.yaml:9:9: error: a trigger should have exactly one of `image` or `chart`, found `image` and `chart`; use one trigger per list item',
    ] },
  { name: 'trigger with no kind', files: baseRepo({ 'releases.yaml': rel(CHART + '    triggers:\n      - {}\n') }), expected: [
      'releases.yaml:6:9: error: a trigger should have one of `image` or `chart`',
    ] },
  { name: 'chart trigger on a chart dir', files: baseRepo({ 'releases.yaml': rel(CHART + '    triggers:\n      - chart:\n          track: MinorVersion\n') }), expected: [
      'releases.yaml:6:9: error: a chart trigger needs a chart `reference` with a `version`; a chart `dir` has no versions to track',
    ] },
  { name: 'trigger tagValue not set anywhere', files: baseRepo({ 'releases.yaml': BASE_RELEASES.replace('track: PatchLevel', 'tagValue: app.tag\n          track: PatchLevel') }), expected: [
      "releases.yaml:9:9: error: trigger tagValue `app.tag` is not set for release `web` in environment `test`; set it in the release values or the chart's values.yaml",
    ] },
  { name: 'non-version tag under a semver track', files: baseRepo({ 'releases.yaml': BASE_RELEASES.replace('"1.0.0"', 'latest') }), expected: [
      'releases.yaml:9:9: error: current tag `latest` of release `web` in environment `test` is not a version (X, X.Y or X.Y.Z, optionally with a v prefix), so track PatchLevel cannot compare it; use track Newest or a version tag',
    ] },
  { name: 'value and valueFrom both given', files: baseRepo({ 'releases.yaml': BASE_RELEASES.replace('value: "1.0.0"', 'value: "1.0.0"\n        valueFrom:\n          gceResource:\n            address:\n              name: x') }), expected: [
      'releases.yaml:8:9: error: value `image.tag` has both `value` and `valueFrom`; expected one of them',
    ] },
  {
    name: 'address with name and nameFrom',
    files: baseRepo({ 'releases.yaml': rel(CHART + '    values:\n      - key: ip\n        valueFrom:\n          gceResource:\n            address:\n              name: a\n              nameFrom:\n                clusterParam: p\n') }),
    expected: [
      'releases.yaml:10:15: error: `address` should have exactly one of `name` and `nameFrom`',
    ],
  },
  { name: 'value key with an empty part', files: baseRepo({ 'releases.yaml': BASE_RELEASES.replace('key: image.tag', 'key: image..tag') }), expected: [
      'releases.yaml:6:14: error: value key `image..tag` has an empty part; expected dotted names like `image.tag`',
    ] },
  { name: 'skipDefaultValues is a string', files: baseRepo({ 'releases.yaml': rel(CHART + '    skipDefaultValues: "yes"\n') }), expected: [
      'releases.yaml:5:24: error: `skipDefaultValues` should be true or false, found the string "yes"',
    ] },
  { name: 'release name is a number', files: baseRepo({ 'releases.yaml': BASE_RELEASES.replace('name: web', 'name: 123') }), expected: [
      'releases.yaml:2:11: error: `name` should be a release name, found the number 123',
    ] },
  { name: 'triggers is a map', files: baseRepo({ 'releases.yaml': rel(CHART + '    triggers:\n      image:\n        track: Newest\n') }), expected: [
      'releases.yaml:6:7: error: `triggers` should be a list of triggers ({image: ...} or {chart: ...}), found a map',
    ] },
  { name: 'tag is a number', files: baseRepo({ 'releases.yaml': BASE_RELEASES.replace('"1.0.0"', '1.10') }), expected: [
      'releases.yaml:9:9: warning: trigger tagValue `image.tag` of release `web` in environment `test` is the number 1.1; quote the tag in YAML so it stays a string (1.10 reads as 1.1)',
    ] },
  { name: 'release file holding a list', files: baseRepo({ 'releases.yaml': '- name: web\n' }), expected: [
      'releases.yaml:1:1: error: the file should be a kubecd release file (a map with `releases` and/or `resourceFiles`), found a list',
    ] },
  { name: 'release file that is a directory', files: baseRepo({ 'environments.yaml': env('      - charts\n'), 'charts': null }), expected: [
      'environments.yaml:9:9: error: release file `charts` is a directory, not a file',
    ] },
  // --- lock files
  { name: 'lock entry for a release that is gone', files: baseRepo({ 'locks/test.yaml': LOCK_HEAD + lockEntry('api', 'image.tag') }), expected: [
      'locks/test.yaml:3:5: error: lock entry names release `api`, which environment `test` no longer has; run check-upgrades to refresh the lock file',
    ] },
  { name: 'lock entry for a key no trigger uses', files: baseRepo({ 'locks/test.yaml': LOCK_HEAD + lockEntry('web', 'sidecar.image.tag') }), expected: [
      'locks/test.yaml:3:5: error: lock entry sets `sidecar.image.tag` of release `web`, but no trigger of that release uses this key (expected one of: image.tag); run check-upgrades to refresh the lock file',
    ] },
  { name: 'lock file of another environment', files: baseRepo({ 'locks/test.yaml': 'environment: prod\nentries: []\n' }), expected: [
      'locks/test.yaml:1:1: error: lock file says environment `prod`, but it is the lock file of environment `test`',
    ] },
  { name: 'lock value that is a number', files: baseRepo({ 'locks/test.yaml': LOCK_HEAD + lockEntry('web', 'image.tag', '1.10') }), expected: [
      'locks/test.yaml:5:12: error: `value` should be a string, found the number 1.1',
    ] },
  { name: 'lock entry without resolvedAt', files: baseRepo({ 'locks/test.yaml': LOCK_HEAD + '  - release: web\n    key: image.tag\n    value: "1.0.1"\n' }), expected: [
      'locks/test.yaml:3:5: error: `entries` item 1 is missing `resolvedAt`',
    ] },
  { name: 'duplicate lock entries', files: baseRepo({ 'locks/test.yaml': LOCK_HEAD + lockEntry('web', 'image.tag') + lockEntry('web', 'image.tag', '"1.0.2"') }), expected: [
      'locks/test.yaml:7:5: error: duplicate lock entry for release `web` key `image.tag`; first at locks/test.yaml:3:5',
    ] },
];

describe('invalid inputs are reported with file, line, column and message', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const root = await writeTempRepo(c.files);
    const loaded = await loadRepo(path.join(root, 'environments.yaml'));
    const actual = loaded.problems.map(formatProblem);
    if (process.env['DUMP_PROBLEMS']) console.log(JSON.stringify([c.name, actual]));
    expect(actual).toEqual(c.expected);
  });

  test('a missing environments file is a problem, not a throw', async () => {
    const root = await writeTempRepo({});
    const loaded = await loadRepo(path.join(root, 'environments.yaml'));
    expect(loaded.problems.map(formatProblem)).toEqual(['environments.yaml:1:1: error: environments file not found']);
  });
});

describe('one run reports every problem, sorted by file, line and column', () => {
  test('problems from several files come back together and in order', async () => {
    const root = await writeTempRepo(
      baseRepo({
        'environments.yaml': env('      - more.yaml\n    defaultValuesFile: nope.yaml\n').replace('kubeNamespace: test', 'kubeNamespace: Test'),
        'more.yaml': 'releases:\n  - name: API\n    chart: {reference: nginx}\n',
        'releases.yaml': BASE_RELEASES.replace('track: PatchLevel', 'track: Nwest'),
      }),
    );
    const loaded = await loadRepo(path.join(root, 'environments.yaml'));
    expect(loaded.problems.map((p) => `${p.file}:${p.line}:${p.column}`)).toEqual([
      'environments.yaml:6:20',
      'environments.yaml:10:24',
      'more.yaml:2:11',
      'more.yaml:3:24',
      'more.yaml:3:24',
      'releases.yaml:10:18',
    ]);
    expect(loaded.repo.environments).toHaveLength(1);
  });
});
