# shellcheck shell=bash
#
# A private CUPS with simulated ID-1 card printers, for tests and demos.
#
# Source this file from bash, then:
#
#   trap cups_stop EXIT          # always: nothing may outlive the test
#   cups_start DIR               # private dbus + cupsd in a scratch folder under DIR
#   cups_add_printer NAME [pdf|urf]  # ippeveprinter on a free port, added as
#                                # queue NAME; pdf (default): cupsd sends it PDF,
#                                # urf: Apple raster, as a plain IPP Everywhere
#                                # printer gets (see _cf_write_attrs)
#   cups_printer_fail_next NAME jam|ribbon|error
#   cups_printer_offline NAME / cups_printer_online NAME
#   cups_printer_media_empty NAME / cups_printer_refill NAME
#   cups_printer_delay NAME SECONDS   # simulated print time per card (default 0)
#   cups_restart                 # stop and start cupsd, keeping spool and history
#   cups_documents NAME          # paths of the documents the printer kept
#   cups_document_for NAME JOBNAME  # path of the document printed for job-name
#   cups_job_attr JOBID ATTR     # one attribute of a cupsd job, e.g. job-state
#   cups_wait_job_state JOBID STATE...  # poll until the job is in one of STATEs
#   cups_stop                    # stop everything started; safe to call twice
#
# Exported while running:
#   CUPS_SERVER               the cupsd's domain socket (libcups and lp* use it)
#   DBUS_SYSTEM_BUS_ADDRESS   the private bus (ippeveprinter needs one even with -r off)
#   CUPS_FIXTURE_DIR          the scratch folder (config, spool, logs, printers)
#   CUPS_FIXTURE_PORT         the cupsd's loopback TCP port
# Set before cups_start: CUPS_FIXTURE_LISTEN, another address for cupsd to
# listen on (t0600: the system's default socket, for set-group-id programs,
# which ignore CUPS_SERVER).
#
# Why cupsd in front of ippeveprinter: ippeveprinter forgets finished jobs
# after 60 s and knows nothing of queues; the controller talks to a cupsd.
# cupsd keeps job history (PreserveJobHistory Yes) but not documents
# (PreserveJobFiles No): documents hold personal data.

CUPS_FIXTURE_MEDIA=iso_id-1_53.98x85.6mm
CUPS_FIXTURE_TIMEOUT=${CUPS_FIXTURE_TIMEOUT:-30}	# seconds for any wait

# Print a message on stderr.
_cf_log() { printf 'cups-fixture: %s\n' "$*" >&2; }

# Wait until "$@" succeeds, polling every 0.1 s, at most CUPS_FIXTURE_TIMEOUT s.
_cf_wait() {
  local i=0 max=$((CUPS_FIXTURE_TIMEOUT * 10))
  until "$@" >/dev/null 2>&1; do
    i=$((i + 1))
    [ "$i" -ge "$max" ] && return 1
    sleep 0.1
  done
}

# Is a TCP port on 127.0.0.1 free (nobody listening)?
_cf_port_free() { ! ss -Hltn "sport = :$1" | grep -q .; }

# Print a free loopback port from a range the fixture uses.
_cf_free_port() {
  local p tries=0
  while [ "$tries" -lt 200 ]; do
    p=$((20000 + (RANDOM % 20000)))
    if _cf_port_free "$p"; then echo "$p"; return 0; fi
    tries=$((tries + 1))
  done
  return 1
}

# Is something listening on 127.0.0.1:PORT?
_cf_listening() { ! _cf_port_free "$1"; }

# Stop one process by pid: TERM, bounded wait, then KILL.
_cf_kill() {
  local pid=$1 i=0
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 100 ]; do
    sleep 0.1; i=$((i + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    _cf_log "pid $pid ignored TERM, killing"
    kill -KILL "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null
  return 0
}

# Write cupsd's two config files.
_cf_write_cupsd_conf() {
  local d=$CUPS_FIXTURE_DIR
  cat >"$d/etc/cups-files.conf" <<EOF
# Private cupsd for blanko tests: everything lives in $d
FileDevice No
Printcap $d/state/printcap
User lp
Group lp
SystemGroup root
ServerRoot $d/etc
StateDir $d/state
CacheDir $d/cache
DataDir /usr/share/cups
DocumentRoot /usr/share/cups/doc-root
ServerBin /usr/lib/cups
RequestRoot $d/spool
TempDir $d/spool/tmp
AccessLog $d/log/access_log
ErrorLog $d/log/error_log
PageLog $d/log/page_log
EOF
  cat >"$d/etc/cupsd.conf" <<EOF
LogLevel info
MaxLogSize 0
Browsing Off
Listen 127.0.0.1:$CUPS_FIXTURE_PORT
Listen $d/cupsd.sock
${CUPS_FIXTURE_LISTEN:+Listen $CUPS_FIXTURE_LISTEN}
PreserveJobHistory Yes
PreserveJobFiles No
MaxJobs 100000
DefaultAuthType None
WebInterface No
<Location />
  Order allow,deny
  Allow from 127.0.0.1
  Allow from @LOCAL
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOF
  chmod 0644 "$d/etc/cupsd.conf" "$d/etc/cups-files.conf"
}

# Start cupsd in the foreground (as a background job) and wait for it.
_cf_cupsd_launch() {
  local d=$CUPS_FIXTURE_DIR out
  # cupsd -t checks the configuration without starting; a refusal is shown
  # in cupsd's own words (cupsd 2.4.2-3+deb12u11 refuses, e.g., a Printcap
  # line with no value, which older 2.4.2 builds accepted).
  if ! out=$(/usr/sbin/cupsd -t -c "$d/etc/cupsd.conf" -s "$d/etc/cups-files.conf" 2>&1); then
    _cf_log "cupsd refused the fixture's configuration: $(printf '%s' "$out" | tr '\n' ' ')"
    return 1
  fi
  /usr/sbin/cupsd -f -c "$d/etc/cupsd.conf" -s "$d/etc/cups-files.conf" \
    </dev/null >>"$d/log/cupsd.out" 2>&1 &
  echo $! >"$d/cupsd.pid"
  if ! _cf_wait sh -c 'lpstat -r | grep -q "is running"'; then
    _cf_log "cupsd did not come up: $(tail -n 3 "$d/log/cupsd.out" "$d/log/error_log" 2>/dev/null | tr '\n' ' ')"
    return 1
  fi
}

# Start a private dbus-daemon and cupsd in a new scratch folder under DIR.
cups_start() {
  local base=${1:?cups_start DIR}
  mkdir -p "$base" || return 1
  CUPS_FIXTURE_DIR=$(mktemp -d "$(cd "$base" && pwd)/cups.XXXXXX") || return 1
  export CUPS_FIXTURE_DIR
  # 0711: the lp user running filters must traverse, nobody may list.
  chmod 0711 "$CUPS_FIXTURE_DIR"
  mkdir -p "$CUPS_FIXTURE_DIR"/{etc,state,cache,spool/tmp,log,dbus,printers,bin}
  chmod 0711 "$CUPS_FIXTURE_DIR/spool"

  dbus-daemon --config-file=/usr/share/dbus-1/session.conf \
    --address="unix:path=$CUPS_FIXTURE_DIR/dbus/sock" --nofork \
    </dev/null >>"$CUPS_FIXTURE_DIR/log/dbus.out" 2>&1 &
  echo $! >"$CUPS_FIXTURE_DIR/dbus.pid"
  export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$CUPS_FIXTURE_DIR/dbus/sock"
  _cf_wait test -S "$CUPS_FIXTURE_DIR/dbus/sock" || { _cf_log "dbus-daemon did not start"; return 1; }

  CUPS_FIXTURE_PORT=$(_cf_free_port) || return 1
  export CUPS_FIXTURE_PORT
  export CUPS_SERVER="$CUPS_FIXTURE_DIR/cupsd.sock"
  _cf_write_cupsd_conf
  _cf_write_print_command
  _cf_cupsd_launch
}

# Stop and start cupsd, keeping config, spool and job history.
cups_restart() {
  _cf_kill "$(cat "$CUPS_FIXTURE_DIR/cupsd.pid" 2>/dev/null)"
  rm -f "$CUPS_FIXTURE_DIR/cupsd.pid"
  _cf_wait _cf_port_free "$CUPS_FIXTURE_PORT" || return 1
  _cf_cupsd_launch
}

# Stop cupsd only (a test of "CUPS is down"); cups_restart brings it back.
cups_cupsd_stop() {
  _cf_kill "$(cat "$CUPS_FIXTURE_DIR/cupsd.pid" 2>/dev/null)"
  rm -f "$CUPS_FIXTURE_DIR/cupsd.pid"
}

# Stop every process the fixture started. Safe to call more than once.
cups_stop() {
  local d=${CUPS_FIXTURE_DIR:-} f
  [ -n "$d" ] && [ -d "$d" ] || return 0
  for f in "$d"/printers/*/ippeveprinter.pid "$d/cupsd.pid" "$d/dbus.pid"; do
    [ -f "$f" ] || continue
    _cf_kill "$(cat "$f")"
    rm -f "$f"
  done
  return 0
}

# The -c command of every simulated printer.  ippeveprinter runs it with the
# job's document as $1 and job attributes as IPP_* variables; stderr lines
# "STATE: +/-reason" set printer-state-reasons; a non-zero exit aborts the job.
_cf_write_print_command() {
  cat >"$CUPS_FIXTURE_DIR/bin/card-print" <<'EOF'
#!/bin/sh
# Simulated card printer: keep the document, or fail as told.
dir=${CUPS_FIXTURE_PRINTER_DIR:?}
# A new card clears the faults of the last one (the operator fixed them).
echo "STATE: -media-jam,marker-supply-empty,other" >&2
if [ -s "$dir/delay" ]; then sleep "$(cat "$dir/delay")"; fi
if [ -f "$dir/fail-next" ]; then
  how=$(cat "$dir/fail-next"); rm -f "$dir/fail-next"
  case $how in
    jam)    echo "STATE: +media-jam" >&2; echo "ERROR: Card jammed" >&2 ;;
    ribbon) echo "STATE: +marker-supply-empty" >&2; echo "ERROR: Ribbon out" >&2 ;;
    *)      echo "STATE: +other" >&2; echo "ERROR: Printer error" >&2 ;;
  esac
  exit 1
fi
case ${CONTENT_TYPE:-} in
  application/pdf) ext=pdf ;;
  image/pwg-raster) ext=pwg ;;
  image/urf) ext=urf ;;
  *) ext=bin ;;
esac
umask 077
n=$(ls "$dir/kept" | wc -l)
name="$(printf '%04d' "$n")-job${IPP_JOB_ID:-0}.$ext"
cat "$1" >"$dir/kept/$name" || exit 1
# Index: kept file, job-name (a request id, no personal data), format.
printf '%s\t%s\t%s\n' "$name" "${IPP_JOB_NAME:-}" "${CONTENT_TYPE:-}" >>"$dir/kept.index"
exit 0
EOF
  chmod 0755 "$CUPS_FIXTURE_DIR/bin/card-print"
}

# Write a printer's ippeveprinter attribute file: one ID-1 card size, a
# card-stock tray and a ribbon.  Format pdf or urf (see below).
#
# With -a, ippeveprinter always appends its own document-format-supported
# (octet-stream, pwg-raster, urf) and -f cannot be combined with -a; for -m
# everywhere cupsd then picks Apple raster (image/urf).  To get PDF at the
# printer instead -- easy to check: page size, QR -- the file declares
# document-format-supported first; ippeveprinter and cupsd both use the first
# occurrence.  A duplicate attribute is a test-only trick.
_cf_write_attrs() {
  local formats=
  [ "${2:-pdf}" = pdf ] &&
    formats='ATTR mimeMediaType document-format-supported application/pdf,image/pwg-raster'
  cat >"$1" <<EOF
$formats
ATTR text printer-make-and-model "Blanko Simulated Card Printer"
ATTR keyword media-default $CUPS_FIXTURE_MEDIA
ATTR keyword media-ready $CUPS_FIXTURE_MEDIA
ATTR keyword media-supported $CUPS_FIXTURE_MEDIA
ATTR collection media-size-supported { MEMBER integer x-dimension 5398 MEMBER integer y-dimension 8560 }
ATTR keyword media-source-supported main
ATTR keyword media-type-supported cardstock
ATTR integer media-bottom-margin-supported 0
ATTR integer media-left-margin-supported 0
ATTR integer media-right-margin-supported 0
ATTR integer media-top-margin-supported 0
ATTR collection media-col-default {
  MEMBER collection media-size { MEMBER integer x-dimension 5398 MEMBER integer y-dimension 8560 }
  MEMBER keyword media-size-name $CUPS_FIXTURE_MEDIA
  MEMBER integer media-bottom-margin 0 MEMBER integer media-left-margin 0
  MEMBER integer media-right-margin 0 MEMBER integer media-top-margin 0
  MEMBER keyword media-source main MEMBER keyword media-type cardstock
}
ATTR collection media-col-ready {
  MEMBER collection media-size { MEMBER integer x-dimension 5398 MEMBER integer y-dimension 8560 }
  MEMBER keyword media-size-name $CUPS_FIXTURE_MEDIA
  MEMBER integer media-bottom-margin 0 MEMBER integer media-left-margin 0
  MEMBER integer media-right-margin 0 MEMBER integer media-top-margin 0
  MEMBER keyword media-source main MEMBER keyword media-type cardstock
}
ATTR collection media-col-database {
  MEMBER collection media-size { MEMBER integer x-dimension 5398 MEMBER integer y-dimension 8560 }
  MEMBER integer media-bottom-margin 0 MEMBER integer media-left-margin 0
  MEMBER integer media-right-margin 0 MEMBER integer media-top-margin 0
}
ATTR keyword media-col-supported media-size,media-bottom-margin,media-left-margin,media-right-margin,media-top-margin,media-source,media-type
ATTR octetString printer-input-tray "type=sheetFeedAutoRemovableTray;mediafeed=8560;mediaxfeed=5398;maxcapacity=250;level=250;status=0;name=main;"
ATTR boolean color-supported true
ATTR keyword print-color-mode-default color
ATTR keyword print-color-mode-supported color,monochrome
ATTR keyword sides-default one-sided
ATTR keyword sides-supported one-sided
ATTR enum print-quality-default 4
ATTR enum print-quality-supported 4
ATTR resolution printer-resolution-default 300dpi
ATTR resolution printer-resolution-supported 300dpi
ATTR resolution pwg-raster-document-resolution-supported 300dpi
ATTR keyword pwg-raster-document-type-supported srgb_8,sgray_8
ATTR keyword pwg-raster-document-sheet-back normal
ATTR rangeOfInteger copies-supported 1-1
ATTR integer copies-default 1
ATTR keyword output-bin-supported face-up
ATTR keyword output-bin-default face-up
ATTR integer pages-per-minute 6
ATTR name marker-names "Ribbon"
ATTR name marker-colors "#00FFFF#FF00FF#FFFF00#000000"
ATTR integer marker-levels 80
ATTR integer marker-low-levels 10
ATTR integer marker-high-levels 100
ATTR keyword marker-types ink-ribbon
ATTR octetString printer-supply "index=1;class=supplyThatIsConsumed;type=ribbonWax;unit=percent;maxcapacity=100;level=80;colorantname=multi-color;"
ATTR text printer-supply-description "Ribbon"
EOF
}

# Start (or restart, same port) a printer's ippeveprinter and wait for it.
_cf_printer_launch() {
  local name=$1 pd=$CUPS_FIXTURE_DIR/printers/$1 port
  port=$(cat "$pd/port")
  _cf_wait _cf_port_free "$port" || { _cf_log "port $port still busy"; return 1; }
  # -n localhost: with 127.0.0.1 or the host name it fails ("Unable to
  # create IPv6 listener"). -r off: no DNS-SD. No -k: the command keeps
  # the documents, ippeveprinter's own spool copy is removed.
  CUPS_FIXTURE_PRINTER_DIR=$pd \
    /usr/sbin/ippeveprinter -n localhost -p "$port" -r off \
    -a "$pd/attrs.conf" -c "$CUPS_FIXTURE_DIR/bin/card-print" \
    -d "$pd/spool" "$name" </dev/null >>"$pd/ippeveprinter.log" 2>&1 &
  echo $! >"$pd/ippeveprinter.pid"
  _cf_wait _cf_listening "$port" || { _cf_log "ippeveprinter $name did not listen on $port"; return 1; }
}

# Add a simulated card printer NAME and a cupsd queue NAME for it.
cups_add_printer() {
  local name=${1:?cups_add_printer NAME [pdf|urf]} format=${2:-pdf} pd port
  pd=$CUPS_FIXTURE_DIR/printers/$name
  mkdir -p "$pd/spool" "$pd/kept" || return 1
  chmod 0700 "$pd/spool" "$pd/kept"
  : >"$pd/kept.index"
  port=$(_cf_free_port) || return 1
  echo "$port" >"$pd/port"
  _cf_write_attrs "$pd/attrs.conf" "$format"
  _cf_printer_launch "$name" || return 1
  # Default error policy (stop-printer), as on a real installation.
  lpadmin -p "$name" -E -v "ipp://127.0.0.1:$port/ipp/print" -m everywhere || return 1
  cupsenable "$name" && cupsaccept "$name" || return 1
  _cf_wait sh -c "lpstat -a '$name' | grep -q 'accepting requests'" ||
    { _cf_log "queue $name does not accept jobs"; return 1; }
}

# Make the printer's next job fail: jam (media-jam), ribbon
# (marker-supply-empty) or error (other).
cups_printer_fail_next() {
  case ${2:?cups_printer_fail_next NAME jam|ribbon|error} in
    jam|ribbon|error) ;;
    *) _cf_log "unknown failure '$2'"; return 1 ;;
  esac
  echo "$2" >"$CUPS_FIXTURE_DIR/printers/$1/fail-next"
}

# Simulated time per card in seconds (fractions allowed); 0 = as fast as possible.
cups_printer_delay() {
  echo "${2:?cups_printer_delay NAME SECONDS}" >"$CUPS_FIXTURE_DIR/printers/$1/delay"
}

# Take the printer off the network (stop its ippeveprinter).
cups_printer_offline() {
  local pd=$CUPS_FIXTURE_DIR/printers/${1:?}
  _cf_kill "$(cat "$pd/ippeveprinter.pid" 2>/dev/null)"
  rm -f "$pd/ippeveprinter.pid"
}

# Bring the printer back on the same port.
cups_printer_online() { _cf_printer_launch "${1:?}"; }

# Set the printer's card tray empty / full via its web form (a GET with
# side effects, meant for testing: size0 and level0 are tray 0 = "main").
_cf_media_form() {
  local port
  port=$(cat "$CUPS_FIXTURE_DIR/printers/$1/port")
  curl -fsS -o /dev/null \
    "http://127.0.0.1:$port/media?size0=$CUPS_FIXTURE_MEDIA&type0=cardstock&level0=$2"
}
cups_printer_media_empty() { _cf_media_form "${1:?}" 0; }
cups_printer_refill()      { _cf_media_form "${1:?}" 250; }

# List the documents a printer kept, oldest first, one path a line.
cups_documents() {
  local pd=$CUPS_FIXTURE_DIR/printers/${1:?}
  cut -f1 "$pd/kept.index" | sed "s|^|$pd/kept/|"
}

# Print the path of the document the printer kept for job-name JOBNAME.
cups_document_for() {
  local pd=$CUPS_FIXTURE_DIR/printers/${1:?} f
  f=$(awk -F'\t' -v n="${2:?}" '$2 == n { f = $1 } END { print f }' "$pd/kept.index")
  [ -n "$f" ] && echo "$pd/kept/$f"
}

# Print one attribute of cupsd job JOBID (values comma-separated), via IPP
# Get-Job-Attributes on the loopback port; empty if the job is unknown.
cups_job_attr() {
  ipptool -tv "ipp://127.0.0.1:$CUPS_FIXTURE_PORT/jobs/${1:?}" \
    /usr/share/cups/ipptool/get-job-attributes.test 2>/dev/null |
    sed -n "s/^ *${2:?} ([^)]*) = //p" | head -1
}

# Poll until job JOBID's job-state is one of STATE... (pending, held,
# processing, stopped, canceled, aborted, completed); fail after the timeout.
cups_wait_job_state() {
  local id=${1:?} want=" ${*:2} " i=0 max=$((CUPS_FIXTURE_TIMEOUT * 10)) s
  while [ "$i" -lt "$max" ]; do
    s=$(cups_job_attr "$id" job-state)
    case $want in *" $s "*) [ -n "$s" ] && return 0 ;; esac
    sleep 0.1; i=$((i + 1))
  done
  _cf_log "job $id: state '$s', wanted:$want"
  return 1
}

# Delete the scratch folder (after cups_stop; tests keep it when they fail,
# for the logs, and delete it when they pass).
cups_remove_scratch() {
  [ -n "${CUPS_FIXTURE_DIR:-}" ] && [ -d "$CUPS_FIXTURE_DIR" ] || return 0
  [ -f "$CUPS_FIXTURE_DIR/cupsd.pid" ] && { _cf_log "still running; not removing"; return 1; }
  rm -rf "$CUPS_FIXTURE_DIR"
}
