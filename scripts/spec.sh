#!/usr/bin/env bash
# Runs the WebAssembly specification suite (../shared/spec) through the engine. Prints the failing
# commands, a line per suite (SUITE passed=N failed=N skipped=N) and a total; exits non-zero if any
# suite other than simd (which is expected to fail until SIMD executes) has a failure.
#
#   scripts/spec.sh [--mode wasm|aot] [FILTER]
#       --mode: interpret (wasm, the default) or compile to JVM bytecode (aot)
#       FILTER: a suite (core, simd, memory64, ...), a script (i32) or suite/script
#
# Environment: BEAMR_BUILD_SUFFIX builds into core/target$BEAMR_BUILD_SUFFIX (so that builds of one
# tree can run side by side); BEAMR_SPEC_OPTS adds JVM options, e.g. -Dbeamr.spec.timeoutSeconds=10
# or -Dbeamr.spec.maxFailuresShown=100.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh

beamr_build core test-compile || exit 2
build=$(beamr_target core)
# shellcheck disable=SC2086 # BEAMR_SPEC_OPTS is a list of options
exec java -XX:+UseParallelGC -Xmx4g --enable-native-access=ALL-UNNAMED ${BEAMR_SPEC_OPTS:-} \
    -Dbeamr.shared="$PWD/../shared" \
    -cp "$build/classes:$build/test-classes" \
    dev.beamr.spec.SpecMain "$@"
