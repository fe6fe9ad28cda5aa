#!/usr/bin/env bash
# loanPerformance benchmark: a bank's book of 50,000 loans reported for four periods in one 200,000-row batch, pushed
# through the API (and again: every row a replay), against psql \copy + one INSERT of the periods + one UPDATE of the
# loans (the floor).
# Usage: benchmarks/loan-performance.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
dotnet build src/FinanceMatch.Api -c Release -v quiet -nologo
dotnet run --project benchmarks/FinanceMatch.Benchmarks -c Release -- loan-performance "$@"
