/* mustache.c — placeholder (being replaced). */
#include <stdlib.h>
#include "gen.h"

struct mustache_set {
	int	 strict;
};

struct mustache_set *
mustache_new(const char *dir)
{
	(void)dir;
	return xcalloc(1, sizeof(struct mustache_set));
}

void
mustache_strict(struct mustache_set *s, int on)
{
	s->strict = on;
}

void
mustache_add(struct mustache_set *s, const char *name, const char *src,
    size_t len)
{
	(void)s; (void)name; (void)src; (void)len;
}

const struct mustache *
mustache_get(struct mustache_set *s, const char *name, struct diags *d)
{
	(void)s;
	diag_add(d, name, 0, 0, SEV_ERROR, "templates are not supported yet");
	return NULL;
}

int
mustache_render(struct mustache_set *s, const struct mustache *t,
    const struct value *ctx, struct buf *out, struct diags *d)
{
	(void)s; (void)t; (void)ctx; (void)out; (void)d;
	return -1;
}

void
mustache_free(struct mustache_set *s)
{
	free(s);
}

void
html_escape(struct buf *out, const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		switch (s[i]) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		case '\'': buf_puts(out, "&#39;"); break;
		default: buf_putc(out, s[i]);
		}
}
