import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir } from './process.js';
import type { RunningRegistry } from './registry.js';
import { helmBinary } from './tools.js';

const execFileAsync = promisify(execFile);

export interface ChartSpec { name: string; versions: string[] }

/** Environment for a helm command that touches no user config: its own config/cache/data homes and registry config. */
export function isolatedHelmEnv(home: string, registryConfig?: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_DATA_HOME: join(home, 'data'),
    HELM_REGISTRY_CONFIG: registryConfig ?? join(home, 'registry.json'),
    HELM_REPOSITORY_CONFIG: join(home, 'config', 'repositories.yaml'),
  };
}

/**
 * Writes a small chart source folder: one ConfigMap (installable into a bare API server) whose data carries
 * the chart version and a value, so a render shows which version was used.
 */
export async function writeChartSource(parent: string, name: string, version: string): Promise<string> {
  const dir = join(parent, `${name}-${version}`, name);
  await mkdir(join(dir, 'templates'), { recursive: true });
  await writeFile(join(dir, 'Chart.yaml'), [
    'apiVersion: v2',
    `name: ${name}`,
    `version: ${JSON.stringify(version)}`,
    `appVersion: ${JSON.stringify(version)}`,
    'description: A chart made by the kubecd test harness',
    'type: application',
    '',
  ].join('\n'));
  await writeFile(join(dir, 'values.yaml'), 'message: hello\nimage:\n  repository: example/app\n  tag: "1.0.0"\n');
  await writeFile(join(dir, 'templates', 'configmap.yaml'), [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: {{ .Release.Name }}-{{ .Chart.Name }}',
    '  labels:',
    '    app.kubernetes.io/managed-by: {{ .Release.Service }}',
    'data:',
    '  chartVersion: {{ .Chart.Version | quote }}',
    '  message: {{ .Values.message | quote }}',
    '  image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
    '',
  ].join('\n'));
  return dir;
}

/** Packages every version of every chart into `destination` with one `helm package` call; returns the .tgz paths. */
export async function packageCharts(charts: ChartSpec[], destination: string): Promise<string[]> {
  const work = await makeTempDir('chart-src');
  const sources: string[] = [];
  for (const chart of charts) for (const version of chart.versions) sources.push(await writeChartSource(work, chart.name, version));
  if (sources.length === 0) return [];
  const helm = await helmBinary(3);
  await execFileAsync(helm, ['package', ...sources, '--destination', destination], { env: isolatedHelmEnv(work) });
  return charts.flatMap((chart) => chart.versions.map((version) => join(destination, `${chart.name}-${version}.tgz`)));
}

/** A classic Helm chart repository: packaged charts and `helm repo index`'s index.yaml, served over HTTP on 127.0.0.1. */
export async function startChartRepo(charts: ChartSpec[]): Promise<{ url: string; requests: { method: string; path: string; status: number }[]; stop(): Promise<void> }> {
  const root = await makeTempDir('chart-repo');
  const requests: { method: string; path: string; status: number }[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://repo').pathname);
    const record = { method: req.method ?? '', path, status: 404 };
    requests.push(record);
    const file = normalize(join(root, path));
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !file.startsWith(root + sep)) {
      record.status = 404;
      res.writeHead(404).end();
      return;
    }
    stat(file).then((info) => {
      if (!info.isFile()) throw new Error('not a file');
      record.status = 200;
      res.writeHead(200, { 'content-length': info.size, 'content-type': file.endsWith('.yaml') ? 'application/x-yaml' : 'application/gzip' });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    }).catch(() => {
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stop = () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); });
  try {
    await packageCharts(charts, root);
    await execFileAsync(await helmBinary(3), ['repo', 'index', root, '--url', url], { env: isolatedHelmEnv(await makeTempDir('helm-home')) });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, requests, stop };
}

/**
 * Pushes every version of every chart to `oci://HOST/charts/NAME` with `helm push --plain-http`, logged in
 * through a registry config file when the registry wants credentials (`registryConfig`: pass it to helm as
 * HELM_REGISTRY_CONFIG to pull from such a registry).
 */
export async function pushOciCharts(reg: RunningRegistry, charts: ChartSpec[]): Promise<{ reference(name: string): string; registryConfig: string }> {
  const home = await makeTempDir('helm-push');
  const registryConfig = join(home, 'registry.json');
  const auths = reg.username && reg.password
    ? { [reg.host]: { auth: Buffer.from(`${reg.username}:${reg.password}`).toString('base64') } }
    : {};
  await writeFile(registryConfig, JSON.stringify({ auths }), { mode: 0o600 });
  const packages = await packageCharts(charts, join(home, 'packages'));
  const helm = await helmBinary(4);
  const env = isolatedHelmEnv(home, registryConfig);
  let next = 0;
  const worker = async () => {
    while (next < packages.length) {
      const file = packages[next++]!;
      await execFileAsync(helm, ['push', file, `oci://${reg.host}/charts`, '--plain-http'], { env });
    }
  };
  await Promise.all(Array.from({ length: Math.min(3, packages.length) }, worker));
  return { reference: (name: string) => `oci://${reg.host}/charts/${name}`, registryConfig };
}

/** The .tgz files in a folder (for tests that check what `helm pull` wrote). */
export async function chartArchives(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith('.tgz')).sort();
}
