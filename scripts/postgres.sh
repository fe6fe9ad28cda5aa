#!/usr/bin/env bash
# Sourced by run.sh and test.sh. When ConnectionStrings__FinanceMatch is not set, makes sure a private
# PostgreSQL cluster runs under .data/postgres (installing PostgreSQL from the distribution's packages when
# it is missing) and exports the connection string. Safe to run any number of times.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/pg-common.sh"
FM_PG_DIR="${FINANCEMATCH_PG_DIR:-$FM_REPO_ROOT/.data/postgres}"

# A new cluster takes the first free port from 55432 (or FINANCEMATCH_PG_PORT); it keeps that port afterwards.
fm_choose_port() { fm_free_port "${FINANCEMATCH_PG_PORT:-55432}"; }

fm_start_private_cluster() {
  local bindir
  bindir=$(fm_require_postgres)

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
