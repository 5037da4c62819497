/*
 * fuzz_text.c — libFuzzer harness: decode, front matter, clean and the
 * outline parser on arbitrary bytes named as a .txt file, then the JSON
 * writer on the tree.  Built and run by `make fuzz`.
 */
#include <stddef.h>
#include <stdint.h>

#include "gen.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	 cfg;
	struct diags	 d = DIAGS_INIT;
	struct buf	 out = BUF_INIT;
	struct doc	*doc;

	config_defaults(&cfg);
	doc = doc_parse(FUZZ_NAME, (const char *)data, size, &cfg, &d);
	if (doc != NULL) {
		doc_json(doc, &out);
		doc_free(doc);
	}
	buf_free(&out);
	diags_free(&d);
	config_free(&cfg);
	return 0;
}
