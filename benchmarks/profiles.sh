#!/usr/bin/env bash
# Profile rebuild benchmark: a full rebuild of 100,000 firms (24 months of tax, social security, electricity and water
# each) vs one hand-written SQL aggregate over the same tables (the floor).
# Usage: benchmarks/profiles.sh [firms]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
dotnet build src/FinanceMatch.Api -c Release -v quiet -nologo
dotnet run --project benchmarks/FinanceMatch.Benchmarks -c Release -- profiles "$@"
