#!/bin/sh
# Install the Tryton web client (sao 8.0) into var/sao, served by trytond
# through "[web] root = var/sao".
# Idempotent: does nothing when var/sao/dist already exists.
# Usage: scripts/install_sao.sh [TARGET_DIR]   (default: <repo>/var/sao)
# Environment: SAO_VERSION (default 8.0, i.e. the newest 8.0.x release).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${1:-$ROOT/var/sao}
VERSION=${SAO_VERSION:-8.0}

if [ -d "$TARGET/dist" ]; then
    exit 0
fi

command -v npm >/dev/null 2>&1 || {
    echo "install_sao.sh: npm is required to install the web client" >&2
    exit 1
}

PARENT=$(dirname "$TARGET")
mkdir -p "$PARENT"
WORK=$(mktemp -d "$PARENT/.sao-install.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

echo "Installing tryton-sao@$VERSION into $TARGET" >&2
(cd "$WORK" && npm pack --silent "tryton-sao@$VERSION" >/dev/null)
TARBALL=$(ls "$WORK"/tryton-sao-*.tgz)
tar -xzf "$TARBALL" -C "$WORK"
# Plain "npm install" fails on peer dependencies.
(cd "$WORK/package" && npm install --omit=dev --legacy-peer-deps \
    --no-audit --no-fund --loglevel=error >/dev/null)
test -d "$WORK/package/dist" || {
    echo "install_sao.sh: the package has no dist/ folder" >&2
    exit 1
}
# Move into place only once complete, so an interrupted run leaves no
# half-installed client that a later run would skip.
if [ -d "$TARGET/dist" ]; then
    exit 0  # installed meanwhile by a concurrent run
fi
rm -rf "$TARGET"
mv "$WORK/package" "$TARGET"
