#!/usr/bin/env bash
# The long soak of issue 9: N consecutive SRTP calls (500 by default) from the real intercom process to baresip,
# with RSS, threads, file descriptors and sockets of the service read from /proc before and after.
# Usage: tools/soak.sh [calls]     Prints the figures; exits non-zero when a call fails or a resource grew.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
calls="${1:-500}"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT

dotnet build tests/Intercom.Interop.Tests -c Release -v q -nologo
# Each call talks for a second: allow about 2 s per call plus start-up.
INTERCOM_SOAK_CALLS="$calls" INTERCOM_HARDENING_REPORT="$report" \
    dotnet test --project tests/Intercom.Interop.Tests -c Release --no-build -- \
    --filter-class 'Intercom.Interop.Tests.Hardening.SoakTests' --timeout "$((calls * 3 + 120))s"
cat "$report"
