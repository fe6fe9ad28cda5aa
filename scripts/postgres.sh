#!/usr/bin/env bash
# Sourced by run.sh and test.sh. When ConnectionStrings__FinanceMatch is not set, makes sure a private
# PostgreSQL cluster runs under .data/postgres (installing PostgreSQL from the distribution's packages when
# it is missing) and exports the connection string. Safe to run any number of times.
set -euo pipefail

FM_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FM_PG_PASSWORD="${FINANCEMATCH_PG_PASSWORD:-financematch-dev}"
FM_PG_DIR="${FINANCEMATCH_PG_DIR:-$FM_REPO_ROOT/.data/postgres}"

fm_log() { echo "[financematch] $*" >&2; }

fm_as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

fm_pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return; fi
}

# Installs a distribution package when the command it provides is missing: fm_ensure_command wrk [package].
fm_ensure_command() {
  command -v "$1" >/dev/null 2>&1 && return 0
  fm_log "$1 is not installed; installing the distribution's ${2:-$1} package"
  fm_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  fm_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${2:-$1}" >/dev/null
}

fm_install_postgres() {
  fm_log "PostgreSQL is not installed; installing it from the distribution's packages"
  fm_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # The package's own cluster is not used; ours lives under the repository.
  fm_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-client >/dev/null
}

# Runs a PostgreSQL server program as the cluster owner: postgres refuses to run as root.
fm_pg_run() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

fm_port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A new cluster takes the first free port from 55432 (or FINANCEMATCH_PG_PORT); it keeps that port afterwards.
fm_choose_port() {
  local port="${FINANCEMATCH_PG_PORT:-55432}"
  while fm_port_in_use "$port"; do port=$((port + 1)); done
  echo "$port"
}

fm_start_private_cluster() {
  local bindir
  bindir=$(fm_pg_bindir)
  if [ -z "$bindir" ]; then
    fm_install_postgres
    bindir=$(fm_pg_bindir)
  fi
  [ -n "$bindir" ] || { fm_log "PostgreSQL binaries not found after installation"; exit 1; }
  command -v psql >/dev/null 2>&1 || fm_install_postgres

  if [ ! -s "$FM_PG_DIR/PG_VERSION" ]; then
    fm_log "creating a private PostgreSQL cluster in $FM_PG_DIR"
    mkdir -p "$FM_PG_DIR"
    local pwfile="$FM_PG_DIR.pwfile"
    printf '%s\n' "$FM_PG_PASSWORD" > "$pwfile"
    if [ "$(id -u)" = 0 ]; then
      chown postgres: "$FM_PG_DIR" "$pwfile"
      if ! runuser -u postgres -- test -w "$FM_PG_DIR"; then
        fm_log "the postgres user cannot reach $FM_PG_DIR (a parent folder is private);"
        fm_log "set FINANCEMATCH_PG_DIR to a folder it can reach, or ConnectionStrings__FinanceMatch"
        rm -f "$pwfile"; exit 1
      fi
    fi
    chmod 700 "$FM_PG_DIR"
    FM_PG_PORT=$(fm_choose_port)
    fm_pg_run "$bindir/initdb" -D "$FM_PG_DIR" -U postgres --pwfile="$pwfile" \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
    cat >> "$FM_PG_DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $FM_PG_PORT
unix_socket_directories = '$FM_PG_DIR'
max_connections = 300
shared_buffers = 256MB
logging_collector = off
# Per-statement figures for benchmarks and diagnosis (CREATE EXTENSION pg_stat_statements in a database to read them).
shared_preload_libraries = 'pg_stat_statements'
CONF
  fi

  FM_PG_PORT=$(sed -n 's/^port = \([0-9]*\)$/\1/p' "$FM_PG_DIR/postgresql.conf" | tail -n 1)
  if ! fm_pg_run "$bindir/pg_ctl" -D "$FM_PG_DIR" status >/dev/null 2>&1; then
    fm_log "starting PostgreSQL on 127.0.0.1:$FM_PG_PORT (log: $FM_PG_DIR/server.log)"
    fm_pg_run "$bindir/pg_ctl" -D "$FM_PG_DIR" -l "$FM_PG_DIR/server.log" -w -t 60 start >/dev/null
  fi

  export PGPASSWORD="$FM_PG_PASSWORD"
  if ! psql -h 127.0.0.1 -p "$FM_PG_PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'financematch'" | grep -q 1; then
    psql -h 127.0.0.1 -p "$FM_PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE financematch" >/dev/null
  fi
  export ConnectionStrings__FinanceMatch="Host=127.0.0.1;Port=$FM_PG_PORT;Database=financematch;Username=postgres;Password=$FM_PG_PASSWORD"
}

if [ -z "${ConnectionStrings__FinanceMatch:-}" ]; then
  fm_start_private_cluster
else
  fm_log "using the PostgreSQL named by ConnectionStrings__FinanceMatch"
fi
