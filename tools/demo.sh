#!/usr/bin/env bash
# The README's run command: the intercom on a laptop, in simulation (simulated GPIO, API on 127.0.0.1).
#   tools/demo.sh [PORT]      default port 8080
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${1:-8080}"

dotnet build "$root/firmware/Intercom.Device/Intercom.Device.csproj" -c Release --nologo -v quiet

# A private copy of the demo configuration: the service may save changes to it, and it is mode 0600 like on a Pi.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
install -m 0600 "$root/config/demo.json" "$work/intercom.json"

cat <<TEXT
intercom demo (simulation). Try, from another terminal:
  curl http://127.0.0.1:$port/api/v1/status
  curl -X POST http://127.0.0.1:$port/api/v1/inputs/door/press
  curl -X POST http://127.0.0.1:$port/api/v1/relays/strike/pulse
Stop with Ctrl+C.
TEXT
"$root/firmware/Intercom.Device/bin/Release/net10.0/intercom" --config "$work/intercom.json" --http-port "$port"
