#!/usr/bin/env bash
# Matching benchmark: 10,000 published products from 100 banks; the server-side time to match one request (p50/p95/p99)
# and matched requests per second, against pgbench running the engine's candidate query (the floor).
# Usage: benchmarks/matching.sh [products] [requests]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
command -v pgbench >/dev/null 2>&1 || fm_install_postgres
dotnet build src/FinanceMatch.Api -c Release -v quiet -nologo
dotnet run --project benchmarks/FinanceMatch.Benchmarks -c Release -- matching "$@"
