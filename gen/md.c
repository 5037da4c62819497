/* md.c — placeholder (being replaced): Markdown through cmark. */
#include "gen.h"

int
md_parse(struct doc *doc, const char *s, size_t len, int first_line,
    struct diags *d)
{
	(void)s;
	(void)len;
	diag_add(d, doc->source, first_line, 0, SEV_ERROR,
	    "Markdown is not supported yet");
	return -1;
}
