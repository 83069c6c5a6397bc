#!/usr/bin/env bash
# Builds roadmap's release artifacts for this machine's platform (Linux
# x86_64 here; the release pipelines in dist/ run it on Windows and macOS
# too) into dist/out/:
#
#   roadmap-VERSION-TARGET.tar.gz   the binary, man pages, completions, README,
#                                   licences and an SBOM (CycloneDX, by cargo-cyclonedx)
#   roadmap_VERSION-1_amd64.deb     by cargo-deb (Linux only)
#   roadmap_cli-VERSION-*.whl       by maturin: `pip install` puts `roadmap` on PATH
#
# Needs: cargo-deb and cargo-cyclonedx (`cargo install --locked cargo-deb
# cargo-cyclonedx`) and maturin (`pip install maturin`). A tool that is
# missing is said and its artifact skipped, unless DIST_REQUIRED=1 (CI).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

out=dist/out
rm -rf "$out"
mkdir -p "$out"
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
target=$(rustc -vV | sed -n 's/^host: //p')
missing() {
  echo "dist: $1 is not installed: $2 not built" >&2
  if [ "${DIST_REQUIRED:-}" = 1 ]; then exit 1; fi
}

cargo build --release --locked
name="roadmap-$version-$target"
stage="$out/$name"
mkdir -p "$stage"
exe=roadmap
[ -f target/release/roadmap.exe ] && exe=roadmap.exe
cp "target/release/$exe" README.md "$stage/"
# Symbols are for the benchmark's profiler, not for users: 11 MB less.
if command -v strip >/dev/null 2>&1; then strip "$stage/$exe"; fi
cp -r man completions LICENSES "$stage/"
if cargo cyclonedx --version >/dev/null 2>&1; then
  cargo cyclonedx --format json --spec-version 1.5 --target "$target" >/dev/null
  mv roadmap.cdx.json "$stage/roadmap.cdx.json"
  rm -f core/roadmap-core.cdx.json
else
  missing cargo-cyclonedx "the SBOM"
fi
tar -C "$out" -czf "$out/$name.tar.gz" "$name"
rm -rf "$stage"
echo "dist: $out/$name.tar.gz"

if [ "$(uname -s)" = Linux ]; then
  if cargo deb --version >/dev/null 2>&1; then
    # Debian asks each package for a changelog: this release's entry.
    mkdir -p target/dist
    maintainer=$(sed -n 's/^maintainer = "\(.*\)"$/\1/p' Cargo.toml)
    printf 'roadmap (%s-1) unstable; urgency=medium\n\n  * Release %s; see README.md for what it does.\n\n -- %s  %s\n' \
      "$version" "$version" "$maintainer" "$(date -R -u)" > target/dist/changelog.Debian
    cargo deb --no-build --output "$out/"
  else
    missing cargo-deb "the .deb"
  fi
fi

if command -v maturin >/dev/null 2>&1; then
  maturin build --release --locked --out "$out"
else
  missing maturin "the wheel"
fi
ls -l "$out"
