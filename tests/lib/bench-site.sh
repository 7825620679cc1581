# What the benchmarks' ledgers share (tests/bench/*.sh, sourced after
# tests/lib/env.sh).

# bench_site NAME <<CONF: a folder $dir of its own (blanko-bench-NAME.*,
# removed at exit) with blanko.conf: Semarang's [site] fields the card
# template needs, then standard input (more [site] fields, other sections);
# exports BLANKO_CONF, BLANKO_DB=$dir/ledger.db and LC_ALL=C.UTF-8.
bench_site() {
  dir=$(mktemp -d "${TMPDIR:-/tmp}/blanko-bench-$1.XXXXXX")
  trap 'rm -rf "$dir"' EXIT
  {
    printf '[site]\nprovince = Jawa Tengah\nregency = Kota Semarang\nissue_city = Kota Semarang\n'
    cat
  } >"$dir/blanko.conf"
  export BLANKO_CONF="$dir/blanko.conf" BLANKO_DB="$dir/ledger.db" LC_ALL=C.UTF-8
}
