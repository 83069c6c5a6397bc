#!/usr/bin/env bash
# Where a run's wall time goes, phase by phase: builds roadmap with the
# `phases` feature (timers around each phase, which the shipped binary does
# not have; src/phases.rs), generates the benchmark's plans (the same seed
# and shapes as bench/run.sh), runs each view RUNS times with
# ROADMAP_PHASES=1, and prints the median milliseconds of each phase as a
# Markdown table. bench/PROFILE.md has a run of it.
#
#   bench/phases.sh                          # sizes 2500 and 10000, 15 runs
#   bench/phases.sh "2500 10000 100000" 9
#
# The timer build goes to target/phases, beside the usual release build.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZES=${1:-"2500 10000"}
RUNS=${2:-15}
SEED=42
TODAY=2026-11-22
WORK=$(mktemp -d "${TMPDIR:-/tmp}/roadmap-phases.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
log() { printf '%s\n' "$*" >&2; }

TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
log "building roadmap with timers (release, --features phases) and the generator"
(cd "$ROOT" && cargo build --release --locked --bin roadmap --features phases --target-dir "$TARGET_DIR/phases" >&2)
(cd "$ROOT" && cargo build --release --locked --example generate >&2)
BIN=$TARGET_DIR/phases/release/roadmap
GEN=$TARGET_DIR/release/examples/generate

# As bench/run.sh: files of 50 milestones with 3 steps each up to the real
# workload, of 100 above it.
shape_for() { if [ "$1" -le 2500 ]; then echo "--per-file 50 --steps 3"; else echo "--per-file 100"; fi; }

unset ROADMAP_PATH ROADMAP_STATE ROADMAP_TODAY ROADMAP_NOW NO_COLOR ROADMAP_LANG
for n in $SIZES; do
    dir=$WORK/n$n
    # shellcheck disable=SC2046 # the shape's words
    "$GEN" --milestones "$n" $(shape_for "$n") --events "$n" --seed "$SEED" --out "$dir" >&2
    for cmd in status overdue timeline "report --format markdown"; do
        log "N=$n: $cmd ($RUNS runs)"
        for _ in $(seq "$RUNS"); do
            # shellcheck disable=SC2086 # the command's words
            ROADMAP_PHASES=1 "$BIN" --roadmaps "$dir/roadmaps" --state "$dir/state.jsonl" \
                --today "$TODAY" --color never $cmd 2>&1 >/dev/null |
                grep '^phase' | sed "s|^|$n\t$cmd\t|"
        done
    done
done >"$WORK/phases.tsv"

[ -s "$WORK/phases.tsv" ] || { log "the timer build printed no phases"; exit 1; }
python3 - "$WORK/phases.tsv" "$RUNS" <<'PY'
import statistics, sys
rows, phases = {}, []
for line in open(sys.argv[1]):
    n, cmd, _, phase, ms = line.rstrip("\n").split("\t")
    if phase not in phases:
        phases.append(phase)
    rows.setdefault((n, cmd), {}).setdefault(phase, []).append(float(ms))
print(f"Median milliseconds of {sys.argv[2]} runs of each view; each phase is the time from the mark before it (src/phases.rs).")
print()
print("| N | command | " + " | ".join(phases) + " |")
print("|---:|---|" + "---:|" * len(phases))
for (n, cmd), times in rows.items():
    cells = [f"{statistics.median(times[p]):.1f}" if p in times else "" for p in phases]
    print(f"| {n} | `{cmd}` | " + " | ".join(cells) + " |")
PY
