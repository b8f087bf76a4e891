// vitest globalSetup for the integration project: one shared cluster per run, handed to test files via provide/inject.
import type { TestProject } from 'vitest/node';
import { startCluster, type ClusterConnection } from './cluster.js';
import { cleanupAll } from './process.js';

declare module 'vitest' {
  export interface ProvidedContext {
    kubecdCluster: ClusterConnection;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startCluster();
  const { timings } = cluster;
  const build = timings.apiserverBuiltNow ? `, built kube-apiserver in ${(timings.apiserverBuildMs / 1000).toFixed(1)} s` : '';
  console.log(`[kubecd] shared cluster ${cluster.server} (${cluster.connection.version}) started in ${timings.startupMs} ms${build}`);
  project.provide('kubecdCluster', cluster.connection);
  return async () => {
    await cluster.stop();
    await cleanupAll();
  };
}
