import type { KubeTarget } from './target.js';

/** How helm and kubectl reach one environment's cluster, for the length of one run. */
export interface ClusterAccess {
  target: KubeTarget;
  /** A line for the log, e.g. "GKE cluster acme/us-central1/prod (public endpoint)". */
  description: string;
  /** Called before every helm or kubectl command: renews short-lived credentials when they are about to expire. */
  fresh(): Promise<void>;
  /** Removes what opening created (a kubeconfig holding a token). Safe to call more than once. */
  close(): Promise<void>;
}

/** A kubeconfig (and context) that the user's own login step prepared; kubecd neither renews nor removes it. */
export function existingAccess(target: KubeTarget): ClusterAccess {
  const where = [target.kubeconfig ? `kubeconfig ${target.kubeconfig}` : 'the default kubeconfig', target.context ? `context ${target.context}` : 'its current context'];
  return { target, description: where.join(', '), fresh: async () => undefined, close: async () => undefined };
}
