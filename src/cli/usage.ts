export const USAGE = `kubecd — GitOps continuous delivery for Kubernetes with Helm

Usage:
  kubecd lint   [ENVIRONMENTS_FILE] [--render] [--since REF] [--helm PATH]
  kubecd list   [ENVIRONMENTS_FILE]
  kubecd render [ENVIRONMENTS_FILE] ENV [--release NAME] [--helm PATH]
  kubecd apply  [ENVIRONMENTS_FILE] ENV [--release NAME]... [--force] [--prune] [--dry-run] [DEPLOY OPTIONS]
  kubecd plan   [ENVIRONMENTS_FILE] ENV [--release NAME]... [--prune] [DEPLOY OPTIONS]
  kubecd check-upgrades [ENVIRONMENTS_FILE] [ENV] [--release NAME] [--image REPO:TAG]
                        [--write lock|patch] [--apply] [--insecure-registry HOST]...
                        [--cache-dir DIR] [--fail-on registry-errors|never]

ENVIRONMENTS_FILE defaults to ./environments.yaml (or -f/--environments FILE).

DEPLOY OPTIONS: --helm PATH, --kubectl PATH, --kubeconfig FILE, --context NAME, --concurrency N (4),
  --timeout 5m, --wait, --atomic, --fail-fast, --create-namespace. apply and plan use the environment's
  provider (GKE through application default credentials) or, for existingContext, your kubeconfig.

check-upgrades prints every trigger checked (current, candidate, decision, why) and writes nothing;
with --apply it writes the lock files (--write lock, the default) or edits the release files in
place (--write patch). It never commits or pushes: the action does that. Image metadata for Newest
tracks is cached in --cache-dir (default $XDG_CACHE_HOME/kubecd or ~/.cache/kubecd), so a repeated
check fetches only tags it has not seen. It exits 1 when a registry or chart repository failed
(one line per registry on stderr) unless --fail-on never.

Exit codes: 0 ok, 1 problems found (or a command failed), 2 usage error.
`;

/** A mistake on the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}
