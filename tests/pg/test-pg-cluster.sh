#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Self-test of the throwaway PostgreSQL cluster (tests/pg/glide-pg-cluster and
# tests/pg/with-pg-cluster), in TAP:
#   tests/pg/test-pg-cluster.sh
# It runs itself under with-pg-cluster (`--inside STATE`) for the checks made
# against the live cluster, then checks from outside that the cluster is gone,
# that CMD's status comes back, and that SIGTERM to the wrapper's process
# group (meson's timeout) still stops the server and removes its folder.
set -uo pipefail

here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
inside_tests=11
total_tests=$((inside_tests + 8))

if [ -x /usr/lib/postgresql/15/bin/psql ]; then
  psql=/usr/lib/postgresql/15/bin/psql
else
  psql=$(command -v psql) || { echo "Bail out! psql not found: install postgresql-client-15"; exit 1; }
fi

n=0
failed=0
check () {  # check STATUS DESCRIPTION [DIAGNOSTIC]
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then
    echo "ok $n - $2"
  else
    echo "not ok $n - $2"
    [ -z "${3:-}" ] || printf '%s\n' "$3" | sed 's/^/# /'
    failed=1
  fi
  [ -z "${state:-}" ] || echo "last=$n" >> "$state"
}

# True when process $1 has exited (a zombie counts: the postmaster's parent is
# init, which may reap it late), waiting for that up to 10 s.
process_gone () {
  local deadline=$((SECONDS + 10)) stat
  while stat=$(cat "/proc/$1/stat" 2>/dev/null) && stat=${stat##*) } && [ "${stat%% *}" != Z ]; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.05
  done
}

owner_sql () {
  "$psql" -X -q -At -v ON_ERROR_STOP=1 "$GLIDE_TEST_PG_URI" -c "$1" 2>&1
}

if [ "${1:-}" = --inside ]; then
  state=$2
  dir=$(dirname "$GLIDE_TEST_PG_HOST")
  pid=$(head -n 1 "$dir/data/postmaster.pid")
  { echo "dir=$dir"; echo "pid=$pid"; } >> "$state"

  leaked=$(compgen -e | grep '^PG' | tr '\n' ' ')
  [ -n "${GLIDE_TEST_PG_URI:-}" ] && [ -d "${GLIDE_TEST_PG_HOST:-/nonexistent}" ] &&
    [ "${GLIDE_TEST_PG_SUPERUSER:-}" = postgres ] && [ -z "$leaked" ]
  check $? "with-pg-cluster exports GLIDE_TEST_PG_URI, _HOST, _SUPERUSER and no PG* variable" \
    "URI=${GLIDE_TEST_PG_URI:-} HOST=${GLIDE_TEST_PG_HOST:-} SUPERUSER=${GLIDE_TEST_PG_SUPERUSER:-} PG*: $leaked"

  out=$(owner_sql 'SELECT 1')
  check $? "psql connects through the URI $GLIDE_TEST_PG_URI" "$out"

  out=$(owner_sql 'SELECT session_user')
  [ "$out" = glide_owner ]
  check $? "SELECT session_user is glide_owner" "$out"

  out=$(owner_sql "SELECT r.rolsuper, r.rolcreaterole, pg_get_userbyid(d.datdba), pg_encoding_to_char(d.encoding), d.datcollate
                   FROM pg_roles r, pg_database d WHERE r.rolname = 'glide_owner' AND d.datname = 'glide'")
  [ "$out" = "f|t|glide_owner|UTF8|C.UTF-8" ]
  check $? "glide_owner: no superuser, CREATEROLE, owns database glide (UTF8, C.UTF-8)" "$out"

  out=$("$psql" -X -At -h "$GLIDE_TEST_PG_HOST" -U "$GLIDE_TEST_PG_SUPERUSER" -d glide \
          -c 'SELECT rolsuper FROM pg_roles WHERE rolname = session_user' 2>&1)
  [ "$out" = t ]
  check $? "the superuser $GLIDE_TEST_PG_SUPERUSER connects by name through the socket" "$out"

  out=$(owner_sql "CREATE ROLE pw_test LOGIN PASSWORD 'right horse' IN ROLE $GLIDE_TEST_PG_PASSWORD_GROUP" &&
        PGPASSWORD='right horse' "$psql" -X -At -w -h "$GLIDE_TEST_PG_HOST" -U pw_test -d glide \
          -c 'SELECT session_user' 2>&1)
  [ "$out" = pw_test ]
  check $? "pw_test (made by glide_owner, in $GLIDE_TEST_PG_PASSWORD_GROUP) logs in with its password" "$out"

  out=$(PGPASSWORD='wrong horse' "$psql" -X -At -w -h "$GLIDE_TEST_PG_HOST" -U pw_test -d glide \
          -c 'SELECT session_user' 2>&1)
  [ $? -ne 0 ] && grep -q 'password authentication failed for user "pw_test"' <<<"$out"
  check $? "pw_test is refused with a wrong password" "$out"

  out=$("$psql" -X -At -w -h "$GLIDE_TEST_PG_HOST" -U pw_test -d glide -c 'SELECT 1' 2>&1)
  [ $? -ne 0 ] && grep -q 'no password supplied' <<<"$out"
  check $? "pw_test is refused without a password" "$out"

  out=$("$psql" -X -At -h "$GLIDE_TEST_PG_HOST" -U "$GLIDE_TEST_PG_SUPERUSER" -d glide -c "
          SELECT current_setting('listen_addresses') = '', current_setting('port'),
                 current_setting('unix_socket_directories') = '$GLIDE_TEST_PG_HOST'" 2>&1)
  [ "$out" = "t|5432|t" ] && [ -S "$GLIDE_TEST_PG_HOST/.s.PGSQL.5432" ]
  check $? "the server listens on its private socket only (no TCP)" "$out"

  out=$(owner_sql "SELECT current_setting('fsync'), current_setting('shared_buffers'),
                          current_setting('max_connections'), current_setting('TimeZone')")
  [ "$out" = "on|32MB|40|UTC" ]
  check $? "fsync on, shared_buffers 32MB, max_connections 40, time zone UTC" "$out"

  if [ "$(id -u)" -eq 0 ]; then
    want=$(id -u nobody) who=nobody
  else
    want=$(id -u) who=$(id -un)
  fi
  got=$(stat -c %u "/proc/$pid" 2>&1)
  [ "$got" = "$want" ]
  check $? "the server (pid $pid) runs as $who" "uid $got, wanted $want"

  echo "inside_status=$failed" >> "$state"
  exit $failed
fi

# Outside: the plan, then the live checks under with-pg-cluster.
echo "1..$total_tests"
work=$(mktemp -d "${TMPDIR:-/tmp}/test-pg-cluster.XXXXXX") || { echo "Bail out! mktemp"; exit 1; }
trap 'rm -rf "$work"' EXIT
state=$work/state
: > "$state"

# PG* variables of the caller must not reach the cluster or the test. The
# checks inside run on a cluster of initdb's own (build-aux/test sets a
# template for the suite; the template is checked at the end).
unset GLIDE_PG_TEMPLATE
PGPORT=1 PGUSER=nosuchuser PGDATABASE=nosuchdb PGHOST=/nonexistent PGPASSWORD=x \
  "$here/with-pg-cluster" "$0" --inside "$state"
status=$?
inside=$(sed -n 's/^inside_status=//p' "$state")
last=$(sed -n 's/^last=//p' "$state" | tail -n 1)
dir=$(sed -n 's/^dir=//p' "$state")
pid=$(sed -n 's/^pid=//p' "$state")
state=
n=${last:-0}
while [ $n -lt $inside_tests ]; do
  check 1 "(not run: the cluster did not start or the checks stopped; status $status)"
done

[ "${inside:-1}" = 0 ] || failed=1
[ "$status" = "${inside:-none}" ]
check $? "with-pg-cluster returns the command's status" "wrapper $status, command ${inside:-none}"

[ -n "$dir" ] && [ ! -e "$dir" ] && [ -n "$pid" ] && process_gone "$pid"
check $? "afterwards the server has stopped and its folder is gone" "dir=$dir pid=$pid"

"$here/with-pg-cluster" sh -c 'exit 3'
status=$?
[ $status -eq 3 ]
check $? "with-pg-cluster sh -c 'exit 3' exits with 3" "status $status"

# Meson's timeout: SIGTERM to the wrapper's process group while CMD runs.
mkfifo "$work/fifo"
exec 3<>"$work/fifo"
setsid "$here/with-pg-cluster" sh -c '
  echo "$(dirname "$GLIDE_TEST_PG_HOST") $(head -n 1 "$(dirname "$GLIDE_TEST_PG_HOST")/data/postmaster.pid")" > "$1"
  exec sleep 600' sh "$work/fifo" 2>"$work/term.err" &
wrapper=$!
if read -r -t 60 dir pid <&3; then
  kill -TERM -- -"$wrapper"
  wait "$wrapper"
  status=$?
else
  kill -KILL -- -"$wrapper" 2>/dev/null
  wait "$wrapper"
  status=none dir='' pid=''
fi
exec 3<&-
[ "$status" = 143 ]
check $? "SIGTERM to the wrapper's process group: it exits with 143" "status $status
$(cat "$work/term.err")"

[ -n "$dir" ] && [ ! -e "$dir" ] && [ -n "$pid" ] && process_gone "$pid"
check $? "... and the server has stopped and its folder is gone" "dir=$dir pid=$pid"

# A template: initdb once, clusters copied from it.
template=$("$here/glide-pg-cluster" mktemp) &&
  "$here/glide-pg-cluster" template "$template" 2>"$work/template.err"
[ $? -eq 0 ] && [ -f "$template/data/PG_VERSION" ] && [ ! -e "$template/data/postmaster.pid" ]
check $? "glide-pg-cluster template DIR makes DIR/data with initdb and starts nothing" \
  "$(cat "$work/template.err")"

out=$(GLIDE_PG_TEMPLATE=$template "$here/with-pg-cluster" sh -c '
  [ "$(dirname "$GLIDE_TEST_PG_HOST")" != "$GLIDE_PG_TEMPLATE" ] || exit 9
  "$1" -X -q -At -v ON_ERROR_STOP=1 "$GLIDE_TEST_PG_URI" -c "SELECT session_user, current_database()"' \
  sh "$psql" 2>&1)
status=$?
[ $status -eq 0 ] && [ "$out" = "glide_owner|glide" ] && [ ! -e "$template/data/postmaster.pid" ]
check $? "with GLIDE_PG_TEMPLATE, a cluster copied from it serves glide_owner's database glide, and the template stays unstarted" \
  "status $status: $out"

out=$(GLIDE_PG_TEMPLATE=$work "$here/with-pg-cluster" true 2>&1)
status=$?
[ $status -eq 1 ] && grep -q "GLIDE_PG_TEMPLATE=$work is not a folder made by" <<<"$out"
check $? "a GLIDE_PG_TEMPLATE that is no template is refused, saying so" "status $status: $out"
[ -z "${template:-}" ] || "$here/glide-pg-cluster" stop "$template"

exit $failed
