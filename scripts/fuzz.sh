#!/usr/bin/env bash
# Fuzzes the core with libFuzzer (cargo-fuzz): each target runs for SECONDS (default 20).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     targets: annotate dct import saved (default: all)
#
# Targets live in fuzz/ (its own workspace, never part of the main build):
#   annotate  any bytes (lossy UTF-8) → Pipeline::annotate_article, rules and trained model
#   dct       any bytes (lossy UTF-8) → extract::dct::detect
#   import    first byte picks newsmark / doccano / Label Studio / brat, the rest is the
#             file (brat: `.txt`, then a line `===ann===`, then the `.ann`) → Format::import
# Seeds are fuzz/corpus/<target>/seed-*; what libFuzzer adds beside them is not committed.
# A crash or a broken contract writes the input to fuzz/artifacts/<target>/ and makes this
# script fail; replay it with `RUSTC_BOOTSTRAP=1 cargo fuzz run <target> <file>`.
#
# There is no nightly toolchain here: cargo-fuzz's nightly-only flags (sanitizer, coverage
# instrumentation) are let through on stable with RUSTC_BOOTSTRAP=1, for this build only.
# cargo-fuzz itself is installed from crates.io into ~/.cargo/bin when missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds=${1:-20}
[[ $seconds =~ ^[0-9]+$ ]] || { echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 2; }
shift $(( $# > 0 ? 1 : 0 ))
targets=("$@")
(( ${#targets[@]} )) || targets=(annotate dct import saved)

export PATH="$HOME/.cargo/bin:$PATH"
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz from crates.io" >&2
  cargo install cargo-fuzz --locked
fi

export RUSTC_BOOTSTRAP=1
# -a: debug assertions and overflow checks on, so arithmetic that wraps is a finding too.
# FUZZ_SANITIZER=none trades AddressSanitizer's checks of unsafe code for speed.
build_flags=(--fuzz-dir fuzz -a --sanitizer "${FUZZ_SANITIZER:-address}")
cargo fuzz build "${build_flags[@]}" >&2

logs=fuzz/target/logs
mkdir -p "$logs"
summary=()
failed=()
for t in "${targets[@]}"; do
  echo "== fuzzing $t for ${seconds}s" >&2
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  set +e
  # The pipeline's cost grows with the input: annotate's inputs are kept to 1 KB, which
  # still holds several sentences and datelines, the cheap targets' to 4 KB.
  max_len=4096; [ "$t" = annotate ] && max_len=1024
  # FUZZ_RUNS=N runs each target for N executions instead of SECONDS (the long runs the
  # README reports); its new inputs go to a scratch corpus, to be minimised into
  # fuzz/corpus/<target> with `cargo fuzz cmin`.
  if [ -n "${FUZZ_RUNS:-}" ]; then
    limit=(-runs="$FUZZ_RUNS"); corpus=(fuzz/target/corpus-long/"$t" "fuzz/corpus/$t"); mkdir -p "${corpus[0]}"
  else
    limit=(-max_total_time="$seconds"); corpus=("fuzz/corpus/$t")
  fi
  cargo fuzz run "${build_flags[@]}" "$t" "${corpus[@]}" -- \
    "${limit[@]}" -max_len="$max_len" -timeout=10 -print_final_stats=1 \
    >"$logs/$t.log" 2>&1
  rc=$?
  set -e
  runs=$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$logs/$t.log" | tail -1 | grep -Eo '[0-9]+ runs in [0-9]+' || true)
  execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$logs/$t.log" | grep -Eo '[0-9]+$' || true)
  if (( rc == 0 )); then
    summary+=("$(printf '%-9s ok     %s s, %s executions' "$t" "${runs#* runs in }" "${execs:-${runs%% runs*}}")")
  else
    failed+=("$t")
    summary+=("$(printf '%-9s FAILED after %s executions (exit %d): see %s' "$t" "${execs:-?}" "$rc" "$logs/$t.log")")
    grep -E 'panicked at|Test unit written to|SUMMARY' "$logs/$t.log" | head -5 >&2 || true
  fi
done

printf '\n%s\n' "fuzzing summary (${seconds}s per target):"
printf '  %s\n' "${summary[@]}"
if (( ${#failed[@]} )); then
  echo "crash inputs: fuzz/artifacts/<target>/ (${failed[*]})" >&2
  exit 1
fi
