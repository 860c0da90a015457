#!/usr/bin/env bash
# Usage: installer/macos/make_dmg.sh APP VERSION OUT_DIR
# Packs APP (dist/OfferDesk.app) into OUT_DIR/OfferDesk-VERSION-macos-ARCH.dmg, a compressed disk image that opens
# on the app beside a link to /Applications, so installing is one drag. Prints the image's path as its last line.
# Runs on macOS (hdiutil, ditto); works with the system's bash 3.2.
set -euo pipefail

if [[ $# -ne 3 ]]; then
    echo "usage: $0 APP VERSION OUT_DIR" >&2
    exit 2
fi
app=${1%/}
version=$2
out_dir=$3

if [[ ! -d $app || ${app##*.} != app ]]; then
    echo "make_dmg.sh: no app bundle at $app (build it first: python installer/build.py)" >&2
    exit 1
fi

arch=$(uname -m)  # arm64 or x86_64: the two builds must not share a file name
mkdir -p "$out_dir"
dmg="$out_dir/OfferDesk-$version-macos-$arch.dmg"

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
# ditto, not cp: it keeps the frameworks' symlinks, the extended attributes and so the code signature intact.
ditto "$app" "$staging/$(basename "$app")"
ln -s /Applications "$staging/Applications"

hdiutil create -volname OfferDesk -srcfolder "$staging" -ov -format UDZO "$dmg" >&2
echo "$dmg"
