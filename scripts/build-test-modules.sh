#!/usr/bin/env bash
# Rebuilds every test module core/src/test/resources/wat/NAME.wat into
# core/src/test/resources/wasm/NAME.wasm with wat2wasm, enabling the proposals Beamr implements
# (not --enable-all, whose typed function references change how ref.func is typed), installing wabt
# through apt-get when it is missing. A .wat file may ask for extra wat2wasm flags with a line
#   ;; wat2wasm-flags: --no-check
# (for example to build a deliberately invalid module).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/apt.sh

command -v wat2wasm >/dev/null 2>&1 || beamr_apt_install wabt

features=(--enable-memory64 --enable-multi-memory --enable-exceptions --enable-tail-call --enable-extended-const)
source_dir=core/src/test/resources/wat
output_dir=core/src/test/resources/wasm
mkdir -p "$output_dir"

shopt -s nullglob
count=0
for wat in "$source_dir"/*.wat; do
    name=$(basename "$wat" .wat)
    read -r -a extra_flags <<< "$(sed -n 's/^;; *wat2wasm-flags: *//p' "$wat" | head -n 1)"
    wat2wasm "${features[@]}" "${extra_flags[@]}" -o "$output_dir/$name.wasm" "$wat"
    count=$((count + 1))
done
echo "Built $count test modules into $output_dir"
