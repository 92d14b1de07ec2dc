#!/bin/sh
# Vendor the web editor: Decap CMS's single-file bundle at a pinned version, and the browser build of the `yaml`
# package that reads and writes the records there (docs/admin/format.js), from the npm registry, each checked
# against the integrity npm publishes for it, into docs/admin/ (served with the site, so `make site` needs no
# Node and the editor loads nothing from the internet). To update Decap: set VERSION and INTEGRITY from
# `npm view decap-cms@<version> dist.integrity`. `yaml` is the version package-lock.json pins for the tests, so
# the editor and the tests write records with the same code. Then run `make vendor-decap`, review, `make test`.
set -eu
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VERSION=3.16.3
INTEGRITY=sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==
OUT="$ROOT/docs/admin"
# The `yaml` entry of package-lock.json: "version" and "integrity" on the two lines after its name.
YAML_VERSION=$(grep -A2 '"node_modules/yaml"' "$ROOT/package-lock.json" | sed -n 's/.*"version": "\(.*\)".*/\1/p')
YAML_INTEGRITY=$(grep -A2 '"node_modules/yaml"' "$ROOT/package-lock.json" | sed -n 's/.*"integrity": "\(.*\)".*/\1/p')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
fetch() {  # name version integrity: the package's tarball, unpacked into ./<name>/package
    npm pack --silent "$1@$2" >/dev/null
    actual="sha512-$(openssl dgst -sha512 -binary "$1-$2.tgz" | base64 | tr -d '\n')"
    if [ "$actual" != "$3" ]; then
        echo "$1-$2.tgz 的校验值不对：应为 $3，实际是 $actual。没有改动任何文件。" >&2
        exit 1
    fi
    mkdir "$1" && tar xzf "$1-$2.tgz" -C "$1"
}
fetch decap-cms "$VERSION" "$INTEGRITY"
fetch yaml "$YAML_VERSION" "$YAML_INTEGRITY"
mkdir -p "$OUT"
cp decap-cms/package/dist/decap-cms.js decap-cms/package/dist/decap-cms.js.LICENSE.txt "$OUT/"
echo "$VERSION" > "$OUT/decap-cms.version"
rm -rf "$OUT/yaml"
cp -R yaml/package/browser "$OUT/yaml"
cp yaml/package/LICENSE "$OUT/yaml/LICENSE"
echo "$YAML_VERSION" > "$OUT/yaml/version"
echo "已更新 docs/admin/decap-cms.js（decap-cms $VERSION）和 docs/admin/yaml/（yaml $YAML_VERSION）。"
