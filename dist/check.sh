#!/usr/bin/env bash
# Installs each artifact dist/build.sh made, the way a user would, and runs
# `roadmap status` from it in a fresh workspace: the tarball unpacked, the
# .deb installed with dpkg (checked by lintian, then removed), the wheel
# installed with pip into a new virtual environment. Any failure fails.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(pwd)/dist/out
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A workspace with an adopted plan, as a new user makes one.
try() {
  local bin=$1 where=$2
  local dir="$work/ws-$where"
  mkdir -p "$dir"
  (cd "$dir" && "$bin" init hubs-sdk --start 2027-W10 >/dev/null && ROADMAP_TODAY=2027-04-16 "$bin" status >"$dir/status.txt")
  grep -q "hubs-sdk" "$dir/status.txt" || { echo "check: $where: status said nothing of hubs-sdk" >&2; cat "$dir/status.txt" >&2; exit 1; }
  echo "check: $where: roadmap status ran ($("$bin" --version))"
}

tarball=$(ls "$out"/roadmap-*.tar.gz)
tar -C "$work" -xzf "$tarball"
unpacked=$(ls -d "$work"/roadmap-*/)
for f in roadmap README.md man/roadmap.1 completions/roadmap.bash LICENSES/MIT.txt roadmap.cdx.json; do
  [ -e "$unpacked/$f" ] || { echo "check: the tarball has no $f" >&2; exit 1; }
done
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['bomFormat']=='CycloneDX' and d['components'], 'not an SBOM'" "$unpacked/roadmap.cdx.json"
try "$unpacked/roadmap" tarball

if ls "$out"/*.deb >/dev/null 2>&1; then
  deb=$(ls "$out"/*.deb)
  lintian --fail-on error "$deb"
  dpkg -i "$deb" >/dev/null
  try /usr/bin/roadmap deb
  [ -f /usr/share/man/man1/roadmap.1.gz ] || [ -f /usr/share/man/man1/roadmap.1 ] || { echo "check: the .deb installed no man page" >&2; exit 1; }
  dpkg -r roadmap >/dev/null
  [ ! -e /usr/bin/roadmap ] || { echo "check: dpkg -r left /usr/bin/roadmap" >&2; exit 1; }
  echo "check: deb installed, ran and removed"
fi

wheel=$(ls "$out"/*.whl)
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "$wheel"
try "$work/venv/bin/roadmap" wheel
