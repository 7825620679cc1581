#
# Fuzzing: included by the top Makefile after the printctl fragments.
#
#   make fuzz          each libFuzzer target for FUZZ_SECONDS (default 60),
#                      starting from tests/fuzz/corpus/TARGET; new inputs go
#                      to build/fuzz/corpus-TARGET, crashes to build/fuzz/
#   make check         replays the corpus and tests/fuzz/found/TARGET-* (every
#                      finding, kept once fixed) under ASan + UBSan
#
# libFuzzer needs clang and Debian's libclang-rt-14-dev; the replay needs
# neither (gcc, and the replay.c driver).
#

FUZZ_TARGETS	= serial config qr template csv options
FUZZ_SECONDS	?= 60
FUZZ_CC		?= clang
FUZZ_SRCS	= $(LIB_SRCS) $(CLI_SRCS) $(INV_SRCS) $(PRINTCTL_SRCS) $(CARD_SRCS) $(RENDER_SRCS) $(CUPSJOB_SRCS)
FUZZ_CFLAGS	= $(ALL_CFLAGS) $(RENDER_CFLAGS) $(CUPSJOB_CFLAGS) -Itests/fuzz
FUZZ_LIBS	= $(RENDER_LIBS) $(REPORT_LIBS) $(INV_PKG_LIBS) $(PRINTCTL_LIBS) $(CUPSJOB_LIBS)
FUZZ_RENAME	= -Dmain=$(notdir $(basename $<))_main -Wno-missing-prototypes

# The replay build (gcc): every source with ASan + UBSan; the programs'
# main() renamed so that the options target can call both.
REPLAY_OBJS	= $(FUZZ_SRCS:%.c=$(BUILD)/replay/%.o)
$(BUILD)/replay/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(FUZZ_CFLAGS) $(SAN_FLAGS) $(FUZZ_RENAME) -c -o $@ $<
$(BUILD)/replay/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(REPLAY_OBJS)
	$(CC) $(FUZZ_CFLAGS) $(SAN_FLAGS) -o $@ $< tests/fuzz/replay.c $(REPLAY_OBJS) $(FUZZ_LIBS)
FUZZ_REPLAYS	= $(FUZZ_TARGETS:%=$(BUILD)/replay/fuzz-%)

# The libFuzzer build (clang).
LF_FLAGS	= -fsanitize=address,undefined -fno-omit-frame-pointer -g -O1
LF_OBJS		= $(FUZZ_SRCS:%.c=$(BUILD)/libfuzzer/%.o)
$(BUILD)/libfuzzer/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(filter-out -Wformat=2,$(FUZZ_CFLAGS)) $(LF_FLAGS) -fsanitize=fuzzer-no-link $(FUZZ_RENAME) -c -o $@ $<
$(BUILD)/libfuzzer/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/fuzz.h $(LF_OBJS)
	$(FUZZ_CC) $(filter-out -Wformat=2,$(FUZZ_CFLAGS)) $(LF_FLAGS) -fsanitize=fuzzer -o $@ $< $(LF_OBJS) $(FUZZ_LIBS)

.PHONY: fuzz
fuzz: $(FUZZ_TARGETS:%=$(BUILD)/libfuzzer/fuzz-%)
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(BUILD)/fuzz/corpus-$$t; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp \
	  $(BUILD)/libfuzzer/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -close_fd_mask=3 \
	    -artifact_prefix=$(BUILD)/fuzz/$$t- $(BUILD)/fuzz/corpus-$$t tests/fuzz/corpus/$$t \
	    2>&1 | tee $(BUILD)/fuzz/$$t.log | grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|==.*ERROR|SUMMARY)' \
	    || exit 1; \
	done
