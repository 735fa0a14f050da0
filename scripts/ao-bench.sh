#!/usr/bin/env bash
# Measures AO messages per second on a warm process (Eval "return 1+1" to aos-2-pure-xs.wasm of
# ../shared/fixtures/hyperbeam). Options go to dev.beamr.ao.AoBenchmark, e.g.
#   scripts/ao-bench.sh --seconds 60 --warmup 100 --module ../shared/fixtures/hyperbeam/aos-2-pure.wasm --mode aot
# BEAMR_BUILD_SUFFIX selects the build folder (target$BEAMR_BUILD_SUFFIX) as -Dbeamr.buildSuffix does.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh

beamr_build core
core=$(beamr_target core)
exec java -XX:+UseParallelGC -Xmx2g -Dbeamr.shared="$PWD/../shared" \
    -cp "$core/test-classes:$core/classes" dev.beamr.ao.AoBenchmark "$@"
