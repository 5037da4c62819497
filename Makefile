# gen — a static report generator for Chinese public-office work plans.
#
#   make deps site    install what is missing (Debian), build gen and out/
#   make test         run every test; ends with "N passed, N failed"
#   make check        the fast tests only (under 15 s), between edits
#
# See README.md for every target.

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
# The built-in templates and assets: a site's own templates/ overrides
# them file by file.  The path is compiled in (core/config.c); the
# environment variable GEN_DATADIR overrides it at run time.
DATADIR  ?= $(PREFIX)/share/gen
DESTDIR  ?=

CC       ?= cc
# Development builds fail on any warning; `make RELEASE=1` does not.
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wpointer-arith -Wno-unused-parameter
ifeq ($(RELEASE),1)
OPT      ?= -O2 -DNDEBUG
else
OPT      ?= -O2 -g
WARN     += -Werror
endif
CFLAGS   ?= $(OPT)
CFLAGS   += -std=c11 -D_GNU_SOURCE $(WARN)

CMARK_CFLAGS := $(shell pkg-config --cflags libcmark 2>/dev/null)
CMARK_LIBS   := $(shell pkg-config --libs libcmark 2>/dev/null || echo -lcmark)
CJSON_CFLAGS := $(shell pkg-config --cflags libcjson 2>/dev/null || echo -I/usr/include/cjson)
CJSON_LIBS   := $(shell pkg-config --libs libcjson 2>/dev/null || echo -lcjson)
CMOCKA_LIBS  := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)
# gen serve's HTTP server (Debian libmicrohttpd-dev): its header here,
# the library loaded by gen serve alone (dlopen of its soname, read from
# the library), so that no other command pays for linking it and TLS.
MHD_CFLAGS   := $(shell pkg-config --cflags libmicrohttpd 2>/dev/null)
MHD_SONAME   := $(shell objdump -p "$$(pkg-config --variable=libdir \
    libmicrohttpd 2>/dev/null)/libmicrohttpd.so" 2>/dev/null | \
    awk '$$1 == "SONAME" { print $$2 }')
MHD_SONAME   := $(if $(MHD_SONAME),$(MHD_SONAME),libmicrohttpd.so.12)

LIBS     = $(CMARK_LIBS) $(CJSON_LIBS) -lm -lpthread -ldl
ALL_CFLAGS = $(CFLAGS) $(CMARK_CFLAGS) $(CJSON_CFLAGS) $(MHD_CFLAGS) \
    -DMHD_SONAME='"$(MHD_SONAME)"'

# Build folder and program: `make asan` builds into a tree of its own.
B        ?= build
GEN      ?= bin/gen

# The layers, bottom up (docs/architecture.md); main.c on top.
LAYERS   := core parse mustache relate site build
LIB_SRCS := $(foreach l,$(LAYERS),$(sort $(wildcard gen/$(l)/*.c)))
SRCS     := $(LIB_SRCS) gen/main.c
OBJS     := $(LIB_SRCS:gen/%.c=$(B)/%.o) $(B)/parse/orgdata.o $(B)/build/pdfdriver.o \
            $(B)/relate/relatedata.o $(B)/parse/folddata.o
DEPS     := $(SRCS:gen/%.c=$(B)/%.d) $(B)/parse/orgdata.d $(B)/build/pdfdriver.d \
            $(B)/relate/relatedata.d $(B)/parse/folddata.d
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(B)/tests/%)
TOOL_SRCS := $(sort $(wildcard tests/tools/*.c))
TOOL_BINS := $(TOOL_SRCS:tests/tools/%.c=$(B)/tests/%)

.PHONY: all deps site ci print print-docs bench bench-deps bench-profile bench-complexity test check check-tests mutants dupes asan valgrind bless install \
        uninstall clean bench fuzz

all: $(GEN)

$(GEN): $(B)/main.o $(B)/libgen.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -Wl,--build-id -o $@ $(B)/main.o $(B)/libgen.a $(LIBS)

$(B)/libgen.a: $(OBJS)
	@rm -f $@
	$(AR) rcs $@ $(OBJS)

# Header dependencies are tracked by the compiler (-MMD -MP).
$(B)/%.o: gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Igen -MMD -MP -c -o $@ $<

# Only config.c knows where the built-in templates are installed; it is
# compiled again when DATADIR changes.
$(B)/core/config.o: gen/core/config.c $(B)/datadir.$(subst /,_,$(DATADIR))
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Igen -DGEN_DATADIR='"$(DATADIR)"' -MMD -MP -c -o $@ $<

$(B)/datadir.$(subst /,_,$(DATADIR)):
	@mkdir -p $(B)
	@rm -f $(B)/datadir.*
	@touch $@

# The organisation tables (gen/parse/org.c) are made from data/*.tsv at
# build time, so an installed gen needs no data files (scripts/divisions
# refreshes the data; README "Organisations").  scripts/tsvdata.sh makes
# every table of data/ (org, fold, relate).
ORGDATA  := data/divisions.tsv data/divisions-former.tsv data/org-aliases.tsv \
            data/org-bodies.tsv data/org-national.tsv data/pinyin.tsv
$(B)/parse/orgdata.c: $(ORGDATA) scripts/tsvdata.sh
	@mkdir -p $(dir $@)
	sh scripts/tsvdata.sh org data > $@.tmp && mv $@.tmp $@

$(B)/parse/orgdata.o: $(B)/parse/orgdata.c
	$(CC) $(ALL_CFLAGS) -Igen -MMD -MP -c -o $@ $<

# The traditional → simplified fold of the documents (gen/parse/fold.c:
# organisation names, status words, related items' terms) is made from
# data/fold.tsv (scripts/relate-idf refreshes it from Unihan) and
# data/fold-extra.tsv (by hand, which wins) at build time.
$(B)/parse/folddata.c: data/fold.tsv data/fold-extra.tsv scripts/tsvdata.sh
	@mkdir -p $(dir $@)
	sh scripts/tsvdata.sh fold data/fold.tsv data/fold-extra.tsv > $@.tmp && mv $@.tmp $@

$(B)/parse/folddata.o: $(B)/parse/folddata.c
	$(CC) $(ALL_CFLAGS) -Igen -MMD -MP -c -o $@ $<

# The term weights of related items (gen/relate/relate.c) are made
# from data/relate-idf.tsv at build time (scripts/relate-idf refreshes
# the data from content/ and ../shared/seeds/; docs/relations.md).
$(B)/relate/relatedata.c: data/relate-idf.tsv scripts/tsvdata.sh
	@mkdir -p $(dir $@)
	sh scripts/tsvdata.sh relate data/relate-idf.tsv > $@.tmp && mv $@.tmp $@

$(B)/relate/relatedata.o: $(B)/relate/relatedata.c
	$(CC) $(ALL_CFLAGS) -Igen -MMD -MP -c -o $@ $<

# gen print --pdf's driver (gen/build/pdf.py) is compiled into gen as a
# string, so an installed gen needs no script of the source tree.
$(B)/build/pdfdriver.c: gen/build/pdf.py
	@mkdir -p $(dir $@)
	{ echo '/* Made from gen/build/pdf.py by the Makefile: do not edit. */'; \
	  echo '#include "build/build_int.h"'; \
	  echo 'const char pdf_driver[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' \
	      -e 's/^/"/' -e 's/$$/\\n"/' gen/build/pdf.py; \
	  echo ';'; } > $@.tmp && mv $@.tmp $@

$(B)/build/pdfdriver.o: $(B)/build/pdfdriver.c
	$(CC) $(ALL_CFLAGS) -Igen -MMD -MP -c -o $@ $<

$(B)/tests/%: tests/unit/%.c $(B)/libgen.a
	@mkdir -p $(B)/tests
	$(CC) $(ALL_CFLAGS) -Igen -MMD -MP -MF $@.d -o $@ $< $(B)/libgen.a $(CMOCKA_LIBS) $(LIBS)

$(B)/tests/%: tests/tools/%.c $(B)/libgen.a
	@mkdir -p $(B)/tests
	$(CC) $(ALL_CFLAGS) -Igen -MMD -MP -MF $@.d -o $@ $< $(B)/libgen.a $(LIBS)

-include $(DEPS) $(UNIT_BINS:%=%.d) $(TOOL_BINS:%=%.d)

# Install what is missing (Debian packages, pinned npm packages).
deps:
	@./scripts/deps

# The site is rebuilt only when gen or an input changed: gen writes a
# depfile of every input (content, templates, config) beside a stamp.
# gen build runs the search index itself (Pagefind, pinned in
# package-lock.json, installed by make deps, found as
# node_modules/.bin/pagefind); nothing is ever downloaded.
SITE_STAMP = $(B)/site.stamp
site: $(SITE_STAMP)
	@[ -f out/index.html ] || { rm -f $(SITE_STAMP); $(MAKE) --no-print-directory $(SITE_STAMP); }

$(SITE_STAMP): $(GEN)
	@mkdir -p $(B)
	./$(GEN) build -c config.ini --depfile $(B)/site.d --dep-target $@
	@touch $@

-include $(B)/site.d

# What CI does on a push (.github/workflows/site.yml): check (a warning
# fails: acknowledge a known one with check-ignore in the document's
# front matter), the site with --strict (a template typo fails), print.
ci: $(GEN)
	./$(GEN) check -c config.ini --werror
	./$(GEN) build -c config.ini --strict
	$(MAKE) site print

# Print editions: HTML always, PDF through WeasyPrint when installed
# (gen print --pdf runs it; its exit status 4, no WeasyPrint, is a
# skip here): the annual summaries and every document's edition (those
# changed).  The faces are subset once into $(B)/print-fonts.
PRINT_PDF = env GEN_FONT_CACHE=$(B)/print-fonts ./$(GEN) print -c config.ini --pdf
print: $(GEN)
	@$(PRINT_PDF) --docs || [ $$? -eq 4 ]

print-docs: print

test: all $(UNIT_BINS) $(TOOL_BINS)
	@TZ=UTC LC_ALL=C.UTF-8 GEN=$(GEN) B=$(B) ./tests/run

# The fast part of make test: unit tests, regression pairs, the Mustache
# spec and the cases not marked "# slow" (tests/run --quick).
check: all $(UNIT_BINS) $(TOOL_BINS)
	@TZ=UTC LC_ALL=C.UTF-8 GEN=$(GEN) B=$(B) ./tests/run --quick

# gen with its unit tests and test tools, not run.
check-tests: all $(UNIT_BINS) $(TOOL_BINS)

# Mutation testing: each mutation of tests/mutants/list applied in turn
# to a copy of the tree must make `make check` fail; prints the share
# caught (slow: one make check for each; not part of make test or CI).
mutants: check-tests
	@./tests/mutants/run

# Repeated code in gen/ (jscpd, pinned in package-lock.json, at 50
# tokens); fails on a clone not in tests/dupes.allow.
dupes:
	@./scripts/dupes

# The test suite again under AddressSanitizer and UBSan, in its own tree.
asan:
	$(MAKE) B=build/asan GEN=build/asan/gen OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" test

valgrind: all $(UNIT_BINS) $(TOOL_BINS)
	@TZ=UTC LC_ALL=C.UTF-8 GEN=$(GEN) B=$(B) GEN_VALGRIND=1 ./tests/run

# Re-write expected outputs after a reviewed change (git diff shows it).
bless: all
	@TZ=UTC LC_ALL=C.UTF-8 GEN=$(GEN) B=$(B) ./tests/run --bless

# Benchmarks: the build beside a bare C floor and Hugo, then the
# Mustache render benchmark (bench/README.md).  Not part of make test.
bench: $(GEN)
	@GEN=$(GEN) ./bench/run.sh
	@if [ -x bench/render.sh ]; then GEN=$(GEN) B=$(B) ./bench/render.sh; fi
	@GEN=$(GEN) ./bench/complexity.sh
	@if command -v weasyprint >/dev/null; then \
	  rm -f out/print/*.pdf; \
	  echo "print: the annual PDFs of the default content (faces subset once into $(B)/print-fonts):"; \
	  /usr/bin/time -f 'print: %e s wall, %U s user: annual PDFs' \
	    $(PRINT_PDF) 2>&1 | grep -v ': warning:'; \
	  echo "print: every document's own PDF:"; \
	  /usr/bin/time -f 'print: %e s wall, %U s user: document PDFs' \
	    $(PRINT_PDF) --docs 2>&1 | grep -v ': warning:'; \
	else echo "print: weasyprint not installed, PDF timing skipped"; fi

bench-deps:
	@./bench/deps

# Time and memory on hostile inputs at n and 8n (bench/complexity.sh).
bench-complexity: $(GEN)
	@GEN=$(GEN) ./bench/complexity.sh

bench-profile: $(GEN)
	@GEN=$(GEN) ./bench/profile.sh

# libFuzzer harnesses under ASan/UBSan (clang, libclang-rt-14-dev), each
# run for FUZZ_SECONDS (or FUZZ_RUNS executions) with the seed corpus of tests/fuzz/ and the
# documents and templates of the repository as seeds.
FUZZ_SECONDS ?= 60
FUZZ_RUNS    ?=
export FUZZ_RUNS
FUZZ_CC      ?= clang
# The library's sources and the organisation tables the build generates.
FUZZ_SRCS    = $(LIB_SRCS) $(B)/parse/orgdata.c $(B)/parse/folddata.c $(B)/relate/relatedata.c \
               $(B)/build/pdfdriver.c
FUZZ_FLAGS   = -g -O1 -std=c11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined \
               -fno-sanitize-recover=all -Igen $(CMARK_CFLAGS) $(CJSON_CFLAGS)
FUZZERS      = text md mustache json config manifest pack

build/fuzz/text: tests/fuzz/fuzz_text.c $(FUZZ_SRCS) $(wildcard gen/*/*.h)
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -DFUZZ_NAME='"fuzz.txt"' -o $@ tests/fuzz/fuzz_text.c $(FUZZ_SRCS) $(LIBS)

build/fuzz/md: tests/fuzz/fuzz_text.c $(FUZZ_SRCS) $(wildcard gen/*/*.h)
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -DFUZZ_NAME='"fuzz.md"' -o $@ tests/fuzz/fuzz_text.c $(FUZZ_SRCS) $(LIBS)

build/fuzz/mustache: tests/fuzz/fuzz_mustache.c $(FUZZ_SRCS) $(wildcard gen/*/*.h)
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ tests/fuzz/fuzz_mustache.c $(FUZZ_SRCS) $(LIBS)

build/fuzz/json: tests/fuzz/fuzz_json.c $(FUZZ_SRCS) $(wildcard gen/*/*.h)
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ tests/fuzz/fuzz_json.c $(FUZZ_SRCS) $(LIBS)

build/fuzz/config: tests/fuzz/fuzz_config.c $(FUZZ_SRCS) $(wildcard gen/*/*.h)
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ tests/fuzz/fuzz_config.c $(FUZZ_SRCS) $(LIBS)

build/fuzz/manifest: tests/fuzz/fuzz_manifest.c $(FUZZ_SRCS) $(wildcard gen/*/*.h)
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ tests/fuzz/fuzz_manifest.c $(FUZZ_SRCS) $(LIBS)

build/fuzz/pack: tests/fuzz/fuzz_pack.c $(FUZZ_SRCS) $(wildcard gen/*/*.h)
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ tests/fuzz/fuzz_pack.c $(FUZZ_SRCS) $(LIBS)

fuzz: $(FUZZERS:%=build/fuzz/%)
	@./scripts/fuzz $(FUZZ_SECONDS) $(FUZZERS)

# gen, its man page, and the built-in templates and assets under
# DATADIR/templates (what a site without its own templates/ uses).
install: $(GEN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(GEN) $(DESTDIR)$(BINDIR)/gen
	install -m 0644 gen.1 $(DESTDIR)$(MANDIR)/man1/gen.1
	rm -rf $(DESTDIR)$(DATADIR)/templates
	install -d $(DESTDIR)$(DATADIR)/templates/assets $(DESTDIR)$(DATADIR)/templates/print
	install -m 0644 templates/*.mustache templates/README.md $(DESTDIR)$(DATADIR)/templates
	install -m 0644 templates/assets/* $(DESTDIR)$(DATADIR)/templates/assets
	install -m 0644 templates/print/* $(DESTDIR)$(DATADIR)/templates/print

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/gen $(DESTDIR)$(MANDIR)/man1/gen.1
	rm -rf $(DESTDIR)$(DATADIR)/templates
	-rmdir $(DESTDIR)$(DATADIR)

clean:
	rm -rf bin build out tests/out .out.gen-shadow out.tmp.* .gen-scratch.*
