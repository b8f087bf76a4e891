import { afterAll, beforeAll, inject } from 'vitest';
import { clusterHandle, startCluster, type RunningCluster, type StartClusterOptions } from './cluster.js';
import './global-cluster.js'; // for the ProvidedContext type of 'kubecdCluster'

/**
 * `const cluster = useCluster();` at the top of a test file: the run's shared cluster (from global-cluster.ts), or,
 * when no global setup provided one (or `own` options are given), a cluster of this file started in beforeAll.
 * Members are readable from inside tests and hooks; the handle's files and processes go in afterAll.
 */
export function useCluster(own?: StartClusterOptions): RunningCluster {
  const shared = own ? undefined : inject('kubecdCluster');
  if (shared) {
    const handle = clusterHandle(shared);
    afterAll(() => handle.stop());
    return handle;
  }
  let started: RunningCluster | undefined;
  beforeAll(async () => { started = await startCluster(own); });
  afterAll(async () => { await started?.stop(); });
  const current = (): RunningCluster => {
    if (!started) throw new Error('useCluster(): the cluster starts in beforeAll; use it inside tests or hooks');
    return started;
  };
  return new Proxy({} as RunningCluster, { get: (_, key) => Reflect.get(current(), key) });
}
