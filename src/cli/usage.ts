export const USAGE = `kubecd — GitOps continuous delivery for Kubernetes with Helm

Usage:
  kubecd lint   [ENVIRONMENTS_FILE] [--render] [--since REF] [--helm PATH]
  kubecd list   [ENVIRONMENTS_FILE]
  kubecd render [ENVIRONMENTS_FILE] ENV [--release NAME] [--helm PATH]

ENVIRONMENTS_FILE defaults to ./environments.yaml (or -f/--environments FILE).

Exit codes: 0 ok, 1 problems found (or a command failed), 2 usage error.
`;

/** A mistake on the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}
