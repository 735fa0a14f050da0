# Sourced by scripts that need Debian packages. Does not select a JDK, so scripts that only
# build test modules need none.

# beamr_apt_install PACKAGE...: installs the packages with apt-get when running as root, quietly;
# otherwise fails naming them, so the user can install them.
beamr_apt_install() {
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "error: missing packages: $* (install them with apt-get as root)" >&2
        return 1
    fi
    echo "Installing $* with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
