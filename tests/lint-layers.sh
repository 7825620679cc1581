#!/bin/sh
# The layers of the code, checked from the compiled objects.
#
#   tests/lint-layers.sh [--report] [--graph] [--layers] [BUILD]
#
# Reads every object built from inventory/ and printctl/ (found under BUILD,
# default build/) with nm: the symbols each defines and the symbols it
# needs.  A symbol one object needs and another defines is a call (or a use
# of data) from the first file to the second.  Fails, naming the two files
# and the symbol, on:
#   - a call from a lower layer to a higher one ("upward");
#   - a call between two files of the same rank that are not peers of one
#     layer ("sideways": independent parts never call each other);
#   - any cycle among files;
#   - a call into a layer that names its callers, from any other layer;
#   - any SQLite call (sqlite3_*) from a file above the store;
#   - any object whose file is not in the table below.
# --report prints the same findings but exits 0; --graph prints the
# file-level call graph (caller -> callee: symbols), one line per pair;
# --layers the layer-level graph (layer -> the layers it calls), for the
# README.
#
# The table maps files to layers by path (shell patterns); a pattern
# without a "/" matches the basename.  The first row that matches names the
# layer, so a folder's catch-all (inventory/lib/*: the rules) comes after
# the rows that pick out its other files (verify's row, above the rules,
# stands before it for that reason).  Lowest first otherwise; a file may call only files of a lower rank,
# or, in a layer marked "peers", other files of its own layer.  Flags,
# joined with ",": "sql", the layer may call SQLite; "callers=A+B", only
# layers A and B may call it (a part beside the ledger, or one below a
# single user).

LAYERS='
# rank layer     flags  files (paths without .c; shell patterns)
10     leaf      -      inventory/lib/i18n inventory/lib/kinds inventory/lib/serial inventory/lib/date inventory/lib/text inventory/lib/events inventory/lib/states inventory/lib/keyring
15     render    peers,callers=card+engine+commands printctl/render/*
15     cups      callers=engine+commands printctl/cups/*
20     schema    sql,callers=db inventory/lib/schema
21     db        sql    inventory/lib/db
30     stmt      sql    inventory/lib/store
31     store     sql    inventory/lib/store-*
40     names     -      inventory/lib/names
41     chain     -      inventory/lib/chain
60     verify    peers  inventory/lib/verify inventory/lib/verify-*
50     rules     peers  inventory/lib/*
70     frame     peers  inventory/cli/*
75     card      peers  printctl/card/*
76     engine    peers  printctl/dispatch printctl/dispatch-*
78     reports   peers  inventory/report/*
79     web       peers  printctl/web/*
80     commands  peers  inventory/cmd/* printctl/cmd/*
90     program   -      inventory/inventory printctl/printctl
'

mode=check
graph=false
layers=false
build=build
for arg in "$@"; do
  case $arg in
    --report) mode=report ;;
    --graph) graph=true ;;
    --layers) layers=true ;;
    -*) echo "usage: $0 [--report] [--graph] [--layers] [BUILD]" >&2; exit 2 ;;
    *) build=$arg ;;
  esac
done

cd "$(dirname "$0")/.." || exit 2
[ -d "$build" ] || { echo "FAIL: no $build folder: build first (make all)"; exit 1; }
NM=${NM:-nm}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The objects of the programs' sources (not the tests', not the sanitized
# copies): one per source file of inventory/ and printctl/, found as
# BUILD/<path>.o or else by its basename under BUILD.
git ls-files --cached --others --exclude-standard -- 'inventory/*.c' 'printctl/*.c' 2>/dev/null | sort -u >"$work/sources"
[ -s "$work/sources" ] || find inventory printctl -name '*.c' | sort -u >"$work/sources"
find "$build" -name '*.o' -not -path '*/asan/*' -not -path '*/unit/*' -not -path '*/replay/*' \
  -not -path '*/fuzz/*' | sort >"$work/objects.all"
: >"$work/objects"
while read -r src; do
  base=${src##*/}; base=${base%.c}
  obj=$build/${src%.c}.o
  [ -f "$obj" ] || obj=$(grep "/$base\.o\$" "$work/objects.all" | grep -v '/pic/' | head -n 1)
  [ -n "$obj" ] || obj=$(grep "/$base\.o\$" "$work/objects.all" | head -n 1)
  if [ -z "$obj" ]; then
    echo "FAIL: no object for $src under $build (make all first)"
    echo missing >>"$work/fail"
    continue
  fi
  echo "$base $src $obj" >>"$work/objects"
done <"$work/sources"

# layer_of BASE PATH: print "rank layer flags" for a file, or nothing.
echo "$LAYERS" | grep -v '^ *#' | grep -v '^ *$' >"$work/table"
layer_of() {
  set -f				# the patterns are not to be expanded here
  while read -r rank layer flags files; do
    for pat in $files; do
      # shellcheck disable=SC2254
      case $pat in */*) name=${2%.c} ;; *) name=$1 ;; esac
      case $name in $pat) echo "$rank $layer $flags"; set +f; return ;; esac
    done
  done <"$work/table"
  set +f
}

# defs: "symbol file"; uses: "file symbol".
: >"$work/defs"; : >"$work/uses"; : >"$work/layer"
while read -r base src obj; do
  l=$(layer_of "$base" "$src")
  if [ -z "$l" ]; then
    echo "FAIL: $src ($obj) is in no layer: add it to the table in $0"
    echo unmapped >>"$work/fail"
    continue
  fi
  echo "$src $l" >>"$work/layer"
  $NM -P "$obj" | awk -v f="$src" '$2 ~ /^[TDBRCVWGS]$/ { print $1, f }' >>"$work/defs"
  $NM -P -u "$obj" | awk -v f="$src" '{ print f, $1 }' >>"$work/uses"
done <"$work/objects"

# A symbol defined twice (but main, one per program) is a link error
# waiting; name it.
awk '$1 != "main" { print $1 }' "$work/defs" | sort | uniq -d | while read -r s; do
  echo "FAIL: $s is defined in $(awk -v s="$s" '$1 == s { printf "%s ", $2 }' "$work/defs")"
  echo dup >>"$work/fail"
done

# edges: "caller callee symbol", from the files' own symbols only.
awk 'NR == FNR { def[$1] = $2; next }
     ($2 in def) && def[$2] != $1 { print $1, def[$2], $2 }' "$work/defs" "$work/uses" | sort -u >"$work/edges"

if $graph; then
  awk '{ k = $1 " -> " $2; if (!(k in s)) { order[++n] = k; s[k] = $3 } else s[k] = s[k] " " $3 }
       END { for (i = 1; i <= n; i ++) print order[i] ": " s[order[i]] }' "$work/edges" | sort
fi

if $layers; then
  awk 'NR == FNR { rank[$1] = $2; layer[$1] = $3; next }
       layer[$1] != layer[$2] { k = rank[$1] " " layer[$1]; c[k] = c[k] " " layer[$2]; seen[k, layer[$2]] ++ }
       END { for (k in c) { split(k, a, " "); n = split(c[k], l, " "); out = ""
               for (i = 1; i <= n; i ++) if (!(l[i] in u) || u[l[i]] != k) { u[l[i]] = k; out = out " " l[i] }
               print a[1], a[2] " ->" out } }' "$work/layer" "$work/edges" | sort -n | cut -d" " -f2- |
    while read -r from arrow to; do	# the callees in a stable order
      echo "$from $arrow $(printf '%s\n' $to | sort | tr '\n' ' ' | sed 's/ $//')"
    done
fi

# The rule, edge by edge.
awk 'NR == FNR { rank[$1] = $2; layer[$1] = $3; flags[$1] = $4; next }
     {
       a = $1; b = $2
       if (rank[a] < rank[b])
         printf "FAIL: upward call: %s (%s) calls %s in %s (%s)\n", a, layer[a], $3, b, layer[b]
       else if (rank[a] == rank[b] && (layer[a] != layer[b] || flags[a] !~ /peers/))
         printf "FAIL: sideways call: %s (%s) calls %s in %s (%s)\n", a, layer[a], $3, b, layer[b]
       else if (layer[a] != layer[b] && match(flags[b], /callers=[^,]*/) &&
                index("+" substr(flags[b], RSTART + 8, RLENGTH - 8) "+", "+" layer[a] "+") == 0)
         printf "FAIL: call from outside its callers: %s (%s) calls %s in %s (%s, %s)\n", a, layer[a], $3, b,
                layer[b], substr(flags[b], RSTART, RLENGTH)
     }' "$work/layer" "$work/edges" | tee "$work/bad"
[ -s "$work/bad" ] && echo layer >>"$work/fail"

# SQLite only in the store, db and schema.
awk 'NR == FNR { flags[$1] = $4; layer[$1] = $3; next }
     $2 ~ /^sqlite3_/ && ($1 in flags) && flags[$1] !~ /sql/ {
       printf "FAIL: SQLite above the store: %s (%s) calls %s\n", $1, layer[$1], $2 }' \
  "$work/layer" "$work/uses" | tee "$work/sql"
[ -s "$work/sql" ] && echo sql >>"$work/fail"

# No cycle among files (peers included): the files that reach each other,
# one group per line (transitive closure of the file graph).
awk '{ if (!($1 in id)) { id[$1] = ++n; name[n] = $1 }
       if (!($2 in id)) { id[$2] = ++n; name[n] = $2 }
       r[id[$1], id[$2]] = 1 }
     END {
       for (k = 1; k <= n; k ++) for (i = 1; i <= n; i ++) if ((i, k) in r)
         for (j = 1; j <= n; j ++) if ((k, j) in r) r[i, j] = 1
       for (i = 1; i <= n; i ++) if (!(i in done) && (i, i) in r) {
         line = name[i]
         for (j = i + 1; j <= n; j ++) if ((i, j) in r && (j, i) in r) { line = line " " name[j]; done[j] = 1 }
         print "FAIL: files call each other in a cycle: " line
       }
     }' "$work/edges" | tee "$work/cycle"
[ -s "$work/cycle" ] && echo cycle >>"$work/fail"

n=$(wc -l <"$work/objects")
e=$(awk '{ print $1, $2 }' "$work/edges" | sort -u | wc -l)
if [ -s "$work/fail" ]; then
  echo "layers: $n files, $e file-level calls: FAILED"
  [ $mode = report ] && exit 0
  exit 1
fi
echo "layers: $n files, $e file-level calls: OK"
