#!/usr/bin/env bash
# The chaos run an operator can repeat: `carebot chaos` (src/CareBot.Server/Cli/ChaosCommand.cs) on the throwaway
# PostgreSQL and the real SMTP server test.sh starts: two CareBot processes, N customers through a round-robin sender,
# one process killed with SIGKILL mid-load and restarted. It prints the figures (messages acknowledged, retries, answers
# by status, cases, agent emails received by the SMTP server, bot messages sent again, private conversations) and exits
# non-zero when any invariant broke: every acknowledged message in its case transcript exactly once, one case and one
# notification per customer, no 409/500. CrashUnderLoadTests run the same code and assert the same.
#   tests/chaos.sh            # 16 customers
#   tests/chaos.sh 40         # 40 customers (the run's guard is 60 s + 2 s per customer)
# Against your own servers: dotnet run --project src/CareBot.Server -- chaos --customers N --postgres CONNSTR \
#   [--smtp HOST:PORT --maildir DIR]  (the run creates and drops its own scratch database on that server)
set -euo pipefail
cd "$(dirname "$0")/.."
export CAREBOT_CHAOS_CUSTOMERS="${1:-16}"
exec ./test.sh --exec bash -c 'dotnet run --project src/CareBot.Server -- chaos --customers "$CAREBOT_CHAOS_CUSTOMERS" \
  --postgres "$CAREBOT_TEST_POSTGRES" --smtp "$CAREBOT_TEST_SMTP" --maildir "$CAREBOT_TEST_MAILDIR"'
