#!/usr/bin/env bash
# The README demo, from a clean clone: installs what is missing (Debian packages, npm packages, the API server
# build), then runs scripts/demo.ts — the GitOps loop on a copy of examples/ with the bundled actions, against a
# stack on 127.0.0.1. Leaves nothing running, also when it fails or is interrupted.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

# demo.ts stops what it started itself; this trap is the backstop for a demo killed before it could (by pid).
pid_file="$(mktemp "${TMPDIR:-/tmp}/kubecd-demo-pids.XXXXXX")"
cleanup() {
  local pid
  while read -r pid; do
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null || true
  done < "$pid_file"
  rm -f "$pid_file"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Node 24 and tsx from node_modules come first.
PATH="$PWD/node_modules/.bin:$PATH" KUBECD_DEMO_PIDFILE="$pid_file" tsx scripts/demo.ts
