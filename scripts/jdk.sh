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

if ! command -v mvn >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Maven is missing: installing it with apt-get." >&2
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
            && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null
    fi
    if ! command -v mvn >/dev/null 2>&1; then
        echo "error: Maven ('mvn') is not installed; install it (e.g. 'apt-get install maven') and retry." >&2
        return 1 2>/dev/null || exit 1
    fi
fi

# Maven's bundled libraries call sun.misc.Unsafe, which JDK 24 and newer warn about on every run.
case "${MAVEN_OPTS:-}" in
    *--sun-misc-unsafe-memory-access=*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow" ;;
esac

# beamr_build MODULE: packages MODULE and what it needs without tests into target$BEAMR_BUILD_SUFFIX,
# silently unless the build fails, when Maven's output is shown. Run from the repository root.
beamr_build() {
    local log status=0
    log=$(mktemp)
    mvn -q -B -ntp -DskipTests -Dbeamr.buildSuffix="${BEAMR_BUILD_SUFFIX:-}" -pl "$1" -am package >"$log" 2>&1 || status=$?
    if [ "$status" -ne 0 ]; then
        cat "$log" >&2
        echo "error: building $1 failed (Maven exit status $status)" >&2
    fi
    rm -f "$log"
    return "$status"
}
