/*
 * fuzz_text.c — libFuzzer harness: decode, front matter, clean and the
 * outline parser (or, built with FUZZ_NAME "fuzz.md", the Markdown front
 * end) on arbitrary bytes, then the JSON writer on the tree (on one
 * line or indented, by the input's length).  Built and run by `make
 * fuzz`.  Besides the sanitizers, it aborts when the tree breaks its
 * invariants (tree_check's "internal error"), or the JSON is not valid
 * UTF-8, is not JSON (json_parse), or does not round-trip: the value
 * read back, written again by value_json() (on one line or indented as
 * asked), is not the same bytes.  The first byte, when it is 0xFE, asks for tight
 * limits ([limits] depth 3, line_length 64) so they are exercised too.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_int.h"
#include "parse/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Abort unless json (doc_json's text, indent as asked) is JSON that
 * value_json() writes again byte for byte. */
static void
roundtrip(const struct buf *json, int indent)
{
	struct arena	 a = ARENA_INIT;
	struct buf	 again = BUF_INIT;
	struct value	*v;
	char		 err[128];

	if ((v = json_parse(&a, json->data, json->len, err,
	    sizeof(err))) == NULL) {
		/* json_parse refuses nesting deeper than it reads; a tree
		 * within the parser's depth limit stays far below it. */
		fprintf(stderr, "fuzz: the JSON does not parse: %s\n", err);
		abort();
	}
	value_json(v, &again, indent);
	buf_putc(&again, '\n');
	if (again.len != json->len ||
	    memcmp(again.data, json->data, json->len) != 0) {
		fprintf(stderr, "fuzz: the JSON read back and written again "
		    "differs\n");
		abort();
	}
	buf_free(&again);
	arena_free(&a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	 cfg;
	struct diags	 d = DIAGS_INIT;
	struct buf	 out = BUF_INIT;
	struct doc	*doc;
	size_t		 i;

	config_defaults(&cfg);
	if (size > 0 && data[0] == 0xFE) {
		cfg.max_depth = 3;
		cfg.max_line_length = 64;
		data++;
		size--;
	}
	doc = doc_parse(FUZZ_NAME, (const char *)data, size, &cfg, &d);
	if (doc != NULL) {
		doc_json(doc, &out, size % 2 ? 0 : 2);	/* out/ or dump */
		if (utf8_valid(out.data, out.len) != out.len) {
			fprintf(stderr, "fuzz: the JSON is not UTF-8\n");
			abort();
		}
		roundtrip(&out, size % 2 ? 0 : 2);
		doc_free(doc);
	}
	for (i = 0; i < d.n; i++)
		if (strncmp(d.v[i].msg, "internal error", 14) == 0) {
			fprintf(stderr, "fuzz: %s\n", d.v[i].msg);
			abort();
		}
	buf_free(&out);
	diags_free(&d);
	config_free(&cfg);
	return 0;
}
