#!/usr/bin/env bash
# Times roadmap on generated plans, side by side with Taskwarrior's `task overdue`
# on the same milestones as tasks: the real workload (2,500 milestones: 50 files
# of 50, 3 steps each, 2,500 changes), a national portfolio (10k) and ten times
# that (100k), with as many state changes as milestones.
#
#   bench/run.sh                      # Markdown report on stdout, progress on stderr
#   bench/run.sh > report.md          # keep the report
#   BENCH_SIZES="2500 10000" bench/run.sh   # fewer sizes (targets on 100k then say "not measured")
#
# Needs the Rust toolchain; installs hyperfine, GNU time and Taskwarrior with
# apt-get when they are missing (as root, or through sudo). Everything it
# generates lives in one temporary folder that is removed on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZES=${BENCH_SIZES:-"2500 10000 100000"}
SEED=${BENCH_SEED:-42}
TODAY=2026-11-22
TASK_IMPORT_TIMEOUT=${BENCH_TASK_IMPORT_TIMEOUT:-600}   # seconds: skip Taskwarrior at a size past this

log() { printf '%s\n' "$*" >&2; }
die() { log "bench: $*"; exit 1; }

# ---------------------------------------------------------------- tools
APT_UPDATED=
install_pkg() { # install_pkg PACKAGE: with apt-get, as root or through sudo
    local sudo=
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || return 1
        sudo=sudo
    fi
    command -v apt-get >/dev/null || return 1
    if [ -z "$APT_UPDATED" ]; then
        log "apt-get update"
        $sudo apt-get update -qq >&2 || return 1
        APT_UPDATED=1
    fi
    log "apt-get install $1"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$1" >&2
}

command -v cargo >/dev/null || die "cargo not found: install Rust first (https://rustup.rs)"
command -v hyperfine >/dev/null || install_pkg hyperfine || die "hyperfine is missing and could not be installed"
[ -x /usr/bin/time ] || install_pkg time || die "GNU time (/usr/bin/time) is missing and could not be installed"
command -v task >/dev/null || install_pkg taskwarrior || log "Taskwarrior could not be installed: compared with nothing"
command -v tj3 >/dev/null || install_pkg tj3 || log "TaskJuggler (tj3) could not be installed: not compared"
HAVE_TASK=
command -v task >/dev/null && HAVE_TASK=1

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/roadmap-bench.XXXXXX")
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- build
log "building (release)"
(cd "$ROOT" && cargo build --release --locked --bin roadmap --example generate >&2)
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
# Copies, so a rebuild while the benchmark runs cannot change what is measured.
BIN=$WORK/roadmap
GEN=$WORK/generate
cp "$TARGET_DIR/release/roadmap" "$BIN"
cp "$TARGET_DIR/release/examples/generate" "$GEN"

# A clean environment: no workspace above the working folder, no roadmap settings.
# roadmap keeps no cache, so every run reads and parses every file: a fresh
# clone and a second run on unchanged files cost the same.
cd "$WORK"
unset ROADMAP_PATH ROADMAP_STATE ROADMAP_TODAY ROADMAP_NOW NO_COLOR
export ROADMAP_USER=bench LC_ALL=C.UTF-8

# ---------------------------------------------------------------- measuring
declare -A MEAN SD CPU RSS
ROWS=()        # "N|name" in the order measured
add_row() { ROWS+=("$1|$2"); }

# bench N NAME MIN-RUNS MAX-RUNS [hyperfine options...] COMMAND: mean and σ in ms into MEAN/SD.
bench() {
    local n=$1 name=$2 min_runs=$3 max_runs=$4
    shift 4
    local csv="$WORK/hf.csv"
    log ""
    log "== N=$n: $name"
    if hyperfine -N --style basic --output=null --warmup 1 --min-runs "$min_runs" --max-runs "$max_runs" \
        --export-csv "$csv" -n "$name" "$@" >&2; then
        MEAN[$n|$name]=$(awk -F, 'NR == 2 { printf "%.1f", $2 * 1000 }' "$csv")
        SD[$n|$name]=$(awk -F, 'NR == 2 { printf "%.1f", $3 * 1000 }' "$csv")
        CPU[$n|$name]=$(awk -F, 'NR == 2 { printf "%.1f", ($5 + $6) * 1000 }' "$csv")
    else
        log "   (failed)"
    fi
    add_row "$n" "$name"
}

# peak N NAME COMMAND...: maximum resident set size in MiB into RSS.
peak() {
    local n=$1 name=$2
    shift 2
    if /usr/bin/time -v -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/stderr.txt"; then
        RSS[$n|$name]=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$WORK/time.txt")
        log "   peak RSS ${RSS[$n|$name]} MiB"
    else
        log "   peak RSS: the command failed: $(head -3 "$WORK/stderr.txt")"
    fi
}

# At least 10 runs (5 at 100k and above, where one run takes seconds), more for fast commands.
runs_for() { if [ "$1" -ge 100000 ]; then echo "5 20"; else echo "10 50"; fi; }

# The real workload is files of 50 milestones with 3 steps each; the larger sets
# keep 100 to a file with 0-10 steps, as a national portfolio would.
shape_for() { if [ "$1" -le 2500 ]; then echo "--per-file 50 --steps 3"; else echo "--per-file 100"; fi; }

# ---------------------------------------------------------------- shipped roadmaps alone
EMPTY_STATE=$(mktemp "$WORK/empty-state.XXXXXX")
SHIPPED=("$BIN" --state "$EMPTY_STATE" --today "$TODAY" --color never status)
bench shipped status 100 1000 "${SHIPPED[*]}"
peak shipped status "${SHIPPED[@]}"

# ---------------------------------------------------------------- each size
declare -A SIZE_NOTE TASK_NOTE PINS
TJ_NOTE=
for n in $SIZES; do
    dir=$WORK/n$n
    log ""
    log "######## N=$n: generating (seed $SEED, $n events)"
    # shellcheck disable=SC2046 # the shape's words
    "$GEN" --milestones "$n" $(shape_for "$n") --events "$n" --seed "$SEED" --out "$dir" >&2
    step=$(cat "$dir/open-step.txt")
    [ -n "$step" ] || die "the generator found no open step"
    base=("$BIN" --roadmaps "$dir/roadmaps" --state "$dir/state.jsonl" --today "$TODAY" --color never)
    "${base[@]}" validate >/dev/null || die "the generated data for N=$n does not validate"
    files=$(find "$dir/roadmaps" -name '*.toml' | wc -l)
    toml_mib=$(du -sm "$dir/roadmaps" | cut -f1)
    state_mib=$(du -sm "$dir/state.jsonl" | cut -f1)
    SIZE_NOTE[$n]="$files files (${toml_mib} MiB of TOML), $n events (${state_mib} MiB state file), $(wc -l <"$dir/tasks.json") Taskwarrior tasks"
    read -r min_runs max_runs <<<"$(runs_for "$n")"

    for cmd in status overdue timeline "report --format markdown"; do
        bench "$n" "$cmd" "$min_runs" "$max_runs" "${base[*]} $cmd"
        # shellcheck disable=SC2086 # the command's words
        peak "$n" "$cmd" "${base[@]}" $cmd
    done
    # done: every run starts from a pristine copy of a state, so each one writes.
    # On the changes as roadmap records them (steps by key), and on the same
    # changes as its first release recorded them (steps by place), where the
    # first write after an upgrade pins every one of them.
    run_state=$dir/state-run.jsonl
    done_cmd=("$BIN" --roadmaps "$dir/roadmaps" --state "$run_state" --today "$TODAY" --color never done "$step" --by bench)
    for spec in "state-keyed.jsonl|done (1 step)" "state.jsonl|done (first write: steps by place)"; do
        pristine=$dir/${spec%%|*}
        name=${spec#*|}
        bench "$n" "$name" "$min_runs" "$max_runs" --prepare "cp $pristine $run_state" "${done_cmd[*]}"
        cp "$pristine" "$run_state"
        peak "$n" "$name" "${done_cmd[@]}"
        [ "$(wc -l <"$run_state")" -gt "$(wc -l <"$pristine")" ] || die "$name did not write for N=$n"
    done
    # The last write was the first on the changes by place: a header, the pins, the tick.
    PINS[$n]=$(($(wc -l <"$run_state") - $(wc -l <"$dir/state.jsonl") - 2))

    if [ -n "$HAVE_TASK" ]; then
        tw=$WORK/tw$n
        mkdir -p "$tw/data"
        printf '%s\n' "data.location=$tw/data" confirmation=off verbose=nothing hooks=off \
            "news.version=$(task --version)" >"$tw/taskrc"
        log ""
        log "== N=$n: task import"
        start=$(date +%s.%N)
        if TASKRC=$tw/taskrc TASKDATA=$tw/data timeout "$TASK_IMPORT_TIMEOUT" task import "$dir/tasks.json" >/dev/null 2>"$WORK/import.txt"; then
            secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
            TASK_NOTE[$n]="task import of $(wc -l <"$dir/tasks.json") tasks took ${secs} s"
            log "   ${TASK_NOTE[$n]}"
            # `task overdue` exits 1 when nothing is overdue: not a failure here.
            export TASKRC=$tw/taskrc TASKDATA=$tw/data
            bench "$n" "task overdue" "$min_runs" "$max_runs" -i "task overdue"
            peak "$n" "task overdue" task overdue
            unset TASKRC TASKDATA
        else
            TASK_NOTE[$n]="task import did not finish within ${TASK_IMPORT_TIMEOUT} s (or failed): Taskwarrior skipped at this size"
            log "   ${TASK_NOTE[$n]}: $(tail -2 "$WORK/import.txt")"
        fi
        rm -rf "$tw"
    fi
    # TaskJuggler, which schedules the project and writes its overdue report,
    # as a second peer at the real workload's size (its years end in 2035).
    if [ "$n" -eq 2500 ] && command -v tj3 >/dev/null; then
        mkdir -p "$WORK/tj"
        bench "$n" "tj3 (overdue report)" 3 10 "tj3 --silent -o $WORK/tj $dir/project.tjp"
        peak "$n" "tj3 (overdue report)" tj3 --silent -o "$WORK/tj" "$dir/project.tjp"
        TJ_NOTE="TaskJuggler $(tj3 --version 2>/dev/null | head -1 | grep -o '[0-9][0-9.]*' | head -1) schedules the same dated milestones (\`project.tjp\`) and writes a CSV report of the overdue ones: $(($(wc -l <"$WORK/tj/overdue.csv") - 1)) lines (the overdue tasks and the file tasks that hold them)"
    fi
    rm -rf "$dir"
done

# ---------------------------------------------------------------- report
fmt_time() { # fmt_time KEY
    if [ -n "${MEAN[$1]:-}" ]; then printf '%s ± %s' "${MEAN[$1]}" "${SD[$1]}"; else printf 'failed'; fi
}
ratio() { # ratio OURS THEIRS: "0.05 (20.0× faster)"; nothing when either is missing
    [ -n "$1" ] && [ -n "$2" ] || return 0
    awk -v a="$1" -v b="$2" 'BEGIN {
        r = a / b
        if (r < 1) printf "%.3f (%.1f× faster)", r, 1 / r; else printf "%.2f (%.1f× slower)", r, r }'
}
times() { # times A B: "9.8×"; nothing when either is missing
    [ -n "$1" ] && [ -n "$2" ] || return 0
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f×", a / b }'
}
verdict() { if [ "$1" = 1 ]; then printf 'met'; else printf '**NOT met**'; fi; }
# check EXPR over MEAN/RSS values; prints met / NOT met / not measured.
check() { # check LABEL MEASURED AWK-CONDITION VALUES...
    local label=$1 shown=$2 cond=$3
    shift 3
    local v
    for v in "$@"; do
        if [ -z "$v" ]; then
            printf '| %s | not measured | not measured |\n' "$label"
            return
        fi
    done
    local ok
    ok=$(awk -v a="${1:-0}" -v b="${2:-0}" -v c="${3:-0}" "BEGIN { print (($cond) ? 1 : 0) }")
    printf '| %s | %s | %s |\n' "$label" "$shown" "$(verdict "$ok")"
}

cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
echo "# roadmap benchmark"
echo
echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC') with \`bench/run.sh\` (seed $SEED, \`--today $TODAY --color never\`, output to /dev/null)."
echo
echo "## Machine"
echo
echo "- CPUs: $(nproc) × ${cpu:-unknown}"
echo "- memory: $mem"
echo "- load average (1, 5, 15 min) before the run: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- OS: $(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}"), kernel $(uname -r)"
echo "- $(rustc --version), $(hyperfine --version)$([ -n "$HAVE_TASK" ] && echo ", Taskwarrior $(task --version)")"
echo
echo "## Data"
echo
for n in $SIZES; do
    echo "- N=$n: ${SIZE_NOTE[$n]:-}${TASK_NOTE[$n]:+; ${TASK_NOTE[$n]}}"
done
echo "- shipped: the five built-in roadmaps alone, with an empty state file"
[ -n "${TJ_NOTE:-}" ] && echo "- $TJ_NOTE"
echo "- Taskwarrior gets each dated milestone that has an end, due on its last day; \`completed\` when the state makes it done, \`deleted\` when skipped, else \`pending\`"
echo
echo "## Results"
echo
echo "Times are hyperfine's wall-clock mean ± σ over the runs (1 warm-up run first), CPU is the mean user + system time; peak RSS is GNU time's maximum resident set size of one more run."
echo "\"vs task overdue\" is our mean divided by \`task overdue\`'s mean at the same N (below 1: we are faster)."
echo "\`done (1 step)\` ticks one open step; \`--prepare\` restores a pristine copy of the state file before each run, so every run writes. Its state records steps by key, as roadmap does. \`done (first write: steps by place)\` ticks the same step on the same changes recorded by the steps' places, as the first release did: the first write after an upgrade, which pins each of them to its step (a rekey line each) and needs every plan to do it (it wrote $(for n in $SIZES; do printf '%s at %s, ' "${PINS[$n]:-?}" "$n"; done | sed 's/, $//') pins and the header of format 2)."
echo
echo "| N | command | mean ± σ (ms) | CPU user+sys (ms) | peak RSS (MiB) | vs task overdue |"
echo "|---:|---|---:|---:|---:|---|"
for row in "${ROWS[@]}"; do
    n=${row%%|*}
    name=${row#*|}
    vs=
    if [ "$name" != "task overdue" ] && [ -n "${MEAN[$n|task overdue]:-}" ] && [ -n "${MEAN[$row]:-}" ]; then
        vs=$(ratio "${MEAN[$row]}" "${MEAN[$n|task overdue]}")
    fi
    printf '| %s | %s | %s | %s | %s | %s |\n' "$n" "\`$name\`" "$(fmt_time "$row")" "${CPU[$row]:-}" "${RSS[$row]:-}" "$vs"
done
echo
echo "## Targets"
echo
echo "| target | measured | verdict |"
echo "|---|---|---|"
m() { echo "${MEAN[$1]:-}"; }
# Issue 30's targets: ratios against `task overdue` measured in this same run.
check "shipped \`status\` < 3 ms" "$(m 'shipped|status') ms" 'a < 3' "$(m 'shipped|status')"
for cmd in status overdue timeline "report --format markdown"; do
    check "2,500 (the real workload): \`$cmd\` < 25 ms" "$(m "2500|$cmd") ms" 'a < 25' "$(m "2500|$cmd")"
done
check "2,500: \`done\` < 10 ms" "$(m '2500|done (1 step)') ms" 'a < 10' "$(m '2500|done (1 step)')"
t=$(m "10000|task overdue")
for spec in "overdue|4" "status|5" "report --format markdown|3"; do
    cmd=${spec%|*}
    k=${spec#*|}
    o=$(m "10000|$cmd")
    check "10k: \`$cmd\` at least ${k}× faster than \`task overdue\`" "$o ms vs $t ms: $(ratio "$o" "$t")" "a * $k <= b" "$o" "$t"
done
t=$(m "100000|task overdue")
for cmd in status overdue timeline "report --format markdown"; do
    o=$(m "100000|$cmd")
    check "100k: \`$cmd\` at least 2× faster than \`task overdue\`" "$o ms vs $t ms: $(ratio "$o" "$t")" 'a * 2 <= b' "$o" "$t"
    check "100k: \`$cmd\` peak RSS at most 300 MiB" "${RSS[100000|$cmd]:-} MiB" 'a <= 300' "${RSS[100000|$cmd]:-}"
done
check "\`done\` on a state with 100k changes < 150 ms" "$(m '100000|done (1 step)') ms" 'a < 150' "$(m '100000|done (1 step)')"
