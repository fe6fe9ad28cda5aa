#!/usr/bin/env bash
# Statistics benchmark: 100,000 firms, about 1,000,000 matches over a year, 100 banks; every statistics endpoint called
# repeatedly (p50/p95), against one plain pass over the same rows in PostgreSQL (the floor).
# Usage: benchmarks/statistics.sh [firms] [calls per endpoint]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
dotnet build src/FinanceMatch.Api -c Release -v quiet -nologo
dotnet run --project benchmarks/FinanceMatch.Benchmarks -c Release -- statistics "$@"
