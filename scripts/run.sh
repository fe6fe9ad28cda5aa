#!/usr/bin/env bash
# Runs the FinanceMatch API (role "all": HTTP and job workers) against PostgreSQL.
# Usage: scripts/run.sh           (Development, http://127.0.0.1:5080)
#        scripts/run.sh --demo    (the same, and loads demo departments, banks, firms and 24 months of feeds once)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh

demo=false
[ "${1:-}" = "--demo" ] && demo=true

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
export Bootstrap__OperatorClientId="${Bootstrap__OperatorClientId:-operator}"
export Bootstrap__OperatorClientSecret="${Bootstrap__OperatorClientSecret:-operator-dev-secret}"

bash scripts/build-dashboard.sh
dotnet build src/FinanceMatch.Api -c Release -v quiet -nologo
# The project folder is the content root, so the web root (wwwroot/dashboard) and appsettings are found from anywhere.
export ASPNETCORE_CONTENTROOT="$PWD/src/FinanceMatch.Api"
base="${ASPNETCORE_URLS%%;*}"
cat <<MSG

  FinanceMatch API      $base
  Swagger UI            $base/swagger
  OpenAPI document      $base/openapi/v1.json
  Dashboard             $base/dashboard   (operators and banks: sign in with a client id and secret)
  Job dashboard         $base/hangfire
  Operator credentials  clientId=$Bootstrap__OperatorClientId  clientSecret=$Bootstrap__OperatorClientSecret
                        (POST /api/v1/auth/token, then "Authorize" in Swagger UI with the accessToken)

MSG
if ! $demo; then
  exec dotnet run --project src/FinanceMatch.Api -c Release --no-build --no-launch-profile
fi

dotnet run --project src/FinanceMatch.Api -c Release --no-build --no-launch-profile &
api=$!
trap 'kill "$api" 2>/dev/null || true' INT TERM EXIT
dotnet run --project src/FinanceMatch.DemoData -c Release -- "$base" "$Bootstrap__OperatorClientId" "$Bootstrap__OperatorClientSecret"
wait "$api"
