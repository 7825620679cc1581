# Build fragment for the CUPS job module; included by the top-level Makefile.
# Expects CC, CFLAGS (with -I include), BUILD (object dir) and BIN.
#
# Debian 12 ships no cups.pc, so cups-config gives the flags.

CUPSJOB_CFLAGS := $(shell cups-config --cflags)
CUPSJOB_LIBS   := $(shell cups-config --libs)
CUPSJOB_OBJS   := $(BUILD)/printctl/cupsjob.o

$(BUILD)/printctl/cupsjob.o: printctl/cupsjob.c printctl/cupsjob.h \
    printctl/cupsjob-private.h include/blanko/i18n.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CUPSJOB_CFLAGS) -c -o $@ $<

# The C test makes its card PDF with cairo.
$(BUILD)/test-cupsjob: tests/unit/test-cupsjob.c $(CUPSJOB_OBJS) \
    printctl/cupsjob.h tests/unit/test.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -I printctl $(CUPSJOB_CFLAGS) $(shell pkg-config --cflags cairo) \
	  -o $@ $< $(CUPSJOB_OBJS) $(CUPSJOB_LIBS) $(shell pkg-config --libs cairo)

# Real private cupsd + simulated card printers; needs root (cupsd runs its
# filters as lp) and cups, cups-ipp-utils, cups-filters, dbus, poppler-utils.
.PHONY: check-cups
check-cups: $(BUILD)/test-cupsjob
	tests/t0200-cups-fixture.sh
	TEST_CUPSJOB=$(BUILD)/test-cupsjob tests/t0210-cupsjob.sh
