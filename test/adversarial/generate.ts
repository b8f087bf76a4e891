// Seeded generator of bad deployments repos for the adversarial suite. Every generated repo is the small valid
// base repo below with ONE known defect from a catalogue of defect classes; the class says where (file, and
// line when it is known) the error must be reported.
import { constants } from 'node:fs';
import { mkdir, open, symlink, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Fixed, so every run generates the same repos; printed by each test file. */
export const SEED = 0x6b756265;

/** mulberry32: small, fast, good enough for picking test cases. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  bool(): boolean {
    return this.next() < 0.5;
  }
  word(min = 3, max = 10, alphabet = 'abcdefghijklmnopqrstuvwxyz'): string {
    let out = '';
    for (let i = this.int(min, max); i > 0; i--) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
}

/** What a generated defect points at outside the repo (created once per test file). */
export interface Outside {
  /** A folder outside every generated repo. */
  dir: string;
  /** A file in it whose whole content is `canary`. */
  sentinel: string;
  canary: string;
}

export type LinkTarget = 'sentinel' | 'outside-dir' | '/dev/zero' | '/proc/self/environ' | 'fifo';

export interface BadRepo {
  /** The defect class. */
  defect: string;
  files: Record<string, string>;
  /** Created after the files: a symlink (or FIFO) at `path` (repo-relative). */
  links: { path: string; target: LinkTarget }[];
  /** Where the error must be: one of these files (the first is the usual place), and when `line` is given, an
   * error in the first file within one line of it. */
  expect: { files: string[]; line?: number };
}

export interface DefectClass {
  id: string;
  /** Expensive classes (huge inputs, devices) appear at most this often per run. */
  maxPerRun?: number;
  make(rng: Rng): BadRepo;
}

// ---------------------------------------------------------------------------------------------- the base repo

/** Raw YAML text put after `key: ` for each field of the base repo; `OMIT` leaves the line out. */
export const OMIT = Symbol('omit');
type Raw = string | typeof OMIT;

export interface Params {
  clusterName: Raw;
  context: Raw;
  helmRepoName: Raw;
  helmRepoUrl: Raw;
  envName: Raw;
  envCluster: Raw;
  namespace: Raw;
  releaseFileEntry: Raw;
  defaultValuesFile: Raw;
  lockFile: Raw;
  defaultKey: Raw;
  releaseName: Raw;
  chartDir: Raw;
  valuesFile: Raw;
  repoValue: Raw;
  tagValue: Raw;
  imageTrack: Raw;
  tagValueField: Raw;
  repoValueField: Raw;
  prefixField: Raw;
  /** An `image.prefix` value entry (left out in the base). */
  prefixValue: Raw;
  resourceFile: Raw;
  refReleaseName: Raw;
  chartRef: Raw;
  chartVersion: Raw;
  chartTrack: Raw;
  skipDefaultValues: Raw;
  /** Lines added (already indented) at the end of a block, for unknown keys. */
  extraTop: string[];
  extraEnv: string[];
  extraRelease: string[];
  extraChart: string[];
  extraTrigger: string[];
  extraCluster: string[];
  lockValue: Raw;
  lockDigest: Raw;
  lockRelease: Raw;
  lockKey: Raw;
  lockEnvironment: Raw;
  lockExtraEntries: string[];
}

export const DIGEST_OK = `sha256:${'ab12'.repeat(16)}`;

export const BASE: Params = {
  clusterName: 'local',
  context: 'kind-test',
  helmRepoName: 'shared',
  helmRepoUrl: 'http://127.0.0.1:1/charts',
  envName: 'test',
  envCluster: 'local',
  namespace: 'ns-test',
  releaseFileEntry: 'releases/app.yaml',
  defaultValuesFile: 'values/defaults.yaml',
  lockFile: OMIT,
  defaultKey: 'config.environment',
  releaseName: 'web',
  chartDir: '../charts/app',
  valuesFile: '../values/web.yaml',
  repoValue: '127.0.0.1:1/team/web',
  tagValue: '"1.0.0"',
  imageTrack: 'PatchLevel',
  tagValueField: 'image.tag',
  repoValueField: 'image.repository',
  prefixField: 'image.prefix',
  prefixValue: OMIT,
  resourceFile: '../resources/cm.yaml',
  refReleaseName: 'cache',
  chartRef: 'shared/app',
  chartVersion: '"0.1.0"',
  chartTrack: 'MinorVersion',
  skipDefaultValues: 'false',
  extraTop: [],
  extraEnv: [],
  extraRelease: [],
  extraChart: [],
  extraTrigger: [],
  extraCluster: [],
  lockValue: '"1.0.1"',
  lockDigest: DIGEST_OK,
  lockRelease: 'web',
  lockKey: 'image.tag',
  lockEnvironment: 'test',
  lockExtraEntries: [],
};

export const CHART_FILES: Record<string, string> = {
  'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
  'charts/app/values.yaml': 'replicas: 1\nimage:\n  pullPolicy: IfNotPresent\n',
  'charts/app/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  tag: {{ .Values.image.tag | quote }}\n',
};

/** Builds text line by line, remembering the line of each field. */
class Lines {
  readonly lines: string[] = [];
  readonly at = new Map<string, number>();
  field(name: keyof Params, indent: string, key: string, value: Raw): void {
    if (value === OMIT) return;
    this.at.set(name, this.lines.length + 1);
    this.lines.push(`${indent}${key}${value}`);
  }
  add(...lines: string[]): void {
    this.lines.push(...lines);
  }
  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

export interface Built {
  files: Record<string, string>;
  /** Field name → [file, line]. */
  where: Map<string, [string, number]>;
}

export function buildRepo(overrides: Partial<Params> = {}): Built {
  const p = { ...BASE, ...overrides };
  const where = new Map<string, [string, number]>();
  const remember = (file: string, lines: Lines) => lines.at.forEach((line, name) => where.set(name, [file, line]));

  const env = new Lines();
  env.add('clusters:');
  env.field('clusterName', '  - ', 'name: ', p.clusterName);
  env.add('    provider:', '      existingContext:');
  env.field('context', '        ', 'context: ', p.context);
  env.add(...p.extraCluster);
  env.add('helmRepos:');
  env.field('helmRepoName', '  - ', 'name: ', p.helmRepoName);
  env.field('helmRepoUrl', '    ', 'url: ', p.helmRepoUrl);
  env.add('environments:');
  env.field('envName', '  - ', 'name: ', p.envName);
  env.field('envCluster', '    ', 'cluster: ', p.envCluster);
  env.field('namespace', '    ', 'kubeNamespace: ', p.namespace);
  env.add('    releases:');
  env.field('releaseFileEntry', '      - ', '', p.releaseFileEntry);
  env.field('defaultValuesFile', '    ', 'defaultValuesFile: ', p.defaultValuesFile);
  env.field('lockFile', '    ', 'lockFile: ', p.lockFile);
  env.add('    defaultValues:');
  env.field('defaultKey', '      - ', 'key: ', p.defaultKey);
  env.add('        value: test');
  env.add(...p.extraEnv);
  env.add(...p.extraTop);
  remember('environments.yaml', env);

  const rel = new Lines();
  rel.add('releases:');
  rel.field('releaseName', '  - ', 'name: ', p.releaseName);
  rel.add('    chart:');
  rel.field('chartDir', '      ', 'dir: ', p.chartDir);
  rel.add(...p.extraChart);
  rel.field('valuesFile', '    ', 'valuesFile: ', p.valuesFile);
  rel.field('skipDefaultValues', '    ', 'skipDefaultValues: ', p.skipDefaultValues);
  rel.add('    values:', '      - key: image.repository');
  rel.field('repoValue', '        ', 'value: ', p.repoValue);
  rel.add('      - key: image.tag');
  rel.field('tagValue', '        ', 'value: ', p.tagValue);
  if (p.prefixValue !== OMIT) rel.add('      - key: image.prefix');
  rel.field('prefixValue', '        ', 'value: ', p.prefixValue);
  rel.add('    triggers:', '      - image:');
  rel.field('imageTrack', '          ', 'track: ', p.imageTrack);
  rel.field('tagValueField', '          ', 'tagValue: ', p.tagValueField);
  rel.field('repoValueField', '          ', 'repoValue: ', p.repoValueField);
  rel.field('prefixField', '          ', 'repoPrefixValue: ', p.prefixField);
  rel.add(...p.extraTrigger);
  rel.add('    resourceFiles:');
  rel.field('resourceFile', '      - ', '', p.resourceFile);
  rel.add(...p.extraRelease);
  if (p.refReleaseName !== OMIT) {
    // Leaving out its name leaves out the whole second release (a repo that needs no chart repository).
    rel.field('refReleaseName', '  - ', 'name: ', p.refReleaseName);
    rel.add('    chart:');
    rel.field('chartRef', '      ', 'reference: ', p.chartRef);
    rel.field('chartVersion', '      ', 'version: ', p.chartVersion);
    rel.add('    triggers:', '      - chart:');
    rel.field('chartTrack', '          ', 'track: ', p.chartTrack);
  }
  remember('releases/app.yaml', rel);

  const lock = new Lines();
  lock.field('lockEnvironment', '', 'environment: ', p.lockEnvironment);
  lock.add('entries:');
  lock.field('lockRelease', '  - ', 'release: ', p.lockRelease);
  lock.field('lockKey', '    ', 'key: ', p.lockKey);
  lock.field('lockValue', '    ', 'value: ', p.lockValue);
  lock.add('    repository: 127.0.0.1:1/team/web');
  lock.field('lockDigest', '    ', 'digest: ', p.lockDigest);
  lock.add('    track: PatchLevel', '    resolvedAt: "2026-01-01T00:00:00Z"');
  lock.add(...p.lockExtraEntries);
  remember('locks/test.yaml', lock);

  return {
    files: {
      ...CHART_FILES,
      'environments.yaml': env.text(),
      'releases/app.yaml': rel.text(),
      'locks/test.yaml': lock.text(),
      'values/web.yaml': 'replicas: 2\nresources:\n  limits:\n    memory: 64Mi\n',
      'values/defaults.yaml': 'config:\n  region: eu\n',
      'resources/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  a: "1"\n',
    },
    where,
  };
}

/** The valid base repo (the control: it must lint clean). */
export function baseRepo(): Record<string, string> {
  return buildRepo().files;
}

// ------------------------------------------------------------------------------------------------ the values

/** A YAML double-quoted scalar. */
export function q(text: string): string {
  return JSON.stringify(text);
}

const WRONG_TYPES = ['[a, b]', '[]', '{a: 1}', '{}', '42', '-1', '3.5', 'null', '~', 'true', 'false', '[[x]]', '{x: [1, 2]}'];
/** Values of the wrong type for a field the schema says is a string. */
function wrongType(rng: Rng): string {
  return rng.pick(WRONG_TYPES);
}

const BAD_RELEASE_NAMES = ['Web', 'WEB', '-web', 'web-', '-h', '--post-renderer=sh', '--help', 'we b', 'web_1', 'web/1', '.web', 'web..x', '$(id)', '`id`', 'x;rm', 'é', 'a\tb'];
const BAD_NAMESPACES = ['NS', 'ns_test', '-ns', 'ns-', '--namespace=kube-system', '-h', 'ns.test', 'ns/test', '..', '$(id)', 'a b', ''];
const BAD_ENV_NAMES = ['a/b', '../x', '..', '.', '-x', '--help', 'a b', 'x/../../y', '$(id)', 'a\\b', 'e~1', '.hidden', 'x:y', 'tëst'];
const BAD_CHART_REFS = [
  'shared/--post-renderer=sh', 'shared/-h', 'shared/--help', '-x/y', '--repo=x/y', 'shared/chart name', 'shared/app\nx', 'oci://-h/x',
  'oci://--insecure-skip-tls-verify/x/y', 'oci://127.0.0.1:1/-h', 'shared/..', 'shared/.', '../shared/app', 'shared/app/extra', 'oci://', 'oci:///x',
  'shared/$(id)', 'shared/app;id', 'file:///etc/passwd', 'http://x/y', 'shared/', '/app', 'unknown/app',
];
const BAD_VERSIONS = ['"--set=x"', '"-h"', '"--post-renderer=sh"', '"1.0\\n"', '"1.0\\n--debug"', '"$(id)"', '"1.0.0 --debug"', '""', '" "', '"~1.0"', '"1.0.0;id"', '"x"', '"latest"', '">=1.0"', '"1.0.0/../x"'];
const BAD_URLS = [
  '"--kubeconfig=/x"', '"-h"', '"javascript:x"', '"file:///etc/passwd"', '"file://../outside"', '"file:///"', '"ftp://x/y"', '"http://-h"',
  '"http://a b/c"', '"http://x/y\\nz"', '"gopher://x"', '"data:text/plain,x"', '""', '"//x/y"', '"http://"',
];
/** Paths that are not inside the repo, or are inside but must not be read (.git). */
const ESCAPING_PATHS = ['/etc/passwd', '../outside.yaml', '../../etc/passwd', 'a/../../x.yaml', '..', '/dev/zero', '/proc/self/environ', '\\\\server\\share', 'C:\\x.yaml'];
const GIT_PATHS = ['.git/config', '.git/HEAD', './.git/hooks/pre-push', 'x/../.git/config'];
const NUL_PATHS = ['"a\\0.yaml"', '"values/web.yaml\\0.txt"', '"\\0"'];
const BAD_LOCK_FILES = [
  '.git/hooks/pre-push', '.git/shallow', '.git/config', '.git/x.yaml', '.github/workflows/x.yml', '.github/x.yaml', 'locks/test.txt', 'locks/test',
  'environments.yaml', './environments.yaml', 'releases/app.yaml', 'values/web.yaml', '/tmp/x.yaml', '../x.yaml', 'locks/', '"locks/\\0.yaml"', 'charts/app/Chart.yaml',
];
const BAD_LOCK_VALUES = ['"1.0.1\\n"', '"1.0.1\\nkey: x"', '"a: b"', '"{a: 1}"', '"--set=x"', '"-h"', '"$(id)"', '"1.0.1 --debug"', '""', '"\\t"', '"1.0.1\\r"', '"x\\u0000"', `"${'9'.repeat(200)}"`];
const BAD_DIGESTS = ['sha256:abc', `sha256:${'g'.repeat(64)}`, `sha256:${'A'.repeat(64)}`, `md5:${'a'.repeat(32)}`, `"sha256:${'a'.repeat(64)}\\n"`, '"--digest"', 'sha256', `sha256:${'a'.repeat(65)}`, '"$(id)"', `"sha256:${'a'.repeat(63)} "`];
const TRACKS_BAD = ['Patch', 'patchlevel', 'Latest', '"--set=x"', '[PatchLevel]', '1', 'null'];

// -------------------------------------------------------------------------------------------- the catalogue

/** A defect that replaces one field of the base: the error is on that field's line. */
function fieldDefect(id: string, field: keyof Params, values: (rng: Rng) => string, maxPerRun?: number, options: { dropLock?: boolean; anyLine?: boolean } = {}): DefectClass {
  const { dropLock = false, anyLine = false } = options;
  return {
    id,
    ...(maxPerRun ? { maxPerRun } : {}),
    make(rng) {
      const built = buildRepo({ [field]: values(rng) } as Partial<Params>);
      const [file, line] = built.where.get(field)!;
      return { defect: id, files: dropLock ? withoutLock(built.files) : built.files, links: [], expect: { files: [file], ...(anyLine ? {} : { line }) } };
    },
  };
}

function withoutLock(files: Record<string, string>): Record<string, string> {
  const { ['locks/test.yaml']: _lock, ...rest } = files;
  return rest;
}

/** A defect somewhere in a file, line not known in advance. */
function fileDefect(id: string, file: string, make: (rng: Rng) => Partial<Params> | Record<string, string>, maxPerRun?: number): DefectClass {
  return {
    id,
    ...(maxPerRun ? { maxPerRun } : {}),
    make(rng) {
      const made = make(rng);
      const isFiles = Object.keys(made).some((k) => k.includes('/') || k.endsWith('.yaml'));
      const files = isFiles ? { ...buildRepo().files, ...(made as Record<string, string>) } : buildRepo(made as Partial<Params>).files;
      return { defect: id, files, links: [], expect: { files: [file] } };
    },
  };
}

function linkDefect(id: string, path: string, target: LinkTarget, expectFile: string, extra: Partial<Params> = {}, maxPerRun?: number): DefectClass {
  return {
    id,
    ...(maxPerRun ? { maxPerRun } : {}),
    make() {
      const files = buildRepo(extra).files;
      // Remove what the link replaces (the file, or every file in the folder).
      const replaced = Object.keys(files).filter((key) => key === path || key.startsWith(`${path}/`));
      for (const key of replaced) delete files[key];
      // The error may be where the file is named, or on the link itself (or a file under a linked folder).
      return { defect: id, files, links: [{ path, target }], expect: { files: [expectFile, ...replaced] } };
    },
  };
}

const UNKNOWN_KEY_SITES: { field: 'extraTop' | 'extraEnv' | 'extraRelease' | 'extraChart' | 'extraTrigger' | 'extraCluster'; indent: string; file: string }[] = [
  { field: 'extraTop', indent: '', file: 'environments.yaml' },
  { field: 'extraEnv', indent: '    ', file: 'environments.yaml' },
  { field: 'extraCluster', indent: '        ', file: 'environments.yaml' },
  { field: 'extraRelease', indent: '    ', file: 'releases/app.yaml' },
  { field: 'extraChart', indent: '      ', file: 'releases/app.yaml' },
  { field: 'extraTrigger', indent: '          ', file: 'releases/app.yaml' },
];

function nested(depth: number, leaf: string): string {
  let text = '';
  for (let i = 0; i < depth; i++) text += `${'  '.repeat(i)}k${i}:\n`;
  return `${text}${'  '.repeat(depth)}leaf: ${leaf}\n`;
}

function flowNested(depth: number): string {
  return `deep: ${'['.repeat(depth)}1${']'.repeat(depth)}\n`;
}

function manyKeys(count: number, duplicateAt?: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`key${i === duplicateAt ? 0 : i}: ${i}`);
  return `${lines.join('\n')}\n`;
}

function billionLaughs(levels: number): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < levels; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `${lines.join('\n')}\n`;
}

function aliasesOfHugeString(aliases: number, size: number): string {
  const lines = [`big: &big "${'x'.repeat(size)}"`, 'many:'];
  for (let i = 0; i < aliases; i++) lines.push('  - *big');
  return `${lines.join('\n')}\n`;
}

const STRING_FIELDS: (keyof Params)[] = [
  'clusterName', 'context', 'helmRepoName', 'helmRepoUrl', 'envName', 'envCluster', 'namespace', 'releaseFileEntry', 'defaultValuesFile',
  'defaultKey', 'releaseName', 'chartDir', 'valuesFile', 'imageTrack', 'tagValueField', 'repoValueField', 'prefixField', 'resourceFile',
  'refReleaseName', 'chartRef', 'chartVersion', 'chartTrack', 'lockValue', 'lockDigest', 'lockRelease', 'lockKey', 'lockEnvironment',
];

export const DEFECT_CLASSES: DefectClass[] = [
  // Wrong types at every string field, and the values a trigger reads.
  ...STRING_FIELDS.map((field) => fieldDefect(`wrong-type:${field}`, field, wrongType)),
  fieldDefect('wrong-type:lockFile', 'lockFile', wrongType),
  fieldDefect('wrong-type:skipDefaultValues', 'skipDefaultValues', (rng) => rng.pick(['"yes"', '[true]', '{a: 1}', '1', 'null', '"true"'])),
  fieldDefect('trigger-value-not-scalar:tag', 'tagValue', (rng) => rng.pick(['[a, b]', '{a: 1}', '[]', '{}', 'null', '""']), undefined, { dropLock: true, anyLine: true }),
  fieldDefect('trigger-value-not-scalar:repository', 'repoValue', (rng) => rng.pick(['[a, b]', '{a: 1}', '[]', '{}', 'null', '""']), undefined, { anyLine: true }),
  fieldDefect('trigger-value-not-scalar:prefix', 'prefixValue', (rng) => rng.pick(['[a, b]', '{a: 1}', '[]', '{}', '[127.0.0.1:1]']), undefined, { anyLine: true }),
  fieldDefect('image-repository-hostile', 'repoValue', (rng) => q(rng.pick(['-h', '--insecure', 'a b', 'x\ny', '$(id)', 'HOST/UPPER', '127.0.0.1:1/team/web@sha256:x', '//x'])), undefined, { anyLine: true }),
  fieldDefect('image-tag-hostile', 'tagValue', (rng) => q(rng.pick(['--set=x', '-h', '1.0.0\n', '1.0.0 --debug', '$(id)', '1.0.0;id', `${'1'.repeat(200)}.0.0`, '.1.0', '1.0.0/x'])), undefined, { dropLock: true, anyLine: true }),

  // Unknown and missing keys.
  {
    id: 'unknown-key',
    make(rng) {
      const site = rng.pick(UNKNOWN_KEY_SITES);
      const key = rng.pick([rng.word(), `${rng.word()}Value`, 'nmae', 'kubeNamspace', 'valuesfile', 'trigers', 'Name', '__proto__', 'constructor', 'toString']);
      const built = buildRepo({ [site.field]: [`${site.indent}${key}: ${rng.pick(['x', '1', '[a]', '{b: 1}'])}`] } as Partial<Params>);
      const line = built.files[site.file]!.split('\n').findIndex((l) => l === `${site.indent}${key}: ` || l.startsWith(`${site.indent}${key}: `)) + 1;
      return { defect: 'unknown-key', files: built.files, links: [], expect: { files: [site.file], line } };
    },
  },
  {
    id: 'missing-required-key',
    make(rng) {
      const field = rng.pick<keyof Params>(['namespace', 'releaseName', 'lockRelease', 'lockKey', 'lockValue', 'lockEnvironment', 'envName', 'helmRepoUrl', 'chartVersion']);
      const built = buildRepo({ [field]: OMIT } as Partial<Params>);
      const file = ['lockRelease', 'lockKey', 'lockValue', 'lockEnvironment'].includes(field) ? 'locks/test.yaml'
        : ['releaseName', 'chartVersion'].includes(field) ? 'releases/app.yaml' : 'environments.yaml';
      return { defect: 'missing-required-key', files: built.files, links: [], expect: { files: [file] } };
    },
  },
  fileDefect('missing-chart', 'releases/app.yaml', () => ({ chartDir: OMIT })),

  // Names.
  fieldDefect('bad-release-name', 'releaseName', (rng) => q(rng.pick([...BAD_RELEASE_NAMES, 'a'.repeat(rng.int(54, 300)), `${'a'.repeat(50)}-${rng.word(5, 9)}`]))),
  fieldDefect('bad-release-name:reference-release', 'refReleaseName', (rng) => q(rng.pick(BAD_RELEASE_NAMES))),
  fieldDefect('bad-namespace', 'namespace', (rng) => q(rng.pick([...BAD_NAMESPACES, 'n'.repeat(rng.int(64, 300))]))),
  fieldDefect('bad-environment-name', 'envName', (rng) => q(rng.pick([...BAD_ENV_NAMES, 'e'.repeat(rng.int(64, 254)), 'e'.repeat(rng.int(256, 400))]))),
  fieldDefect('bad-helm-repo-name', 'helmRepoName', (rng) => q(rng.pick(['-h', '--repo', 'a/b', 'a b', '..', '$(id)', 'x\ny']))),

  // Charts, versions, repository URLs.
  fieldDefect('bad-chart-reference', 'chartRef', (rng) => q(rng.pick(BAD_CHART_REFS))),
  fieldDefect('bad-chart-version', 'chartVersion', (rng) => rng.pick(BAD_VERSIONS)),
  fieldDefect('bad-helm-repo-url', 'helmRepoUrl', (rng) => rng.pick(BAD_URLS)),
  fieldDefect('bad-track', 'imageTrack', (rng) => rng.pick(TRACKS_BAD)),
  // Keys only ever become keys of the one values document handed to helm, so only empty parts are wrong.
  fieldDefect('bad-value-key', 'defaultKey', (rng) => q(rng.pick(['', '.', 'a..b', '.a', 'a.', 'a..', '..a']))),
  fieldDefect('bad-trigger-field', 'tagValueField', (rng) => q(rng.pick(['', '.', 'a..b', 'image..tag', 'image.tag.', '.image'])), undefined, { anyLine: true }),
  fieldDefect('chart-dir-and-reference', 'chartRef', () => 'shared/app\n      dir: ../charts/app'),
  {
    id: 'chart-trigger-on-chart-dir',
    make() {
      const built = buildRepo({ extraRelease: ['    trigger:', '      chart:', '        track: MinorVersion'] });
      const line = built.files['releases/app.yaml']!.split('\n').indexOf('      chart:', 20) + 1;
      return { defect: 'chart-trigger-on-chart-dir', files: built.files, links: [], expect: { files: ['releases/app.yaml'], ...(line > 0 ? { line } : {}) } };
    },
  },

  // Paths.
  fieldDefect('path-escape:release-file', 'releaseFileEntry', (rng) => q(rng.pick(ESCAPING_PATHS))),
  fieldDefect('path-escape:values-file', 'valuesFile', (rng) => q(rng.pick(ESCAPING_PATHS.map((p) => (p.startsWith('/') || p.startsWith('\\') || p.startsWith('C:') ? p : `../${p}`))))),
  fieldDefect('path-escape:default-values-file', 'defaultValuesFile', (rng) => q(rng.pick(ESCAPING_PATHS))),
  fieldDefect('path-escape:resource-file', 'resourceFile', (rng) => q(rng.pick(['/etc/passwd', '../../etc/passwd', '../../../x.yaml', '/proc/self/environ']))),
  fieldDefect('path-escape:chart-dir', 'chartDir', (rng) => q(rng.pick(['/', '/etc', '../..', '../../..', '/tmp']))),
  fieldDefect('path-git:release-file', 'releaseFileEntry', (rng) => q(rng.pick(GIT_PATHS))),
  fieldDefect('path-git:values-file', 'valuesFile', (rng) => q(`../${rng.pick(GIT_PATHS)}`)),
  fieldDefect('path-nul:release-file', 'releaseFileEntry', (rng) => rng.pick(NUL_PATHS)),
  fieldDefect('path-nul:values-file', 'valuesFile', (rng) => rng.pick(NUL_PATHS)),
  fieldDefect('path-missing:values-file', 'valuesFile', (rng) => q(`../values/${rng.word()}.yaml`)),
  fieldDefect('path-is-dir:values-file', 'valuesFile', () => '../values'),
  fieldDefect('bad-lock-file', 'lockFile', (rng) => (rng.pick(BAD_LOCK_FILES))),

  // YAML as such.
  fileDefect('duplicate-key:environments', 'environments.yaml', (rng) => ({ extraEnv: [`    kubeNamespace: ${rng.word()}`] })),
  fileDefect('duplicate-key:release', 'releases/app.yaml', (rng) => ({ extraRelease: [`    name: ${rng.word()}`] })),
  fileDefect('duplicate-key:values', 'values/web.yaml', (rng) => ({ 'values/web.yaml': `replicas: 2\nimage:\n  tag: x\nreplicas: ${rng.int(1, 9)}\n` })),
  fileDefect('duplicate-key:lock', 'locks/test.yaml', () => ({ lockExtraEntries: ['    value: "1.0.2"'] })),
  fileDefect('yaml-syntax:environments', 'environments.yaml', (rng) => ({ extraTop: [rng.pick(['x: "unclosed', 'y: [1, 2', 'z: {a: 1', '  - bad: indent', ': :', 'k: v: w', '@reserved: x', '%TAG ! x', 'a: *undefined'])] })),
  fileDefect('yaml-syntax:release', 'releases/app.yaml', (rng) => ({ extraRelease: [rng.pick(['    x: "unclosed', '    y: [1, 2', '  bad indent: 1', '    - item', '    a: *nowhere', '    "k": v: w'])] })),
  fileDefect('yaml-syntax:values', 'values/web.yaml', (rng) => ({ 'values/web.yaml': rng.pick(['a: "x\n', 'a: [\n', 'a:\n\t- b\n', 'a: &x\nb: *y\n', '- a\nb: c\n', 'a: b: c\n']) })),
  fileDefect('yaml-syntax:lock', 'locks/test.yaml', (rng) => ({ 'locks/test.yaml': rng.pick(['environment: "test\n', 'entries: [\n', 'environment: test\nentries:\n\t- x\n', 'environment: test\n  entries: []\n']) })),
  fileDefect('tabs', 'releases/app.yaml', () => ({ extraRelease: ['\tvaluesFiles: []'] })),
  fileDefect('alias-cycle', 'values/web.yaml', (rng) => ({ 'values/web.yaml': rng.pick(['a: &a [*a]\n', 'a: &a {b: *a}\n', 'a: &a\n  b: *a\n']) })),
  fileDefect('multi-document', 'releases/app.yaml', () => ({ 'releases/app.yaml': `${buildRepo().files['releases/app.yaml']}---\nreleases: []\n` })),

  // Shapes of files.
  fileDefect('values-file-not-a-map', 'values/web.yaml', (rng) => ({ 'values/web.yaml': rng.pick(['- a\n- b\n', 'just a string\n', '42\n', 'true\n', '[1, 2]\n', '"quoted"\n']) })),
  fileDefect('release-file-not-a-map', 'releases/app.yaml', (rng) => ({ 'releases/app.yaml': rng.pick(['- a\n', 'text\n', '42\n', 'releases: text\n', 'releases: {a: 1}\n']) })),
  fileDefect('environments-not-a-map', 'environments.yaml', (rng) => ({ 'environments.yaml': rng.pick(['- a\n', 'text\n', '42\n', 'environments: text\n', 'environments: {a: 1}\n', '']) })),
  {
    id: 'empty-release-file',
    make(rng) {
      // The lock still names `web`, so the emptied release file leaves an entry for an unknown release.
      const files = { ...buildRepo().files, 'releases/app.yaml': rng.pick(['', '\n', '# nothing\n', '---\n']) };
      return { defect: 'empty-release-file', files, links: [], expect: { files: ['locks/test.yaml', 'releases/app.yaml', 'environments.yaml'] } };
    },
  },

  // Lock files.
  fieldDefect('lock-value-hostile', 'lockValue', (rng) => rng.pick(BAD_LOCK_VALUES)),
  fieldDefect('lock-digest-bad', 'lockDigest', (rng) => rng.pick(BAD_DIGESTS)),
  fieldDefect('lock-unknown-release', 'lockRelease', (rng) => rng.pick(['ghost', rng.word(), '"-h"', '"Web"'])),
  fieldDefect('lock-unknown-key', 'lockKey', (rng) => rng.pick(['image.tagg', 'chart.version', rng.word(), '"--set"'])),
  fieldDefect('lock-wrong-environment', 'lockEnvironment', (rng) => rng.pick(['prod', rng.word(), '"../x"'])),
  fileDefect('lock-duplicate-entry', 'locks/test.yaml', () => ({
    lockExtraEntries: ['  - release: web', '    key: image.tag', '    value: "1.0.2"', '    resolvedAt: "2026-01-01T00:00:00Z"'],
  })),
  fileDefect('lock-unknown-entry-key', 'locks/test.yaml', (rng) => ({ lockExtraEntries: [`    ${rng.pick(['extra', 'valuee', 'command', '__proto__'])}: x`] })),

  // Big inputs.
  fileDefect('deep-nesting:values', 'values/web.yaml', (rng) => ({ 'values/web.yaml': rng.bool() ? nested(rng.int(65, 300), 'x') : flowNested(rng.int(65, 2000)) }), 8),
  fileDefect('deep-nesting:release', 'releases/app.yaml', (rng) => ({ 'releases/app.yaml': `releases: []\nx:\n${nested(rng.int(65, 200), 'x').replace(/^/gm, '  ')}` }), 6),
  fileDefect('many-keys:values', 'values/web.yaml', (rng) => ({ 'values/web.yaml': manyKeys(rng.int(10_001, 30_000)) }), 6),
  fileDefect('alias-bomb:values', 'values/web.yaml', (rng) => ({ 'values/web.yaml': billionLaughs(rng.int(6, 9)) }), 6),
  fileDefect('alias-bomb:release', 'releases/app.yaml', () => ({ 'releases/app.yaml': `${buildRepo().files['releases/app.yaml']}${billionLaughs(8).replace(/^/gm, '')}` }), 4),
  fileDefect('aliases-of-huge-string', 'values/web.yaml', (rng) => ({ 'values/web.yaml': aliasesOfHugeString(rng.int(200, 999), 256 * 1024) }), 3),
  fieldDefect('huge-string:release-name', 'releaseName', (rng) => q('a'.repeat(rng.int(100_000, 1_000_000))), 6),
  fieldDefect('huge-string:tag', 'tagValue', (rng) => q(`1.0.${'0'.repeat(rng.int(100_000, 1_000_000))}x`), 6, { dropLock: true, anyLine: true }),

  // Symlinks and special files.
  linkDefect('symlink-out:release-file', 'releases/app.yaml', 'sentinel', 'environments.yaml'),
  linkDefect('symlink-out:values-file', 'values/web.yaml', 'sentinel', 'releases/app.yaml'),
  linkDefect('symlink-out:default-values-file', 'values/defaults.yaml', 'sentinel', 'environments.yaml'),
  linkDefect('symlink-out:resource-file', 'resources/cm.yaml', 'sentinel', 'releases/app.yaml'),
  linkDefect('symlink-out:lock-file', 'locks/test.yaml', 'sentinel', 'environments.yaml'),
  linkDefect('symlink-out:releases-folder', 'releases', 'outside-dir', 'environments.yaml'),
  linkDefect('symlink-out:values-folder', 'values', 'outside-dir', 'environments.yaml'),
  linkDefect('symlink-out:locks-folder', 'locks', 'outside-dir', 'environments.yaml'),
  linkDefect('symlink-out:chart-values', 'charts/app/values.yaml', 'sentinel', 'releases/app.yaml'),
  linkDefect('symlink-out:chart-template', 'charts/app/templates/cm.yaml', 'sentinel', 'releases/app.yaml'),
  linkDefect('symlink-out:chart-dir', 'charts/app', 'outside-dir', 'releases/app.yaml'),
  linkDefect('dev-zero:values-file', 'values/web.yaml', '/dev/zero', 'releases/app.yaml', {}, 2),
  linkDefect('dev-zero:release-file', 'releases/app.yaml', '/dev/zero', 'environments.yaml', {}, 2),
  linkDefect('proc-environ:release-file', 'releases/app.yaml', '/proc/self/environ', 'environments.yaml'),
  linkDefect('proc-environ:values-file', 'values/web.yaml', '/proc/self/environ', 'releases/app.yaml'),
  linkDefect('fifo:values-file', 'values/web.yaml', 'fifo', 'releases/app.yaml', {}, 2),
  linkDefect('fifo:release-file', 'releases/app.yaml', 'fifo', 'environments.yaml', {}, 2),
];

/** `count` bad repos: the classes in turn (so each gets its share), variants from the seeded generator. */
export function generate(count: number, seed = SEED): BadRepo[] {
  const rng = new Rng(seed);
  const used = new Map<string, number>();
  const out: BadRepo[] = [];
  for (let i = 0; out.length < count && i < count * 4; i++) {
    const cls = DEFECT_CLASSES[i % DEFECT_CLASSES.length]!;
    const n = used.get(cls.id) ?? 0;
    if (cls.maxPerRun !== undefined && n >= cls.maxPerRun) continue;
    used.set(cls.id, n + 1);
    out.push(cls.make(rng));
  }
  return out;
}

/** Writes the repo under `root`, then its links (symlinks to outside, devices, FIFOs). */
export async function writeBadRepo(root: string, bad: BadRepo, outside: Outside): Promise<void> {
  for (const [file, content] of Object.entries(bad.files)) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), content);
  }
  for (const link of bad.links) {
    const at = join(root, link.path);
    await mkdir(dirname(at), { recursive: true });
    if (link.target === 'fifo') await execFileAsync('mkfifo', [at]);
    else await symlink(link.target === 'sentinel' ? outside.sentinel : link.target === 'outside-dir' ? outside.dir : link.target, at);
  }
}

/**
 * A reader blocked opening a FIFO (a lint that fell for one) holds a thread of the pool for ever: opening the
 * FIFO for writing and closing it again gives that reader end-of-file. Harmless when nobody reads.
 */
export async function releaseFifos(root: string, bad: BadRepo): Promise<void> {
  for (const link of bad.links.filter((l) => l.target === 'fifo')) {
    try {
      const handle = await open(join(root, link.path), constants.O_WRONLY | constants.O_NONBLOCK);
      await handle.close();
    } catch {
      // ENXIO: no reader, as it should be.
    }
  }
}

/** The outside folder: a sentinel file with a canary, plus a would-be lock/values/release tree so links resolve. */
export async function makeOutside(dir: string, canary: string): Promise<Outside> {
  const sentinel = join(dir, 'sentinel.yaml');
  await writeFile(sentinel, `${canary}\n`);
  // Link targets for folders: the same names the repo uses, each file holding only the canary.
  for (const file of ['app.yaml', 'web.yaml', 'defaults.yaml', 'test.yaml', 'Chart.yaml', 'values.yaml']) await writeFile(join(dir, file), `${canary}: ${canary}\n`);
  return { dir, sentinel, canary };
}
