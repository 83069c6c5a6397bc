#!/usr/bin/env bash
# Where the time and memory go at 100k milestones: the numbers behind bench/PROFILE.md.
#
#   bench/profile.sh                         # perf for the slow commands, massif for overdue and status
#   BENCH_PROFILE_N=10000 bench/profile.sh   # another size
#
# Builds a release binary with debug info in a temporary target folder (so the
# normal target/ is left alone), generates the benchmark data (seed 42), then
# prints, per command, perf's CPU profile summarised by roadmap function
# (bench/tools/perf_paths.py) and massif's peak heap by allocation site
# (bench/tools/massif_peak.py). Needs perf (Debian: linux-perf), valgrind and
# python3; installs them with apt-get when missing. About 10 minutes at 100k.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${BENCH_PROFILE_N:-100000}
TODAY=2026-11-22
log() { printf '%s\n' "$*" >&2; }

install_pkg() {
    local sudo=
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2
}
command -v perf >/dev/null || install_pkg linux-perf || true
command -v valgrind >/dev/null || install_pkg valgrind || true
command -v python3 >/dev/null || install_pkg python3

WORK=$(mktemp -d "${TMPDIR:-/tmp}/roadmap-profile.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

log "building with debug info"
(cd "$ROOT" && CARGO_TARGET_DIR=$WORK/target CARGO_PROFILE_RELEASE_DEBUG=true \
    cargo build --release --locked --bin roadmap --example generate >&2)
BIN=$WORK/target/release/roadmap
"$WORK/target/release/examples/generate" --milestones "$N" --events "$N" --seed 42 --out "$WORK/data" >&2
BASE=("$BIN" --roadmaps "$WORK/data/roadmaps" --state "$WORK/data/state.jsonl" --today "$TODAY" --color never)
STEP=$(cat "$WORK/data/open-step.txt")
cd "$WORK"
export ROADMAP_USER=bench

if perf record -q -e cpu-clock -o "$WORK/probe.data" true 2>/dev/null; then
    for cmd in status overdue timeline "report --format markdown" done; do
        echo
        echo "## perf: $cmd (N=$N)"
        args=($cmd)
        if [ "$cmd" = done ]; then
            cp "$WORK/data/state.jsonl" "$WORK/state-run.jsonl"
            run=("$BIN" --roadmaps "$WORK/data/roadmaps" --state "$WORK/state-run.jsonl" --today "$TODAY"
                --color never done "$STEP" --by bench)
        else
            run=("${BASE[@]}" "${args[@]}")
        fi
        perf record -q -e cpu-clock -F 997 --call-graph dwarf,32768 -o "$WORK/perf.data" "${run[@]}" >/dev/null 2>&1
        echo '```text'
        perf script -i "$WORK/perf.data" 2>/dev/null | python3 "$ROOT/bench/tools/perf_paths.py" 1.0
        echo '```'
        rm -f "$WORK/perf.data"
    done
else
    log "perf cannot record here: CPU profiles skipped"
fi

if command -v valgrind >/dev/null; then
    for cmd in overdue status; do
        echo
        echo "## massif: $cmd (N=$N)"
        valgrind -q --tool=massif --massif-out-file="$WORK/massif.out" "${BASE[@]}" "$cmd" >/dev/null
        echo '```text'
        python3 "$ROOT/bench/tools/massif_peak.py" "$WORK/massif.out"
        echo '```'
    done
fi
