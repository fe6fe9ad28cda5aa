#!/usr/bin/env bash
# Mixed-workload load test: wrk (a second process, installed from the distribution when missing) drives 200 connections
# for 60 s over tokens, catalogue and report reads, loan requests, bank decisions and inboxes, profile reads and feed
# pushes, then /health/live alone for the framework's ceiling. Usage: benchmarks/load.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
fm_ensure_command wrk
dotnet build src/FinanceMatch.Api -c Release -v quiet -nologo
dotnet run --project benchmarks/FinanceMatch.Benchmarks -c Release -- load "$@"
