# The report benchmark's ledger generator (issue 13): included by the
# Makefile, and by tests/bench/bench-reports.sh into the peer's (an older
# tree built for comparison), so that both build it the same way.
$(BUILD)/bench-books: $(BUILD)/tests/bench/bench-books.o $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(INV_PKG_LIBS)

# The suket benchmark's issuer (issue 15): a week's suket through the library.
$(BUILD)/bench-suket: $(BUILD)/tests/bench/bench-suket.o $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(INV_PKG_LIBS)

# The distribution benchmark's ledgers and the peers' design (issue 14).
$(BUILD)/bench-dist: $(BUILD)/tests/bench/bench-dist.o $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(INV_PKG_LIBS)
