#!/usr/bin/env bash
# Report read benchmark: GET /enterprises/{id}/report at 100 concurrent connections from wrk on loopback,
# next to the same tool against /health/live. Installs wrk from the distribution's packages when it is missing.
# Usage: benchmarks/reports.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
fm_ensure_command wrk
dotnet build src/FinanceMatch.Api -c Release -v quiet -nologo
dotnet run --project benchmarks/FinanceMatch.Benchmarks -c Release -- reports "$@"
