#
# blanko: the blank-card ledger and card-printer controller.
#
#   make            build bin/inventory, bin/printctl and build/lib/report-pdf.so
#   make check      every test; ends with "N passed, N failed"
#   make bench      benchmarks; figures go to tests/bench/RESULTS.md
#   make bench-large the 100,000-card render (minutes), appended there too
#   make coverage   lines and branches per file: build/coverage/report.txt
#   make demo       the main job on the embedded default
#   make deps       install the Debian packages needed to build and test
#   make install    PREFIX=/usr/local DESTDIR= (SYSCONFDIR=PREFIX/etc,
#                   LOCALSTATEDIR=PREFIX/var; PKGLIBDIR=PREFIX/lib/blanko);
#                   the programs installed have these paths compiled in,
#                   whatever the build used (see "Installing" below)
#   make uninstall  the same variables: removes what install put
#   make pot        re-extract translatable strings into etc/locale/ (see locale.mk)
#   make clean
#

# "make deps GOALS": install the packages first, then make GOALS in a fresh
# make, whose pkg-config look-ups see what was just installed.
ifneq ($(filter deps,$(MAKECMDGOALS)),)
GOALS		:= $(filter-out deps,$(MAKECMDGOALS))
.PHONY: deps $(GOALS)
deps:
	@sh tests/install-deps.sh
	$(if $(GOALS),@$(MAKE) --no-print-directory $(GOALS))
$(GOALS): deps
	@:
else

PREFIX		?= /usr/local
BINDIR		= $(PREFIX)/bin
MANDIR		= $(PREFIX)/share/man
SYSCONFDIR	?= $(PREFIX)/etc
LOCALSTATEDIR	?= $(PREFIX)/var
LOCALEDIR	= $(PREFIX)/share/locale
PKGLIBDIR	= $(PREFIX)/lib/blanko
TEMPLATEDIR	= $(SYSCONFDIR)/blanko/templates
STATEDIR	= $(LOCALSTATEDIR)/lib/blanko
SYSTEMDUNITDIR	?= $(PREFIX)/lib/systemd/system
BASHCOMPDIR	?= $(PREFIX)/share/bash-completion/completions
# The paths are compiled in: a relative one would be taken from whatever
# folder a program is run in (a second, empty ledger under "cd /tmp").
$(foreach v,PREFIX SYSCONFDIR LOCALSTATEDIR SYSTEMDUNITDIR BASHCOMPDIR,\
  $(if $(filter /%,$($(v))),,$(error $(v)=$($(v)) is not an absolute path)))
VERSION		= 0.1

CC		?= cc
BUILD		= build
BIN		= bin
PKG_CONFIG	?= pkg-config

INV_PKGS	= sqlite3 libcrypto jansson inih libbsd libsodium
INV_PKG_CFLAGS	:= $(shell $(PKG_CONFIG) --cflags $(INV_PKGS) 2>/dev/null)
INV_PKG_LIBS	:= $(shell $(PKG_CONFIG) --libs sqlite3 libcrypto jansson inih libsodium 2>/dev/null)

OPTIM		?= -O2 -g
WARN		= -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2
# The run-time paths are compiled in, each overridable by an environment
# variable (blankoPath in inventory/cli/config.c; tests/lib/env.sh sets them
# to the build tree for the tests and for running an uninstalled build).
CPPFLAGS	+= -D_GNU_SOURCE -Iinclude -DSYSCONFDIR='"$(SYSCONFDIR)"' \
		   -DLOCALEDIR='"$(LOCALEDIR)"' -DPKGLIBDIR='"$(PKGLIBDIR)"' -DBLANKO_VERSION='"$(VERSION)"' \
		   -DTEMPLATEDIR='"$(TEMPLATEDIR)"' -DSTATEDIR='"$(STATEDIR)"'
CFLAGS		?= $(OPTIM)
ALL_CFLAGS	= -std=c11 $(WARN) $(CFLAGS) $(CPPFLAGS) $(INV_PKG_CFLAGS)
SAN_FLAGS	= -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# Each folder is one part of the build, and one pattern rule builds every
# source into build/<same path>.o; the lists below name folders, not files.
#
#   inventory/lib/     the ledger library, build/libblanko.a (only SQLite,
#                      OpenSSL and jansson below it)
#   inventory/cli/     the command-line frame both programs share,
#                      build/libblanko-cli.a
#   inventory/cmd/     the inventory program's commands, one file each;
#                      inventory/inventory.c is its table
#   inventory/report/  the reports (CSV through libcsv); report/pdf.c is the
#                      PDF writer module build/lib/report-pdf.so, opened only
#                      to write a PDF, so that the other commands start without
#                      loading cairo, pango, glib and qrencode (the seal box's QR code).  Installed, it is
#                      PKGLIBDIR/report-pdf.so.
#   printctl/render/   templates and card rendering (cairo, pango, qrencode)
#   printctl/cups/     CUPS jobs (libcups)
#   printctl/card/     card glue: card context, site key, residents, CSV
#   printctl/web/      the web pages of printctl serve (libmicrohttpd)
#   printctl/cmd/      the printctl program's commands; printctl/printctl.c
#                      is its table and printctl/dispatch.c the print engine
#
# tests/lint-layers.sh reads the objects' symbols and fails when a lower
# layer calls a higher one (see "Architecture" in README.md).
srcs		= $(sort $(wildcard $(addsuffix /*.c,$(1))))
objs		= $(patsubst %.c,$(BUILD)/%.o,$(1))

LIB_SRCS	= $(call srcs,inventory/lib)
CLI_SRCS	= $(call srcs,inventory/cli)
RPDF_SRCS	= inventory/report/pdf.c
INV_SRCS	= inventory/inventory.c $(call srcs,inventory/cmd) \
		  $(filter-out $(RPDF_SRCS),$(call srcs,inventory/report))
RENDER_SRCS	= $(call srcs,printctl/render)
CUPSJOB_SRCS	= $(call srcs,printctl/cups)
CARD_SRCS	= $(call srcs,printctl/card)
WEB_SRCS	= $(call srcs,printctl/web)
PRINTCTL_SRCS	= $(call srcs,printctl printctl/cmd) $(WEB_SRCS)

LIB		= $(BUILD)/libblanko.a
CLI		= $(BUILD)/libblanko-cli.a
LIB_OBJS	= $(call objs,$(LIB_SRCS))
CLI_OBJS	= $(call objs,$(CLI_SRCS))
INV_OBJS	= $(call objs,$(INV_SRCS))
RENDER_OBJS	= $(call objs,$(RENDER_SRCS))
CUPSJOB_OBJS	= $(call objs,$(CUPSJOB_SRCS))
CARD_OBJS	= $(call objs,$(CARD_SRCS))
PRINTCTL_OBJS	= $(call objs,$(PRINTCTL_SRCS))
ASAN_LIB_OBJS	= $(LIB_SRCS:%.c=$(BUILD)/asan/%.o)

# The reports: CSV through libcsv (Debian's libcsv-dev has no .pc file).
REPORT_LIBS	= -lcsv -lm
RPDF_PKGS	= pangocairo cairo libqrencode
RPDF_CFLAGS	:= $(shell $(PKG_CONFIG) --cflags $(RPDF_PKGS) 2>/dev/null)
RPDF_LIBS	:= $(shell $(PKG_CONFIG) --libs $(RPDF_PKGS) 2>/dev/null)
RPDF		= $(BUILD)/lib/report-pdf.so

# Card rendering (Debian: libcairo2-dev libpango1.0-dev libqrencode-dev
# libjpeg62-turbo-dev; fonts-urw-base35 for Nimbus Sans, used by ktp-el).
RENDER_PKGS	= pangocairo cairo libqrencode libcrypto inih libjpeg
RENDER_CFLAGS	:= $(shell $(PKG_CONFIG) --cflags $(RENDER_PKGS) 2>/dev/null)
RENDER_LIBS	:= $(shell $(PKG_CONFIG) --libs $(RENDER_PKGS) 2>/dev/null) -lm
# CUPS jobs: Debian 12 ships no cups.pc, so cups-config gives the flags.
CUPSJOB_CFLAGS	:= $(shell cups-config --cflags 2>/dev/null)
CUPSJOB_LIBS	:= $(shell cups-config --libs 2>/dev/null)
# The web pages (printctl serve): libmicrohttpd (Debian: libmicrohttpd-dev).
WEB_PKGS	= libmicrohttpd
WEB_CFLAGS	:= $(shell $(PKG_CONFIG) --cflags $(WEB_PKGS) 2>/dev/null)
WEB_LIBS	:= $(shell $(PKG_CONFIG) --libs $(WEB_PKGS) 2>/dev/null)
PRINTCTL_LIBS	= -lcsv -pthread $(WEB_LIBS)

# Per-folder flags: only printctl's parts and its tests see cairo and CUPS.
$(BUILD)/printctl/%.o $(BUILD)/asan/printctl/%.o: PART_CFLAGS = $(RENDER_CFLAGS) $(CUPSJOB_CFLAGS) $(WEB_CFLAGS)
$(BUILD)/tests/%.o $(BUILD)/asan/tests/%.o: PART_CFLAGS = $(RENDER_CFLAGS) $(CUPSJOB_CFLAGS)

UNIT_SRCS	= tests/unit/test-serial.c tests/unit/test-ledger.c tests/unit/test-verify-print.c tests/unit/test-date.c \
		  tests/unit/test-states.c tests/unit/test-keyring.c tests/unit/test-words.c
UNIT_TESTS	= $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(UNIT_SRCS)) \
		  $(patsubst tests/unit/%.c,$(BUILD)/asan/%,$(UNIT_SRCS))
BENCH		= $(BUILD)/bench-ledger

.PHONY: all check unit bench bench-large demo install clean coverage
all: $(BIN)/inventory $(BIN)/printctl $(RPDF)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(PART_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/asan/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(PART_CFLAGS) $(SAN_FLAGS) -MMD -MP -c -o $@ $<

# The PDF writer module: position-independent, every symbol resolved at link
# time (-z defs), needing nothing of the program.
$(BUILD)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(RPDF_CFLAGS) -fPIC -MMD -MP -c -o $@ $<

# The two programs' link lines, shared by bin/ and the install build.
INV_LINK	= $(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(INV_PKG_LIBS) $(REPORT_LIBS)
PRINTCTL_LINK	= $(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(RENDER_LIBS) $(INV_PKG_LIBS) $(PRINTCTL_LIBS) $(CUPSJOB_LIBS) $(REPORT_LIBS)

$(LIB): $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(CLI): $(CLI_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(BIN)/inventory: $(INV_OBJS) $(CLI) $(LIB)
	@mkdir -p $(BIN)
	$(INV_LINK)

# printctl suket (issue 15) writes its certificate through the reports' document engine.
PRINTCTL_REPORT_OBJS = $(call objs,$(filter-out $(RPDF_SRCS),$(call srcs,inventory/report)))

$(BIN)/printctl: $(PRINTCTL_OBJS) $(CARD_OBJS) $(RENDER_OBJS) $(CUPSJOB_OBJS) $(PRINTCTL_REPORT_OBJS) $(CLI) $(LIB)
	@mkdir -p $(BIN)
	$(PRINTCTL_LINK)

$(RPDF): $(RPDF_SRCS:%.c=$(BUILD)/pic/%.o)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -shared -Wl,-z,defs -o $@ $^ $(RPDF_LIBS)

# The ledger's unit tests, plain and under ASan + UBSan.
$(BUILD)/unit/%: $(BUILD)/tests/unit/%.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(INV_PKG_LIBS)

# The privilege module's test links the command-line frame too.
UNIT_TESTS	+= $(BUILD)/unit/test-privilege $(BUILD)/asan/test-privilege

$(BUILD)/unit/test-privilege: $(BUILD)/tests/unit/test-privilege.o $(CLI) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(INV_PKG_LIBS)

$(BUILD)/asan/test-privilege: $(BUILD)/asan/tests/unit/test-privilege.o $(CLI_SRCS:%.c=$(BUILD)/asan/%.o) $(ASAN_LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $^ $(INV_PKG_LIBS)

$(BUILD)/asan/%: $(BUILD)/asan/tests/unit/%.o $(ASAN_LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $^ $(INV_PKG_LIBS)

# The renderer's tests and tools link the renderer alone, and the ledger
# library's date check and signing keys (qrpayload.c).
RENDER_DATE_OBJ	= $(BUILD)/inventory/lib/date.o $(BUILD)/inventory/lib/keyring.o
RENDER_TEST_OBJS = $(call objs,tests/unit/sample-record.c tests/unit/synth-photo.c)

$(BUILD)/test-render: $(BUILD)/tests/unit/test-render.o $(RENDER_TEST_OBJS) $(RENDER_OBJS) $(RENDER_DATE_OBJ)
	$(CC) $(ALL_CFLAGS) -pthread -o $@ $^ $(RENDER_LIBS)

$(BUILD)/render-tool: $(BUILD)/tests/unit/render-tool.o $(RENDER_TEST_OBJS) $(RENDER_OBJS) $(RENDER_DATE_OBJ)
	$(CC) $(ALL_CFLAGS) -pthread -o $@ $^ $(RENDER_LIBS)

# The same under ASan + UBSan (run by tests/run-tests.sh as build/asan/test-*).
ASAN_RENDER_OBJS = $(patsubst $(BUILD)/%,$(BUILD)/asan/%,$(RENDER_TEST_OBJS) $(RENDER_OBJS) $(RENDER_DATE_OBJ))

$(BUILD)/asan/test-render: $(BUILD)/asan/tests/unit/test-render.o $(ASAN_RENDER_OBJS)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -pthread -o $@ $^ $(RENDER_LIBS)

$(BUILD)/gen-residents: $(BUILD)/tests/data/gen-residents.o $(BUILD)/tests/unit/synth-photo.o
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(RENDER_LIBS)

# The CUPS job module's test (run by t0210 against the private cupsd); it
# makes its card PDF with cairo.  Its ASan + UBSan build is not in
# build/asan/ (whose test-* run without a cupsd): t0210 runs both.
$(BUILD)/test-cupsjob: $(BUILD)/tests/unit/test-cupsjob.o $(CUPSJOB_OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(CUPSJOB_LIBS) $(RENDER_LIBS)

# The print engine's test: a scripted CUPS that fails or crashes at every
# step (tests/unit/test-engine.c); plain, and under ASan + UBSan.
ENGINE_SRCS	= printctl/dispatch.c printctl/dispatch-cups.c $(CARD_SRCS) $(RENDER_SRCS) \
		  $(CUPSJOB_SRCS) $(CLI_SRCS) $(LIB_SRCS)
ENGINE_TEST_SRCS = tests/unit/test-engine.c tests/unit/sample-record.c tests/unit/synth-photo.c
ENGINE_LIBS	= $(RENDER_LIBS) $(INV_PKG_LIBS) $(PRINTCTL_LIBS) $(CUPSJOB_LIBS)
UNIT_TESTS	+= $(BUILD)/unit/test-engine $(BUILD)/asan/test-engine

$(BUILD)/unit/test-engine: $(call objs,$(ENGINE_TEST_SRCS) $(ENGINE_SRCS))
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(ENGINE_LIBS)

$(BUILD)/asan/test-engine: $(patsubst %.c,$(BUILD)/asan/%.o,$(ENGINE_TEST_SRCS) $(ENGINE_SRCS))
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $^ $(ENGINE_LIBS)

$(BUILD)/asan-cups/test-cupsjob: $(BUILD)/asan/tests/unit/test-cupsjob.o $(CUPSJOB_OBJS:$(BUILD)/%=$(BUILD)/asan/%)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $^ $(CUPSJOB_LIBS) $(RENDER_LIBS)

$(BUILD)/ledger-tool: $(BUILD)/tests/tools/ledger-tool.o $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(INV_PKG_LIBS)

include tests/bench/bench.mk

$(BENCH): $(BUILD)/tests/bench/bench-ledger.o $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(INV_PKG_LIBS)

PRINTCTL_TESTS	= $(BUILD)/test-render $(BUILD)/render-tool $(BUILD)/gen-residents $(BUILD)/test-cupsjob \
		  $(BUILD)/asan/test-render $(BUILD)/asan-cups/test-cupsjob

include tests/fuzz/fuzz.mk

unit: $(UNIT_TESTS)

check: all unit $(PRINTCTL_TESTS) $(FUZZ_REPLAYS) $(BUILD)/ledger-tool
	@sh tests/run-tests.sh

# The print controller's cost per card: the engine and what it links, its
# CUPS operations wrapped to time them (see bench-print.c).
$(BUILD)/bench-print: $(BUILD)/tests/bench/bench-print.o $(call objs,$(ENGINE_SRCS))
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(ENGINE_LIBS)

bench: all $(BENCH) $(BUILD)/bench-print $(BUILD)/gen-residents $(BUILD)/bench-books $(BUILD)/bench-suket $(BUILD)/bench-dist
	@sh tests/bench/run-bench.sh

# The 100,000-card render (issue 17): linear time, peak memory; about ten
# minutes on a shared machine, so apart from make bench.
bench-large: all $(BUILD)/gen-residents
	@BENCH_RENDER_SIZES=100000 BENCH_RENDER_GLABELS=0 sh tests/bench/bench-render.sh tests/bench/RESULTS.md

# make coverage: the programs, the PDF module and the C tests built with
# --coverage in build/coverage/, every test run against them (the scripts
# find them through BLANKO_BUILD and BLANKO_BIN, tests/lib/env.sh; the test
# tools come from build/), then lines and branches per file with gcov in
# build/coverage/report.txt.  Not part of check.  The tests also run the
# programs as nobody: each program's .gcda files are made first (the
# programs make them mode 0600, umask 077) and opened to every account, so
# that libgcov's "Cannot open" does not land on a test's stderr.
COV		= build/coverage
COV_TESTS	= $(patsubst tests/unit/%.c,$(COV)/unit/%,$(UNIT_SRCS)) $(COV)/test-render $(COV)/test-cupsjob
coverage: $(BUILD)/gen-residents $(BUILD)/ledger-tool
	rm -rf $(COV)
	$(MAKE) --no-print-directory BUILD=$(COV) BIN=$(COV)/bin OPTIM="-O0 -g --coverage" all $(COV_TESTS)
	$(COV)/bin/inventory --version >/dev/null && $(COV)/bin/printctl --version >/dev/null
	find $(COV) -name '*.gcda' -exec chmod a+rw {} +
	-BLANKO_BUILD=$(CURDIR)/$(COV) BLANKO_BIN=$(CURDIR)/$(COV)/bin TEST_CUPSJOB=$(COV)/test-cupsjob \
	  sh tests/run-tests.sh >$(COV)/tests.log 2>&1; \
	  echo "coverage: the tests: $$(tail -n 1 $(COV)/tests.log) (log in $(COV)/tests.log)"
	@sh tests/coverage-report.sh $(COV)

demo: all $(BUILD)/gen-residents
	@bash tests/demo.sh

# Installing.  The run-time paths are compiled into inventory/cli/config.c
# alone (blankoPath), with the values of the make that compiles it; so that
# "make && make install PREFIX=/usr SYSCONFDIR=/etc" installs programs that
# look in /usr and /etc, install links its own copies: $(INST)/config.o
# compiled with this make's paths, and both programs linked with it.
# $(INST)/paths holds the paths it was compiled with, rewritten only when they
# differ, so that an install with other paths than the last recompiles it.
INST		= $(BUILD)/install
INST_CLI_OBJS	= $(INST)/config.o $(filter-out $(BUILD)/inventory/cli/config.o,$(CLI_OBJS))
INST_UNITS	= blanko-printctl.service blanko-web.service blanko-verify.service blanko-verify.timer \
		  blanko-backup.service blanko-backup.timer
# What the units and the paths say: @BINDIR@, @STATEDIR@ in etc/systemd/*.in.
INST_SUBST	= sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@STATEDIR@|$(STATEDIR)|g'

.PHONY: uninstall FORCE
FORCE:

$(INST)/paths: FORCE
	@mkdir -p $(@D)
	@echo '$(SYSCONFDIR) $(LOCALEDIR) $(PKGLIBDIR) $(TEMPLATEDIR) $(STATEDIR)' >$@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi

$(INST)/config.o: inventory/cli/config.c $(INST)/paths
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(INST)/inventory: $(INV_OBJS) $(INST_CLI_OBJS) $(LIB)
	$(INV_LINK)

$(INST)/printctl: $(PRINTCTL_OBJS) $(CARD_OBJS) $(RENDER_OBJS) $(CUPSJOB_OBJS) $(PRINTCTL_REPORT_OBJS) $(INST_CLI_OBJS) $(LIB)
	$(PRINTCTL_LINK)

$(INST)/units: $(INST_UNITS:%=etc/systemd/%.in) $(INST)/paths
	@mkdir -p $@
	for u in $(INST_UNITS); do $(INST_SUBST) etc/systemd/$$u.in >$@/$$u || exit 1; done
	@touch $@

# The programs are installed mode 755: the Debian package's postinst makes
# them set-group-id blanko (see debian/); a hand install does the same with
# chgrp blanko and chmod 2755 (see README.md).  The configuration file is
# installed only when there is none; the state folder is made, never filled.
install: all $(INST)/inventory $(INST)/printctl $(INST)/units
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(SYSCONFDIR)/blanko
	install -m 755 $(INST)/inventory $(DESTDIR)$(BINDIR)/inventory
	install -m 755 $(INST)/printctl $(DESTDIR)$(BINDIR)/printctl
	install -d $(DESTDIR)$(PKGLIBDIR)
	install -m 644 $(RPDF) $(DESTDIR)$(PKGLIBDIR)/report-pdf.so
	install -m 644 inventory/inventory.1 $(DESTDIR)$(MANDIR)/man1/inventory.1
	install -m 644 printctl/printctl.1 $(DESTDIR)$(MANDIR)/man1/printctl.1
	install -d $(DESTDIR)$(TEMPLATEDIR) $(DESTDIR)$(STATEDIR)
	install -m 644 etc/templates/ktp-el.tmpl etc/templates/README.md $(DESTDIR)$(TEMPLATEDIR)/
	test -f $(DESTDIR)$(SYSCONFDIR)/blanko/blanko.conf || \
	  install -m 644 etc/blanko.conf $(DESTDIR)$(SYSCONFDIR)/blanko/blanko.conf
	install -d $(DESTDIR)$(SYSTEMDUNITDIR) $(DESTDIR)$(BASHCOMPDIR)
	install -m 644 $(INST_UNITS:%=$(INST)/units/%) $(DESTDIR)$(SYSTEMDUNITDIR)/
	install -m 644 etc/bash-completion/blanko $(DESTDIR)$(BASHCOMPDIR)/inventory
	ln -sf inventory $(DESTDIR)$(BASHCOMPDIR)/printctl

# Removes what install put, with the same variables, as the GNU coding
# standards ask; kept, as Debian keeps them on "remove": the configuration
# file when it was changed (an unchanged copy is removed), and the state
# folder with the ledger, its key and backups (an empty one is removed).
uninstall: uninstall-locale
	rm -f $(DESTDIR)$(BINDIR)/inventory $(DESTDIR)$(BINDIR)/printctl
	rm -f $(DESTDIR)$(PKGLIBDIR)/report-pdf.so
	rm -f $(DESTDIR)$(MANDIR)/man1/inventory.1 $(DESTDIR)$(MANDIR)/man1/printctl.1
	rm -f $(DESTDIR)$(TEMPLATEDIR)/ktp-el.tmpl $(DESTDIR)$(TEMPLATEDIR)/README.md
	if cmp -s etc/blanko.conf $(DESTDIR)$(SYSCONFDIR)/blanko/blanko.conf; then \
	  rm -f $(DESTDIR)$(SYSCONFDIR)/blanko/blanko.conf; \
	elif test -f $(DESTDIR)$(SYSCONFDIR)/blanko/blanko.conf; then \
	  echo "uninstall: kept $(DESTDIR)$(SYSCONFDIR)/blanko/blanko.conf (changed since it was installed)"; fi
	rm -f $(INST_UNITS:%=$(DESTDIR)$(SYSTEMDUNITDIR)/%)
	rm -f $(DESTDIR)$(BASHCOMPDIR)/inventory $(DESTDIR)$(BASHCOMPDIR)/printctl
	-rmdir $(DESTDIR)$(PKGLIBDIR) $(DESTDIR)$(TEMPLATEDIR) $(DESTDIR)$(SYSCONFDIR)/blanko $(DESTDIR)$(STATEDIR) 2>/dev/null
	@test ! -d $(DESTDIR)$(STATEDIR) || echo "uninstall: kept the state folder $(DESTDIR)$(STATEDIR) (the ledger)"

clean:
	rm -rf $(BUILD) $(BIN) tests/tmp

.SECONDARY:

# Message catalogs: adds its .mo files to all and install, and make pot.
include etc/locale/locale.mk

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

endif
