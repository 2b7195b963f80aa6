#!/usr/bin/env bash
# Runs on the Pi as root, from an unpacked bundle made by deploy.sh: installs the service and prints what it did.
set -euo pipefail

bundle="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
config=/etc/intercom/intercom.json
say() { printf 'install: %s\n' "$*"; }

if [ "$(id -u)" -ne 0 ]; then
    echo "install.sh must run as root (deploy.sh runs it with sudo)" >&2
    exit 1
fi

# libgpiod: API 1 is libgpiod.so.2 (Debian 12 / Raspberry Pi OS bookworm), API 2 is libgpiod.so.3 (Debian 13).
api=1
if apt-cache show libgpiod2 >/dev/null 2>&1; then
    package=libgpiod2
else
    package=libgpiod3
    api=2
fi
if ! dpkg -s "$package" >/dev/null 2>&1; then
    apt-get install -y --no-install-recommends "$package" >/dev/null
    say "installed $package"
fi

getent group gpio >/dev/null || { groupadd --system gpio; say "created group gpio"; }
getent group audio >/dev/null || { groupadd --system audio; say "created group audio"; }
if ! id intercom >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin --groups gpio,audio intercom
    say "created system user intercom (groups gpio, audio)"
else
    usermod --append --groups gpio,audio intercom
fi
install -m 0644 "$bundle/etc/udev/rules.d/60-intercom-gpio.rules" /etc/udev/rules.d/60-intercom-gpio.rules
udevadm control --reload-rules && udevadm trigger --subsystem-match=gpio || true
say "GPIO character devices: group gpio, mode 0660"

# Replace the program as a whole, so a failed copy never leaves a mix of versions.
rm -rf /opt/intercom.new
cp -a "$bundle/opt/intercom" /opt/intercom.new
chown -R root:root /opt/intercom.new
if [ -d /opt/intercom ]; then mv /opt/intercom /opt/intercom.old; fi
mv /opt/intercom.new /opt/intercom
rm -rf /opt/intercom.old
say "program installed in /opt/intercom ($(du -sh /opt/intercom | cut -f1))"

install -d -m 0700 -o intercom -g intercom /etc/intercom
if [ ! -e "$config" ] && [ -e "$config.last-good" ]; then
    # The service moved a refused file to intercom.json.rejected and runs on its last good copy: keep that, not the
    # example (which would become the next last good copy).
    install -m 0600 -o intercom -g intercom "$config.last-good" "$config"
    say "restored $config from $config.last-good (the refused file is $config.rejected)"
elif [ ! -e "$config" ]; then
    model="$(tr -d '\0' </proc/device-tree/model 2>/dev/null || echo unknown)"
    case "$model" in
        *"Raspberry Pi 5"*) label=pinctrl-rp1 ;;
        *"Raspberry Pi 4"*|*"Compute Module 4"*) label=pinctrl-bcm2711 ;;
        *) label=pinctrl-bcm2835 ;;
    esac
    sed -e "s/\"chipLabel\": \"[^\"]*\"/\"chipLabel\": \"$label\"/" \
        -e "s/\"libgpiodApiVersion\": [0-9]*/\"libgpiodApiVersion\": $api/" \
        "$bundle/etc/intercom/intercom.json.example" > "$config"
    say "wrote $config for $model (chip $label, libgpiod API $api): edit it, then systemctl restart intercom"
else
    say "kept the existing $config"
fi
chown intercom:intercom "$config"
chmod 0600 "$config"
/opt/intercom/intercom --check-config --config "$config"

install -m 0644 "$bundle/etc/systemd/system/intercom.service" /etc/systemd/system/intercom.service
install -d /etc/systemd/system.conf.d
install -m 0644 "$bundle/etc/systemd/system.conf.d/intercom-watchdog.conf" /etc/systemd/system.conf.d/intercom-watchdog.conf
systemctl daemon-reexec
say "systemd: hardware watchdog RuntimeWatchdogSec=15 (bcm2835-wdt)"
systemctl enable intercom.service >/dev/null 2>&1
systemctl restart intercom.service
for _ in $(seq 1 60); do
    if systemctl is-active --quiet intercom.service; then break; fi
    sleep 1
done
if systemctl is-active --quiet intercom.service; then
    say "intercom.service is running (Type=notify, WatchdogSec=10, Restart=always)"
else
    say "intercom.service did not become active; journalctl -u intercom -n 50 says why"
    exit 1
fi
