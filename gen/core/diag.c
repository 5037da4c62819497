/*
 * diag.c — diagnostics: collected where found, printed by main.c.
 */
#include <stdlib.h>
#include <string.h>

#include "core/core_int.h"

/* Add a diagnostic (file and message copied). */
void
diag_vadd(struct diags *d, const char *file, int line, int col, enum sev sev,
    const char *fmt, va_list ap)
{
	struct buf	 msg = BUF_INIT;
	struct diag	*g;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	buf_vprintf(&msg, fmt, ap);
	g = &d->v[d->n++];
	g->file = xstrdup(file ? file : "gen");
	g->line = line;
	g->col = col;
	g->sev = sev;
	g->msg = buf_detach(&msg, NULL);
}

/* Add a diagnostic (file and message copied). */
void
diag_add(struct diags *d, const char *file, int line, int col, enum sev sev,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diag_vadd(d, file, line, col, sev, fmt, ap);
	va_end(ap);
}

/* Return how many diagnostics have severity sev. */
size_t
diags_count(const struct diags *d, enum sev sev)
{
	size_t	 i, n = 0;

	for (i = 0; i < d->n; i++)
		if (d->v[i].sev == sev)
			n++;
	return n;
}

static int
diag_cmp(const struct diag *a, const struct diag *b)
{
	int	 c;

	if ((c = strcmp(a->file, b->file)) != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

/* Sort by file, line and column, keeping the order of equal ones
 * (insertion sort: lists are short and mostly sorted already). */
void
diags_sort(struct diags *d)
{
	struct diag	 t;
	size_t		 i, j;

	for (i = 1; i < d->n; i++) {
		t = d->v[i];
		for (j = i; j > 0 && diag_cmp(&d->v[j - 1], &t) > 0; j--)
			d->v[j] = d->v[j - 1];
		d->v[j] = t;
	}
}

/* Print every diagnostic (a repeat of the one before once) as "file:line:col: severity: message". */
void
diags_print(const struct diags *d, FILE *f)
{
	const struct diag	*g;
	size_t			 i;

	for (i = 0; i < d->n; i++) {
		g = &d->v[i];
		/* The same message at the same place (a template's tag
		 * on every page): once. */
		if (i > 0 && g->sev == g[-1].sev && g->line == g[-1].line &&
		    g->col == g[-1].col && strcmp(g->file, g[-1].file) == 0 &&
		    strcmp(g->msg, g[-1].msg) == 0)
			continue;
		if (g->line > 0 && g->col > 0)
			fprintf(f, "%s:%d:%d: ", g->file, g->line, g->col);
		else if (g->line > 0)
			fprintf(f, "%s:%d: ", g->file, g->line);
		else
			fprintf(f, "%s: ", g->file);
		fprintf(f, "%s: %s\n",
		    g->sev == SEV_ERROR ? "error" : "warning", g->msg);
	}
}

/* Move src's diagnostics to the end of dst, leaving src empty. */
void
diags_move(struct diags *dst, struct diags *src)
{
	size_t	 i;

	for (i = 0; i < src->n; i++) {
		if (dst->n == dst->cap) {
			dst->cap = dst->cap ? dst->cap * 2 : 16;
			dst->v = xreallocarray(dst->v, dst->cap,
			    sizeof(*dst->v));
		}
		dst->v[dst->n++] = src->v[i];
	}
	free(src->v);
	src->v = NULL;
	src->n = src->cap = 0;
}

/* Free every diagnostic; the list is empty and reusable afterwards. */
void
diags_free(struct diags *d)
{
	size_t	 i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}
