#!/usr/bin/env bash
# Runs every test (unit and integration) against a real PostgreSQL; each run uses a fresh database.
# Ends with "N passed, N failed" counted from the TRX results.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh

# A point-in-time restore from a base backup and a WAL archive, end to end on a throwaway cluster (a few seconds;
# docs/RELIABILITY.md, "Backups and point-in-time restore"). Counted below as one test; a filtered run
# (test.sh --filter …) leaves it out.
backup_test=skipped
if [ $# -eq 0 ]; then backup_test=0; bash scripts/backup-test.sh || backup_test=$?; fi

# The API project's build bundles the dashboard with npm (an MSBuild target); the dashboard test opens it in Debian's
# Chromium, headless.
fm_ensure_command npm npm
[ -n "${FINANCEMATCH_CHROMIUM:-}" ] || fm_ensure_command chromium

# Layout is CSharpier's (.editorconfig: 120 columns): a file it would change fails the run; `dotnet csharpier format .` fixes it.
dotnet tool restore >/dev/null
dotnet csharpier check . || { echo "Some files are not laid out as CSharpier lays them out: run dotnet csharpier format ." >&2; exit 1; }

# The client package banks install, packed as CI publishes it; ClientPackageTests (unit tests) open it: its metadata,
# README, XML docs and symbols.
packages="$PWD/artifacts/packages"
rm -rf "$packages"
dotnet pack src/FinanceMatch.Client -c Release -o "$packages" --nologo
export FINANCEMATCH_CLIENT_PACKAGES="$packages"

results="$PWD/TestResults"
rm -rf "$results"
status=0
dotnet test FinanceMatch.sln -c Release --logger "trx" --results-directory "$results" "$@" || status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
# A run in which dotnet test ran nothing fails, whatever the backup test did.
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then status=1; fi
case "$backup_test" in
  skipped) ;;
  0) passed=$((passed + 1)) ;;
  *) failed=$((failed + 1)); status=1 ;;
esac
echo "$passed passed, $failed failed"
exit "$status"
