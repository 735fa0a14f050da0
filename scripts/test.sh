#!/usr/bin/env bash
# Builds every module and runs all tests. Extra arguments go to Maven, e.g.
#   scripts/test.sh -Dtest='Interpreter*' -Dsurefire.failIfNoSpecifiedTests=false
# Shows module progress, per-class test counts, errors and surefire's summary; the full Maven
# output is kept in target/test.log. A module's test run that takes longer than
# BEAMR_TEST_TIMEOUT seconds (default 1200) is killed and fails, so a hang cannot stall CI.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh

mkdir -p target
log=target/test.log
echo "Building and testing Beamr with $(java -version 2>&1 | head -n 1) (full log: $log)"

set +e
mvn -B -ntp -Dsurefire.timeout="${BEAMR_TEST_TIMEOUT:-1200}" "$@" verify 2>&1 | tee "$log" | grep -a -E --line-buffered \
    -e '^\[INFO\] Building .*\[[0-9]+/[0-9]+\]$' \
    -e 'Tests run:|Tests are skipped|Skipped: ' \
    -e '^\[(ERROR|FATAL)\]' \
    -e '^\[WARNING\] (Tests run|Flakes)' \
    -e 'BUILD (SUCCESS|FAILURE)|Total time' \
    -e '^\[INFO\] (Results:|Reactor Summary)' \
    -e '(SUCCESS|FAILURE|SKIPPED) \[|SKIPPED$'
status=${PIPESTATUS[0]}
set -e

if [ "$status" -ne 0 ]; then
    echo "FAILED (Maven exit status $status); see $log" >&2
fi
exit "$status"
