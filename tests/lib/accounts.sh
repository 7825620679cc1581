# Real OS accounts for tests of access, sourced after test-lib.sh.
#
# Names are unique (the test's number, its pid and a tag: "blk<NNNN>-<pid>-<tag>",
# at most 31 characters), each useradd/groupadd/userdel/groupdel runs under
# the machine-wide lock that every test making accounts or installing
# system-wide shares, and what a test made is removed when it ends, even on
# failure (at_exit).  Only what this file made is ever removed.
#
#   acct_group TAG            make a group; its name in $acct_name
#   acct_user TAG [GROUP...]  make a user (no home, no login shell, primary group
#                             "users", and the GROUPs named); its name in $acct_name
#   as_acct NAME CMD...       run CMD as NAME (runuser, which keeps the environment)

ACCT_LOCK=/run/lock/blanko-test-accounts.lock
acct_prefix="blk$(basename "$0" | sed -n 's/^t\([0-9]*\).*/\1/p')-$$"
acct_users=""
acct_groups=""

# Remove every account and group this test made.
acct_cleanup() {
  for u in $acct_users; do flock "$ACCT_LOCK" userdel "$u" 2>/dev/null || :; done
  for g in $acct_groups; do flock "$ACCT_LOCK" groupdel "$g" 2>/dev/null || :; done
}
at_exit acct_cleanup

acct_group() {
  acct_name="$acct_prefix-$1"
  flock "$ACCT_LOCK" groupadd "$acct_name" || return 1
  acct_groups="$acct_groups $acct_name"
}

acct_user() {
  acct_name="$acct_prefix-$1"; shift
  _acct_g=$(echo "$*" | tr ' ' ',')
  flock "$ACCT_LOCK" useradd -M -N -s /usr/sbin/nologin -d /nonexistent \
    ${_acct_g:+-G "$_acct_g"} "$acct_name" || return 1
  acct_users="$acct_users $acct_name"
}

as_acct() {
  _acct_u=$1; shift
  runuser -u "$_acct_u" -- "$@"
}
