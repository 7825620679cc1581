#!/bin/bash
# report destruction: the PDF opens and shows ranges, counts and hash; a
# record of 10,000 serials over many ranges stays readable; the CSV lists
# every serial exactly once.  Cards printed for residents through a private
# cupsd (tests/lib/print-lib.sh): the CSV and JSON give each invalid card's
# holder by the last 4 digits of the NIK, and no output holds a full NIK.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"	# the CUPS fixture needs bash
. "$(dirname "$0")/lib/test-lib.sh"

TOOL="$TOP/build/ledger-tool"
printf '[site]\noffice = Dinas Kependudukan dan Pencatatan Sipil Kota Contoh\n' >"$BLANKO_CONF"
new_ledger || { fail "setting up a ledger"; test_done; exit 1; }
inv user add au2 --role auditor >/dev/null
W="inv --user wh" A="inv --user au" A2="inv --user au2"
# Dual control needs two real accounts (issue 12): the second auditor is the account nobody.
second_person auditor || fail "letting nobody approve"
A2=$NOBODY_INV
$W receive --supplier Peruri --ref SJ-001 --serials KTP0100000-KTP0119999 --to GUDANG >/dev/null
$W transfer --from GUDANG --to RC1 --serials KTP0100000-KTP0119999 >/dev/null

# 1,000 ranges of 5 spoiled blanks and 1,000 ranges of 5 invalid cards, a gap after each.
lists=$(python3 -c '
s = ["KTP%07d-KTP%07d" % (100000 + 6 * i, 100000 + 6 * i + 4) for i in range(1000)]
v = ["KTP%07d-KTP%07d" % (110000 + 6 * i, 110000 + 6 * i + 4) for i in range(1000)]
print(",".join(s)); print(",".join(v))')
spoil_list=$(echo "$lists" | sed -n 1p)
inv_list=$(echo "$lists" | sed -n 2p)
expect_ok "spoil 5,000 blanks in 1,000 ranges" inv --user pr spoil --serials "$spoil_list" --reason "printer jam"
"$TOOL" "$BLANKO_DB" pr move print RC1 issued "$inv_list"
expect_ok "make 5,000 cards invalid in 1,000 ranges" $A invalid --serials "$inv_list" --reason wrong-data
expect_ok "prepare a record of all of them" $A destroy prepare --all --method incineration --place "Halaman belakang kantor" --planned 2026-12-01
id=$(cat "$TMP/out")

# A draft before execution.
expect_ok "a draft PDF of a prepared record" $A report destruction "$id" --format pdf -o "$TMP/draft.pdf"
check "the draft says it is a draft" sh -c "pdftotext '$TMP/draft.pdf' - | grep -q 'DRAF BERITA ACARA'"
check "the draft is not sealed" sh -c "pdftotext '$TMP/draft.pdf' - | grep -q 'belum disegel'"

expect_ok "approve" $A2 destroy approve "$id"
expect_ok "execute" $A destroy execute "$id" --witness "Budi Santoso; Camat Contoh; 3201010101010001" \
  --witness "Siti Aminah; Lurah Sukamaju; 3201010101010002" --witness "Agus Salim; Polsek; NRP 12345678"
hash=$(sed -n 's/^Record hash: //p' "$TMP/out")

expect_ok "the PDF, in Indonesian" $A report destruction "$id" --format pdf -o "$TMP/bap.pdf"
pdftotext -layout "$TMP/bap.pdf" "$TMP/bap.txt"
check "pdfinfo reads it" sh -c "pdfinfo '$TMP/bap.pdf' >/dev/null"
pages=$(pdfinfo "$TMP/bap.pdf" | sed -n 's/^Pages: *//p')
check "10,000 serials over 2,000 ranges fit in a sensible number of pages ($pages)" test "$pages" -ge 3 -a "$pages" -le 20
# Issue 13 made the PDF the official berita acara (t0311): the title, the
# office in the letterhead, counts with words, the ranges in the annex by
# kind and reason (from, to, quantity).
check "it has the Indonesian title" grep -q "BERITA ACARA PEMUSNAHAN" "$TMP/bap.txt"
check "it names the office" grep -q "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KOTA CONTOH" "$TMP/bap.txt"
check "it shows the total" grep -Eq "Jumlah +10\.000 \(sepuluh ribu\) keping" "$TMP/bap.txt"
check "it shows the count of spoiled blanks" grep -Eq "Blangko rusak: printer jam \(5\.000 \(lima ribu\) keping\)" "$TMP/bap.txt"
check "it shows the count of invalid cards" grep -Eq "KTP-el invalid: data salah \(5\.000 \(lima ribu\) keping\)" "$TMP/bap.txt"
check "it has the annex of ranges" grep -q "LAMPIRAN BERITA ACARA PEMUSNAHAN" "$TMP/bap.txt"
for r in "KTP0100000 +KTP0100004" "KTP0105994 +KTP0105998" "KTP0110000 +KTP0110004" "KTP0115994 +KTP0115998"; do
  check "it lists range $r" grep -Eq -- "$r +5( |$)" "$TMP/bap.txt"
done
check "it lists every range" test "$(grep -Eo 'KTP[0-9]{7} +KTP[0-9]{7}' "$TMP/bap.txt" | tr -s ' ' | sort -u | wc -l)" = 2000
check "it shows the record hash" grep -q "$hash" "$TMP/bap.txt"
check "it names the witnesses" grep -q "Siti Aminah" "$TMP/bap.txt"
check "it has the method and place" sh -c "pdftotext '$TMP/bap.pdf' - | tr -s ' \n' ' ' | grep -q 'bertempat di Halaman belakang kantor.*dengan cara dibakar'"

expect_ok "the PDF, in English" $A report destruction "$id" --format pdf --lang en -o "$TMP/en.pdf"
check "it has the English title" sh -c "pdftotext '$TMP/en.pdf' - | grep -q 'RECORD OF DESTRUCTION'"

expect_ok "the CSV" $A report destruction "$id" --format csv -o "$TMP/bap.csv"
check "the CSV lists every serial exactly once, a range per row, with its reason" python3 - "$TMP/bap.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
want = {"KTP%07d" % (100000 + 6 * i + k): ("spoiled", "printer jam") for i in range(1000) for k in range(5)}
want.update({"KTP%07d" % (110000 + 6 * i + k): ("invalid", "wrong-data") for i in range(1000) for k in range(5)})
got = []
for r in rows:
    a, b = int(r["first"][3:]), int(r["last"][3:])
    assert r["first"][:3] == r["last"][:3] == "KTP" and int(r["count"]) == b - a + 1, r
    got += [("KTP%07d" % n, (r["origin"], r["reason"])) for n in range(a, b + 1)]
assert len(rows) == 2000, len(rows)                # 2,000 ranges: a row each, not a row per serial
assert len(got) == 10000 and dict(got) == want, len(got)
assert all(r["nik_masked"] == "" for r in rows)   # issued by the stand-in printer: no request, no NIK
PY

expect_ok "the JSON" $A report destruction "$id" --format json -o "$TMP/bap.json"
check "the JSON has the count, the hash and the ranges" python3 -c "
import json; j = json.load(open('$TMP/bap.json'))
assert j['count'] == 10000 and j['hash'] == '$hash' and len(j['ranges']) == 2000 and len(j['witnesses']) == 3
assert j['office'].startswith('Dinas') and j['nik_masked'] == {}"

expect_refused "a format it does not know" 1 'not one of pdf, csv, json' $A report destruction "$id" --format xls -o "$TMP/x"
expect_refused "no -o" 2 "--format and -o FILE are required" $A report destruction "$id" --format pdf
expect_refused "an unknown record" 1 "no destruction record 99" $A report destruction 99 --format pdf -o "$TMP/x.pdf"
expect_refused "an unknown language" 1 '--lang: "fr"' $A report destruction "$id" --format pdf --lang fr -o "$TMP/x.pdf"
expect_refused "a folder that does not exist" 1 "cannot write" $A report destruction "$id" --format csv -o "$TMP/no/x.csv"
expect_refused "a print room user may not" 1 "needs the admin,auditor role" inv --user pr report destruction "$id" --format csv -o "$TMP/x.csv"
# Without the PDF writer module (report-pdf.so) the record cannot be a PDF,
# but it can be CSV.
NOPDF=$(no_pdf_writer)
expect_refused "without the PDF writer the PDF is refused" 1 \
  "cannot load the PDF writer: $TMP/no-pdf/build/lib/report-pdf.so: cannot open shared object file" \
  "$NOPDF" --user au report destruction "$id" --format pdf -o "$TMP/nopdf.pdf"
check "and no file was made" test ! -e "$TMP/nopdf.pdf"
expect_ok "the CSV needs no PDF writer" "$NOPDF" --user au report destruction "$id" --format csv -o "$TMP/nopdf.csv"
check "the CSV is the same" cmp -s "$TMP/nopdf.csv" "$TMP/bap.csv"
expect_ok "verify" inv verify
echo "# the record of 10,000 serials has $pages pages"

# --- Cards printed for residents -------------------------------------------------------
# Six residents printed through a private cupsd; request 1 is reprinted (its
# old card, handed back, is superseded; a lost card would never be in a
# record: t0340) and request 2's card comes out bad after printing
# (a spoiled card, printed again).  Invalid: the superseded card, two
# returned cards, both cards printed in the second run, and a card issued by
# the stand-in printer (no request).  Spoiled: request 2's first card and a
# blank from the hopper.
. "$TOP/tests/lib/print-lib.sh"
print_setup card1 || exit 1
export BLANKO_DB="$TMP/cards.db"
new_ledger || { fail "setting up the card ledger"; test_done; exit 1; }
second_person auditor || fail "letting nobody approve"
inv user add au2 --role auditor >/dev/null
$W receive --supplier Peruri --ref SJ-002 --serials KTP0200000-KTP0200099 --to GUDANG >/dev/null
$W transfer --from GUDANG --to RC1 --serials KTP0200000-KTP0200099 >/dev/null
pc printer add P1 --queue card1 --location RC1 >/dev/null
pc printer load P1 --serials KTP0200000-KTP0200011 >/dev/null
"$GEN" -n 6 -s 7 -o "$TMP/res" >/dev/null
expect_ok "import 6 residents" pc import "$TMP/res/residents.csv"
expect_ok "print their cards" pc run --once
cp "$TMP/out" "$TMP/run.log"
check "6 cards printed ($(tail -1 "$TMP/out"))" grep -q "Run ended: 6 printed, 0 spoiled, 0 suspect" "$TMP/out"
expect_ok "reprint request 1 (damaged; the old card is handed back)" pc reprint 1 --reason damaged
expect_ok "request 2's card came out bad (an auditor spoils it)" "$PRINTCTL" --user au spoil KTP0200001 --reason smudged
expect_ok "print the reprint and request 2 again" pc run --once
cat "$TMP/out" >>"$TMP/run.log"
check "2 more cards printed ($(tail -1 "$TMP/out"))" grep -q "Run ended: 2 printed, 0 spoiled, 0 suspect" "$TMP/out"
second=$(sed -n 's/.*request #[0-9]* printed on \(KTP[0-9]*\).*/\1/p' "$TMP/out" | sort | paste -sd,)
check "the second run printed KTP0200006 and KTP0200007 ($second)" test "$second" = KTP0200006,KTP0200007
expect_ok "invalid: the superseded card" $A invalid --serials KTP0200000 --reason superseded
expect_ok "invalid: two returned cards" $A invalid --serials KTP0200002-KTP0200003 --reason returned
expect_ok "invalid: both cards of the second run" $A invalid --serials KTP0200006-KTP0200007 --reason damaged
"$TOOL" "$BLANKO_DB" pr move print RC1 issued KTP0200050
expect_ok "invalid: a card with no request" $A invalid --serials KTP0200050 --reason found
expect_ok "spoil a blank in the hopper" inv --user pr spoil --serials KTP0200011 --reason "printer jam"
expect_ok "prepare a record of them" $A --json destroy prepare --all --method shredding --place Gudang
cid=$(json_get 'j["id"]')
expect_ok "approve it" $A2 destroy approve "$cid"
expect_ok "execute it" $A destroy execute "$cid" --witness "Budi; Camat; 1" --witness "Siti; Lurah; 2"
expect_ok "the CSV of printed cards" $A report destruction "$cid" --format csv -o "$TMP/cards.csv"
expect_ok "the JSON of printed cards" $A report destruction "$cid" --format json -o "$TMP/cards.json"
expect_ok "the PDF of printed cards" $A report destruction "$cid" --format pdf -o "$TMP/cards.pdf"
expect_ok "the PDF of printed cards, in English" $A report destruction "$cid" --format pdf --lang en -o "$TMP/cards-en.pdf"
# The expected holders come from the print runs' own lines ("request #N
# printed on SERIAL") and the imported file (request #N is row N; the
# reprint, request 7, is request 1's resident).
check "the CSV gives each invalid printed card its holder's NIK masked but for the last 4 digits, and no other" \
  python3 - "$TMP/run.log" "$TMP/res/residents.csv" "$TMP/cards.csv" "$TMP/cards.json" <<'PY'
import csv, json, re, sys
log, residents, out, js = sys.argv[1:]
nik = {i + 1: r["nik"] for i, r in enumerate(csv.DictReader(open(residents, newline="")))}
nik[7] = nik[1]
printed = {s: int(n) for n, s in re.findall(r"request #(\d+) printed on (KTP\d+)", open(log).read())}
mask = lambda s: "*" * 12 + nik[printed[s]][-4:]
want = {
    "KTP0200000": ("invalid", "superseded", mask("KTP0200000")),
    "KTP0200001": ("spoiled", "smudged", ""),
    "KTP0200002": ("invalid", "returned", mask("KTP0200002")),
    "KTP0200003": ("invalid", "returned", mask("KTP0200003")),
    "KTP0200006": ("invalid", "damaged", mask("KTP0200006")),
    "KTP0200007": ("invalid", "damaged", mask("KTP0200007")),
    "KTP0200011": ("spoiled", "printer jam", ""),
    "KTP0200050": ("invalid", "found", ""),
}
assert printed["KTP0200000"] == 1 and printed["KTP0200002"] == 3 and printed["KTP0200003"] == 4, printed
assert {printed["KTP0200006"], printed["KTP0200007"]} == {2, 7}, printed
rows = list(csv.DictReader(open(out, newline="")))
got = {}
for r in rows:
    a, b = int(r["first"][3:]), int(r["last"][3:])
    assert int(r["count"]) == b - a + 1 and (not r["nik_masked"] or a == b), r   # a card with a holder: a row alone
    got.update({"KTP%07d" % n: (r["origin"], r["reason"], r["nik_masked"]) for n in range(a, b + 1)})
assert got == want, got
assert all(re.fullmatch(r"\*{12}\d{4}", v[2]) for v in want.values() if v[2])
j = json.load(open(js))
assert j["nik_masked"] == {s: v[2] for s, v in want.items() if v[2]}, j["nik_masked"]
PY
pdftotext "$TMP/cards.pdf" "$TMP/cards.txt"
pdftotext "$TMP/cards-en.pdf" "$TMP/cards-en.txt"
check "the PDF lists the serials" sh -c "pdftotext -layout '$TMP/cards.pdf' - | grep -Eq 'KTP0200006 +KTP0200007'"
# No output holds a NIK beyond its last 4 digits: neither the full NIK nor its first 12.
sed 1d "$TMP/res/residents.csv" | cut -d, -f1 >"$TMP/niks"
cut -c1-12 "$TMP/niks" >>"$TMP/niks"
check "the NIKs to look for ($(wc -l <"$TMP/niks"))" test "$(wc -l <"$TMP/niks")" = 12
for f in cards.csv cards.json cards.txt cards-en.txt; do
  check "no full NIK in $f" sh -c "! grep -q -F -f '$TMP/niks' '$TMP/$f'"
done
expect_ok "verify the card ledger" inv verify

test_done
