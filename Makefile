#
# blanko: the blank-card ledger and card-printer controller.
#
#   make            build bin/inventory, bin/printctl and build/lib/report-pdf.so
#   make check      every test; ends with "N passed, N failed"
#   make bench      benchmarks; figures go to tests/bench/RESULTS.md
#   make demo       the main job on the embedded default
#   make deps       install the Debian packages needed to build and test
#   make install    PREFIX=/usr/local DESTDIR= (PKGLIBDIR=PREFIX/lib/blanko)
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
LOCALEDIR	= $(PREFIX)/share/locale
PKGLIBDIR	= $(PREFIX)/lib/blanko
VERSION		= 0.1

CC		?= cc
BUILD		= build
BIN		= bin
PKG_CONFIG	?= pkg-config
comma		:= ,

INV_PKGS	= sqlite3 libcrypto jansson inih libbsd
INV_PKG_CFLAGS	:= $(shell $(PKG_CONFIG) --cflags $(INV_PKGS) 2>/dev/null)
INV_PKG_LIBS	:= $(shell $(PKG_CONFIG) --libs sqlite3 libcrypto jansson inih 2>/dev/null)

OPTIM		?= -O2 -g
WARN		= -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2
CPPFLAGS	+= -D_GNU_SOURCE -Iinclude -DSYSCONFDIR='"$(SYSCONFDIR)"' \
		   -DLOCALEDIR='"$(LOCALEDIR)"' -DPKGLIBDIR='"$(PKGLIBDIR)"' -DBLANKO_VERSION='"$(VERSION)"'
CFLAGS		?= $(OPTIM)
ALL_CFLAGS	= -std=c11 $(WARN) $(CFLAGS) $(CPPFLAGS) $(INV_PKG_CFLAGS)
SAN_FLAGS	= -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# The ledger library: everything printctl uses through include/blanko/.
LIB_SRCS	= inventory/serial.c inventory/names.c inventory/db.c inventory/schema.c inventory/store.c \
		  inventory/store-request.c inventory/store-print.c inventory/print.c \
		  inventory/chain.c inventory/ledger.c inventory/account.c inventory/user.c \
		  inventory/query.c inventory/verify.c inventory/config.c inventory/cli.c inventory/request.c \
		  inventory/audit.c inventory/report.c inventory/text.c inventory/outfile.c inventory/date.c \
		  inventory/events.c inventory/states.c inventory/verify-holdings.c \
		  inventory/verify-requests.c inventory/verify-print.c inventory/verify-records.c
INV_SRCS	= inventory/inventory.c $(wildcard inventory/cmd-*.c) \
		  $(filter-out $(RPDF_SRCS),$(wildcard inventory/report-*.c))
# The reports are the program's, not the library's: CSV through libcsv, and
# PDF through cairo and pango in a module of their own, report-pdf.so, that
# the program opens only to write a PDF (report-module.c), so that the other
# commands start without loading cairo, pango and glib.  In the build tree
# it is build/lib/report-pdf.so; installed, PKGLIBDIR/report-pdf.so.
REPORT_LIBS	= -lcsv -lm
RPDF_SRCS	= inventory/report-pdf.c
RPDF_PKGS	= pangocairo cairo
RPDF_CFLAGS	:= $(shell $(PKG_CONFIG) --cflags $(RPDF_PKGS) 2>/dev/null)
RPDF_LIBS	:= $(shell $(PKG_CONFIG) --libs $(RPDF_PKGS) 2>/dev/null)
RPDF		= $(BUILD)/lib/report-pdf.so
UNIT_SRCS	= tests/unit/test-serial.c tests/unit/test-ledger.c tests/unit/test-verify-print.c tests/unit/test-date.c \
		  tests/unit/test-states.c
UNIT_TESTS	= $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(UNIT_SRCS)) \
		  $(patsubst tests/unit/%.c,$(BUILD)/asan/%,$(UNIT_SRCS))

LIB		= $(BUILD)/libinventory.a
LIB_OBJS	= $(LIB_SRCS:%.c=$(BUILD)/%.o)
INV_OBJS	= $(INV_SRCS:%.c=$(BUILD)/%.o)
ASAN_LIB_OBJS	= $(LIB_SRCS:%.c=$(BUILD)/asan/%.o)
BENCH		= $(BUILD)/bench-ledger

.PHONY: all check unit bench demo install clean
all: $(BIN)/inventory $(BIN)/printctl $(RPDF)

# printctl's parts: card rendering (templates, QR, PDF/PNG) and CUPS jobs,
# and the printctl program itself.
include printctl/render.mk printctl/cupsjob.mk printctl/printctl.mk tests/fuzz/fuzz.mk
PRINTCTL_TESTS	= $(BUILD)/test-render $(BUILD)/render-tool $(BUILD)/gen-residents $(BUILD)/test-cupsjob

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/asan/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -MMD -MP -c -o $@ $<

$(LIB): $(LIB_OBJS)
	$(AR) rcs $@ $^

$(BIN)/inventory: $(INV_OBJS) $(LIB)
	@mkdir -p $(BIN)
	$(CC) $(ALL_CFLAGS) -o $@ $(INV_OBJS) $(LIB) $(INV_PKG_LIBS) $(REPORT_LIBS)

# The PDF writer module: position-independent, every symbol resolved at link
# time (-z defs), needing nothing of the program.
$(BUILD)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(RPDF_CFLAGS) -fPIC -MMD -MP -c -o $@ $<

$(RPDF): $(RPDF_SRCS:%.c=$(BUILD)/pic/%.o)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -shared -Wl,-z,defs -o $@ $^ $(RPDF_LIBS)

$(BUILD)/unit/%: tests/unit/%.c $(LIB) tests/unit/test.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Iinventory -o $@ $< $(LIB) $(INV_PKG_LIBS)

$(BUILD)/asan/%: tests/unit/%.c $(ASAN_LIB_OBJS) tests/unit/test.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -Iinventory -o $@ $< $(ASAN_LIB_OBJS) $(INV_PKG_LIBS)

$(BUILD)/ledger-tool: tests/tools/ledger-tool.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(INV_PKG_LIBS)

$(BENCH): tests/bench/bench-ledger.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Iinventory -o $@ $< $(LIB) $(INV_PKG_LIBS)

unit: $(UNIT_TESTS)

check: all unit $(PRINTCTL_TESTS) $(FUZZ_REPLAYS) $(BUILD)/ledger-tool
	@sh tests/run-tests.sh

# The print controller's cost per card: dispatch.c and what it links, with
# the renderer's and CUPS's calls wrapped to time them (see bench-print.c).
BENCH_PRINT_WRAP = renderCardPDF cjDocWrite cjJobCreate cjJobSendDocument cjPrinterOpen2
$(BUILD)/bench-print: tests/bench/bench-print.c $(BUILD)/render/dispatch.o $(BUILD)/render/card.o \
    $(BUILD)/render/sitekey.o $(RENDER_OBJS) $(CUPSJOB_OBJS) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(RENDER_CFLAGS) $(CUPSJOB_CFLAGS) -Iprintctl -o $@ $< \
	  $(BUILD)/render/dispatch.o $(BUILD)/render/card.o $(BUILD)/render/sitekey.o $(RENDER_OBJS) \
	  $(CUPSJOB_OBJS) $(LIB) $(RENDER_LIBS) $(INV_PKG_LIBS) $(PRINTCTL_LIBS) $(CUPSJOB_LIBS) \
	  $(addprefix -Wl$(comma)--wrap=,$(BENCH_PRINT_WRAP))

bench: all $(BENCH) $(BUILD)/bench-print $(BUILD)/gen-residents
	@sh tests/bench/run-bench.sh

demo: all $(BUILD)/gen-residents
	@bash tests/demo.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(SYSCONFDIR)/blanko
	install -m 755 $(BIN)/inventory $(DESTDIR)$(BINDIR)/inventory
	install -m 755 $(BIN)/printctl $(DESTDIR)$(BINDIR)/printctl
	install -d $(DESTDIR)$(PKGLIBDIR)
	install -m 644 $(RPDF) $(DESTDIR)$(PKGLIBDIR)/report-pdf.so
	install -m 644 inventory/inventory.1 $(DESTDIR)$(MANDIR)/man1/inventory.1
	install -m 644 printctl/printctl.1 $(DESTDIR)$(MANDIR)/man1/printctl.1
	install -d $(DESTDIR)$(SYSCONFDIR)/blanko/templates
	install -m 644 etc/templates/ktp-el.tmpl etc/templates/README.md $(DESTDIR)$(SYSCONFDIR)/blanko/templates/
	test -f $(DESTDIR)$(SYSCONFDIR)/blanko/blanko.conf || \
	  install -m 644 etc/blanko.conf $(DESTDIR)$(SYSCONFDIR)/blanko/blanko.conf

clean:
	rm -rf $(BUILD) $(BIN) tests/tmp

.SECONDARY:

# Message catalogs: adds its .mo files to all and install, and make pot.
include etc/locale/locale.mk

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

endif
