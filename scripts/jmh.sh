#!/usr/bin/env bash
# Builds the benchmark module and runs its JMH benchmarks (call overhead: dev.beamr.bench.
# CallOverheadBenchmark) with short settings: 3 warmup and 5 measured iterations of 1 s, 1 fork.
# Options go to JMH after these and so override them, e.g.
#   scripts/jmh.sh -wi 5 -i 10 -f 3 facOnCallerThread
#   scripts/jmh.sh -h                  # JMH's own options
# BEAMR_BUILD_SUFFIX selects the build folder (target$BEAMR_BUILD_SUFFIX) as -Dbeamr.buildSuffix does.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh

beamr_build bench
exec java -jar "$(beamr_target bench)/benchmarks.jar" -wi 3 -w 1s -i 5 -r 1s -f 1 \
    -jvmArgsAppend -XX:+UseParallelGC "$@"
