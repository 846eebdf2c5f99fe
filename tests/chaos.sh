#!/usr/bin/env bash
# The chaos run an operator can repeat: two CareBot processes on one throwaway PostgreSQL, N customers through a
# round-robin sender, one process killed with SIGKILL mid-load and restarted; prints the figures (messages acknowledged,
# retries, answers by status, cases, agent emails received by a real SMTP server, proactive repeats, private
# conversations) and fails when any is off: every acknowledged message in its case transcript exactly once, one case
# and one notification per customer, no 409/500. It is CrashUnderLoadTests' two-instance test, so what it prints is what
# the test asserts.
#   tests/chaos.sh            # 16 customers
#   tests/chaos.sh 40         # 40 customers (the run's 90 s guard may need a quiet machine)
set -euo pipefail
cd "$(dirname "$0")/.."
export CAREBOT_CHAOS_CUSTOMERS="${1:-16}"
exec ./test.sh tests/CareBot.Server.Tests \
  --filter "FullyQualifiedName~CrashUnderLoadTests.On_PostgreSQL_with_two_instances" \
  --logger "console;verbosity=detailed"
