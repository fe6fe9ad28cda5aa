#!/usr/bin/env bash
# Helpers shared by postgres.sh (the private development cluster), ha.sh (the Patroni pair) and backup-test.sh (the
# point-in-time restore test). Sourcing this file only defines them; it starts nothing.

FM_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FM_PG_PASSWORD="${FINANCEMATCH_PG_PASSWORD:-financematch-dev}"

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

# The server programs' folder, installing PostgreSQL first when it is missing.
fm_require_postgres() {
  local bindir
  bindir=$(fm_pg_bindir)
  if [ -z "$bindir" ] || ! command -v psql >/dev/null 2>&1; then
    fm_install_postgres
    bindir=$(fm_pg_bindir)
  fi
  [ -n "$bindir" ] || { fm_log "PostgreSQL binaries not found after installation"; return 1; }
  echo "$bindir"
}

# Runs a PostgreSQL server program as the cluster owner: postgres refuses to run as root.
fm_pg_run() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Gives a folder the repository made to the cluster owner, and fails when that user cannot reach it.
fm_pg_own() {
  if [ "$(id -u)" = 0 ]; then
    chown -R postgres: "$@"
    local dir
    for dir in "$@"; do
      if ! runuser -u postgres -- test -w "$dir"; then
        fm_log "the postgres user cannot reach $dir (a parent folder is private)"
        return 1
      fi
    done
  fi
}

fm_port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The first port from $1 on that nothing listens on.
fm_free_port() {
  local port="$1"
  while fm_port_in_use "$port"; do port=$((port + 1)); done
  echo "$port"
}

# Restores a plain-format base backup into a new folder and recovers it from a WAL archive up to a target, then
# promotes it and leaves it running on 127.0.0.1:PORT:
#   fm_pitr_restore BACKUP ARCHIVE DEST PORT "recovery_target_name = 'before_b'"   (or recovery_target_time = '…',
#   or "" to replay everything the archive has)
# The restored server archives nothing (it must not write into the archive it reads) and waits for no standby.
fm_pitr_restore() {
  local backup="$1" archive="$2" dest="$3" port="$4" target="$5" bindir i
  bindir=$(fm_pg_bindir)
  [ ! -e "$dest" ] || { fm_log "$dest already exists"; return 1; }
  mkdir -p "$dest" && cp -a "$backup/." "$dest/" || return 1
  # A server whose sockets were in its data folder left their lock files in the backup.
  rm -f "$dest/postmaster.pid" "$dest/standby.signal" "$dest/backup_manifest" "$dest"/.s.PGSQL.*
  touch "$dest/recovery.signal"
  # postgresql.auto.conf is read last, so these win over whatever the backed-up server's own files say (a Patroni
  # node's name its hba file by absolute path and its synchronous standby by name).
  cat >> "$dest/postgresql.auto.conf" <<CONF
# fm_pitr_restore
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dest'
hba_file = '$dest/pg_hba.conf'
ident_file = '$dest/pg_ident.conf'
logging_collector = off
archive_mode = off
synchronous_standby_names = ''
hot_standby = on
restore_command = 'test -f "$archive/%f" && cp "$archive/%f" "%p"'
recovery_target_timeline = 'latest'
recovery_target_action = 'promote'
$target
CONF
  chmod 700 "$dest"
  fm_pg_own "$dest"
  fm_pg_run "$bindir/pg_ctl" -D "$dest" -l "$dest/restore.log" -w -t 120 start >/dev/null || {
    fm_log "the restored server did not start; the end of $dest/restore.log:"; tail -n 20 "$dest/restore.log" >&2; return 1
  }
  # It answers once consistent, while still replaying: wait for the promotion that ends recovery.
  for i in $(seq 1 600); do
    if [ "$(PGPASSWORD="$FM_PG_PASSWORD" psql -X -tA -h 127.0.0.1 -p "$port" -U postgres -d postgres \
      -c "SELECT pg_is_in_recovery()" 2>/dev/null)" = f ]; then
      return 0
    fi
    if ! fm_pg_run "$bindir/pg_ctl" -D "$dest" status >/dev/null 2>&1; then break; fi
    sleep 0.1
  done
  fm_log "the restored server did not finish recovery; the end of $dest/restore.log:"; tail -n 20 "$dest/restore.log" >&2
  return 1
}
