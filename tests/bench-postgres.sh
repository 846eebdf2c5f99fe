#!/usr/bin/env bash
# Capacity bench on PostgreSQL: CareBot with one and with two instances on one throwaway PostgreSQL, each behind the same
# small round-robin proxy (tests/round-robin-proxy.mjs, so both targets pay the same hop), measured with
# ../shared/bench/run.sh (targets carebot-pg-1, carebot-pg-2 and peer) and its table printed as usual.
#   tests/bench-postgres.sh                                          # run.sh's defaults (about 8 minutes)
#   ROUNDS=1 DURATION=5 WARMUP=2 CONCURRENCY=16 MODES=expectReplies tests/bench-postgres.sh   # a smoke test
# Any run.sh setting (DURATION, WARMUP, CONCURRENCY, MODES, ROUNDS, REF...) passes through. PostgreSQL runs with its
# default durability (fsync on, synchronous_commit on): commits cost what they cost in production. Each target gets its
# own database. Release build of src/CareBot.Server first. Everything started here stops on exit.
# (Internally the targets file calls this script back as `tests/bench-postgres.sh target N PORT`.)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
server_dll="$repo/src/CareBot.Server/bin/Release/net10.0/CareBot.Server.dll"

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# --- the target: N instances on free ports, the proxy on $PORT (run.sh stops the whole process group) ---------------
if [ "${1:-}" = "target" ]; then
  instances=$2 port=$3
  urls=()
  for _ in $(seq 1 "$instances"); do
    p=$(free_port)
    dotnet "$server_dll" serve --urls "http://127.0.0.1:$p" \
      "--ConnectionStrings:Postgres=$BENCH_POSTGRES;Database=carebot_pg_$instances" \
      "--CareBot:DialogsPath=$repo/dialogs" "--Triage:CuesPath=$repo/dialogs/settings/triage.yaml" \
      "--Smtp:PickupFolder=$BENCH_WORK/mail-$instances" "--Logging:LogLevel:Default=Warning" &
    urls+=("http://127.0.0.1:$p")
  done
  # Instances migrate the database at start; wait until each serves before the proxy accepts (run.sh waits for the proxy).
  for url in "${urls[@]}"; do
    for _ in $(seq 1 600); do curl -fs "$url/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
  done
  exec node "$repo/tests/round-robin-proxy.mjs" "$port" "${urls[@]}"
fi

log() { printf '[bench-postgres] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { as_root apt-get update -qq; DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null; }

work=$(mktemp -d /tmp/carebot-bench-pg.XXXXXX)
chmod 755 "$work"
PGBIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
cleanup() {
  set +e
  [ -f "$work/pg/postmaster.pid" ] && run_pg "$PGBIN/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

log "Release build of CareBot.Server"
dotnet build "$repo/src/CareBot.Server" -c Release -v q -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

pg_port=$(free_port)
mkdir -p "$work/pg"
[ "$(id -u)" -eq 0 ] && chown postgres "$work/pg"
run_pg "$PGBIN/initdb" -D "$work/pg" -U carebot --auth=trust -E UTF8 >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log"; exit 1; }
# max_connections: two instances' pools (Npgsql's default Maximum Pool Size is 100 each) plus the listeners.
run_pg "$PGBIN/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$work/pg -c max_connections=300" start >/dev/null
export BENCH_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=carebot"
export BENCH_WORK=$work
for db in carebot_pg_1 carebot_pg_2; do
  run_pg "$PGBIN/psql" -h 127.0.0.1 -p "$pg_port" -U carebot -d postgres -qc "CREATE DATABASE $db;" >/dev/null
done
log "PostgreSQL on 127.0.0.1:$pg_port (fsync on), databases carebot_pg_1 and carebot_pg_2"

bench=$repo/../shared/bench
[ -d "$bench" ] || bench=/work/shared/bench
cat >"$work/targets.conf" <<CONF
carebot-pg-1 | http://127.0.0.1:\$PORT/api/messages | exec bash "$repo/tests/bench-postgres.sh" target 1 \$PORT
carebot-pg-2 | http://127.0.0.1:\$PORT/api/messages | exec bash "$repo/tests/bench-postgres.sh" target 2 \$PORT
$(grep -E '^peer ' "$bench/targets.conf")
CONF
cd "$bench"
TARGETS_FILE="$work/targets.conf" TARGETS="${TARGETS:-carebot-pg-1 carebot-pg-2 peer}" REF="${REF:-peer}" ./run.sh
