#!/usr/bin/env bash
# Rebuilds the C test programs core/src/test/c/*.c into core/src/test/resources/wasm/ with clang-19,
# installing clang-19, lld-19, wasi-libc and the wasm32 compiler runtime through apt-get when missing.
# NAME.c is a wasm32 WASI command linked against Debian's wasi-libc; NAME64.c is a freestanding
# memory64 program (wasi-libc has no wasm64 build) that exports its own _start.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/apt.sh

packages=(clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    beamr_apt_install "${missing[@]}"
fi

source_dir=core/src/test/c
output_dir=core/src/test/resources/wasm
mkdir -p "$output_dir"

shopt -s nullglob
count=0
for source in "$source_dir"/*.c; do
    name=$(basename "$source" .c)
    if [[ "$name" == *64 ]]; then
        clang-19 --target=wasm64-unknown-unknown -O2 -nostdlib -Wl,--strip-all -Wl,--export=_start \
            -o "$output_dir/$name.wasm" "$source"
    else
        clang-19 --target=wasm32-wasi --sysroot=/usr -O2 -Wl,--strip-all -o "$output_dir/$name.wasm" "$source"
    fi
    count=$((count + 1))
done
echo "Built $count C test modules into $output_dir"
