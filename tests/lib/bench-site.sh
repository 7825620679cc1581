# What the benchmarks' ledgers share (tests/bench/*.sh, sourced after
# tests/lib/env.sh).

# bench_site DIR <<CONF: DIR/blanko.conf with Semarang's [site] fields the
# card template needs, then standard input (more [site] fields, other
# sections); exports BLANKO_CONF, BLANKO_DB=DIR/ledger.db and LC_ALL=C.UTF-8.
bench_site() {
  {
    printf '[site]\nprovince = Jawa Tengah\nregency = Kota Semarang\nissue_city = Kota Semarang\n'
    cat
  } >"$1/blanko.conf"
  export BLANKO_CONF="$1/blanko.conf" BLANKO_DB="$1/ledger.db" LC_ALL=C.UTF-8
}
