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
