#
# Card templates and rendering for printctl: included by the top Makefile,
# which defines CC, CFLAGS, BUILD and BIN.
#
#   RENDER_OBJS    objects to link into printctl (with RENDER_LIBS)
#   check-render   unit tests, then tests/t0100-render.sh (pdfinfo, pdftotext, zbarimg)
#
# Packages: libcairo2-dev libpango1.0-dev libqrencode-dev libjpeg62-turbo-dev
# libssl-dev libinih-dev, fonts-urw-base35 (Nimbus Sans, used by ktp-el);
# for the tests poppler-utils and zbar-tools.
#

RENDER_PKGS	= pangocairo cairo libqrencode libcrypto inih libjpeg
RENDER_CFLAGS	:= $(shell pkg-config --cflags $(RENDER_PKGS))
RENDER_LIBS	:= $(shell pkg-config --libs $(RENDER_PKGS)) -lm

RENDER_SRCS	= printctl/template.c printctl/textfit.c printctl/image.c \
		  printctl/render.c printctl/qrpayload.c
RENDER_OBJS	= $(RENDER_SRCS:printctl/%.c=$(BUILD)/render/%.o)
# The ledger library's date check (qrpayload.c), for the programs that link
# the renderer without the library.
RENDER_DATE_OBJ	= $(BUILD)/inventory/date.o

RENDER_TEST_SRCS = tests/unit/sample-record.c tests/unit/synth-photo.c
RENDER_TEST_OBJS = $(RENDER_TEST_SRCS:tests/unit/%.c=$(BUILD)/render/%.o)

$(BUILD)/render/%.o: printctl/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(RENDER_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/render/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(RENDER_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/test-render: $(BUILD)/render/test-render.o $(RENDER_TEST_OBJS) $(RENDER_OBJS) $(RENDER_DATE_OBJ)
	$(CC) $(ALL_CFLAGS) -pthread -o $@ $^ $(RENDER_LIBS)

$(BUILD)/render-tool: $(BUILD)/render/render-tool.o $(RENDER_TEST_OBJS) $(RENDER_OBJS) $(RENDER_DATE_OBJ)
	$(CC) $(ALL_CFLAGS) -pthread -o $@ $^ $(RENDER_LIBS)

$(BUILD)/gen-residents: $(BUILD)/render/gen-residents.o $(BUILD)/render/synth-photo.o
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(RENDER_LIBS)

$(BUILD)/render/gen-residents.o: tests/data/gen-residents.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(RENDER_CFLAGS) -MMD -MP -c -o $@ $<

.PHONY: check-render
check-render: $(BUILD)/test-render $(BUILD)/render-tool $(BUILD)/gen-residents
	$(BUILD)/test-render
	BUILD=$(BUILD) sh tests/t0100-render.sh

-include $(wildcard $(BUILD)/render/*.d)
