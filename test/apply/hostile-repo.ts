// A small deployments repo whose release file says what a test asks for (a hostile chart reference, a
// helm repository URL with a password), on an existingContext cluster that nothing answers for, and a
// post-renderer on PATH that leaves a marker file when anything runs it.
import { chmod, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../harness/ports.js';
import { FIXTURE } from './helpers.js';

export interface HostileRepo {
  root: string;
  environmentsFile: string;
  /** A kubeconfig for an API server nothing listens on (hand it over as the kubeconfig credential or input). */
  kubeconfig: string;
  /** The file a post-renderer run would create. */
  marker: string;
  /** The post-renderer's name (it is on `path`). */
  postRenderer: string;
  /** PATH with the post-renderer's folder first. */
  path: string;
  markerExists(): boolean;
  remove(): Promise<void>;
}

/** `releases` is the YAML of the release file's `releases:` list; `helmRepoUrl` the `shared` repository's URL. */
export async function hostileRepo(releases: string, helmRepoUrl = 'http://127.0.0.1:1/charts'): Promise<HostileRepo> {
  const root = await mkdtemp(join(tmpdir(), 'kubecd-hostile-'));
  const bin = join(root, 'bin');
  const marker = join(root, 'post-renderer-ran');
  const postRenderer = 'kubecd-test-post-renderer';
  await mkdir(bin);
  await mkdir(join(root, 'releases'));
  await cp(join(FIXTURE, 'charts', 'app'), join(root, 'charts', 'app'), { recursive: true });
  await writeFile(join(bin, postRenderer), `#!/bin/sh\ntouch '${marker}'\ncat\n`);
  await chmod(join(bin, postRenderer), 0o755);
  const port = await freePort();
  await writeFile(join(root, 'kubeconfig.yaml'), `apiVersion: v1
kind: Config
clusters: [{ name: nowhere, cluster: { server: "https://127.0.0.1:${port}", insecure-skip-tls-verify: true } }]
users: [{ name: nobody, user: { token: not-a-token } }]
contexts: [{ name: nowhere, context: { cluster: nowhere, user: nobody } }]
current-context: nowhere
`);
  await writeFile(join(root, 'environments.yaml'), `helmRepos:
  - name: shared
    url: ${JSON.stringify(helmRepoUrl)}
environments:
  - name: test
    provider:
      existingContext:
        context: nowhere
    kubeNamespace: hostile
    releases:
      - releases/apps.yaml
`);
  await writeFile(join(root, 'releases', 'apps.yaml'), `releases:\n${releases}`);
  return {
    root,
    environmentsFile: join(root, 'environments.yaml'),
    kubeconfig: join(root, 'kubeconfig.yaml'),
    marker,
    postRenderer,
    path: `${bin}:${process.env.PATH ?? ''}`,
    markerExists: () => existsSync(marker),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
