#!/usr/bin/env bash
# Builds kube-apiserver from test/apiserver (our Go module that depends on k8s.io/kubernetes) into a cache folder
# outside the repo. Skips the build when the binary exists and go.mod, go.sum and this script are unchanged.
# Prints the binary's path on the last line of stdout.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module_dir="$repo_root/test/apiserver"
cache_dir="${KUBECD_CACHE:-$HOME/.cache/kubecd}"
bin_dir="$cache_dir/bin"
binary="$bin_dir/kube-apiserver"
stamp="$bin_dir/kube-apiserver.inputs-sha256"

go_bin="${GO:-$(command -v go || true)}"
if [[ -z "$go_bin" && -x /usr/local/go/bin/go ]]; then go_bin=/usr/local/go/bin/go; fi
if [[ -z "$go_bin" ]]; then echo "build-apiserver: no Go toolchain (set GO=/path/to/go)" >&2; exit 1; fi

inputs_hash="$(cat "$module_dir/go.mod" "$module_dir/go.sum" "${BASH_SOURCE[0]}" | sha256sum | cut -d' ' -f1)"
if [[ -x "$binary" && -f "$stamp" && "$(cat "$stamp")" == "$inputs_hash" ]]; then
  echo "build-apiserver: up to date ($binary)" >&2
  echo "$binary"
  exit 0
fi

# The binary reports this version (Helm reads it for .Capabilities.KubeVersion and chart kubeVersion checks).
k8s_version="$(awk '$1 == "k8s.io/kubernetes" && $2 ~ /^v/ { print $2 } $1 == "require" && $2 == "k8s.io/kubernetes" { print $3 }' "$module_dir/go.mod")"
if [[ ! "$k8s_version" =~ ^v([0-9]+)\.([0-9]+)\. ]]; then echo "build-apiserver: cannot read the k8s.io/kubernetes version from go.mod" >&2; exit 1; fi
major="${BASH_REMATCH[1]}"; minor="${BASH_REMATCH[2]}"
pkg=k8s.io/component-base/version
ldflags="-s -w -X $pkg.gitVersion=$k8s_version -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
ldflags="$ldflags -X k8s.io/client-go/pkg/version.gitVersion=$k8s_version -X k8s.io/client-go/pkg/version.gitMajor=$major -X k8s.io/client-go/pkg/version.gitMinor=$minor"

mkdir -p "$bin_dir"
echo "build-apiserver: building kube-apiserver $k8s_version with $("$go_bin" version) (first build takes 10-20 minutes)" >&2
started=$(date +%s)
# A private temp name, so two builds running at once (two test runs on a fresh machine) never write one file.
partial="$binary.$$.tmp"
trap 'rm -f "$partial"' EXIT
(cd "$module_dir" && CGO_ENABLED=0 "$go_bin" build -ldflags "$ldflags" -o "$partial" k8s.io/kubernetes/cmd/kube-apiserver)
mv "$partial" "$binary"
echo "$inputs_hash" > "$stamp"
echo "build-apiserver: built $binary in $(( $(date +%s) - started )) s" >&2
echo "$binary"
