#!/usr/bin/env bash
# The README's run command: the intercom on a laptop, in simulation (simulated GPIO, API on 127.0.0.1).
#   tools/demo.sh [HTTP_PORT [HTTPS_PORT]]      default 8080 (redirects) and 8443 (the web page)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${1:-8080}"
https_port="${2:-8443}"

dotnet build "$root/firmware/Intercom.Device/Intercom.Device.csproj" -c Release --nologo -v quiet

# A private copy of the demo configuration: the service may save changes to it, and it is mode 0600 like on a Pi.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
install -m 0600 "$root/config/demo.json" "$work/intercom.json"

cat <<TEXT
intercom demo (simulation). Open https://127.0.0.1:$https_port and set the administrator password
(compare the certificate fingerprint with the log). API tokens are made on the Security page:
  curl -k -H "Authorization: Bearer ict_..." https://127.0.0.1:$https_port/api/v1/status
Stop with Ctrl+C.
TEXT
"$root/firmware/Intercom.Device/bin/Release/net10.0/intercom" --config "$work/intercom.json" --http-port "$port" --https-port "$https_port"
