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

# Secrets the platform must read back (signing keys, webhook secrets, feed-source API keys) are encrypted with a key
# ring kept outside the database.
export DataProtection__KeysDirectory="${DataProtection__KeysDirectory:-$PWD/.data/keys}"
mkdir -p "$DataProtection__KeysDirectory" && chmod 700 "$DataProtection__KeysDirectory"

# The API project's build bundles the dashboard with npm (an MSBuild target); Node.js comes from the distribution.
fm_ensure_command npm npm
dotnet build src/FinanceMatch.Api -c Release -v quiet -nologo
dotnet build src/FinanceMatch.DemoData -c Release -v quiet -nologo

# A development stand-in for the e-business-licence service: firms verify with assertions it signs (the demo does).
licence_dir="$PWD/.data/licence-issuer"
dotnet run --project src/FinanceMatch.DemoData -c Release --no-build -- init-licence-issuer "$licence_dir"
export Verification__LicenceIssuer="${Verification__LicenceIssuer:-https://licence.dev.financematch.local}"
export Verification__LicenceIssuerKeys="${Verification__LicenceIssuerKeys:-$licence_dir/jwks.json}"
export FINANCEMATCH_LICENCE_ISSUER="$Verification__LicenceIssuer" FINANCEMATCH_LICENCE_ISSUER_KEY="$licence_dir/issuer.pem"
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
                        (Swagger UI: "Authorize", client credentials, with this id and secret)
  Licence issuer (dev)  iss=$Verification__LicenceIssuer
                        private key $FINANCEMATCH_LICENCE_ISSUER_KEY, public keys $Verification__LicenceIssuerKeys
                        A firm verifies with POST /api/v1/enterprises/{id}/verification and an assertion signed
                        with that key (RS256; sub = its USCC, aud = financematch, at most 10 minutes, a fresh jti);
                        the demo loader does this for its firms. Or an operator: POST /api/v1/enterprises/{id}/verify.
  Data Protection keys  $DataProtection__KeysDirectory

MSG
if ! $demo; then
  exec dotnet run --project src/FinanceMatch.Api -c Release --no-build --no-launch-profile
fi

dotnet run --project src/FinanceMatch.Api -c Release --no-build --no-launch-profile &
api=$!
trap 'kill "$api" 2>/dev/null || true' INT TERM EXIT
dotnet run --project src/FinanceMatch.DemoData -c Release -- "$base" "$Bootstrap__OperatorClientId" "$Bootstrap__OperatorClientSecret"
wait "$api"
