#!/usr/bin/env bash
# The whole test suite from a clean clone: installs what is missing, then runs every test
# (unit and integration, against real helm, registry, API server and git on 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
npm run typecheck
npm test
