/* text.c — placeholder: split lines, drop CR (being replaced). */
#include <string.h>
#include "gen.h"

int
text_clean(struct doc *doc, const char *s, size_t len, int first_line,
    struct text *out, struct diags *d)
{
	size_t	 i, start = 0, n = 0, cap = 16;
	size_t	 e;

	(void)d;
	out->v = arena_alloc(&doc->arena, cap * sizeof(*out->v));
	out->header = NULL;
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '\n')
			continue;
		if (n == cap) {
			struct line *v = arena_alloc(&doc->arena,
			    2 * cap * sizeof(*v));
			memcpy(v, out->v, n * sizeof(*v));
			out->v = v;
			cap *= 2;
		}
		e = i;
		while (e > start && (s[e - 1] == '\r' || s[e - 1] == ' '))
			e--;
		out->v[n].s = arena_strndup(&doc->arena, s + start, e - start);
		out->v[n].len = e - start;
		out->v[n].no = first_line + (int)n;
		n++;
		start = i + 1;
	}
	out->n = n;
	return 0;
}
