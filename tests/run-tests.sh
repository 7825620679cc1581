#!/bin/sh
# Run every test: the C unit tests (plain and under AddressSanitizer and
# UBSan) and the shell tests that run the real programs.  Prints each
# check, then "N passed, N failed"; exits 1 on any failure.

cd "$(dirname "$0")/.." || exit 2
passed=0
failed=0
skipped=0

# Every test is executable (it is run as a program, with its own #! line).
for t in tests/t[0-9]*.sh; do
  [ -x "$t" ] || { echo "FAIL: $t is not executable (chmod +x, and git update-index --chmod=+x)"; failed=$((failed + 1)); }
done

# Test numbers are unique: tNNNN names one test (as git's t/ lint).
dups=$(ls tests/t[0-9]*.sh | sed 's|.*/t\([0-9]*\)-.*|\1|' | sort | uniq -d)
if [ -n "$dups" ]; then
  echo "FAIL: test numbers used twice: $(echo $dups)"
  failed=$((failed + 1))
fi
# The layers, read from the built objects: no call from a lower layer to a
# higher one, no cycle, SQLite only in the store (tests/lint-layers.sh).
if layers=$(sh tests/lint-layers.sh 2>&1); then
  echo "PASS: $layers"
  passed=$((passed + 1))
else
  echo "$layers"
  failed=$((failed + 1))
fi
# README.md's "Architecture" says who calls whom: the lines between its
# "```layers" fence and the closing one are what the objects show.
said=$(sed -n '/^```layers$/,/^```$/p' README.md | sed '1d;$d')
found=$(sh tests/lint-layers.sh --report --layers 2>&1 | grep -- ' -> ')
if [ "$said" = "$found" ]; then
  echo "PASS: README.md's layers are the objects' (tests/lint-layers.sh --layers)"
  passed=$((passed + 1))
else
  echo "FAIL: README.md's layers differ from the objects'; put there the output of tests/lint-layers.sh --layers:"
  echo "$found"
  failed=$((failed + 1))
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# run_one NAME COMMAND...: run a test program and add up its closing line.
run_one() {
  name=$1; shift
  echo "== $name"
  "$@" >"$log" 2>&1
  status=$?
  cat "$log"
  skipped=$((skipped + $(grep -c '^# SKIP' "$log")))
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
  if [ -z "$line" ]; then
    echo "FAIL: $name ended (exit $status) without its closing line"
    failed=$((failed + 1))
    return
  fi
  p=${line%% passed*}
  f=${line#*, }; f=${f%% failed*}
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "FAIL: $name exited $status"
    failed=$((failed + 1))
  fi
}

# (LeakSanitizer ignores what the libraries keep: fontconfig's configuration.)
export LSAN_OPTIONS="suppressions=$PWD/tests/fuzz/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# (BLANKO_BUILD: the build folder, build/ unless make coverage says.)
b=${BLANKO_BUILD:-build}
for t in "$b"/unit/test-* "$b"/asan/test-* "$b"/test-render; do
  [ -x "$t" ] && run_one "$t" "$t"
done
# Every fuzz target replays its corpus and every crash ever found.
# They run with a TMPDIR of their own, which must be empty afterwards: the
# scratch files they make are theirs to remove.
# (kept findings are tests/fuzz/found/TARGET-*; the corpus folder must exist)
fuzz_tmp=$(mktemp -d)
for t in "$b"/replay/fuzz-*; do
  name=${t##*/fuzz-}
  [ -x "$t" ] || continue
  set -- "tests/fuzz/corpus/$name"
  for f in tests/fuzz/found/"$name"-*; do [ -f "$f" ] && set -- "$@" "$f"; done
  TMPDIR=$fuzz_tmp run_one "$t" "$t" "$@"
done
left=$(ls -A "$fuzz_tmp")
if [ -n "$left" ]; then
  echo "FAIL: the fuzz replays left files in their TMPDIR: $left"
  failed=$((failed + 1))
else
  echo "PASS: the fuzz replays left no file in their TMPDIR"
  passed=$((passed + 1))
fi
rm -rf "$fuzz_tmp"
for t in tests/t[0-9]*.sh; do
  run_one "$t" "$t"
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
