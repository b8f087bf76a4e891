/** Which cluster a command talks to: a kubeconfig file and/or one of its contexts (undefined: the tool's defaults). */
export interface KubeTarget {
  kubeconfig?: string;
  context?: string;
}
