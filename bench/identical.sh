#!/usr/bin/env bash
# Holds a faster roadmap to the output of an older one: builds the binary of
# BASE (a commit, default the first commit of the performance work) and of
# the working tree, generates plans with the benchmark's generator, and runs
# every view in every format, language and width with both, comparing the
# bytes of standard output, standard error and the exit code; then the writes
# (done, reopen, skip, note, reschedule, cost), comparing also the lines each
# appends.
#
#   bench/identical.sh                  # BASE = 5d09289, sizes 300 and 2500
#   bench/identical.sh BASE "300 2500 10000"
#   OLD_BIN=/path/to/old/roadmap bench/identical.sh   # an old binary already built
#
# Prints each difference (and exits 1 if there is one), else how many
# commands were compared. Everything lives in a temporary folder.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BASE=${1:-5d09289}
SIZES=${2:-"300 2500"}
TODAY=2026-11-22
WORK=$(mktemp -d "${TMPDIR:-/tmp}/roadmap-identical.XXXXXX")
cleanup() {
    git -C "$ROOT" worktree remove --force "$WORK/base" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
log() { printf '%s\n' "$*" >&2; }

if [ -n "${OLD_BIN:-}" ]; then
    OLD=$OLD_BIN
    BASE="$OLD_BIN"
else
    log "building $BASE (release)"
    git -C "$ROOT" worktree add --detach "$WORK/base" "$BASE" >/dev/null 2>&1
    (cd "$WORK/base" && CARGO_TARGET_DIR=$WORK/base-target cargo build --release --locked --bin roadmap >&2)
    OLD=$WORK/base-target/release/roadmap
fi
log "building the working tree (release)"
(cd "$ROOT" && cargo build --release --locked --bin roadmap --example generate >&2)
NEW=$WORK/new
GEN=$WORK/generate
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
cp "$TARGET_DIR/release/roadmap" "$NEW"
cp "$TARGET_DIR/release/examples/generate" "$GEN"

cd "$WORK"
unset ROADMAP_PATH ROADMAP_STATE ROADMAP_TODAY ROADMAP_NOW NO_COLOR ROADMAP_LANG
export ROADMAP_USER=identical LC_ALL=C.UTF-8

# The commands: every view and format; {ROADMAP} is one generated roadmap's id.
COMMANDS=(
    "status" "status --format json" "status --format markdown"
    "overdue" "overdue --format json" "overdue --format markdown" "overdue --format junit"
    "timeline" "timeline --format json"
    "list" "list --format json"
    "checklist {ROADMAP}" "checklist {ROADMAP} --format json"
    "show {ROADMAP}" "show {ROADMAP} --format json"
    "report --format markdown" "report --format html" "report --format text" "report --format json"
    "report --format markdown --owner {OWNER}"
    "slips" "slips --format json"
    "log" "log --format json"
    "risks" "cost {ROADMAP}"
    "export --format ics" "export --format csv" "export --format json" "export --format mermaid"
    "validate" "overdue --fail-on-overdue"
)

compared=0
different=0
# compare WHERE PART...: each PART (out, err, ...) of the old run against the
# new one; a difference is counted and shown.
compare() {
    local where=$1 part
    shift
    for part in "$@"; do
        if ! cmp -s "$WORK/old.$part" "$WORK/new.$part"; then
            different=$((different + 1))
            log "DIFFERENT ($part): $where"
            diff "$WORK/old.$part" "$WORK/new.$part" | head -10 >&2 || true
        fi
    done
}
for n in $SIZES; do
    dir=$WORK/n$n
    log "N=$n: generating"
    "$GEN" --milestones "$n" --per-file 50 --steps 3 --events "$n" --seed 7 --out "$dir" >&2
    roadmap=$(basename "$(find "$dir/roadmaps" -name '*.toml' | sort | head -1)" .toml)
    owner=$(grep -m1 -o 'owner = "[^"]*"' "$dir/roadmaps/$roadmap.toml" | cut -d'"' -f2)
    for lang in sv nb en; do
        for width in 60 120 400; do
            for color in never always; do
                for template in "${COMMANDS[@]}"; do
                    cmd=${template//\{ROADMAP\}/$roadmap}
                    cmd=${cmd//\{OWNER\}/$owner}
                    for bin in old new; do
                        b=$OLD
                        [ $bin = new ] && b=$NEW
                        # shellcheck disable=SC2086 # the command's words
                        COLUMNS=$width "$b" --roadmaps "$dir/roadmaps" --state "$dir/state.jsonl" \
                            --today "$TODAY" --lang "$lang" --color "$color" $cmd \
                            >"$WORK/$bin.out" 2>"$WORK/$bin.err" && echo 0 >"$WORK/$bin.code" || echo $? >"$WORK/$bin.code"
                    done
                    compared=$((compared + 1))
                    compare "N=$n lang=$lang width=$width color=$color: roadmap $cmd" out err code
                done
            done
        done
    done
done
# The writes: each on a fresh copy of the changes recorded by the steps'
# places (the first write pins them all) and by their keys, at a fixed
# time; the lines each appends are compared with the ids it made numbered in
# order (they are random), with its output, errors and exit code.
new_lines() { # new_lines PRISTINE WRITTEN: the appended lines, new ids numbered
    python3 - "$1" "$2" <<'PY'
import json, re, sys
old = open(sys.argv[1]).read()
known = set(re.findall(r'"id":"([0-9a-f]+)"', old))
numbered = {}
def name(m):
    i = m.group(2)
    if i in known:
        return m.group(0)
    numbered.setdefault(i, f"new{len(numbered) + 1}")
    return f'"{m.group(1)}":"{numbered[i]}"'
for line in open(sys.argv[2]).read()[len(old):].splitlines():
    print(re.sub(r'"(id|prev)":"([0-9a-f]+)"', name, line))
PY
}
writes=0
for n in $SIZES; do
    dir=$WORK/n$n
    step=$(cat "$dir/open-step.txt")
    milestone=${step%/*}
    other=$(basename "$(find "$dir/roadmaps" -name '*.toml' | sort | tail -1)" .toml)/m001
    WRITES=(
        "done $step" "done $milestone" "reopen $step" "skip $step --note ej-aktuellt"
        "note $step en-anteckning" "done $step $other" "done nosuch/m001" "done ${milestone%/*}/nosuch"
        "reschedule $milestone 2027-12-31" "reschedule $milestone v.50 --shift-following"
        "reschedule nosuch/m001 2027-12-31" "cost ${milestone%/*} --spent 12.5" "cost nosuch --forecast 900"
    )
    for pristine in state.jsonl state-keyed.jsonl; do
        for lang in sv nb en; do
            for cmd in "${WRITES[@]}"; do
                for bin in old new; do
                    b=$OLD
                    [ $bin = new ] && b=$NEW
                    # One path for both: the confirmation names it.
                    cp "$dir/$pristine" "$WORK/run.state"
                    # shellcheck disable=SC2086 # the command's words
                    ROADMAP_NOW=2026-11-22T09:00:00Z COLUMNS=120 "$b" --roadmaps "$dir/roadmaps" \
                        --state "$WORK/run.state" --today "$TODAY" --lang "$lang" --color never $cmd \
                        >"$WORK/$bin.out" 2>"$WORK/$bin.err" && echo 0 >"$WORK/$bin.code" || echo $? >"$WORK/$bin.code"
                    new_lines "$dir/$pristine" "$WORK/run.state" >"$WORK/$bin.lines"
                done
                writes=$((writes + 1))
                # The first write on changes by place pins them: a header, the pins, the tick.
                if [ "$cmd" = "done $step" ] && [ "$pristine" = state.jsonl ] && [ "$(wc -l <"$WORK/new.lines")" -le 2 ]; then
                    different=$((different + 1))
                    log "N=$n: the first write on changes by place pinned nothing"
                fi
                compare "N=$n lang=$lang $pristine: roadmap $cmd" out err code lines
            done
        done
    done
done
log "$writes writes compared"
compared=$((compared + writes))

if [ "$different" -gt 0 ]; then
    echo "$different of $compared commands differ between $BASE and the working tree"
    exit 1
fi
echo "$compared commands (sizes $SIZES; views in sv, nb, en, widths 60, 120, 400, colour on and off; $writes writes in sv, nb, en on changes by place and by key): the same bytes, errors, exit codes and lines written from $BASE and the working tree"
