#!/usr/bin/env bash
# Usage: installer/macos/sign_and_notarize.sh sign APP
#        installer/macos/sign_and_notarize.sh notarize DMG
#
# sign      signs APP with the Developer ID in MACOS_SIGN_IDENTITY under the hardened runtime, checks the signature
#           and starts the signed command line once.
# notarize  signs DMG, sends it to Apple's notary service (APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD: an
#           app-specific password), waits for the verdict and staples the ticket to DMG so it opens offline.
#
# The identity comes from the login keychain, or - on a build machine - from MACOS_CERT_P12 (the .p12, base64) and
# MACOS_CERT_PASSWORD, imported into a keychain that lives only as long as this script.
# When a secret is missing the script says which and exits 0: the build goes on, its installer unsigned.
#
# Why not `codesign --deep` on the app: it signs nested code with the app's own options and entitlements, and in
# an order codesign chooses. Signing from the inside out (libraries, then frameworks, then the executables with
# the entitlements, then the bundle) is what Apple recommends, and it names the file that fails.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
entitlements="$here/entitlements.plist"
keychain=""
p12_file=""

cleanup() {
    if [[ -n $p12_file ]]; then
        rm -f "$p12_file"
    fi
    if [[ -n $keychain ]]; then
        security delete-keychain "$keychain" || true
    fi
}
trap cleanup EXIT

# Exits 0 (the build goes on) naming every secret of "$@" that is not set.
skip_unless_set() {
    local name missing=""
    for name in "$@"; do
        if [[ -z ${!name:-} ]]; then
            missing="${missing:+$missing, }$name"
        fi
    done
    if [[ -n $missing ]]; then
        echo "Skipping the $step step: $missing not set. The build goes on without it (an unsigned installer)." >&2
        exit 0
    fi
}

import_certificate() {
    if [[ -z ${MACOS_CERT_P12:-} ]]; then
        return  # the identity is expected in the login keychain
    fi
    skip_unless_set MACOS_CERT_PASSWORD
    local password existing
    keychain="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/offerdesk-signing.keychain-db"
    password=$(uuidgen)
    p12_file=$(mktemp)
    security delete-keychain "$keychain" 2>/dev/null || true  # left over from an interrupted run
    security create-keychain -p "$password" "$keychain"
    security set-keychain-settings -lut 21600 "$keychain"
    security unlock-keychain -p "$password" "$keychain"
    printf '%s' "$MACOS_CERT_P12" | base64 --decode >"$p12_file"
    security import "$p12_file" -k "$keychain" -P "$MACOS_CERT_PASSWORD" -T /usr/bin/codesign
    rm -f "$p12_file"
    security set-key-partition-list -S apple-tool:,apple:,codesign: -s -k "$password" "$keychain" >/dev/null
    existing=$(security list-keychains -d user | sed -e 's/^ *"//' -e 's/"$//')
    # shellcheck disable=SC2086  # the existing keychains, one word each
    security list-keychains -d user -s "$keychain" $existing
}

is_mach_o() {
    [[ $(file -b "$1") == *Mach-O* ]]
}

codesign_runtime() {
    codesign --force --options runtime --timestamp --sign "$MACOS_SIGN_IDENTITY" "$@"
}

# Paths from stdin, deepest first, so a folder's contents are signed before the folder that seals them.
deepest_first() {
    awk -F/ '{ print NF "\t" $0 }' | sort -t "$(printf '\t')" -k1,1nr | cut -f2-
}

sign_app() {
    local app=${1%/} path
    [[ -d $app ]] || { echo "sign_and_notarize.sh: no app bundle at $app" >&2; exit 1; }
    # The libraries and other binaries inside (the executables in Contents/MacOS come later, with entitlements).
    find "$app/Contents" -type f \( -name '*.dylib' -o -name '*.so' -o -perm -u+x \) | deepest_first |
        while IFS= read -r path; do
            if [[ $(dirname "$path") != "$app/Contents/MacOS" ]] && is_mach_o "$path"; then
                codesign_runtime "$path"
            fi
        done
    find "$app/Contents" -type d -name '*.framework' | deepest_first | while IFS= read -r path; do
        codesign_runtime "$path"
    done
    # Entitlements belong to executables only; libraries run with those of the executable that loads them.
    for path in "$app"/Contents/MacOS/*; do
        if [[ -f $path && -x $path ]] && is_mach_o "$path"; then
            codesign_runtime --entitlements "$entitlements" "$path"
        fi
    done
    codesign_runtime --entitlements "$entitlements" "$app"
    codesign --verify --deep --strict --verbose=2 "$app"

    # The hardened runtime refuses to load what it does not trust only when the program starts: start it once.
    local data
    data=$(mktemp -d)
    OFFERDESK_DATA_DIR="$data" "$app/Contents/MacOS/offerdesk" info
    rm -rf "$data"
}

notarize_dmg() {
    local dmg=$1 result submission
    [[ -f $dmg ]] || { echo "sign_and_notarize.sh: no disk image at $dmg" >&2; exit 1; }
    codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$dmg"
    result=$(xcrun notarytool submit "$dmg" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
        --password "$APPLE_APP_PASSWORD" --wait --output-format json)
    echo "$result"
    # notarytool exits 0 whatever the verdict, so the verdict itself is read.
    if [[ ! $result =~ \"status\"[[:space:]]*:[[:space:]]*\"Accepted\" ]]; then
        submission=$(echo "$result" | sed -n 's/.*"id" *: *"\([^"]*\)".*/\1/p')
        echo "Apple did not accept $dmg; the notary service's log follows." >&2
        if [[ -n $submission ]]; then
            xcrun notarytool log "$submission" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
                --password "$APPLE_APP_PASSWORD" >&2 || true
        fi
        exit 1
    fi
    xcrun stapler staple "$dmg"
    xcrun stapler validate "$dmg"
}

if [[ $# -ne 2 ]]; then
    echo "usage: $0 sign APP | $0 notarize DMG" >&2
    exit 2
fi
step=$1
case $step in
    sign)
        skip_unless_set MACOS_SIGN_IDENTITY
        import_certificate
        sign_app "$2"
        ;;
    notarize)
        skip_unless_set MACOS_SIGN_IDENTITY APPLE_ID APPLE_TEAM_ID APPLE_APP_PASSWORD
        import_certificate
        notarize_dmg "$2"
        ;;
    *)
        echo "usage: $0 sign APP | $0 notarize DMG" >&2
        exit 2
        ;;
esac
