#!/bin/sh
# Builds the C anchors: out/libintercom_anchors.so (loaded by tests/Intercom.Benchmarks) and out/native-bench.
# Needs gcc, libsrtp2-dev and libopus-dev (tools/apt-packages/media.txt).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/out"
mkdir -p "$out"
gcc -O2 -Wall -Wextra -fPIC -shared "$here/anchors.c" -o "$out/libintercom_anchors.so" -lsrtp2 -lopus
gcc -O2 -Wall -Wextra "$here/bench.c" "$here/anchors.c" -o "$out/native-bench" -lsrtp2 -lopus -lm
echo "built $out/libintercom_anchors.so and $out/native-bench"
