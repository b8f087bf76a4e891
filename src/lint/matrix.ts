import type { Environment, Provider } from '../model/types.js';

/** One entry of the `strategy.matrix` that action-lint emits: everything an apply job needs to know up front. */
export interface MatrixEntry {
  environment: string;
  cluster: string;
  namespace: string;
  provider: Provider['kind'];
  project?: string;
  location?: string;
  context?: string;
}

export function matrixEntry(environment: Environment): MatrixEntry {
  const provider = environment.cluster.provider;
  const entry: MatrixEntry = {
    environment: environment.name,
    cluster: environment.cluster.name,
    namespace: environment.namespace,
    provider: provider.kind,
  };
  if (provider.kind === 'gke') {
    entry.project = provider.project;
    entry.location = provider.zone ?? provider.region;
  } else if (provider.kind === 'eks') {
    entry.location = provider.region;
  } else if (provider.kind === 'existingContext' && provider.context) {
    entry.context = provider.context;
  }
  return entry;
}
