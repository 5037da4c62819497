/*
 * fuzz_mustache.c — libFuzzer harness: compile the input as a template
 * (also registered as partial "p" and parent "base", so recursion and
 * inheritance are exercised) and render it against a fixed context.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mustache/mustache_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char context[] =
    "{\"title\":\"昌平区<工作>&要点\",\"year\":2015,\"ok\":true,"
    "\"no\":false,\"none\":null,\"list\":[1,\"二\",{\"a\":{\"b\":\"c\"}}],"
    "\"a\":{\"b\":{\"c\":\"deep\"}},\"name\":\"p\",\"empty\":[]}";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena		 a = ARENA_INIT;
	struct diags		 d = DIAGS_INIT;
	struct buf		 out = BUF_INIT;
	struct mustache_set	*set;
	const struct mustache	*t;
	const struct value	*ctx;
	char			 err[128];
	int			 strict;

	if (size > 64 * 1024)
		return 0;
	strict = size > 0 && data[0] == '!';
	ctx = json_parse(&a, context, strlen(context), err, sizeof(err));
	set = mustache_new(NULL);
	mustache_strict(set, strict);
	mustache_add(set, "t", (const char *)data, size);
	mustache_add(set, "p", (const char *)data, size);
	mustache_add(set, "base", (const char *)data, size);
	if (ctx != NULL && (t = mustache_get(set, "t", &d)) != NULL)
		mustache_render(set, t, ctx, &out, &d);
	mustache_free(set);
	buf_free(&out);
	diags_free(&d);
	arena_free(&a);
	return 0;
}
