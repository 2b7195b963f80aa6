#!/usr/bin/env bash
# The README's test command: installs the Debian packages the tests need (tools/apt-packages/*.txt), then runs every
# test of the solution in Release. Run it from anywhere, as root or as a user with sudo.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

mapfile -t wanted < <(cat tools/apt-packages/*.txt | sed 's/#.*//' | tr -s ' \t' '\n' | sed '/^$/d' | sort -u)
missing=()
for package in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$package")
    fi
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    # Names such as libssl3:arm64 come from Debian multiarch (the arm64 bundle runs under qemu with them).
    for package in "${missing[@]}"; do
        architecture="${package##*:}"
        if [ "$architecture" != "$package" ] && ! dpkg --print-foreign-architectures | grep -qx "$architecture"; then
            $sudo dpkg --add-architecture "$architecture"
        fi
    done
    echo "test.sh: installing ${missing[*]}"
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
# Every test project has tests: a project where none ran (exit code 8) fails the run like any other failure.
dotnet test --solution Intercom.sln -c Release 2>&1 | tee "$log" || status=$?

# One closing line over all test projects: "tests: N passed, N failed, N skipped".
awk '
    /^[[:space:]]*succeeded:/ { passed += $2 }
    /^[[:space:]]*failed:/    { failed += $2 }
    /^[[:space:]]*skipped:/   { skipped += $2 }
    END { printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$log"
exit "$status"
