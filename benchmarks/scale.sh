#!/usr/bin/env bash
# Issue 21, the platform at province scale: generates N firms (default 1,000,000) with 24 months of tax, social
# security, electricity and water, 10,000 products and M matches (default 10,000,000) from a seed
# (benchmarks/scale/generate.sql, progress printed as it goes), then measures against floors in the same run: the full
# profile rebuild, the monthly cycle through the API, every statistics endpoint, report reads (closed and open loop),
# matching, and the disk per firm. The figures replace the block between the scale.sh markers in docs/PERFORMANCE.md.
# At 1M firms: about 45 GB of disk and well over an hour on 2 cores. Usage: benchmarks/scale.sh [firms] [matches]
# Environment: FINANCEMATCH_SCALE_PHASES (a comma list of rebuild,cycle,disk,statistics,reports,matching; all by
# default; the rebuild runs anyway while no profile exists); FINANCEMATCH_SCALE_KEEP_WORLD=1 keeps the generated world
# as a template database that later runs of the same size copy instead of generating (twice the disk);
# FINANCEMATCH_SCALE_DATABASE=name measures in place a world generated beforehand into that database, migrated first
# (dotnet ef database update), then psql -v firms=… -v seed=42 -v months=24 -v products=… -v matches=… -f
# benchmarks/scale/generate.sql.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
fm_ensure_command wrk
dotnet build src/FinanceMatch.Api -c Release -v quiet -nologo
mkdir -p .data/benchmarks
# A world measured in place keeps its API key ring beside it: the data its API protected must stay readable.
if [ -n "${FINANCEMATCH_SCALE_DATABASE:-}" ]; then
  export FINANCEMATCH_BENCH_KEYS_DIRECTORY="$PWD/.data/benchmarks/keys-$FINANCEMATCH_SCALE_DATABASE"
fi
out=.data/benchmarks/scale-latest.txt
dotnet run --project benchmarks/FinanceMatch.Benchmarks -c Release -- scale "$@" | tee "$out"

# The tables and summary lines (not the progress lines, which are indented) go into docs/PERFORMANCE.md.
{
  echo "<!-- scale.sh:begin -->"
  echo "Latest run: $(date -u '+%Y-%m-%d %H:%M UTC'), \`benchmarks/scale.sh $*\` on $(nproc) cores."
  echo
  grep -v '^ ' "$out" | grep -v '^$' | sed 's/^## \(.*\)/\n#### \1\n/'
  echo "<!-- scale.sh:end -->"
} > "$out.md"
awk -v block="$out.md" '
  /<!-- scale.sh:begin -->/ { while ((getline line < block) > 0) print line; skipping = 1; next }
  /<!-- scale.sh:end -->/ { skipping = 0; next }
  !skipping { print }
' docs/PERFORMANCE.md > "$out.doc" && mv "$out.doc" docs/PERFORMANCE.md
echo "figures written into docs/PERFORMANCE.md"
