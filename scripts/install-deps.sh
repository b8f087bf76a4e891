#!/usr/bin/env bash
# Installs what kubecd's tests and demo need on a fresh Debian machine, skipping what is already there:
# Debian packages (registry, etcd, openssl, git, OpenSSH server and client), npm packages (with Node 24 from npm), and the
# kube-apiserver built from the Go module under test/apiserver (cached between runs).
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=(docker-registry etcd-server apache2-utils openssl git ca-certificates unzip openssh-server openssh-client)
missing=()
for package in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci only when package-lock.json changed since the last install here.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -x node_modules/.bin/node ] || [ "$(cat node_modules/.kubecd-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > node_modules/.kubecd-lock-hash
fi

if [ -f scripts/build-apiserver.sh ]; then
  bash scripts/build-apiserver.sh
fi
