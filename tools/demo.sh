#!/usr/bin/env bash
# The README's run command: the intercom on a laptop, in simulation (simulated GPIO and sound card, API on
# 127.0.0.1), together with a demo resident phone (tools/Intercom.Tools.Softphone on our own SIP and media stack)
# listening on 127.0.0.1:15070: it answers, sends the door code 1234# as RFC 4733 DTMF and the station opens the door.
#   tools/demo.sh [PORT]      default port 8080
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${1:-8080}"

dotnet build "$root/firmware/Intercom.Device/Intercom.Device.csproj" -c Release --nologo -v quiet
dotnet build "$root/tools/Intercom.Tools.Softphone/Intercom.Tools.Softphone.csproj" -c Release --nologo -v quiet

# A private copy of the demo configuration: the service may save changes to it, and it is mode 0600 like on a Pi.
work="$(mktemp -d)"
phone=""
cleanup() {
  if [ -n "$phone" ]; then kill "$phone" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
install -m 0600 "$root/config/demo.json" "$work/intercom.json"

# The resident's phone: answers every call, sends the door code two seconds later, prefixes its lines with "phone |".
"$root/tools/Intercom.Tools.Softphone/bin/Release/net10.0/softphone" --listen 127.0.0.1:15070 --code '1234#' \
  > >(sed -u 's/^/phone | /') 2>&1 &
phone=$!

cat <<TEXT
intercom demo (simulation). Try, from another terminal:
  curl http://127.0.0.1:$port/api/v1/status
  curl -X POST http://127.0.0.1:$port/api/v1/inputs/door/press     # the visitor presses the button: the phone rings,
                                                                   # answers, sends 1234#, the strike relay pulses
  curl http://127.0.0.1:$port/api/v1/calls                          # the call log
  curl http://127.0.0.1:$port/api/v1/events                         # presses, door codes (never the digits), tamper
  curl -X POST http://127.0.0.1:$port/api/v1/relays/strike/pulse
Stop with Ctrl+C.
TEXT
"$root/firmware/Intercom.Device/bin/Release/net10.0/intercom" --config "$work/intercom.json" --http-port "$port"
