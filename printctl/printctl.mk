#
# The printctl program: included by the top Makefile after render.mk, whose
# pattern rule builds printctl/*.c into $(BUILD)/render/ with RENDER_CFLAGS.
#
# libcsv (Debian libcsv-dev) has no .pc file: it is linked with -lcsv.
#

PRINTCTL_SRCS	= printctl/printctl.c $(wildcard printctl/cmd-*.c) printctl/card.c \
		  printctl/csvfile.c printctl/resident.c printctl/sitekey.c printctl/dispatch.c \
		  printctl/dispatch-cups.c
PRINTCTL_OBJS	= $(PRINTCTL_SRCS:printctl/%.c=$(BUILD)/render/%.o)
PRINTCTL_LIBS	= -lcsv -pthread

$(BIN)/printctl: $(PRINTCTL_OBJS) $(RENDER_OBJS) $(CUPSJOB_OBJS) $(LIB)
	@mkdir -p $(BIN)
	$(CC) $(ALL_CFLAGS) -o $@ $(PRINTCTL_OBJS) $(RENDER_OBJS) $(CUPSJOB_OBJS) $(LIB) $(RENDER_LIBS) $(INV_PKG_LIBS) $(PRINTCTL_LIBS) $(CUPSJOB_LIBS)

# The print engine and what it needs beyond the renderer, CUPS and the
# ledger library: for the programs and tests that link it without printctl.
ENGINE_SRCS	= printctl/dispatch.c printctl/dispatch-cups.c printctl/card.c printctl/sitekey.c
ENGINE_OBJS	= $(ENGINE_SRCS:printctl/%.c=$(BUILD)/render/%.o)

# The engine's unit test (a scripted CUPS, crashes at every step): plain,
# and under ASan + UBSan on the fuzz replay's objects (tests/fuzz/fuzz.mk).
ENGINE_TEST_SRCS = tests/unit/test-engine.c tests/unit/sample-record.c tests/unit/synth-photo.c
ENGINE_TEST_CFLAGS = $(RENDER_CFLAGS) $(CUPSJOB_CFLAGS) -Iprintctl -Iinventory
ENGINE_TEST_LIBS = $(RENDER_LIBS) $(INV_PKG_LIBS) $(PRINTCTL_LIBS) $(CUPSJOB_LIBS)
ENGINE_ASAN_OBJS = $(patsubst %.c,$(BUILD)/replay/%.o,$(ENGINE_SRCS) $(RENDER_SRCS) printctl/cupsjob.c $(LIB_SRCS))
UNIT_TESTS	+= $(BUILD)/unit/test-engine $(BUILD)/asan/test-engine

$(BUILD)/unit/test-engine: $(ENGINE_TEST_SRCS) $(ENGINE_OBJS) $(RENDER_OBJS) $(CUPSJOB_OBJS) $(LIB) tests/unit/test.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ENGINE_TEST_CFLAGS) -o $@ $(ENGINE_TEST_SRCS) $(ENGINE_OBJS) $(RENDER_OBJS) \
	  $(CUPSJOB_OBJS) $(LIB) $(ENGINE_TEST_LIBS)

$(BUILD)/asan/test-engine: $(ENGINE_TEST_SRCS) $(ENGINE_ASAN_OBJS) tests/unit/test.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ENGINE_TEST_CFLAGS) $(SAN_FLAGS) -o $@ $(ENGINE_TEST_SRCS) $(ENGINE_ASAN_OBJS) \
	  $(ENGINE_TEST_LIBS)
