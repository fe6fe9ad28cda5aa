#!/usr/bin/env bash
# Bundles the dashboard (dashboard/ → src/FinanceMatch.Api/wwwroot/dashboard) from its pinned npm packages, installing
# Node.js and npm from the distribution's packages when they are missing. Does nothing when the bundle is newer than
# its sources. Run by scripts/run.sh and scripts/test.sh; the Dockerfile runs the same npm steps in its own stage.
set -euo pipefail
cd "$(dirname "$0")/.."

bundle=src/FinanceMatch.Api/wwwroot/dashboard/dashboard.js
if [ -f "$bundle" ] && [ -z "$(find dashboard/src dashboard/build.mjs dashboard/package-lock.json -newer "$bundle" -print -quit)" ]; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "[financematch] npm is not installed; installing Node.js and npm from the distribution's packages" >&2
  as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi

cd dashboard
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build
