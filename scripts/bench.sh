#!/usr/bin/env bash
# Times the CPU kernels of ../shared/bench in Beamr and in Node.js and prints, per kernel,
# KERNEL BITS BEAMR_MS NODE_MS RATIO, then the geometric mean of the ratios. Options go to the
# harness (dev.beamr.bench.KernelBenchmark), e.g.
#   scripts/bench.sh --runs 5 --warmup 3 --kernel fib,nbody --bits 64 --no-node --forks 3
# BEAMR_BUILD_SUFFIX selects the build folder (target$BEAMR_BUILD_SUFFIX) as -Dbeamr.buildSuffix does.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh

beamr_build bench
exec java -XX:+UseParallelGC -Xmx2g -Dbeamr.shared="$PWD/../shared" \
    -cp "$(beamr_target bench)/classes:$(beamr_target core)/classes" dev.beamr.bench.KernelBenchmark "$@"
