#!/usr/bin/env bash
# Builds the Raspberry Pi bundle (linux-arm64, self-contained, ReadyToRun: see Intercom.Device.csproj) and installs it on a Pi.
#
#   ./deploy.sh user@pi               build, copy over ssh, install and start the service (sudo on the Pi)
#   ./deploy.sh --stage DIR           build the same bundle into DIR without a Pi
#   options: --artifacts DIR          keep bin/ and obj/ of this build in DIR (default: the projects' own)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
stage=""
target=""
artifacts=""
usage() { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 64; }

while [ $# -gt 0 ]; do
    case "$1" in
        --stage) [ $# -ge 2 ] || usage; stage="$2"; shift 2 ;;
        --artifacts) [ $# -ge 2 ] || usage; artifacts="$2"; shift 2 ;;
        -h|--help) usage ;;
        -*) echo "deploy.sh: unknown option $1" >&2; usage ;;
        *) [ -z "$target" ] || usage; target="$1"; shift ;;
    esac
done
if [ -n "$stage" ] && [ -n "$target" ]; then usage; fi
if [ -z "$stage" ] && [ -z "$target" ]; then usage; fi

say() { printf 'deploy: %s\n' "$*"; }

bundle="$stage"
if [ -z "$bundle" ]; then
    bundle="$(mktemp -d)/intercom-bundle"
    trap 'rm -rf "$(dirname "$bundle")"' EXIT
fi
mkdir -p "$bundle"
bundle="$(cd "$bundle" && pwd)"
rm -rf "$bundle/opt" "$bundle/etc" "$bundle/install.sh"

publish=(dotnet publish "$root/firmware/Intercom.Device/Intercom.Device.csproj"
    -c Release -r linux-arm64 -o "$bundle/opt/intercom" --nologo -v quiet)
if [ -n "$artifacts" ]; then publish+=(--artifacts-path "$artifacts"); fi
say "publishing linux-arm64, self-contained, ReadyToRun"
"${publish[@]}"
rm -f "$bundle"/opt/intercom/*.xml "$bundle"/opt/intercom/*.pdb
cp "$root/README.md" "$bundle/opt/intercom/README.md"

install -D -m 0644 "$root/deploy/intercom.service" "$bundle/etc/systemd/system/intercom.service"
install -D -m 0644 "$root/deploy/intercom-watchdog.conf" "$bundle/etc/systemd/system.conf.d/intercom-watchdog.conf"
install -D -m 0644 "$root/deploy/60-intercom-gpio.rules" "$bundle/etc/udev/rules.d/60-intercom-gpio.rules"
install -D -m 0600 "$root/config/intercom.json" "$bundle/etc/intercom/intercom.json.example"
install -m 0755 "$root/deploy/install.sh" "$bundle/install.sh"
say "bundle: $bundle ($(du -sh "$bundle" | cut -f1))"
say "  opt/intercom/intercom                         the service (arm64, $(du -sh "$bundle/opt/intercom" | cut -f1))"
say "  etc/systemd/system/intercom.service           Type=notify, WatchdogSec=10, Restart=always, outputs safe before start and after stop"
say "  etc/systemd/system.conf.d/intercom-watchdog.conf  RuntimeWatchdogSec=15 (the Pi's hardware watchdog)"
say "  etc/intercom/intercom.json.example            installed as /etc/intercom/intercom.json (0600) when neither it nor its .last-good copy exists"

if [ -n "$stage" ]; then
    say "staged; on a Pi: copy $bundle and run sudo $bundle/install.sh"
    exit 0
fi

remote="/tmp/intercom-bundle-$$"
say "copying to $target:$remote"
ssh "$target" "rm -rf $remote && mkdir -p $remote"
tar -C "$bundle" -cf - . | ssh "$target" "tar -C $remote -xf -"
say "installing on $target (sudo)"
ssh -t "$target" "sudo $remote/install.sh; status=\$?; rm -rf $remote; exit \$status"
say "done: ssh $target journalctl -u intercom -f shows the log; curl http://127.0.0.1:8080/api/v1/status on the Pi shows the state"
