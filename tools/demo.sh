#!/usr/bin/env bash
# The README's run command: the intercom on a laptop, in simulation (simulated GPIO and sound card, web page and API on
# 127.0.0.1), together with a demo resident phone (tools/Intercom.Tools.Softphone on our own SIP and media stack)
# listening on 127.0.0.1:15070: it answers, sends the door code 1234# as RFC 4733 DTMF and the station opens the door.
#   tools/demo.sh [HTTP_PORT [HTTPS_PORT]]      default 8080 (redirects) and 8443 (the web page)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${1:-8080}"
https_port="${2:-8443}"

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
intercom demo (simulation). Open https://127.0.0.1:$https_port and set the administrator password
(compare the certificate fingerprint with the log). API tokens are made on the Security page:
  curl -k -H "Authorization: Bearer ict_..." https://127.0.0.1:$https_port/api/v1/status
Be the visitor: press the door button on the web page's dashboard (or POST /api/v1/inputs/door/press with a
token of scope call): the demo phone rings, answers, sends 1234#, the strike relay pulses, the call ends; the
dashboard shows the call, its codec and SRTP, and the digits masked.
Stop with Ctrl+C.
TEXT
# The gen0 budget the systemd unit (deploy/intercom.service) gives the service on the Pi.
DOTNET_GCgen0size=0x400000 "$root/firmware/Intercom.Device/bin/Release/net10.0/intercom" --config "$work/intercom.json" --http-port "$port" --https-port "$https_port"
