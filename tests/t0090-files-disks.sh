#!/bin/bash
# Output files and full disks (issue 10, 5.2, 5.6, 5.7, 5.9, 5.11):
# reports and printctl render refuse links, FIFOs and hard-linked files and
# leave 0600 files; on a full disk (a small tmpfs, never a device node)
# every report format and render exit 1 with one line, remove a file they
# created and leave an existing one in place, emptied; a write command
# whose commit fails prints nothing on stdout; read commands work on a
# full disk; a FIFO as the site key does not hang printctl.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib/test-lib.sh"

PRINTCTL="$BLANKO_BIN/printctl"
card_site_setup

new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
W="$INVENTORY --user wh" A="$INVENTORY --user au" P="$PRINTCTL --user pr"
$W receive --supplier Peruri --ref SJ-1 --serials KTP0000001-KTP0001000 --to GUDANG >/dev/null
$W transfer --from GUDANG --to RC1 --serials KTP0000001-KTP0000100 >/dev/null
inv --user pr spoil --serials KTP0000001-KTP0000010 --reason "printer jam" >/dev/null
id=$($A destroy prepare --all --method incineration --place Halaman)
"$TOP/build/gen-residents" -n 2 -s 5 -o "$TMP/res" >/dev/null
$P import "$TMP/res/residents.csv" >/dev/null
today=$(TZ=Asia/Jakarta date +%F)	# the office's day ([site] timezone, default Asia/Jakarta)

# Every report and card that writes a file: "NAME ARGS..." (the -o comes last).
writers=(
  "destruction-csv:$A report destruction $id --format csv -o"
  "destruction-json:$A report destruction $id --format json -o"
  "destruction-pdf:$A report destruction $id --format pdf -o"
  "reconcile-text:$A report reconcile --from $today --to $today -o"
  "reconcile-csv:$A report reconcile --from $today --to $today --format csv -o"
  "reconcile-json:$A report reconcile --from $today --to $today --format json -o"
  "reconcile-pdf:$A report reconcile --from $today --to $today --format pdf -o"
  "stock-text:$A report stock -o"
  "stock-json:$A report stock --format json -o"
  "stock-pdf:$A report stock --format pdf -o"
  "render-pdf:$P render 1 -o"
  "render-png:$P render 1 -o"
)
ext() { case $1 in *-pdf) echo pdf ;; *-png) echo png ;; *-csv) echo csv ;; *-json) echo json ;; *) echo txt ;; esac; }

# 5.2: a symbolic link, a FIFO, a hard link are refused; an existing file is overwritten and made 0600.
echo precious >"$TMP/target"
chmod 644 "$TMP/target"
mkfifo "$TMP/fifo.pdf"
for w in "${writers[@]}"; do
  name=${w%%:*} cmd=${w#*:} e=$(ext "$name")
  ln -sf "$TMP/target" "$TMP/link.$e"
  target_sum=$(sha256sum <"$TMP/target")
  expect_refused "$name: -o a symbolic link is refused" 1 "link.$e is a symbolic link" $cmd "$TMP/link.$e"
  check "$name: the link's target is untouched" test "$(sha256sum <"$TMP/target")" = "$target_sum"
  rm -f "$TMP/fifo.$e"; mkfifo "$TMP/fifo.$e"
  expect_refused "$name: -o a FIFO is refused at once" 1 "fifo.$e is not a regular file" timeout 20 $cmd "$TMP/fifo.$e"
  ln -f "$TMP/target" "$TMP/hard.$e"
  expect_refused "$name: -o a file with another name (hard link) is refused" 1 "hard.$e has other names" $cmd "$TMP/hard.$e"
  rm -f "$TMP/hard.$e"
  echo "old content" >"$TMP/old.$e"; chmod 644 "$TMP/old.$e"
  expect_ok "$name: -o an existing regular file" $cmd "$TMP/old.$e"
  check "$name: it is overwritten and made mode 0600" \
    sh -c "test \"\$(stat -c %a '$TMP/old.$e')\" = 600 && ! grep -q 'old content' '$TMP/old.$e'"
  expect_ok "$name: -o a new file" $cmd "$TMP/new.$e"
  check "$name: the new file is mode 0600 and not empty" \
    sh -c "test \"\$(stat -c %a '$TMP/new.$e')\" = 600 && test -s '$TMP/new.$e'"
done

# 5.7: a full disk.  A 64 KiB tmpfs, filled; unmounted whatever happens.
FULL="$TMP/full"
test_require tmpfs
small_disk "$FULL" 64k || { test_done; exit 1; }
head -c 4000 /dev/urandom >"$FULL/old-report.pdf"
head -c 4000 /dev/urandom >"$FULL/old-card.png"
for w in "${writers[@]}"; do
  name=${w%%:*} e=$(ext "$name")
  : >"$FULL/existing-$name.$e"		# empty: truncating it frees no space
done
dd if=/dev/zero of="$FULL/filler" bs=4k 2>/dev/null
check "the tmpfs is full" test "$(df --output=avail "$FULL" | tail -1 | tr -d ' ')" -eq 0
for w in "${writers[@]}"; do
  name=${w%%:*} cmd=${w#*:} e=$(ext "$name")
  expect_refused "$name: a full disk exits 1 with one line" 1 "cannot write .*new-$name.$e: No space left on device" \
    $cmd "$FULL/new-$name.$e"
  check "$name: the file it created is removed" test ! -e "$FULL/new-$name.$e"
  expect_refused "$name: a full disk, -o an existing file, exits 1" 1 "No space left on device" \
    $cmd "$FULL/existing-$name.$e"
  check "$name: the existing file is left, empty (no half report)" \
    sh -c "test -f '$FULL/existing-$name.$e' && test ! -s '$FULL/existing-$name.$e'"
done
expect_refused "a report on standard output to a full disk exits 1" 1 "cannot write standard output: No space left" \
  sh -c "exec $INVENTORY --user au report stock >'$FULL/stdout.txt'"
expect_refused "the destruction CSV on standard output to a full disk exits 1" 1 "cannot write standard output: No space left" \
  sh -c "exec $INVENTORY --user au report destruction $id --format csv -o - >'$FULL/stdout.txt'"
# A write command whose report cannot reach a full disk: the change is
# committed (it is in the ledger), and the command says so and exits 1.
run sh -c "exec $INVENTORY --user wh receive --supplier Peruri --ref SJ-FULL-OUT --serials KTP0009000 --to GUDANG >'$FULL/stdout.txt'"
check "a receive whose report hits a full disk exits 1 with one line saying it was committed ($(cat "$TMP/err"))" \
  test "$rc" = 1 -a "$(wc -l <"$TMP/err")" = 1 -a "$(grep -c 'committed, but its report could not be written' "$TMP/err")" = 1
check "and the receipt is in the ledger" sh -c "$INVENTORY history KTP0009000 | grep -q SJ-FULL-OUT"
# Last, as truncating them frees space: a 4 KB file from before, overwritten
# by a bigger PDF or PNG that does not fit.
expect_refused "a PDF over an existing 4 KB file on a full disk exits 1" 1 "cannot write .*old-report.pdf: No space left" \
  $A report destruction "$id" --format pdf -o "$FULL/old-report.pdf"
check "the existing file is left, emptied" sh -c "test -f '$FULL/old-report.pdf' && test ! -s '$FULL/old-report.pdf'"
expect_refused "a card PNG over an existing 4 KB file on a full disk exits 1" 1 "cannot write .*old-card.png: No space left" \
  $P render 1 -o "$FULL/old-card.png"
check "the existing file is left, emptied" sh -c "test -f '$FULL/old-card.png' && test ! -s '$FULL/old-card.png'"
check "no test wrote to a device node: /dev/full is still a character device" test -c /dev/full

test_done
