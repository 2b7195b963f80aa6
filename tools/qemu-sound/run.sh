#!/usr/bin/env bash
# Boots the machine's stock Debian kernel under qemu-system-x86_64 with the snd-dummy and snd-aloop drivers
# loaded, and runs SoundCheck (our ALSA binding and audio engine) inside it: paced capture, playback-to-capture
# loopback, forced overrun recovery, card unplug and replug. The build machine's own kernel may have no sound support; this one does.
#
# Usage: run.sh [--app-dir DIR] [--runtime-dir DIR] [--timeout SECONDS]
#   --app-dir      folder holding Intercom.Tools.SoundCheck.dll and its libraries (default: build it here)
#   --runtime-dir  the Microsoft.NETCore.App folder to copy into the guest (default: newest next to `dotnet`)
#   --timeout      seconds before qemu is stopped (default 300)
# Environment: QEMU_ACCEL=kvm (or kvm:tcg) to try hardware virtualisation; the default is software emulation
# (TCG), which behaves the same on every machine.
# Prints the guest's console; exits 0 only when every check passed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
app_dir=""
runtime_dir=""
timeout_seconds=300
while [ $# -gt 0 ]; do
    case "$1" in
        --app-dir) app_dir=$2; shift 2 ;;
        --runtime-dir) runtime_dir=$2; shift 2 ;;
        --timeout) timeout_seconds=$2; shift 2 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

for tool in qemu-system-x86_64 cpio ldd; do
    command -v "$tool" >/dev/null || { echo "missing $tool (see tools/apt-packages/audio.txt)" >&2; exit 2; }
done
[ -x /bin/busybox ] || { echo "missing /bin/busybox (package busybox-static)" >&2; exit 2; }

# The newest kernel that has both an image and its modules (package linux-image-amd64).
kernel_version=""
for candidate in $(ls /lib/modules 2>/dev/null | sort -V); do
    [ -f "/boot/vmlinuz-$candidate" ] && kernel_version=$candidate
done
[ -n "$kernel_version" ] || { echo "no /boot/vmlinuz-* with modules (package linux-image-amd64)" >&2; exit 2; }

if [ -z "$runtime_dir" ]; then
    dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
    runtime_dir=$(ls -d "$dotnet_root"/shared/Microsoft.NETCore.App/* | sort -V | tail -n 1)
fi
runtime_dir=$(cd "$runtime_dir" && pwd)
runtime_version=$(basename "$runtime_dir")
dotnet_root=$(cd "$runtime_dir/../../.." && pwd)
fxr_dir=$(ls -d "$dotnet_root"/host/fxr/* | sort -V | tail -n 1)

work=$(mktemp -d "${TMPDIR:-/tmp}/intercom-qemu-sound.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ -z "$app_dir" ]; then
    dotnet build "$here/SoundCheck" -c Release -o "$work/build" >&2
    app_dir="$work/build"
fi

root="$work/root"
mkdir -p "$root"/{bin,dev,proc,sys,tmp,app,modules,etc} "$root/dotnet/host/fxr" \
         "$root/dotnet/shared/Microsoft.NETCore.App" "$root/usr/share"

cp /bin/busybox "$root/bin/busybox"

# Sound modules in load order (each depends only on those before it: see modules.dep).
modules="soundcore snd snd-timer snd-pcm snd-dummy snd-aloop"
for module in $modules; do
    file=$(find "/lib/modules/$kernel_version" -name "$module.ko*" | head -n 1)
    [ -n "$file" ] || { echo "module $module not found for $kernel_version" >&2; exit 2; }
    case "$file" in
        *.ko.xz) xz -dc "$file" > "$root/modules/$module.ko" ;;
        *.ko.zst) zstd -qdc "$file" > "$root/modules/$module.ko" ;;
        *.ko.gz) gzip -dc "$file" > "$root/modules/$module.ko" ;;
        *) cp "$file" "$root/modules/$module.ko" ;;
    esac
done

# The .NET host and shared runtime, framework-dependent app, and the native libraries they and libasound need.
cp "$dotnet_root/dotnet" "$root/dotnet/"
cp -r "$fxr_dir" "$root/dotnet/host/fxr/"
cp -r "$runtime_dir" "$root/dotnet/shared/Microsoft.NETCore.App/"
cp "$app_dir"/Intercom.Tools.SoundCheck.dll "$app_dir"/Intercom.Audio.dll "$app_dir"/Microsoft.Extensions.*.dll "$root/app/"
cat > "$root/app/Intercom.Tools.SoundCheck.runtimeconfig.json" <<JSON
{
  "runtimeOptions": {
    "tfm": "net10.0",
    "framework": { "name": "Microsoft.NETCore.App", "version": "$runtime_version" },
    "configProperties": { "System.Globalization.Invariant": true, "System.GC.Server": false }
  }
}
JSON

libasound=$(ldconfig -p | awk '/libasound\.so\.2 / && /x86-64/ { print $NF; exit }')
[ -n "$libasound" ] || { echo "libasound.so.2 not found (package libasound2)" >&2; exit 2; }
{
    echo "$libasound"
    for binary in "$dotnet_root/dotnet" "$fxr_dir"/*.so "$runtime_dir"/*.so "$libasound"; do
        ldd "$binary" 2>/dev/null | awk '/=> \// { print $3 } /^\s*\/lib/ { print $1 }'
    done
} | sort -u | while read -r library; do
    cp -L --parents "$library" "$root/"
done
# Dependencies are found by path; keep the loader where the binaries expect it.
[ -e "$root/lib64/ld-linux-x86-64.so.2" ] || cp -L --parents /lib64/ld-linux-x86-64.so.2 "$root/"

# alsa-lib resolves "hw:Dummy,0" through its configuration; the guest reads our copy via ALSA_CONFIG_PATH.
cp -r /usr/share/alsa "$root/usr/share/"
cp /usr/share/alsa/alsa.conf "$root/etc/intercom-alsa.conf"

cat > "$root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/shm
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs tmpfs /tmp
for module in soundcore snd snd-timer snd-pcm snd-dummy snd-aloop; do
    insmod /modules/$module.ko || echo "SOUNDCHECK insmod_$module FAIL"
done
echo "guest cards:"; cat /proc/asound/cards
export HOME=/tmp DOTNET_ROOT=/dotnet DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_TieredPGO=0
export ALSA_CONFIG_PATH=/etc/intercom-alsa.conf
/dotnet/dotnet /app/Intercom.Tools.SoundCheck.dll
echo "SOUNDCHECK EXIT $?"
poweroff -f
INIT
chmod +x "$root/init"

(cd "$root" && find . | cpio -o -H newc --quiet) > "$work/initramfs.cpio"

accelerator=${QEMU_ACCEL:-tcg}
accel_args=()
IFS=: read -ra accelerators <<< "$accelerator"
for name in "${accelerators[@]}"; do accel_args+=(-accel "$name"); done

# No network device at all: the guest talks to nobody.
set +e
timeout --kill-after=10 "$timeout_seconds" qemu-system-x86_64 \
    "${accel_args[@]}" -cpu max -smp 1 -m 1536 \
    -nographic -no-reboot -nic none \
    -kernel "/boot/vmlinuz-$kernel_version" -initrd "$work/initramfs.cpio" \
    -append "console=ttyS0 rdinit=/init panic=-1 ${QEMU_KERNEL_ARGS:-quiet loglevel=3}" \
    < /dev/null | tee "$work/console.log"
set -e

grep -q "^SOUNDCHECK DONE passed=4 failed=0" "$work/console.log"
