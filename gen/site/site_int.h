/*
 * site_int.h — internals of the site layer (site.c, summary.c, slug.c,
 * view.c, print.c), shared by its files and the tests only.
 */
#ifndef GEN_SITE_INT_H
#define GEN_SITE_INT_H

#include "parse/parse.h"
#include "site/site.h"

/* summary.c: s[0..len) as UTF-8 in a (bytes that are not: U+FFFD). */
char	*summary_utf8(struct arena *a, const char *s, size_t len);
/* The file name of path without folder and extension, as UTF-8. */
char	*summary_base_name(struct arena *a, const char *path);
/* The first ncp characters of s, with "…" when cut (then in a). */
const char *summary_shorten(struct arena *a, const char *s, size_t ncp);

/* ---- slug.c — slugs, unique names, URL encoding ---- */

#define SLUG_MAX 120	/* bytes of a slug, so SLUG.html.tmp.PID fits */

/* Append the slug of s[0..len) to out (at most max bytes): ASCII
 * letters lower-cased, digits, '_' and non-ASCII letters (Han) kept,
 * full-width letters and digits folded, any other run (blanks,
 * punctuation, '/', '.', controls) one '-', none at either end. */
void	 slug_append(struct buf *out, const char *s, size_t len, size_t max);
/* The slug of s (xmalloc'd), or a copy of fallback when it is empty. */
char	*slug_make(const char *s, const char *fallback);

/* Append s percent-encoded for a URL path (keeps A-Z a-z 0-9 - . _ ~ /). */
void	 url_encode(struct buf *, const char *s);
/* strcmp with digit runs compared as numbers: a total order. */
int	 natcmp(const char *, const char *);

/* ---- view.c — anchors and template data of one document ---- */

/* The id of n ("" for lists and nodes without one): n->anchor. */
const char *anchor_of(const struct anchors *, const struct node *);
/* What the views of one document need; values are built in a. */
struct view {
	struct arena		*a;
	const struct doc	*doc;
	const struct anchors	*anchors;
	/* The href of the page of a tag, relative to the page being built
	 * (percent-encoded), owned by arg or a. */
	const char		*(*tag_href)(const void *arg, const char *tag);
	const void		*arg;
	int			 maxdepth; /* nodes deeper are dropped, warned */
	struct diags		*d;
};

/* The body of the document: an array of node views (see node.mustache
 * for their members; every member is present on every node, so that
 * Mustache lookups never fall through to an enclosing context). */
struct value	*view_body(const struct view *);
/* The table of contents: [{anchor, label, title, depth, count}]. */
struct value	*view_toc(const struct view *);
/* The extra front-matter keys of doc: [{key, value}]. */
/* Every front-matter field by its name, as an object. */
struct value	*view_meta(struct arena *, const struct doc *);
struct value	*view_extra(struct arena *, const struct doc *);
/* The chart of items per top-level section of doc, or false. */
struct value	*view_doc_chart(struct arena *, const struct doc *);

/* A horizontal bar chart drawn by chart.mustache: rows with a label
 * (full: tooltip) and one value per series (nseries 1 or 2, each drawn
 * in its own panel with its own scale).  Geometry is integers. */
struct chart_row {
	const char	*label;
	const char	*full;
	double		 v[2];
};
struct value	*view_chart(struct arena *, const char *title,
		    const char *const *series, size_t nseries,
		    const struct chart_row *, size_t nrows);

#endif /* GEN_SITE_INT_H */
