/*
 * fuzz_json.c — libFuzzer harness: read the input as JSON (json.c,
 * through cJSON) and write the value back (value.c); the output must be
 * valid UTF-8 and read back to the same text.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a = ARENA_INIT;
	struct buf	 out = BUF_INIT, again = BUF_INIT;
	struct value	*v, *w;
	char		 err[128];

	v = json_parse(&a, (const char *)data, size, err, sizeof(err));
	if (v != NULL) {
		value_json(v, &out, size % 3);
		if (utf8_valid(out.data, out.len) != out.len) {
			fprintf(stderr, "fuzz: value_json wrote bytes that "
			    "are not UTF-8\n");
			abort();
		}
		w = json_parse(&a, out.data, out.len, err, sizeof(err));
		if (w == NULL) {
			fprintf(stderr, "fuzz: value_json output does not "
			    "read back: %s\n", err);
			abort();
		}
		value_json(w, &again, size % 3);
		if (again.len != out.len ||
		    memcmp(again.data, out.data, out.len) != 0) {
			fprintf(stderr, "fuzz: JSON round trip differs\n");
			abort();
		}
		buf_reset(&again);
		value_text(v, &again);
	}
	buf_free(&again);
	buf_free(&out);
	arena_free(&a);
	return 0;
}
