#!/usr/bin/env bash
# The long flood of issue 9: sipp sends OPTIONS and INVITEs at 200/s and at 2,000/s (each, from two loopback
# addresses) for 30 s at the real intercom process while a press calls baresip; once with the SIP ban list on
# (the default) and once with it off. Prints call, web latency and memory figures per run.
# Usage: tools/flood.sh [seconds]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-30}"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT

dotnet build tests/Intercom.Interop.Tests -c Release -v q -nologo
INTERCOM_FLOOD_SECONDS="$seconds" INTERCOM_HARDENING_REPORT="$report" \
    dotnet test --project tests/Intercom.Interop.Tests -c Release --no-build -- \
    --filter-class 'Intercom.Interop.Tests.Hardening.FloodTests' --timeout "$((seconds * 3 + 300))s"
cat "$report"
