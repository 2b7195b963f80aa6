#!/usr/bin/env python3
"""Measures the intercom service: start-up time (process start to READY=1 on a test notify socket) and the resident
memory (VmRSS) of the idle service in simulation. Runs it several times and prints the medians.

  tools/measure-service.py [--runs N] [--idle SECONDS] [--executable PATH]

Default executable: firmware/Intercom.Device/bin/Release/net10.0/intercom (build it first:
dotnet build firmware/Intercom.Device -c Release). For the arm64 bundle under emulation pass
--executable "qemu-aarch64-static STAGE/opt/intercom/intercom".
"""
import argparse
import os
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rss_kib(pid):
    values = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
                values[name] = int(value.split()[0])
    return values


def run_once(command, idle_seconds, work):
    config = os.path.join(work, "intercom.json")
    shutil.copyfile(os.path.join(ROOT, "config", "demo.json"), config)
    os.chmod(config, 0o600)
    notify_path = os.path.join(work, "notify.sock")
    if os.path.exists(notify_path):
        os.unlink(notify_path)
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(notify_path)
    notify.settimeout(120)
    environment = dict(os.environ, NOTIFY_SOCKET=notify_path)
    started = time.monotonic()
    process = subprocess.Popen(command + ["--config", config, "--http-port", "0", "--https-port", "0"], env=environment,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            message = notify.recv(4096).decode()
            if "READY=1" in message.split("\n"):
                ready = time.monotonic() - started
                break
        time.sleep(idle_seconds)
        memory = rss_kib(process.pid)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        return ready, memory
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        notify.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=float, default=5.0, help="seconds idle before reading memory")
    parser.add_argument("--executable", default=os.path.join(ROOT, "firmware/Intercom.Device/bin/Release/net10.0/intercom"))
    arguments = parser.parse_args()
    command = shlex.split(arguments.executable)
    ready_times, rss, peak, anonymous = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="intercom-measure-") as work:
        for run in range(arguments.runs):
            ready, memory = run_once(command, arguments.idle, work)
            ready_times.append(ready)
            rss.append(memory["VmRSS"])
            peak.append(memory["VmHWM"])
            anonymous.append(memory["RssAnon"])
            print(f"run {run + 1}: ready after {ready * 1000:.0f} ms, idle RSS {memory['VmRSS'] / 1024:.1f} MiB "
                  f"(anonymous {memory['RssAnon'] / 1024:.1f} MiB, file-backed {memory['RssFile'] / 1024:.1f} MiB, peak {memory['VmHWM'] / 1024:.1f} MiB)")
    print(f"median of {arguments.runs}: start to READY {statistics.median(ready_times) * 1000:.0f} ms, "
          f"idle RSS {statistics.median(rss) / 1024:.1f} MiB (anonymous {statistics.median(anonymous) / 1024:.1f} MiB), "
          f"peak RSS {statistics.median(peak) / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
