#!/usr/bin/env bash
# Where a loaded CareBot's CPU goes: starts the Release server (durable SQLite in a temp folder), loads it with the
# bench kit's loadgen (../shared/bench), samples it with Linux perf while loaded, and prints the share of samples per
# component (tests/profile-turns.py). Needs perf, node and a Release build of src/CareBot.Server.
#   tests/profile-turns.sh                         # expectReplies, 64 customers
#   MODE=connector CONCURRENCY=16 tests/profile-turns.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
bench=$(cd "$repo/../shared/bench" && pwd)
mode=${MODE:-expectReplies} concurrency=${CONCURRENCY:-64} port=${PORT:-5311}
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

# Perf maps name the JIT's code; without W^X the code is not double-mapped, so perf can find it.
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 dotnet "$repo/src/CareBot.Server/bin/Release/net10.0/CareBot.Server.dll" \
  --urls "http://127.0.0.1:$port" "--Storage:SqlitePath=$work/carebot.db" "--CareBot:DialogsPath=$repo/dialogs" \
  "--Triage:CuesPath=$repo/dialogs/settings/triage.yaml" "--Smtp:PickupFolder=$work/mail" --Logging:LogLevel:Default=Warning \
  >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.2; done

url="http://127.0.0.1:$port/api/messages"
# Warm up first (tiered compilation), then sample 10 s in the middle of a 14 s run.
node "$bench/loadgen.js" --url "$url" --mode "$mode" --concurrency "$concurrency" --duration 15 --warmup 3 --bot-pid "$server" | tail -n 1
node "$bench/loadgen.js" --url "$url" --mode "$mode" --concurrency "$concurrency" --duration 14 --warmup 2 --bot-pid "$server" >"$work/load.txt" &
load=$!
sleep 4
perf record -F 999 -g -p "$server" -o "$work/perf.data" -- sleep 10 >/dev/null 2>&1
wait "$load"
tail -n 1 "$work/load.txt"
perf script -i "$work/perf.data" 2>/dev/null >"$work/perf.script"
python3 "$repo/tests/profile-turns.py" "$work/perf.script"
