#!/usr/bin/env bash
# Differential testing against V8: generates N modules with binaryen's wasm-opt --translate-to-fuzz
# from seeded random bytes, runs every export in Beamr and in node, and prints each divergence with
# the seed that reproduces it, then per mode "MODE: N modules, D divergences". Exits 1 when there
# are divergences.
#
#   scripts/difftest.sh N [SEED] [--mode wasm|aot]...
#       SEED defaults to the current time; "scripts/difftest.sh 1 S" regenerates and reruns module
#       S alone. --mode picks how Beamr runs the modules: wasm interprets them (the default), aot
#       compiles them; given twice, each module runs both ways against the same V8 trace.
#
# Installs binaryen with apt-get when wasm-opt is missing (as root). Generated modules and V8's
# traces are kept in target/difftest$BEAMR_BUILD_SUFFIX/. Environment: BEAMR_BUILD_SUFFIX builds
# into core/target$BEAMR_BUILD_SUFFIX and keeps runs with different suffixes from clearing each
# other's modules.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh

if [ $# -lt 1 ]; then
    echo "usage: scripts/difftest.sh N [SEED] [--mode wasm|aot]..." >&2
    exit 2
fi

command -v wasm-opt >/dev/null 2>&1 || beamr_apt_install binaryen || exit 2
command -v node >/dev/null 2>&1 || { echo "error: node is not installed (it runs the V8 side)" >&2; exit 2; }

beamr_build core test-compile || exit 2
build=$(beamr_target core)
work=target/difftest${BEAMR_BUILD_SUFFIX:-}
rm -rf "$work"
exec java -XX:+UseParallelGC -Xmx2g --enable-native-access=ALL-UNNAMED \
    -cp "$build/classes:$build/test-classes" \
    dev.beamr.fuzz.DiffRunner "$@" --work "$work"
