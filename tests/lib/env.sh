# The run-time paths of an uninstalled build.  The programs look for their
# configuration, catalogs, PDF writer module, templates and default ledger
# where "make install" puts them (see blankoPath in inventory/cli/config.c);
# each path has an environment variable that overrides it.  Sourced by the
# tests' harness, and by hand to run bin/inventory or bin/printctl from the
# top folder of a build tree:
#
#     . tests/lib/env.sh
#
# BLANKO_BUILD names the build folder (default build/) and BLANKO_BIN the
# programs' folder (default bin/): "make coverage" sets both.  BLANKO_CONF
# and BLANKO_DB are left to the caller (the tests set their own).

TOP=${TOP:-$(pwd)}
BLANKO_BUILD=${BLANKO_BUILD:-$TOP/build}
BLANKO_BIN=${BLANKO_BIN:-$TOP/bin}
export BLANKO_LOCALEDIR="$BLANKO_BUILD/locale"
export BLANKO_PKGLIBDIR="$BLANKO_BUILD/lib"
export BLANKO_TEMPLATEDIR="$TOP/etc/templates"
export BLANKO_STATEDIR="${BLANKO_STATEDIR:-$TOP}"
