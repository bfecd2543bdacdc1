# Makefile — builds lamtheo, its tests, fuzz targets and benchmarks.
# Targets: make (the binary), make demo, make check, make fuzz, make bench,
# make deps (installs Debian packages; run once as root).

PKGS      := sqlite3 libpq icu-uc icu-i18n jansson libsodium libzip expat libmicrohttpd xlsxwriter cairo pangocairo
CC        ?= gcc
CFLAGS    ?= -O2 -g
WARN      := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 -Wno-format-nonliteral
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP

B         ?= build
LIB_SRC   := $(sort $(wildcard src/core/*.c src/text/*.c src/store/*.c src/domain/*.c src/io/*.c src/web/*.c))
CLI_SRC   := $(sort $(wildcard src/cli/*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(B)/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(B)/%.o)
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
FUZZ_SRC  := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN  := $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/%)

.PHONY: all deps demo check test test-bin asan-check fuzz fuzz-ci bench bench-season bench-growth crash clean layers mutants \
	torture torture-ci

all: $(B)/lamtheo

deps:
	sh scripts/install-deps.sh

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# files embedded with .incbin
$(B)/src/store/schema.o: src/store/schema.sql src/store/schema_pg.sql $(wildcard src/store/migrations/*.sql)
$(B)/src/web/static.o: src/web/static/style.css src/web/static/favicon.svg src/web/static/chon-don-vi.js

$(B)/liblamtheo.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/lamtheo: $(CLI_OBJ) $(B)/liblamtheo.a
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJ) $(B)/liblamtheo.a $(PKG_LIBS)

$(B)/tests/%: tests/unit/%.c tests/unit/unit.h tests/unit/fixture.h tests/unit/pg_cluster.h $(B)/liblamtheo.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/liblamtheo.a $(PKG_LIBS) -lcmocka

# Test tools: mkxlsx turns CSV rows into an .xlsx; encode writes legacy encodings.
TOOLS     := $(B)/tools/mkxlsx $(B)/tools/encode
$(B)/tools/%: tests/tools/%.c $(B)/liblamtheo.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/liblamtheo.a $(PKG_LIBS)

# The build runs in a make of its own: this one read pkg-config's flags
# when it started, before deps installed pkg-config (on a fresh machine:
# none, and every library's #include failed).
demo: deps
	$(MAKE) all
	sh scripts/demo.sh

# The whole suite, then again under AddressSanitizer + UBSan (clang); each
# build on every core (tests/run.sh runs the tests one per core too).
NPROC := $(shell nproc 2>/dev/null || echo 2)
check: deps
	$(MAKE) -j$(NPROC) test
	$(MAKE) -j$(NPROC) asan-check
	$(MAKE) -j$(NPROC) torture-ci
	$(MAKE) -j$(NPROC) fuzz-ci
	sh tests/summary.sh

TEST_BIN := $(B)/lamtheo $(UNIT_BIN) $(TOOLS) $(B)/bench/country $(B)/bench/bench_indicators $(B)/bench/season
test: $(TEST_BIN) layers
	sh tests/run.sh $(B)

# What the suite runs, built without running it (scripts/pg-census.sh).
test-bin: $(TEST_BIN)

# The sanitizer build keeps the indicators' counts in blocks of 4 units
# (domain.h) and their queries' rows in pieces of 3 (domain_int.h), so
# that every test also crosses blocks and pieces and copies blocks.
ASAN_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all \
	-DIND_BLOCK_SHIFT=2 -DIND_ROWS_PIECE=3
asan-check:
	$(MAKE) B=build-asan CC=clang CFLAGS="$(ASAN_CFLAGS)" test

layers:
	sh scripts/check-layers.sh

# The torture build: the sanitizer build's objects linked with
# tests/fault/fault.c, which fails the Nth allocation or the Nth write or
# sync once (LT_FAULT_ALLOC / LT_FAULT_IO) of lamtheo's own calls (through
# the linker's --wrap), SQLite's and jansson's.  make torture runs every N
# of each scenario (tests/fault/torture.sh); make check a sample of them.
FAULT_WRAPS := malloc calloc realloc strdup strndup fwrite fputs fputc fprintf vfprintf \
	printf puts putchar fflush fclose write fsync rename db_open
$(B)/tests/fault.o: tests/fault/fault.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@
$(B)/lamtheo-fault: $(CLI_OBJ) $(B)/tests/fault.o $(B)/liblamtheo.a
	$(CC) $(CFLAGS) $(foreach f,$(FAULT_WRAPS),-Wl,--wrap=$(f)) -o $@ $(CLI_OBJ) \
	  $(B)/tests/fault.o $(B)/liblamtheo.a $(PKG_LIBS)

# TORTURE_SAMPLE values of N per scenario and kind in make check; all of them in make torture
TORTURE_SAMPLE ?= 20
torture-ci:
	$(MAKE) B=build-asan CC=clang CFLAGS="$(ASAN_CFLAGS)" build-asan/lamtheo-fault build-asan/lamtheo
	LAMTHEO_FAULT_BIN=build-asan/lamtheo-fault LAMTHEO_BIN=build-asan/lamtheo \
	  TORTURE_TOTALS=build-asan/torture.totals sh tests/fault/torture.sh $(TORTURE_SAMPLE)
torture:
	$(MAKE) B=build-asan CC=clang CFLAGS="$(ASAN_CFLAGS)" build-asan/lamtheo-fault all
	LAMTHEO_FAULT_BIN=build-asan/lamtheo-fault LAMTHEO_BIN=build/lamtheo sh tests/fault/torture.sh 0

# libFuzzer targets; FUZZ_SECONDS bounds each run.
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS := -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer-no-link,address,undefined $(PKG_CFLAGS)
FUZZ_OBJ  := $(LIB_SRC:%.c=build-fuzz/obj/%.o)
build-fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@
build-fuzz/obj/src/store/schema.o: src/store/schema.sql src/store/schema_pg.sql $(wildcard src/store/migrations/*.sql)
build-fuzz/obj/src/web/static.o: src/web/static/style.css src/web/static/favicon.svg src/web/static/chon-don-vi.js
build-fuzz/libfuzz.a: $(FUZZ_OBJ)
	@rm -f $@
	ar rcs $@ $^
build-fuzz/%: tests/fuzz/%.c build-fuzz/libfuzz.a
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< build-fuzz/libfuzz.a $(PKG_LIBS)
# (the configuration file's reader is the command line's, with its table of settings)
build-fuzz/fuzz_config: tests/fuzz/fuzz_config.c build-fuzz/obj/src/cli/config.o build-fuzz/obj/src/cli/settings.o \
		build-fuzz/libfuzz.a
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(PKG_LIBS)

fuzz: $(FUZZ_BIN)
	sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

fuzz-ci: $(FUZZ_BIN)
	sh tests/fuzz/run.sh 10 $(FUZZ_BIN)

# Benchmarks (not part of check): bench programs link the library.
BENCH_BIN := $(B)/bench/gen $(B)/bench/bench_indicators $(B)/bench/country $(B)/bench/season
$(B)/bench/%: bench/%.c bench/benchlib.h $(B)/liblamtheo.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/liblamtheo.a $(PKG_LIBS)

# the season's load client: libcurl's multi interface, not the library
$(B)/bench/season: bench/season.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< -lcurl -ljansson -lsodium -lsqlite3

# make bench: the district- and province-size comparisons (bench/run.sh),
# then the national benchmarks at BENCH_SCALE (bench/scale.sh; 1 = the
# whole country, ~25 GB and an hour; 0.01 by default).  make bench-growth:
# the national benchmarks at 0.01, 0.1 and 1 and the plot of their growth.
# BENCH_BACKEND=pg: the national figures on PostgreSQL beside SQLite's
# (bench/pg.sh, at BENCH_SCALE) alone.
BENCH_SCALE ?= 0.01
BENCH_SEASON_SCALE ?= 0.1
BENCH_BACKEND ?= sqlite
bench: all $(BENCH_BIN)
ifeq ($(BENCH_BACKEND),pg)
	BENCH_SCALE=$(BENCH_SCALE) sh bench/pg.sh $(B)
else
	sh bench/run.sh $(B)
	sh bench/accounts.sh $(B)
	BENCH_SCALE=$(BENCH_SCALE) sh bench/scale.sh $(B)
	BENCH_SCALE=$(BENCH_SEASON_SCALE) sh bench/season.sh $(B)
endif

# the registration season alone (bench/season.sh; S=0.1 unless BENCH_SEASON_SCALE is set)
bench-season: all $(BENCH_BIN)
	BENCH_SCALE=$(BENCH_SEASON_SCALE) sh bench/season.sh $(B)

bench-growth: all $(BENCH_BIN)
	for s in 0.01 0.1 1; do BENCH_SCALE=$$s sh bench/scale.sh $(B) || exit 1; done
	sh bench/plot.sh

# A small mutation run (not part of check): each plausible bug listed in
# tests/mutants.sh, put into a copy of the tree, must fail its tests.
mutants: all
	sh tests/mutants.sh

# kill -9 at random moments during imports and web writes, N times
CRASH_ROUNDS ?= 200
crash: all
	LAMTHEO_BIN=$(CURDIR)/$(B)/lamtheo sh tests/crash/crash.sh $(CRASH_ROUNDS)

# The man page, made by the binary from its table of commands (never edited
# by hand).  make install (PREFIX, DESTDIR): the binary, lamtheo(1), the
# systemd units of dist/systemd/ (ExecStart pointed at $(PREFIX)/bin) and
# /etc/lamtheo/lamtheo.conf from dist/lamtheo.conf.example unless there is
# one already, and the examples of nginx in front with TLS and of
# logrotate for LAMTHEO_LOG_FILE (share/doc/lamtheo/examples/).  Units go
# where systemd looks for them: /lib/systemd/system
# for PREFIX=/usr (a package's place on Debian 12, where debhelper puts
# them), else $(PREFIX)/lib/systemd/system (the administrator's own,
# /usr/local/lib/systemd/system).  make deb: lamtheo_VERSION_ARCH.deb in
# $(B), from what make install DESTDIR=$(B)/deb/root PREFIX=/usr installs, its Depends
# computed by dpkg-shlibdeps; make lintian checks it.
.PHONY: man install deb lintian
PREFIX    ?= /usr/local
DESTDIR   ?=
SYSTEMDUNITDIR ?= $(if $(filter /usr,$(PREFIX)),/lib/systemd/system,$(PREFIX)/lib/systemd/system)
VERSION   := $(shell sed -n 's/^\#define LAMTHEO_VERSION "\(.*\)"/\1/p' src/cli/main.c)
DEB_ARCH  := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
DEB       := $(B)/lamtheo_$(VERSION)_$(DEB_ARCH).deb

man: $(B)/lamtheo.1
$(B)/lamtheo.1: $(B)/lamtheo
	$(B)/lamtheo help --man > $@.tmp && mv $@.tmp $@

# install_tree DESTDIR PREFIX UNITDIR
define install_tree
	install -d $(1)$(2)/bin $(1)$(2)/share/man/man1 $(1)$(3) $(1)/etc/lamtheo $(1)$(2)/share/doc/lamtheo/examples
	install -m 0755 $(B)/lamtheo $(1)$(2)/bin/lamtheo
	gzip -9n < $(B)/lamtheo.1 > $(1)$(2)/share/man/man1/lamtheo.1.gz
	chmod 0644 $(1)$(2)/share/man/man1/lamtheo.1.gz
	for u in dist/systemd/*.service dist/systemd/*.timer; do \
	  [ -f "$$u" ] || continue; \
	  sed 's|/usr/bin/lamtheo|$(2)/bin/lamtheo|g' "$$u" > $(1)$(3)/$${u##*/} && \
	  chmod 0644 $(1)$(3)/$${u##*/} || exit 1; \
	done
	install -m 0644 dist/nginx/lamtheo.conf $(1)$(2)/share/doc/lamtheo/examples/nginx-lamtheo.conf
	install -m 0644 dist/logrotate/lamtheo $(1)$(2)/share/doc/lamtheo/examples/logrotate-lamtheo
	[ -e $(1)/etc/lamtheo/lamtheo.conf ] || install -m 0644 dist/lamtheo.conf.example $(1)/etc/lamtheo/lamtheo.conf
endef

install: $(B)/lamtheo $(B)/lamtheo.1
	$(call install_tree,$(DESTDIR),$(PREFIX),$(SYSTEMDUNITDIR))

deb: $(B)/lamtheo $(B)/lamtheo.1
	rm -rf $(B)/deb
	$(call install_tree,$(B)/deb/root,/usr,/lib/systemd/system)
	sh dist/debian/build-deb.sh $(B)/deb $(VERSION) $(DEB_ARCH) $(DEB)

# (the warnings it leaves are justified in dist/debian/lintian-overrides)
lintian: deb
	lintian --fail-on error,warning $(DEB)

clean:
	rm -rf build build-asan build-fuzz

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(wildcard build-fuzz/obj/src/*/*.d)
