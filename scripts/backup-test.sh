#!/usr/bin/env bash
# A point-in-time restore, end to end, on a throwaway cluster under .data/pitr (git-ignored), in a few seconds;
# scripts/test.sh runs it. The procedure is the one docs/RELIABILITY.md ("Backups and point-in-time restore")
# describes and `scripts/ha.sh backup` / `scripts/ha.sh restore` carry out on the Patroni pair:
#   1. a cluster archiving its WAL (archive_mode = on, scripts/archive-wal.sh), and a base backup (pg_basebackup);
#   2. write A; note the time; a named restore point; switch WAL; write B; switch WAL (both now archived);
#   3. the cluster stopped, the base backup restored three times beside it, replayed from the archive:
#      to the restore point and to the time (A there, B not), and to the archive's end (A and B: B was archived, so its
#      absence from the first two is the target's doing).
# Exits non-zero, saying what was wrong, when any restore does not hold exactly what it should. Leaves nothing behind.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/pg-common.sh"

PITR_DIR="${FINANCEMATCH_PITR_DIR:-$FM_REPO_ROOT/.data/pitr}"
# Ports from 25460, below Linux's ephemeral range (32768 and up), where an outgoing connection's local end may hold a
# port nothing listens on (tests/…/Support/PrivateCluster.cs).
SOURCE="$PITR_DIR/source"
BASE="$PITR_DIR/base"
ARCHIVE="$PITR_DIR/wal-archive"
export PGPASSWORD="$FM_PG_PASSWORD" PGCONNECT_TIMEOUT=5

step() { echo "[backup-test] $*"; }
fail() { echo "[backup-test] FAILED: $*" >&2; exit 1; }

BINDIR=$(fm_require_postgres)

# Stops every server this test may have left under PITR_DIR (this run's or a killed earlier run's) and removes it.
cleanup() {
  local dir
  for dir in "$PITR_DIR"/*/; do
    [ -s "$dir/postmaster.pid" ] || continue
    fm_pg_run "$BINDIR/pg_ctl" -D "$dir" stop -m immediate -w >/dev/null 2>&1 || true
  done
  rm -rf "$PITR_DIR"
}
trap cleanup EXIT
cleanup

sql() { psql -X -v ON_ERROR_STOP=1 -tAq -h 127.0.0.1 -p "$1" -U postgres -d postgres -c "$2"; }

# Waits until the WAL segment is in the archive.
wait_archived() {
  local i
  for i in $(seq 1 300); do [ -f "$ARCHIVE/$1" ] && return 0; sleep 0.1; done
  fail "WAL segment $1 did not reach the archive in 30 s (see $SOURCE/server.log)"
}

# Restores the base backup into $1 up to the target $2 and checks that it holds exactly the notes $3 (comma-separated).
restore_and_check() {
  local name="$1" target="$2" expected="$3" dest port notes
  dest="$PITR_DIR/$name"
  port=$(fm_free_port 25460)
  step "restoring the base backup into $name (${target:-to the end of the archive}) on port $port"
  fm_pitr_restore "$BASE" "$ARCHIVE" "$dest" "$port" "$target" || fail "the $name restore did not come up"
  notes=$(sql "$port" "SELECT string_agg(note, ',' ORDER BY id) FROM ledger") || fail "the $name restore has no ledger table"
  [ "$notes" = "$expected" ] || fail "the $name restore holds [$notes], expected [$expected]"
  step "$name: holds [$notes], as expected"
  fm_pg_run "$BINDIR/pg_ctl" -D "$dest" stop -m fast -w >/dev/null
}

t0=$(date +%s.%N)
mkdir -p "$SOURCE" "$ARCHIVE"
chmod 700 "$SOURCE" "$ARCHIVE"
(umask 077; printf '%s\n' "$FM_PG_PASSWORD" > "$PITR_DIR/pwfile")
fm_pg_own "$PITR_DIR"
PORT=$(fm_free_port 25460)
step "creating a cluster archiving its WAL in $SOURCE (port $PORT)"
# No fsync (-N, --no-sync): a throwaway cluster on a machine that does not crash during the test.
fm_pg_run "$BINDIR/initdb" -N -D "$SOURCE" -U postgres --pwfile="$PITR_DIR/pwfile" \
  --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
rm -f "$PITR_DIR/pwfile"
cat >> "$SOURCE/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$PITR_DIR'
wal_level = replica
archive_mode = on
archive_command = '$FM_REPO_ROOT/scripts/archive-wal.sh $ARCHIVE %p %f'
CONF
fm_pg_run "$BINDIR/pg_ctl" -D "$SOURCE" -l "$SOURCE/server.log" -w -t 60 start >/dev/null

step "taking a base backup (pg_basebackup) into $BASE"
fm_pg_run "$BINDIR/pg_basebackup" -h 127.0.0.1 -p "$PORT" -U postgres -D "$BASE" -X stream -c fast --no-sync --no-password
fm_pg_run "$BINDIR/pg_verifybackup" -q "$BASE" || fail "pg_verifybackup found the base backup damaged"

step "write A, then a restore point, then write B, switching WAL after each"
sql "$PORT" "CREATE TABLE ledger (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text NOT NULL)"
sql "$PORT" "INSERT INTO ledger (note) VALUES ('A')"
# Read after A's commit returned, before B began: A committed before it, B will commit after it.
target_time=$(sql "$PORT" "SELECT clock_timestamp()")
sql "$PORT" "SELECT pg_create_restore_point('before_b')" >/dev/null
wait_archived "$(sql "$PORT" "SELECT pg_walfile_name(pg_switch_wal())")"
sql "$PORT" "INSERT INTO ledger (note) VALUES ('B')"
wait_archived "$(sql "$PORT" "SELECT pg_walfile_name(pg_switch_wal())")"
step "A and B archived ($(ls "$ARCHIVE" | wc -l) files); target time $target_time; stopping the cluster"
fm_pg_run "$BINDIR/pg_ctl" -D "$SOURCE" stop -m fast -w >/dev/null

restore_and_check restored-name "recovery_target_name = 'before_b'" "A"
restore_and_check restored-time "recovery_target_time = '$target_time'" "A"
restore_and_check restored-end "" "A,B"

step "point-in-time restore: OK in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
