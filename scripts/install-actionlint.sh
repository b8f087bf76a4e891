#!/usr/bin/env bash
# Installs actionlint (the GitHub Actions workflow linter) with `go install` into kubecd's cache folder,
# only when that exact version is not there yet. Prints the binary's path on the last line of stdout.
set -euo pipefail

version="v1.7.12"
cache_dir="${KUBECD_CACHE:-$HOME/.cache/kubecd}"
bin_dir="$cache_dir/bin"
# The version is part of the file name, so bumping it above installs the new one next to the old.
binary="$bin_dir/actionlint-$version"

if [[ -x "$binary" ]]; then
  echo "$binary"
  exit 0
fi

go_bin="${GO:-$(command -v go || true)}"
if [[ -z "$go_bin" && -x /usr/local/go/bin/go ]]; then go_bin=/usr/local/go/bin/go; fi
if [[ -z "$go_bin" ]]; then echo "install-actionlint: no Go toolchain (set GO=/path/to/go)" >&2; exit 1; fi

mkdir -p "$bin_dir"
staging="$(mktemp -d "$bin_dir/.actionlint-install.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
echo "install-actionlint: installing actionlint $version with $("$go_bin" version)" >&2
started=$(date +%s)
GOBIN="$staging" CGO_ENABLED=0 "$go_bin" install "github.com/rhysd/actionlint/cmd/actionlint@$version" >&2
# Rename into place so a concurrent run never sees a half-written binary.
mv "$staging/actionlint" "$binary"
echo "install-actionlint: installed $binary in $(( $(date +%s) - started )) s" >&2
echo "$binary"
