/*
 * fuzz_pack.c — libFuzzer harness: doc_unpack() (pack.c), which reads a
 * document tree back from the scratch file of a build, on arbitrary
 * bytes (tests/fuzz/corpus/pack/ holds the packed trees of content/).
 * A tree that unpacks is written as JSON, packed again, and that must
 * unpack and pack to the same bytes.  Built and run by `make fuzz`.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build/build_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 out = BUF_INIT, p1 = BUF_INIT, p2 = BUF_INIT;
	struct doc	*doc, *again;

	if ((doc = doc_unpack("fuzz.txt", (const char *)data, size)) == NULL)
		return 0;
	doc_json(doc, &out, size % 2 ? 0 : 2);
	doc_pack(doc, &p1);
	if ((again = doc_unpack("fuzz.txt", p1.data, p1.len)) == NULL) {
		fprintf(stderr, "fuzz: a packed tree does not unpack\n");
		abort();
	}
	doc_pack(again, &p2);
	if (p1.len != p2.len || memcmp(p1.data, p2.data, p1.len) != 0) {
		fprintf(stderr, "fuzz: pack, unpack, pack differs\n");
		abort();
	}
	doc_free(again);
	doc_free(doc);
	buf_free(&p2);
	buf_free(&p1);
	buf_free(&out);
	return 0;
}
