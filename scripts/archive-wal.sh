#!/bin/sh
# PostgreSQL's archive_command for the WAL archives of ha.sh and backup-test.sh:
#   archive_command = '/path/to/scripts/archive-wal.sh /path/to/archive %p %f'
# Test, then copy: a segment already in the archive is never overwritten. Finding it there is a success only when it
# is byte-for-byte the same (both Patroni nodes archive, and a crash between the copy and PostgreSQL noting it makes
# the archiver try again); a different file of the same name fails, so pg_stat_archiver.failed_count shows it.
# The copy is written under a temporary name, flushed to disk and then renamed, so a half-copied segment never
# carries a segment's name. A script and not a shell one-liner: Patroni also runs archive_command itself (for the
# WAL an old primary had not archived, before pg_rewind), splitting it into words without a shell.
set -eu
dir="$1" src="$2" name="$3"
dest="$dir/$name"
if [ -f "$dest" ]; then
  cmp -s "$src" "$dest" && exit 0
  echo "archive-wal.sh: $dest is already archived with other contents" >&2
  exit 1
fi
tmp="$dest.tmp.$$"
trap 'rm -f "$tmp"' EXIT
cp "$src" "$tmp"
sync "$tmp"
mv "$tmp" "$dest"
trap - EXIT
