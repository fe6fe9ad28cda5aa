#!/usr/bin/env bash
# The failover drill of issue 21 (docs/RELIABILITY.md, "Failover on Patroni"): starts the Patroni pair (scripts/ha.sh),
# runs the API and its workers on it under a mixed load, loses the primary's server (kill -9), waits, brings the old
# primary back as a standby and fails back; checks that no request got a 500, every refusal was a 503 with Retry-After,
# requests were served again within 30 s of the promotion, every acknowledged write is present and the jobs resumed.
# About three minutes; stops the pair at the end. Usage: scripts/failover-test.sh [seconds of load after the kill, 40]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ha.sh start
trap 'bash scripts/ha.sh stop' EXIT
eval "$(bash scripts/ha.sh env)"
dotnet build src/FinanceMatch.Api -c Release -v quiet -nologo
dotnet run --project benchmarks/FinanceMatch.Benchmarks -c Release -- failover "$@"
