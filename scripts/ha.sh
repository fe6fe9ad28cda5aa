#!/usr/bin/env bash
# A highly available PostgreSQL for FinanceMatch on one machine, for development and failover drills: one etcd member
# and two PostgreSQL nodes managed by Patroni, synchronous replication, a shared WAL archive. Everything listens on
# 127.0.0.1 only and lives under .data/ha (git-ignored). docs/RELIABILITY.md ("Failover on Patroni", "Backups and
# point-in-time restore") explains the choices and the measured figures.
#
# Usage: scripts/ha.sh start            install (patroni, etcd-server, PostgreSQL) when missing, start etcd and both
#                                       nodes, wait for a leader and a streaming synchronous standby, create the
#                                       financematch database
#        scripts/ha.sh stop             stop both nodes (standby first, so the leader is not handed over) and etcd
#        scripts/ha.sh status           patronictl list, and which processes run
#        scripts/ha.sh env              the connection strings the API reads (eval "$(scripts/ha.sh env)")
#        scripts/ha.sh switchover [N]   controlled switchover to node N (default: the other node); for failing back
#        scripts/ha.sh kill-primary     lose the primary's server: kill -9 its Patroni, its postmaster and the
#                                       postmaster's children; waits for the other node to take writes, prints the time
#        scripts/ha.sh kill-postmaster  kill -9 only the primary's postmaster (its Patroni lives on and restarts it)
#        scripts/ha.sh start-node N     start node N's Patroni again; waits until it is a streaming synchronous standby
#        scripts/ha.sh stop-node N      stop node N's Patroni (and its PostgreSQL) cleanly
#        scripts/ha.sh drill            kill-primary under a writer (every acknowledged commit must survive), then
#                                       start-node and switchover back; prints the three times
#        scripts/ha.sh backup           pg_basebackup of the primary into .data/ha/backups/<UTC timestamp>, verified
#        scripts/ha.sh restore BACKUP TARGET
#                                       restore a backup beside the cluster (a standalone server on the first free
#                                       port from 55450) and recover it from the WAL archive up to TARGET: a time
#                                       ('2025-01-31 14:02:00+08'), name:RESTORE_POINT or latest; it is left running
#                                       for inspection and `stop` stops it
#
# Ports (chosen at the first start, kept in .data/ha/ports.env): PostgreSQL 55441 and 55442 (FINANCEMATCH_HA_PG_PORT
# is node 1's, node 2 takes the next), Patroni's REST API 58008 and 58009 (FINANCEMATCH_HA_REST_PORT), etcd clients
# 52379 and peers 52380 (FINANCEMATCH_HA_ETCD_PORT). Passwords: FINANCEMATCH_PG_PASSWORD (user postgres, as
# scripts/postgres.sh), FINANCEMATCH_HA_REPLICATION_PASSWORD (replicator), FINANCEMATCH_HA_REWIND_PASSWORD (rewinder),
# FINANCEMATCH_HA_REST_PASSWORD (Patroni's REST API, user patroni). FINANCEMATCH_HA_DIR moves .data/ha.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/pg-common.sh"

FM_HA_DIR="${FINANCEMATCH_HA_DIR:-$FM_REPO_ROOT/.data/ha}"
FM_HA_SCOPE=financematch
FM_HA_NODES=(1 2)
FM_HA_REPL_PASSWORD="${FINANCEMATCH_HA_REPLICATION_PASSWORD:-financematch-replication-dev}"
FM_HA_REWIND_PASSWORD="${FINANCEMATCH_HA_REWIND_PASSWORD:-financematch-rewind-dev}"
FM_HA_REST_PASSWORD="${FINANCEMATCH_HA_REST_PASSWORD:-financematch-rest-dev}"
FM_HA_ARCHIVE="$FM_HA_DIR/wal-archive"
FM_HA_LOGS="$FM_HA_DIR/logs"
# Server programs run with a plain PATH: the caller's may hold folders the postgres user cannot read.
FM_HA_PATH=/usr/local/bin:/usr/bin:/bin
export PGPASSWORD="$FM_PG_PASSWORD" PGCONNECT_TIMEOUT=2

# ---------------------------------------------------------------------------------------------------------------------
# Ports

fm_ha_load_ports() {
  if [ -s "$FM_HA_DIR/ports.env" ]; then
    # shellcheck disable=SC1091
    source "$FM_HA_DIR/ports.env"
    return
  fi
  FM_HA_PG_PORT="${FINANCEMATCH_HA_PG_PORT:-55441}"
  FM_HA_REST_PORT="${FINANCEMATCH_HA_REST_PORT:-58008}"
  FM_HA_ETCD_PORT="${FINANCEMATCH_HA_ETCD_PORT:-52379}"
}

fm_ha_save_ports() {
  mkdir -p "$FM_HA_DIR"
  printf 'FM_HA_PG_PORT=%s\nFM_HA_REST_PORT=%s\nFM_HA_ETCD_PORT=%s\n' \
    "$FM_HA_PG_PORT" "$FM_HA_REST_PORT" "$FM_HA_ETCD_PORT" > "$FM_HA_DIR/ports.env"
}

fm_ha_pg_port() { echo $((FM_HA_PG_PORT + $1 - 1)); }
fm_ha_rest_port() { echo $((FM_HA_REST_PORT + $1 - 1)); }
fm_ha_etcd_peer_port() { echo $((FM_HA_ETCD_PORT + 1)); }
fm_ha_node_dir() { echo "$FM_HA_DIR/node$1"; }

fm_ha_hosts() {
  local n hosts=""
  for n in "${FM_HA_NODES[@]}"; do hosts="$hosts${hosts:+,}127.0.0.1:$(fm_ha_pg_port "$n")"; done
  echo "$hosts"
}

# A libpq connection string to whichever node takes writes (or, with prefer-standby, reads).
fm_ha_conninfo() {
  local n hosts="" ports=""
  for n in "${FM_HA_NODES[@]}"; do
    hosts="$hosts${hosts:+,}127.0.0.1"; ports="$ports${ports:+,}$(fm_ha_pg_port "$n")"
  done
  echo "host=$hosts port=$ports user=postgres dbname=${2:-postgres} target_session_attrs=${1:-read-write}"
}

fm_ha_psql() { psql -X -v ON_ERROR_STOP=1 -tA "$@"; }

# ---------------------------------------------------------------------------------------------------------------------
# Processes: each is started through a shell that writes its own pid before exec'ing the program, so the pid file
# names the program itself (runuser stays behind as its parent).

fm_ha_alive() {
  local pidfile="$1" pid
  [ -s "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  [ -d "/proc/$pid" ] && grep -q "$2" "/proc/$pid/cmdline" 2>/dev/null
}

fm_ha_spawn() {
  local pidfile="$1" log="$2"
  shift 2
  rm -f "$pidfile"
  # A clean environment: the caller's PGPASSWORD (or PGHOST, PGUSER…) would win over the credentials Patroni gives
  # pg_basebackup and pg_rewind. setsid: a session of its own, so a Ctrl-C in the caller's terminal does not reach it.
  fm_pg_run env -i PATH="$FM_HA_PATH" LANG=C.UTF-8 HOME="$FM_HA_DIR" setsid bash -c 'echo $$ > "$0"; exec "$@"' "$pidfile" "$@" \
    >> "$log" 2>&1 < /dev/null &
  local i
  for i in $(seq 1 50); do [ -s "$pidfile" ] && return 0; sleep 0.1; done
  fm_log "could not start $1 (log: $log)"; return 1
}

fm_ha_wait_exit() {
  local pid="$1" seconds="$2" i
  for i in $(seq 1 $((seconds * 10))); do [ -d "/proc/$pid" ] || return 0; sleep 0.1; done
  return 1
}

fm_ha_etcd_running() { fm_ha_alive "$FM_HA_DIR/etcd.pid" etcd; }
fm_ha_patroni_running() { fm_ha_alive "$(fm_ha_node_dir "$1")/patroni.pid" patroni; }

fm_ha_postmaster_pid() {
  local pidfile
  pidfile="$(fm_ha_node_dir "$1")/data/postmaster.pid"
  [ -s "$pidfile" ] || return 1
  local pid
  pid=$(head -n 1 "$pidfile")
  [ -d "/proc/$pid" ] && grep -q postgres "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

fm_now() { date +%s.%N; }
fm_since() { awk -v a="$1" -v b="$(fm_now)" 'BEGIN { printf "%.1f", b - a }'; }
# Seconds since $1, kept in FM_HA_ELAPSED for the drill's summary.
fm_elapsed() { FM_HA_ELAPSED=$(fm_since "$1"); }

# ---------------------------------------------------------------------------------------------------------------------
# Patroni's view of the cluster, read from the first node whose REST API answers.

fm_ha_cluster_json() {
  local n
  for n in "${FM_HA_NODES[@]}"; do
    curl -sf --max-time 2 "http://127.0.0.1:$(fm_ha_rest_port "$n")/cluster" && return 0
  done
  return 1
}

# One line a member: name role state timeline lag
fm_ha_members() {
  fm_ha_cluster_json 2>/dev/null | /usr/bin/python3 -c '
import json, signal, sys
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
try:
    members = json.load(sys.stdin).get("members", [])
except ValueError:
    members = []
for m in members:
    print(m["name"], m["role"], m.get("state", "?"), m.get("timeline", "-"), m.get("lag", "-"))'
}

# The leader's node number, when there is one.
fm_ha_leader() {
  local name
  name=$(fm_ha_members | awk '$2 == "leader" && $3 == "running" { print $1 }')
  [ -n "$name" ] && echo "${name#node}"
}

# The node names that stream to the primary as synchronous standbys, by the primary's own pg_stat_replication.
fm_ha_sync_standbys() {
  local leader="$1"
  fm_ha_psql -h 127.0.0.1 -p "$(fm_ha_pg_port "$leader")" -U postgres -d postgres \
    -c "SELECT application_name FROM pg_stat_replication WHERE state = 'streaming' AND sync_state = 'sync'" 2>/dev/null
}

# Waits (at most $1 seconds) until there is a leader taking writes and a streaming synchronous standby;
# $2, when given, is the node that must be the standby, $3 the node that must lead.
fm_ha_wait_healthy() {
  local seconds="$1" standby="${2:-}" want_leader="${3:-}" deadline leader syncs
  deadline=$(( $(date +%s) + seconds ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    leader=$(fm_ha_leader || true)
    if [ -n "$leader" ] && { [ -z "$want_leader" ] || [ "$leader" = "$want_leader" ]; }; then
      syncs=$(fm_ha_sync_standbys "$leader" || true)
      if [ -n "$syncs" ] && { [ -z "$standby" ] || grep -qx "node$standby" <<<"$syncs"; } \
        && fm_ha_members | grep -q "^node${standby:-[0-9]*} sync_standby running "; then
        return 0
      fi
    fi
    sleep 0.2
  done
  return 1
}

# ---------------------------------------------------------------------------------------------------------------------
# Installation and configuration

fm_ha_install() {
  BINDIR=$(fm_require_postgres)
  fm_ensure_command curl curl
  fm_ensure_command patroni patroni
  if ! command -v etcd >/dev/null 2>&1; then
    fm_ensure_command etcd etcd-server
    # The package's own etcd (port 2379, /var/lib/etcd) is not used: ours lives under the repository.
    if [ -d /run/systemd/system ] && systemctl is-active --quiet etcd 2>/dev/null; then
      fm_log "stopping and disabling the etcd service the package started (not used)"
      fm_as_root systemctl disable --now etcd >/dev/null 2>&1 || true
    fi
  fi
  [ -x /usr/bin/python3 ] || { fm_log "/usr/bin/python3 is missing (the patroni package needs it)"; exit 1; }
}

fm_ha_check_free() {
  local port
  for port in "$@"; do
    if fm_port_in_use "$port"; then
      fm_log "port $port is taken by another program; a first start takes its ports from FINANCEMATCH_HA_PG_PORT,"
      fm_log "FINANCEMATCH_HA_REST_PORT and FINANCEMATCH_HA_ETCD_PORT (defaults 55441, 58008, 52379)"
      exit 1
    fi
  done
}

fm_ha_write_config() {
  local n="$1" dir pg rest archive_command
  dir=$(fm_ha_node_dir "$n")
  pg=$(fm_ha_pg_port "$n")
  rest=$(fm_ha_rest_port "$n")
  case "$FM_HA_DIR$FM_REPO_ROOT" in
    *"'"* | *'"'* | *' '*) fm_log "the repository's and FINANCEMATCH_HA_DIR's paths may hold no quotes or spaces"; exit 1 ;;
  esac
  # Test, then copy (scripts/archive-wal.sh): never overwrites a segment; one already there is a success only when it
  # is identical, as it is when both nodes archive it (archive_mode = always).
  archive_command="$FM_REPO_ROOT/scripts/archive-wal.sh $FM_HA_ARCHIVE %p %f"
  mkdir -p "$dir" "$FM_HA_LOGS/postgres-node$n"
  cat > "$dir/patroni.yml" <<YAML
# Written by scripts/ha.sh at each start (edit the script, not this file). Patroni keeps the cluster-wide part
# (bootstrap.dcs) in etcd; \`scripts/ha.sh start\` applies it there again each time.
scope: $FM_HA_SCOPE
namespace: /financematch/
name: node$n

log:
  level: INFO

restapi:
  listen: 127.0.0.1:$rest
  connect_address: 127.0.0.1:$rest
  authentication:
    username: patroni
    password: '$FM_HA_REST_PASSWORD'

etcd3:
  hosts: 127.0.0.1:$FM_HA_ETCD_PORT

bootstrap:
  dcs:
    # Failover speed. A leader renews its key every loop_wait seconds; the key lives ttl seconds; a DCS or PostgreSQL
    # call is retried for retry_timeout seconds. Patroni needs ttl >= loop_wait + 2 * retry_timeout (10 >= 2 + 8), or
    # a leader that is merely slow to reach etcd could lose its key and be demoted while a second node promotes.
    # A lost primary is replaced 8 to 10 s after it dies (its key's remaining life) plus the promotion itself.
    ttl: 10
    loop_wait: 2
    retry_timeout: 4
    maximum_lag_on_failover: 1048576
    # Synchronous replication: a commit is acknowledged once it is on the standby too, and Patroni only ever promotes
    # the node named synchronous, so no acknowledged commit is lost when the primary is.
    synchronous_mode: true
    # Not strict: with two nodes, strict mode stops every write when either node is lost (after a failover the new
    # primary has no standby left to wait for), so the pair would be less available for writes than one server. Not
    # strict, the survivor goes on alone and takes the other back as synchronous standby when it returns; writes made
    # while it is alone are on one node (and in the WAL archive) until then. With three nodes, turn strict on.
    synchronous_mode_strict: false
    # etcd is a single member here. Without failsafe mode, losing it turns the primary read-only within seconds
    # (measured: 5 to 9 s), though both nodes are fine; with it, the leader stays leader while it can reach every
    # member's REST API (measured: writes went on through an etcd outage). No failover can happen while etcd is down.
    failsafe_mode: true
    postgresql:
      use_pg_rewind: true
      use_slots: true
      remove_data_directory_on_rewind_failure: true
      remove_data_directory_on_diverged_timelines: true
      parameters:
        max_connections: 300
        shared_buffers: 256MB
        shared_preload_libraries: pg_stat_statements
        password_encryption: scram-sha-256
        wal_level: replica
        wal_log_hints: 'on'
        max_wal_senders: 10
        max_replication_slots: 10
        wal_keep_size: 256MB
        hot_standby: 'on'
        # How long a standby waits before it looks for WAL again. PostgreSQL 15 finishes a promotion only when that
        # wait ends: at the default 5 s, promotions took up to 5 s longer (measured).
        wal_retrieve_retry_interval: 1s
        # The WAL archive, for point-in-time restore. Both nodes archive what they have (always, not on): with "on"
        # a standby archives nothing, and after a failover the segments the lost primary had not archived yet would
        # be missing from the archive, so no restore could cross the failover.
        archive_mode: always
        archive_command: '$archive_command'
        # Bounds how old the newest archived WAL can be when little is written.
        archive_timeout: 60
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
    - data-checksums

postgresql:
  listen: 127.0.0.1:$pg
  connect_address: 127.0.0.1:$pg
  data_dir: $dir/data
  bin_dir: $BINDIR
  pgpass: $dir/pgpass
  use_unix_socket: false
  authentication:
    superuser:
      username: postgres
      password: '$FM_PG_PASSWORD'
    replication:
      username: replicator
      password: '$FM_HA_REPL_PASSWORD'
    rewind:
      username: rewinder
      password: '$FM_HA_REWIND_PASSWORD'
  pg_hba:
    - local all all scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256
    - host replication replicator 127.0.0.1/32 scram-sha-256
    - host replication postgres 127.0.0.1/32 scram-sha-256
  parameters:
    unix_socket_directories: '$dir'
    logging_collector: 'on'
    log_directory: '$FM_HA_LOGS/postgres-node$n'
    log_filename: 'postgresql-%Y-%m-%d.log'
    log_line_prefix: '%m [%p] %q%u@%d '
  use_pg_rewind: true
  remove_data_directory_on_rewind_failure: true
  remove_data_directory_on_diverged_timelines: true

tags:
  nofailover: false
  noloadbalance: false
  clonefrom: false
  nosync: false
YAML
  chmod 600 "$dir/patroni.yml"
}

fm_ha_prepare() {
  fm_ha_load_ports
  if [ ! -s "$FM_HA_DIR/ports.env" ]; then
    fm_ha_check_free "$FM_HA_ETCD_PORT" "$(fm_ha_etcd_peer_port)"
    local n
    for n in "${FM_HA_NODES[@]}"; do fm_ha_check_free "$(fm_ha_pg_port "$n")" "$(fm_ha_rest_port "$n")"; done
    fm_ha_save_ports
  fi
  mkdir -p "$FM_HA_DIR/etcd" "$FM_HA_ARCHIVE" "$FM_HA_LOGS" "$FM_HA_DIR/backups"
  for n in "${FM_HA_NODES[@]}"; do fm_ha_write_config "$n"; done
  chmod 700 "$FM_HA_DIR/etcd" "$FM_HA_ARCHIVE"
  fm_pg_own "$FM_HA_DIR"
}

# ---------------------------------------------------------------------------------------------------------------------
# Sub-commands

fm_ha_start_etcd() {
  if fm_ha_etcd_running; then return 0; fi
  local peer
  peer=$(fm_ha_etcd_peer_port)
  fm_log "starting etcd on 127.0.0.1:$FM_HA_ETCD_PORT (log: $FM_HA_LOGS/etcd.log)"
  fm_ha_spawn "$FM_HA_DIR/etcd.pid" "$FM_HA_LOGS/etcd.log" etcd \
    --name fm-etcd --data-dir "$FM_HA_DIR/etcd" \
    --listen-client-urls "http://127.0.0.1:$FM_HA_ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$FM_HA_ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
    --initial-cluster "fm-etcd=http://127.0.0.1:$peer" --initial-cluster-token financematch-ha \
    --initial-cluster-state new
  local i
  for i in $(seq 1 100); do
    curl -sf --max-time 1 "http://127.0.0.1:$FM_HA_ETCD_PORT/health" 2>/dev/null | grep -q '"health":"true"' && return 0
    fm_ha_etcd_running || break
    sleep 0.2
  done
  fm_log "etcd did not become healthy; the end of $FM_HA_LOGS/etcd.log:"; tail -n 20 "$FM_HA_LOGS/etcd.log" >&2; exit 1
}

fm_ha_start_patroni() {
  local n="$1" dir
  dir=$(fm_ha_node_dir "$n")
  if fm_ha_patroni_running "$n"; then return 0; fi
  if fm_port_in_use "$(fm_ha_pg_port "$n")" && [ -z "$(fm_ha_postmaster_pid "$n" || true)" ]; then
    fm_log "port $(fm_ha_pg_port "$n") is taken by another program; node $n cannot start"; exit 1
  fi
  fm_log "starting Patroni node$n: PostgreSQL 127.0.0.1:$(fm_ha_pg_port "$n"), REST 127.0.0.1:$(fm_ha_rest_port "$n") (log: $FM_HA_LOGS/patroni-node$n.log)"
  fm_ha_spawn "$dir/patroni.pid" "$FM_HA_LOGS/patroni-node$n.log" patroni "$dir/patroni.yml"
}

# Patroni reads bootstrap.dcs only when it creates the cluster, and keeps it in etcd afterwards: apply it again, so
# that the settings in this script are the cluster's (a change made with patronictl edit-config lasts until then).
# Parameters that need a restart show as "Pending restart" in status until `patronictl restart financematch`.
fm_ha_apply_dcs() {
  local config
  config="$(fm_ha_node_dir 1)/patroni.yml"
  /usr/bin/python3 -c 'import sys, yaml; print(yaml.safe_dump(yaml.safe_load(open(sys.argv[1]))["bootstrap"]["dcs"]))' \
    "$config" | patronictl -c "$config" edit-config "$FM_HA_SCOPE" --apply - --force --quiet >/dev/null
}

fm_ha_create_database() {
  local leader="$1" port
  port=$(fm_ha_pg_port "$leader")
  if ! fm_ha_psql -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "SELECT 1 FROM pg_database WHERE datname = 'financematch'" | grep -q 1; then
    fm_log "creating database financematch"
    fm_ha_psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE financematch" >/dev/null
  fi
}

cmd_start() {
  fm_ha_install
  fm_ha_prepare
  local t0 n leader
  t0=$(fm_now)
  fm_ha_start_etcd
  for n in "${FM_HA_NODES[@]}"; do fm_ha_start_patroni "$n"; done
  fm_log "waiting for a leader and a streaming synchronous standby"
  if ! fm_ha_wait_healthy 180; then
    fm_log "the cluster did not become healthy in 180 s; see $FM_HA_LOGS"
    cmd_status || true
    exit 1
  fi
  leader=$(fm_ha_leader)
  fm_ha_apply_dcs
  fm_ha_create_database "$leader"
  fm_log "ready in $(fm_since "$t0") s: leader node$leader, synchronous standby $(fm_ha_sync_standbys "$leader" | paste -sd,)"
  fm_log "connection strings: eval \"\$(scripts/ha.sh env)\""
}

fm_ha_stop_node() {
  local n="$1" pid pm
  if fm_ha_patroni_running "$n"; then
    pid=$(cat "$(fm_ha_node_dir "$n")/patroni.pid")
    fm_log "stopping Patroni node$n (pid $pid) and its PostgreSQL"
    kill -TERM "$pid"
    fm_ha_wait_exit "$pid" 90 || { fm_log "node$n's Patroni did not stop in 90 s"; return 1; }
  fi
  # A PostgreSQL whose Patroni died leaves on its own: stop it too.
  pm=$(fm_ha_postmaster_pid "$n" || true)
  if [ -n "$pm" ]; then
    fm_log "stopping node$n's PostgreSQL (pid $pm), whose Patroni was not running"
    fm_pg_run "$BINDIR/pg_ctl" -D "$(fm_ha_node_dir "$n")/data" stop -m fast -w -t 60 >/dev/null
  fi
}

fm_ha_stop_restores() {
  local dir
  for dir in "$FM_HA_DIR"/restores/*/; do
    [ -s "$dir/postmaster.pid" ] || continue
    if fm_pg_run "$BINDIR/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      fm_log "stopping the restored server in $dir"
      fm_pg_run "$BINDIR/pg_ctl" -D "$dir" stop -m fast -w >/dev/null
    fi
  done
}

cmd_stop() {
  BINDIR=$(fm_pg_bindir)
  local leader n
  leader=$(fm_ha_leader 2>/dev/null || true)
  # Standbys first: a leader stopped first hands its key to the standby, which would promote.
  for n in "${FM_HA_NODES[@]}"; do [ "$n" = "$leader" ] || fm_ha_stop_node "$n"; done
  [ -z "$leader" ] || fm_ha_stop_node "$leader"
  if fm_ha_etcd_running; then
    local pid
    pid=$(cat "$FM_HA_DIR/etcd.pid")
    fm_log "stopping etcd (pid $pid)"
    kill -TERM "$pid"
    fm_ha_wait_exit "$pid" 30 || { fm_log "etcd did not stop in 30 s"; return 1; }
  fi
  fm_ha_stop_restores
  fm_log "stopped"
}

cmd_status() {
  local n state
  if fm_ha_etcd_running; then state="running (pid $(cat "$FM_HA_DIR/etcd.pid"))"; else state="not running"; fi
  echo "etcd 127.0.0.1:$FM_HA_ETCD_PORT: $state"
  for n in "${FM_HA_NODES[@]}"; do
    local p="not running" pm
    fm_ha_patroni_running "$n" && p="running (pid $(cat "$(fm_ha_node_dir "$n")/patroni.pid"))"
    pm=$(fm_ha_postmaster_pid "$n" || true)
    pm="${pm:+running (pid $pm)}"
    echo "node$n: Patroni $p; PostgreSQL ${pm:-not running}; port 127.0.0.1:$(fm_ha_pg_port "$n"), REST 127.0.0.1:$(fm_ha_rest_port "$n")"
  done
  if fm_ha_etcd_running; then
    patronictl -c "$(fm_ha_node_dir 1)/patroni.yml" list 2>/dev/null || echo "(patronictl list failed)"
  fi
  local leader
  leader=$(fm_ha_leader 2>/dev/null || true)
  if [ -n "$leader" ]; then
    echo "synchronous standbys (by the primary): $(fm_ha_sync_standbys "$leader" | paste -sd, || true)"
    fm_ha_psql -h 127.0.0.1 -p "$(fm_ha_pg_port "$leader")" -U postgres -d postgres -F ' ' -c \
      "SELECT 'WAL archive: ' || archived_count || ' archived, ' || failed_count || ' failed, last ' || coalesce(last_archived_wal, '-') FROM pg_stat_archiver" 2>/dev/null || true
  fi
}

cmd_env() {
  local hosts
  hosts=$(fm_ha_hosts)
  echo "export ConnectionStrings__FinanceMatch=\"Host=$hosts;Database=financematch;Username=postgres;Password=$FM_PG_PASSWORD;Target Session Attributes=primary\""
  echo "export ConnectionStrings__FinanceMatchReadOnly=\"Host=$hosts;Database=financematch;Username=postgres;Password=$FM_PG_PASSWORD;Target Session Attributes=prefer-standby\""
}

fm_ha_require_leader() {
  LEADER=$(fm_ha_leader || true)
  [ -n "$LEADER" ] || { fm_log "there is no leader now (scripts/ha.sh status)"; exit 1; }
}

cmd_switchover() {
  fm_ha_require_leader
  local target="${1:-}" n t0
  if [ -z "$target" ]; then
    for n in "${FM_HA_NODES[@]}"; do [ "$n" = "$LEADER" ] || target="$n"; done
  fi
  target="${target#node}"
  if [ "$target" = "$LEADER" ]; then fm_log "node$target already leads"; return 0; fi
  fm_log "switching over from node$LEADER to node$target"
  t0=$(fm_now)
  patronictl -c "$(fm_ha_node_dir "$target")/patroni.yml" switchover "$FM_HA_SCOPE" \
    --leader "node$LEADER" --candidate "node$target" --force
  if fm_ha_wait_healthy 120 "$LEADER" "$target"; then
    fm_elapsed "$t0"
    fm_log "node$target leads and node$LEADER streams to it synchronously $FM_HA_ELAPSED s after the switchover began"
  else
    fm_log "the switchover did not complete in 120 s"; cmd_status; exit 1
  fi
}

# Waits until a node other than $1 takes writes through the primary-only connection string; prints the seconds.
fm_ha_wait_new_primary() {
  local old="$1" t0="$2" deadline leader
  deadline=$(( $(date +%s) + 120 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    leader=$(fm_ha_leader 2>/dev/null || true)
    if [ -n "$leader" ] && [ "$leader" != "$old" ] \
      && fm_ha_psql -d "$(fm_ha_conninfo read-write) connect_timeout=1" -c "SELECT txid_current()" >/dev/null 2>&1; then
      fm_elapsed "$t0"
      fm_log "node$leader took a write $FM_HA_ELAPSED s after the kill"
      return 0
    fi
    sleep 0.1
  done
  fm_log "no other node took writes within 120 s"; return 1
}

cmd_kill_primary() {
  fm_ha_require_leader
  local dir patroni pm children t0
  dir=$(fm_ha_node_dir "$LEADER")
  patroni=$(cat "$dir/patroni.pid")
  pm=$(fm_ha_postmaster_pid "$LEADER")
  children=$(ps -o pid= --ppid "$pm" | tr '\n' ' ')
  t0=$(fm_now)
  # The whole server at once, as a machine lost: with Patroni alive, only the postmaster killed, Patroni would just
  # restart PostgreSQL on the same node while it still holds the leader key (kill-postmaster shows that).
  kill -9 "$patroni" "$pm" $children 2>/dev/null || true
  fm_log "killed node$LEADER: Patroni $patroni, postmaster $pm and its $(wc -w <<<"$children") children (kill -9)"
  fm_ha_wait_new_primary "$LEADER" "$t0"
  fm_log "bring it back with: scripts/ha.sh start-node $LEADER"
}

cmd_kill_postmaster() {
  fm_ha_require_leader
  local pm t0 deadline
  pm=$(fm_ha_postmaster_pid "$LEADER")
  t0=$(fm_now)
  kill -9 "$pm"
  fm_log "killed node$LEADER's postmaster $pm (kill -9); its Patroni stays"
  deadline=$(( $(date +%s) + 120 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if fm_ha_psql -d "$(fm_ha_conninfo read-write) connect_timeout=1" -c "SELECT txid_current()" >/dev/null 2>&1; then
      fm_log "node$(fm_ha_leader) took a write $(fm_since "$t0") s after the kill"
      if fm_ha_wait_healthy 120; then fm_log "synchronous standby streaming again $(fm_since "$t0") s after the kill"; fi
      return 0
    fi
    sleep 0.1
  done
  fm_log "no node took writes within 120 s"; return 1
}

cmd_start_node() {
  local n="${1:?usage: scripts/ha.sh start-node N}" t0
  n="${n#node}"
  fm_ha_start_etcd
  t0=$(fm_now)
  fm_ha_start_patroni "$n"
  if fm_ha_wait_healthy 180 "$n"; then
    fm_elapsed "$t0"
    fm_log "node$n streams as synchronous standby $FM_HA_ELAPSED s after its start"
  elif [ "$(fm_ha_leader || true)" = "$n" ] && fm_ha_wait_healthy 60; then
    fm_log "node$n leads $(fm_since "$t0") s after its start"
  else
    fm_log "node$n did not rejoin in 180 s; see $FM_HA_LOGS/patroni-node$n.log"; cmd_status; exit 1
  fi
}

cmd_stop_node() {
  local n="${1:?usage: scripts/ha.sh stop-node N}"
  BINDIR=$(fm_pg_bindir)
  fm_ha_stop_node "${n#node}"
}

cmd_backup() {
  fm_ha_require_leader
  BINDIR=$(fm_pg_bindir)
  local stamp dest t0
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  dest="$FM_HA_DIR/backups/$stamp"
  t0=$(fm_now)
  fm_log "pg_basebackup of node$LEADER into $dest"
  # As the cluster owner, so the copy can be started as it is (the password travels in PGPASSWORD, which runuser
  # passes on); WAL streamed alongside, so the backup is whole by itself.
  fm_pg_run "$BINDIR/pg_basebackup" -h 127.0.0.1 -p "$(fm_ha_pg_port "$LEADER")" \
    -U postgres -D "$dest" -X stream -c fast -l "financematch $stamp" --no-password
  fm_pg_run "$BINDIR/pg_verifybackup" -q "$dest"
  fm_log "backup $dest verified ($(du -sh "$dest" | cut -f1), $(fm_since "$t0") s); the WAL archive after it is $FM_HA_ARCHIVE"
  echo "$dest"
}

cmd_restore() {
  local backup="${1:?usage: scripts/ha.sh restore BACKUP_DIR TIME|name:NAME|latest}" target="${2:?a target: a time, name:NAME or latest}"
  BINDIR=$(fm_pg_bindir)
  [ -f "$backup/backup_label" ] || { fm_log "$backup is not a base backup (no backup_label)"; exit 1; }
  local setting dest port
  case "$target" in
    latest) setting="" ;;
    name:*) setting="recovery_target_name = '${target#name:}'" ;;
    *) setting="recovery_target_time = '$target'" ;;
  esac
  dest="$FM_HA_DIR/restores/$(date -u +%Y%m%dT%H%M%SZ)"
  port=$(fm_free_port 55450)
  fm_pitr_restore "$backup" "$FM_HA_ARCHIVE" "$dest" "$port" "$setting"
  fm_log "restored into $dest, running on 127.0.0.1:$port: psql -h 127.0.0.1 -p $port -U postgres financematch"
  fm_log "stop it with scripts/ha.sh stop (or pg_ctl -D $dest stop as postgres); delete the folder when done"
}

# Writes one row a connection, through the primary-only connection string, until $1 exists no more; one line a
# try: "<epoch> ok <id>" once the commit is acknowledged, "<epoch> fail" otherwise.
fm_ha_writer() {
  local flag="$1" i=0 id conninfo
  conninfo="$(fm_ha_conninfo read-write ha_drill) connect_timeout=1"
  while [ -e "$flag" ]; do
    i=$((i + 1))
    id=$(psql -X -tAq -d "$conninfo" -c "INSERT INTO drill (note) VALUES ('write $i') RETURNING id" 2>/dev/null | head -n 1 || true)
    if [ -n "$id" ]; then echo "$(fm_now) ok $id"; else echo "$(fm_now) fail"; sleep 0.05; fi
  done
}

# The failover drill: a writer commits rows, one connection each, through the primary-only connection string, while
# the primary's server is lost, the old primary rejoins and the pair switches back; every acknowledged row must be
# on the final primary. Prints the times, and each stretch in which no write succeeded.
cmd_drill() {
  fm_ha_require_leader
  fm_ha_wait_healthy 10 || { fm_log "the cluster has no streaming synchronous standby (scripts/ha.sh status)"; exit 1; }
  local original="$LEADER" port flag log writer promoted rejoined switched acked missing
  port=$(fm_ha_pg_port "$original")
  # A database of its own: the drill leaves nothing in financematch.
  if ! fm_ha_psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'ha_drill'" | grep -q 1; then
    fm_ha_psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE ha_drill"
  fi
  PGOPTIONS="-c client_min_messages=warning" fm_ha_psql -h 127.0.0.1 -p "$port" -U postgres -d ha_drill -qc \
    "CREATE TABLE IF NOT EXISTS drill (id bigserial PRIMARY KEY, note text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())"
  flag=$(mktemp); log=$(mktemp)
  fm_ha_writer "$flag" > "$log" &
  writer=$!
  sleep 3
  cmd_kill_primary; promoted="$FM_HA_ELAPSED"
  cmd_start_node "$original"; rejoined="$FM_HA_ELAPSED"
  cmd_switchover "$original"; switched="$FM_HA_ELAPSED"
  sleep 3
  rm -f "$flag"; wait "$writer" || true
  acked=$(awk '$2 == "ok" { print $3 }' "$log" | LC_ALL=C sort)
  missing=$(LC_ALL=C comm -23 <(echo "$acked") <(fm_ha_psql -d "$(fm_ha_conninfo read-write ha_drill)" -c "SELECT id FROM drill" | LC_ALL=C sort))
  fm_log "writer: $(wc -w <<<"$acked") commits acknowledged, $(grep -c ' fail$' "$log" || true) tries refused"
  # A gap: from the last acknowledged write before refusals to the first one after them.
  awk '$2 == "ok" { if (failing && last) printf "[financematch] no write succeeded for %.1f s\n", $1 - last; last = $1; failing = 0 }
       $2 == "fail" { failing = 1 }' "$log" >&2
  rm -f "$log"
  if [ -n "$missing" ]; then fm_log "LOST: acknowledged rows missing on the primary: $(tr "\n" " " <<<"$missing")"; exit 1; fi
  fm_log "every acknowledged commit is on the primary"
  echo "drill: promotion after the primary's loss ${promoted} s; rejoin of the old primary as synchronous standby ${rejoined} s; switchover back ${switched} s; no acknowledged commit lost"
}

main() {
  local cmd="${1:-}"
  [ $# -gt 0 ] && shift
  fm_ha_load_ports
  case "$cmd" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) cmd_env ;;
    switchover) cmd_switchover "$@" ;;
    kill-primary) cmd_kill_primary ;;
    kill-postmaster) cmd_kill_postmaster ;;
    start-node) cmd_start_node "$@" ;;
    stop-node) cmd_stop_node "$@" ;;
    drill) cmd_drill ;;
    backup) cmd_backup ;;
    restore) cmd_restore "$@" ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
}

main "$@"
