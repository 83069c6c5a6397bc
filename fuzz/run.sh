#!/usr/bin/env bash
# Runs the cargo-fuzz targets for a while each, seeded from fuzz/seeds/.
#
#   fuzz/run.sh SECONDS [TARGET...]     # default: every target, one after the other
#
# Exits 0 when no target crashed (or when there is no nightly toolchain, which
# libFuzzer needs: then it says "skipped"), non-zero on a crash, timeout or
# OOM (an input running over 10 s or 2 GB), naming the file libFuzzer saved
# the input in.
set -euo pipefail

usage() {
    echo "usage: $0 SECONDS [TARGET...]" >&2
    echo "targets: ${ALL_TARGETS[*]}" >&2
    exit 2
}

FUZZ_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ALL_TARGETS=(roadmap_file due_date state_file command_line plan_table office_file)

[[ $# -ge 1 && $1 =~ ^[1-9][0-9]*$ ]] || usage
SECONDS_EACH=$1
shift
TARGETS=("$@")
[[ ${#TARGETS[@]} -gt 0 ]] || TARGETS=("${ALL_TARGETS[@]}")
for target in "${TARGETS[@]}"; do
    [[ " ${ALL_TARGETS[*]} " == *" $target "* ]] || { echo "unknown target: $target" >&2; usage; }
done

if ! command -v rustup >/dev/null 2>&1 || ! rustup toolchain list | grep -q '^nightly'; then
    echo "skipped: no nightly toolchain (install one with: rustup toolchain install nightly)"
    exit 0
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz..."
    # Not being able to install the fuzzer is not a crash in roadmap: say so and stop.
    if ! cargo install cargo-fuzz --locked; then
        echo "skipped: cargo-fuzz could not be installed"
        exit 0
    fi
fi

cd "$FUZZ_DIR"
failed=()
for target in "${TARGETS[@]}"; do
    corpus="corpus/$target"
    mkdir -p "$corpus" "artifacts/$target"
    # Seeds are named, the corpus is hash-named: copying never clobbers work.
    cp -f seeds/"$target"/* "$corpus"/
    # Inputs that once crashed are replayed by every run.
    if [[ -d regressions/$target ]] && compgen -G "regressions/$target/*" >/dev/null; then
        for f in regressions/"$target"/*; do cp -f "$f" "$corpus/regression-$(basename "$f")"; done
    fi
    log="artifacts/$target/last-run.log"
    echo "== $target: ${SECONDS_EACH}s (corpus $(find "$corpus" -type f | wc -l) files, log $FUZZ_DIR/$log)"
    # The whole log goes to $log; only the summary lines reach the terminal.
    set +e +o pipefail
    # The command line target runs whole commands: their output (a report
    # per input) is closed off; a crash still saves its input.
    quiet=()
    [[ $target == command_line ]] && quiet=(-close_fd_mask=3)
    cargo +nightly fuzz run "$target" "$corpus" -- \
        -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 "${quiet[@]}" \
        2>&1 | tee "$log" | grep -E '^(#[0-9]+ +(DONE|INITED)|==[0-9]+==|SUMMARY|artifact_prefix|Test unit written|stat::number_of_executed_units|stat::peak_rss|error(\[|:))|panicked at|Done [0-9]+ runs'
    status=${PIPESTATUS[0]}
    set -e -o pipefail
    if [[ $status -ne 0 ]]; then
        saved=$(grep -oE 'Test unit written to [^ ]+' "$log" | sed 's/Test unit written to //' | tail -n 1 || true)
        echo "!! $target FAILED (exit $status)" >&2
        [[ -z $saved || $saved == /* ]] || saved="$FUZZ_DIR/$saved"
        if [[ -n $saved ]]; then
            echo "!! crashing input saved at: $saved" >&2
            echo "!! reproduce: cd $FUZZ_DIR && cargo +nightly fuzz run $target $saved" >&2
            echo "!! minimise:  cd $FUZZ_DIR && cargo +nightly fuzz tmin $target $saved" >&2
        else
            echo "!! no input was saved; see $FUZZ_DIR/$log" >&2
        fi
        failed+=("$target")
    else
        echo "== $target: no crash; corpus now $(find "$corpus" -type f | wc -l) files"
    fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
    echo "crashed: ${failed[*]}" >&2
    exit 1
fi
echo "all targets ran ${SECONDS_EACH}s without a crash: ${TARGETS[*]}"
