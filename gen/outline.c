/* outline.c — placeholder: every block of lines is a paragraph. */
#include <string.h>
#include "gen.h"

int
outline_parse(struct doc *doc, const struct text *t, struct diags *d)
{
	struct buf	 b = BUF_INIT;
	struct node	*p;
	size_t		 i;
	int		 line = 0;

	(void)d;
	for (i = 0; i <= t->n; i++) {
		if (i < t->n && t->v[i].len > 0) {
			if (b.len == 0)
				line = t->v[i].no;
			buf_put(&b, t->v[i].s, t->v[i].len);
			continue;
		}
		if (b.len) {
			p = node_append(doc->root,
			    node_new(doc, NODE_PARAGRAPH, line));
			p->text = arena_strndup(&doc->arena, b.data, b.len);
			buf_reset(&b);
		}
	}
	buf_free(&b);
	return 0;
}

void
meta_infer(struct doc *doc, const struct text *t)
{
	(void)doc;
	(void)t;
}
