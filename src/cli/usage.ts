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
  kubecd agent  --repo URL --environment ENV... [--branch main] [-f ENVIRONMENTS_FILE]
                [--interval 5m] [--backoff-initial 10s] [--backoff-max 10m] [--listen :8080]
                [--webhook-secret-file FILE] [--git-token-file FILE]
                [--ssh-key-file FILE --ssh-known-hosts-file FILE]
                [--service-account-dir DIR] [--prune] [--force] [DEPLOY OPTIONS]

ENVIRONMENTS_FILE defaults to ./environments.yaml (or -f/--environments FILE).

DEPLOY OPTIONS: --helm PATH, --kubectl PATH, --kubeconfig FILE, --context NAME, --concurrency N (4),
  --timeout 5m, --wait, --atomic, --fail-fast, --create-namespace. apply and plan use the environment's
  provider (GKE through application default credentials, EKS through the AWS SDK's default
  credential chain, AKS through DefaultAzureCredential) or, for existingContext, your kubeconfig.

agent runs until SIGTERM: it clones the repository (-f is a path inside it), applies each ENV with
  the pod's ServiceAccount (or --kubeconfig), on start, every --interval and at once on a signed GitHub
  push webhook (POST /webhook); it serves /healthz, /readyz and /metrics and logs JSON lines on stdout.
  It only fetches and fast-forwards; it never pushes.

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
