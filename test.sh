#!/usr/bin/env bash
# Runs every test of CareBot on a fresh Debian/Ubuntu machine with the .NET 10 SDK:
#   1. installs the system packages the tests need (apt: postgresql, python3-aiosmtpd, chromium), when missing;
#   2. starts them on loopback (a throwaway PostgreSQL cluster, an aiosmtpd SMTP server writing to a Maildir);
#   3. runs `dotnet test CareBot.sln` with their addresses in the environment;
#   4. stops what it started, also on failure or Ctrl-C.
# `--exec COMMAND...` runs COMMAND with the services instead of the tests.
# Extra arguments go to `dotnet test` (e.g. ./test.sh --filter FullyQualifiedName~Vader). A first argument that is a
# project (a .csproj or its folder) is tested instead of the whole solution:
#   ./test.sh tests/CareBot.Storage.Tests --filter FullyQualifiedName~Postgres
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '[test.sh] %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# --- 1. system packages -------------------------------------------------------------------------------------------
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need+=(python3-aiosmtpd)
[ -x /usr/bin/chromium ] || need+=(chromium)   # the chat page's browser test (Playwright drives Debian's chromium)
if [ ${#need[@]} -gt 0 ]; then
  log "installing: ${need[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need[@]}" >/dev/null
fi

# --- 2. services on loopback --------------------------------------------------------------------------------------
work=$(mktemp -d /tmp/carebot-test.XXXXXX)
chmod 755 "$work"
pids_to_stop=()
cleanup() {
  set +e
  if [ -n "${PGBIN:-}" ] && [ -f "$work/pg/postmaster.pid" ]; then
    run_pg "$PGBIN/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1
  fi
  for pid in "${pids_to_stop[@]}"; do kill "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# PostgreSQL refuses to run as root: run the throwaway cluster as the postgres user when we are root.
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

PGBIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
pg_port=$(free_port)
mkdir -p "$work/pg"
[ "$(id -u)" -eq 0 ] && chown postgres "$work/pg"
run_pg "$PGBIN/initdb" -D "$work/pg" -U carebot --auth=trust -E UTF8 >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log"; exit 1; }
run_pg "$PGBIN/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$work/pg -c fsync=off" start >/dev/null
log "PostgreSQL on 127.0.0.1:$pg_port"
export CAREBOT_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=carebot;Database=postgres"

# A real SMTP server for the email tests: aiosmtpd's Mailbox handler stores every message it receives in a Maildir
# (one file per message under new/), which the tests read back.
smtp_port=$(free_port)
mkdir -p "$work/maildir/tmp" "$work/maildir/new" "$work/maildir/cur"
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$work/maildir" >"$work/smtp.log" 2>&1 &
pids_to_stop+=($!)
for _ in $(seq 1 50); do
  /usr/bin/python3 -c "import socket,sys; s=socket.socket(); sys.exit(s.connect_ex(('127.0.0.1',$smtp_port)))" && break
  sleep 0.1
done
log "SMTP (aiosmtpd) on 127.0.0.1:$smtp_port, messages in $work/maildir"
export CAREBOT_TEST_SMTP="127.0.0.1:$smtp_port"
export CAREBOT_TEST_MAILDIR="$work/maildir"

# --- 3. the tests -------------------------------------------------------------------------------------------------
# `./test.sh --exec COMMAND ARGS...` runs COMMAND instead, with the same services and variables (tests/chaos.sh uses it).
if [ "${1:-}" = "--exec" ]; then
  shift
  status=0
  "$@" || status=$?
  exit "$status"
fi
target=CareBot.sln
if [ $# -gt 0 ] && { [[ "$1" == *.csproj ]] || [ -d "$1" ]; }; then
  target=$1
  shift
fi
# Keep dotnet's own output, then close with one plain total line ("tests: N passed, N failed") that CI reads.
status=0
dotnet test "$target" "$@" 2>&1 | tee "$work/dotnet-test.log" || status=$?
awk '/^(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
       gsub(",", ""); failed += $4; passed += $6 }
     END { printf "tests: %d passed, %d failed\n", passed, failed }' "$work/dotnet-test.log"
exit "$status"
