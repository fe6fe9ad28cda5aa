#!/usr/bin/env bash
# Ingest benchmark: 1,000,000-row tax CSV pushed through the API vs psql \copy + the same upsert (the floor).
# Usage: benchmarks/ingest.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
dotnet build src/FinanceMatch.Api -c Release -v quiet -nologo
dotnet run --project benchmarks/FinanceMatch.Benchmarks -c Release -- "$@"
