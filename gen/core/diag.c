/*
 * diag.c — diagnostics: collected where found, printed by main.c.
 */
#include <stdlib.h>
#include <string.h>

#include "core/core_int.h"

/* Add a diagnostic (file and message copied into one allocation of
 * their size: a document can have hundreds of thousands). */
void
diag_vadd(struct diags *d, const char *file, int line, int col, enum sev sev,
    const char *fmt, va_list ap)
{
	struct buf	 msg = BUF_INIT;
	struct diag	*g;
	size_t		 fl;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	buf_vprintf(&msg, fmt, ap);
	if (file == NULL)
		file = "gen";
	fl = strlen(file);
	g = &d->v[d->n++];
	g->msg = xmalloc(msg.len + 1 + fl + 1);
	memcpy(g->msg, buf_cstr(&msg), msg.len + 1);
	g->file = g->msg + msg.len + 1;
	memcpy(g->file, file, fl + 1);
	buf_free(&msg);
	g->line = line;
	g->col = col;
	g->sev = sev;
	g->id = NULL;
}

/* The ids of the kinds of warnings and notes (docs/parsing.md and
 * README "gen check"). */
static const char *const diag_ids[] = {
	"numbering-gap", "numbering-repeat", "numbering-backwards",
	"numbering-break", "mixed-delimiter", "md-emphasis", "heading-skip",
	"front-matter", "empty-file", "deep-nesting", "no-title", "no-year",
	"no-org", "no-kind", "category-unplaced", "category-guess", NULL
};

/* The static id named name, or NULL when there is none. */
const char *
diag_id(const char *name)
{
	size_t	 k;

	for (k = 0; name != NULL && diag_ids[k] != NULL; k++)
		if (strcmp(diag_ids[k], name) == 0)
			return diag_ids[k];
	return NULL;
}

/* Add a diagnostic with the id of its kind.  See gen.h. */
void
diag_add_id(struct diags *d, const char *file, int line, int col,
    enum sev sev, const char *id, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diag_vadd(d, file, line, col, sev, fmt, ap);
	va_end(ap);
	d->v[d->n - 1].id = id;
}

/* Is id one of the words of list (separated by commas or blanks)? */
static int
id_listed(const char *list, const char *id)
{
	size_t	 n = strlen(id), i, j;

	for (i = 0; list[i] != '\0'; i = j) {
		while (list[i] == ',' || list[i] == ' ' || list[i] == '[' ||
		    list[i] == ']')
			i++;
		for (j = i; list[j] != '\0' && list[j] != ',' &&
		    list[j] != ' ' && list[j] != ']'; j++)
			continue;
		if (j - i == n && strncmp(list + i, id, n) == 0)
			return 1;
	}
	return 0;
}

/* Drop acknowledged warnings and notes.  See gen.h. */
void
diags_ignore(struct diags *d, size_t from, const char *ids)
{
	size_t	 i, k;

	for (i = k = from; i < d->n; i++) {
		if (d->v[i].sev != SEV_ERROR && d->v[i].id != NULL &&
		    id_listed(ids, d->v[i].id)) {
			free(d->v[i].msg);	/* and its file */
			continue;
		}
		d->v[k++] = d->v[i];
	}
	d->n = k;
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

static const char *const sev_names[] = { "warning", "error", "note" };

/* Print the diagnostics as "file:line:col: severity: message [id]",
 * the notes only with notes. */
static void
print_sev(const struct diags *d, FILE *f, int notes)
{
	const struct diag	*g;
	size_t			 i;

	for (i = 0; i < d->n; i++) {
		g = &d->v[i];
		if (g->sev == SEV_NOTE && !notes)
			continue;
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
		fprintf(f, "%s: %s", sev_names[g->sev], g->msg);
		if (g->id != NULL)
			fprintf(f, " [%s]", g->id);
		fputc('\n', f);
	}
}

/* Print every warning and error (the notes are for gen check). */
void
diags_print(const struct diags *d, FILE *f)
{
	print_sev(d, f, 0);
}

/* Print every diagnostic, the notes too. */
void
diags_print_notes(const struct diags *d, FILE *f)
{
	print_sev(d, f, 1);
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

	for (i = 0; i < d->n; i++)
		free(d->v[i].msg);	/* and its file */
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}
