# Sourced by every script: selects a JDK 25 or newer and makes sure Maven is available.
# Exports JAVA_HOME and puts its bin/ first on PATH.

beamr_required_java=25

# Prints the feature version (e.g. 25) of the JDK at $1, or nothing when it is not a JDK.
beamr_java_version() {
    local release="$1/release" version
    [ -x "$1/bin/javac" ] || return 0
    if [ -r "$release" ]; then
        version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
    else
        version=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
    fi
    echo "$version"
}

beamr_find_jdk() {
    local candidate version best="" best_version=0
    if [ -n "${JAVA_HOME:-}" ]; then
        version=$(beamr_java_version "$JAVA_HOME")
        if [ -n "$version" ] && [ "$version" -ge "$beamr_required_java" ]; then
            echo "$JAVA_HOME"
            return 0
        fi
    fi
    for candidate in /usr/lib/jvm/*; do
        [ -d "$candidate" ] || continue
        version=$(beamr_java_version "$candidate")
        if [ -n "$version" ] && [ "$version" -ge "$beamr_required_java" ] && [ "$version" -gt "$best_version" ]; then
            best="$candidate"
            best_version="$version"
        fi
    done
    [ -n "$best" ] && echo "$best"
}

if ! JAVA_HOME=$(beamr_find_jdk); then
    echo "error: Beamr needs a JDK $beamr_required_java or newer, and none was found in \$JAVA_HOME or /usr/lib/jvm." >&2
    echo "Install one (for example Temurin 25 from https://adoptium.net, or 'apt-get install temurin-25-jdk'" >&2
    echo "after adding the Adoptium apt repository), then set JAVA_HOME to it." >&2
    return 1 2>/dev/null || exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"

source "$(dirname "${BASH_SOURCE[0]}")/apt.sh"
if ! command -v mvn >/dev/null 2>&1; then
    beamr_apt_install maven || { return 1 2>/dev/null || exit 1; }
fi

# Maven's bundled libraries call sun.misc.Unsafe, which JDK 24 and newer warn about on every run.
case "${MAVEN_OPTS:-}" in
    *--sun-misc-unsafe-memory-access=*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow" ;;
esac

# beamr_target MODULE: prints MODULE's build folder, target$BEAMR_BUILD_SUFFIX (as -Dbeamr.buildSuffix
# selects it, so that builds of one tree can run side by side).
beamr_target() {
    echo "$1/target${BEAMR_BUILD_SUFFIX:-}"
}

# beamr_build MODULE [PHASE]: builds MODULE and what it needs up to PHASE (default package), running
# no tests, into its beamr_target, silently unless the build fails, when Maven's output is shown. Run
# from the repository root.
beamr_build() {
    local log status=0
    log=$(mktemp)
    mvn -q -B -ntp -DskipTests -Dbeamr.buildSuffix="${BEAMR_BUILD_SUFFIX:-}" -pl "$1" -am "${2:-package}" >"$log" 2>&1 || status=$?
    if [ "$status" -ne 0 ]; then
        cat "$log" >&2
        echo "error: building $1 failed (Maven exit status $status)" >&2
    fi
    rm -f "$log"
    return "$status"
}
