#!/bin/sh
# Vendor the web editor: Decap CMS's single-file bundle at a pinned version, from the npm registry, checked
# against the integrity npm publishes for it, into docs/admin/ (served with the site, so `make site` needs no
# Node and the editor loads nothing from the internet). To update: set VERSION and INTEGRITY from
# `npm view decap-cms@<version> dist.integrity`, run `make vendor-decap`, review, run `make test`.
set -eu
VERSION=3.16.3
INTEGRITY=sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==
OUT="$(cd "$(dirname "$0")/.." && pwd)/docs/admin"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent "decap-cms@$VERSION" >/dev/null
actual="sha512-$(openssl dgst -sha512 -binary "decap-cms-$VERSION.tgz" | base64 | tr -d '\n')"
if [ "$actual" != "$INTEGRITY" ]; then
    echo "decap-cms-$VERSION.tgz 的校验值不对：应为 $INTEGRITY，实际是 $actual。没有改动任何文件。" >&2
    exit 1
fi
tar xzf "decap-cms-$VERSION.tgz" package/dist/decap-cms.js package/dist/decap-cms.js.LICENSE.txt
mkdir -p "$OUT"
cp package/dist/decap-cms.js package/dist/decap-cms.js.LICENSE.txt "$OUT/"
echo "$VERSION" > "$OUT/decap-cms.version"
echo "已更新 docs/admin/decap-cms.js（decap-cms $VERSION）。"
