/*
 * print.c — print editions: for each year an annual summary (cover,
 * contents, overview with a chart, every document of the year, an index
 * of annotations) and for each document a print edition, written as
 * paged HTML for WeasyPrint after GB/T 9704 (templates/print/).
 *
 * print.c builds view data (struct value) and renders it with the
 * templates; every piece of content reaches the HTML through the
 * engine's escaping {{ }}.  Turning HTML into PDF is scripts/print's
 * job, not the library's.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "site/site_int.h"

#define INDEX_TITLE_MAX	26	/* code points of an item title in the index */
#define CHART_LABEL_MAX	14	/* code points of a document in the chart */

/* A document of the build and the name of its print edition. */
struct pdoc {
	const struct doc	*doc;
	const char		*slug;	/* in the build's arena */
	time_t			 mtime;	/* of its source; 0 when unknown */
};

/* An annotated section or item met while building a summary. */
struct ptagref {
	const char		*tag;
	size_t			 seq;	/* order of appearance */
	const char		*doc;	/* title of its document */
	const struct node	*n;
	const char		*href;
};

/* Counts of one document. */
struct pcounts {
	size_t		 sections;
	size_t		 items;
	size_t		 tagged;
	size_t		 paragraphs;
	struct counts	 all;	/* doc_counts(): what sections and items show */
};

/* State of one summary or edition while its view is built. */
struct pview {
	struct arena	*a;
	size_t		 docno;		/* 1-based, for element ids */
	size_t		 nsec;		/* ids handed out in this document */
	size_t		 nitem;
	struct pcounts	 c;
	struct ptagref	*refs;		/* owned; NULL for an edition */
	size_t		 nrefs;
	size_t		 caprefs;
	int		 collect;	/* collect tag references */
	int		 no_outline;	/* the contents list the sections */
	const char	*cur_title;	/* title of the current document */
	struct pid	*ids;		/* owned: element ids of sections, */
	size_t		 nids;		/* items and rows of the current */
	size_t		 capids;	/* document, by node */
};

/* The element id a section, item or row was printed with. */
struct pid {
	const struct node	*n;
	const char		*id;
};

/* ---- Small helpers ---- */

/* pset_*: set member key of object o to a new value; return it. */
static struct value *
pset_str(struct arena *a, struct value *o, const char *key, const char *s)
{
	return value_set(a, o, key, value_cstr(a, s));
}

static struct value *
pset_num(struct arena *a, struct value *o, const char *key, double x)
{
	return value_set(a, o, key, value_num(a, x));
}

static struct value *
pset_bool(struct arena *a, struct value *o, const char *key, int b)
{
	return value_set(a, o, key, value_bool(a, b));
}

/* s cut to at most max code points, "…" added when cut; s itself when
 * it is short enough, else a copy in a. */
static const char *
print_cut(struct arena *a, const char *s, size_t max)
{
	size_t		 len = strlen(s), i = 0, k = 0, used;
	uint32_t	 cp;

	while (i < len && k < max) {
		if ((used = utf8_decode(s + i, len - i, &cp)) == 0)
			used = 1;
		i += used;
		k++;
	}
	if (i >= len)
		return s;
	return arena_printf(a, "%.*s…", (int)i, s);
}

/* s without a leading year "2015年" (a pointer into s). */
static const char *
print_skip_year(const char *s)
{
	const char	*p = s;

	while (ascii_isdigit(*p))
		p++;
	if (p - s == 4 && strncmp(p, "年", strlen("年")) == 0 &&
	    p[strlen("年")] != '\0')
		return p + strlen("年");
	return s;
}

/* The family of a tag (tag_family_len: "办实事项目25" → "办实事项目"),
 * in a. */
static const char *
print_tag_family(struct arena *a, const char *tag)
{
	return arena_strndup(a, tag, tag_family_len(tag, strlen(tag)));
}

/* The date of t (UTC) as "2015年3月1日"; "" when t is 0. */
static const char *
print_date(struct arena *a, time_t t)
{
	struct tm	 tm;

	if (t == 0 || gmtime_r(&t, &tm) == NULL)
		return "";
	return arena_printf(a, "%d年%d月%d日", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
}

/* SOURCE_DATE_EPOCH when it is set to a number, else fallback. */
static time_t
print_time(time_t fallback)
{
	const char	*s = getenv("SOURCE_DATE_EPOCH");
	char		*end;
	long long	 v;

	if (s == NULL || !ascii_isdigit(*s))
		return fallback;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v <= 0)
		return fallback;
	return (time_t)v;
}

/* ---- Names of print editions ---- */

/* The name of the print edition of the document whose site page is
 * SLUG.html: the slug, or "SLUG-doc" when it is all digits (a year's
 * summary is YEAR.html); in a. */
const char *
print_doc_name(struct arena *a, const char *slug)
{
	const char	*p = slug;

	while (ascii_isdigit(*p))
		p++;
	if (*p == '\0')
		return arena_printf(a, "%s-doc", slug);
	return arena_strdup(a, slug);
}

/* Order documents by year, then source path. */
static int
pdoc_cmp(const void *x, const void *y)
{
	const struct pdoc	*a = x, *b = y;

	if (a->doc->year != b->doc->year)
		return a->doc->year < b->doc->year ? -1 : 1;
	return strcmp(a->doc->source, b->doc->source);
}

/* Order pointers to documents by source path, as the site's build
 * orders its documents. */
static int
pdocp_cmp(const void *x, const void *y)
{
	const struct pdoc	*const *a = x, *const *b = y;

	return strcmp((*a)->doc->source, (*b)->doc->source);
}

/* Name every edition after its document's page on the site
 * (summary_slugs() over the sources in the site's order), so the page can
 * link its PDF; in a. */
static void
print_slugs(struct arena *a, struct pdoc *pd, size_t n)
{
	struct diags	 quiet = DIAGS_INIT;	/* gen build warns of them */
	struct pdoc	**by = xcalloc(n + 1, sizeof(*by));
	const char	**paths = xcalloc(n + 1, sizeof(*paths));
	const char	**slugs = xcalloc(n + 1, sizeof(*slugs));
	size_t		 i;

	for (i = 0; i < n; i++)
		by[i] = &pd[i];
	qsort(by, n, sizeof(*by), pdocp_cmp);
	for (i = 0; i < n; i++)
		paths[i] = by[i]->doc->source;
	summary_slugs(paths, n, a, slugs, NULL, &quiet);
	for (i = 0; i < n; i++)
		by[i]->slug = print_doc_name(a, slugs[i]);
	diags_free(&quiet);
	free(slugs);
	free(paths);
	free(by);
}

/* ---- Text as printed ---- */

/* The length of the date unit at s (ASCII digits, then 年, 月, 日 or
 * 号), or 0. */
static size_t
print_date_unit(const char *s, size_t len)
{
	static const char *const units[] = { "年", "月", "日", "号" };
	size_t	 i = 0, k, u;

	while (i < len && ascii_isdigit(s[i]))
		i++;
	if (i == 0)
		return 0;
	for (k = 0; k < sizeof(units) / sizeof(units[0]); k++) {
		u = strlen(units[k]);
		if (len - i >= u && memcmp(s + i, units[k], u) == 0)
			return i + u;
	}
	return 0;
}

/* Append to runs the run [s, s+len) as {text, nowrap}. */
static void
print_run(struct arena *a, struct value *runs, const char *s, size_t len,
    int nowrap)
{
	struct value	*r;

	if (len == 0)
		return;
	r = value_push(runs, value_obj(a));
	pset_str(a, r, "text", arena_strndup(a, s, len));
	pset_bool(a, r, "nowrap", nowrap);
}

/* text as runs [{text, nowrap}], a date ("2017年12月31日", "6月") one
 * run that no line break may cut. */
static struct value *
print_runs(struct arena *a, const char *text)
{
	struct value	*runs = value_arr(a);
	size_t		 len = text ? strlen(text) : 0, i = 0, from = 0, j, u;

	while (i < len) {
		if ((i == 0 || !ascii_isdigit(text[i - 1])) &&
		    (u = print_date_unit(text + i, len - i)) > 0) {
			for (j = i + u; (u = print_date_unit(text + j,
			    len - j)) > 0; j += u)
				continue;
			print_run(a, runs, text + from, i - from, 0);
			print_run(a, runs, text + i, j - i, 1);
			from = i = j;
		} else
			i++;
	}
	print_run(a, runs, text + from, len - from, 0);
	return runs;
}

/* An item's label as GB/T 9704 writes it: "1、" and "1．" as "1.",
 * "(1)" and "1)" as "（1）"; a bullet (- * + • ·) as NULL, since the
 * standard has none; any other as written. */
static const char *
print_label(struct arena *a, const char *label)
{
	static const char *const bullets[] = { "-", "*", "+", "•", "·" };
	const char	*p, *d;
	size_t		 i;

	if (label == NULL)
		return NULL;
	for (i = 0; i < sizeof(bullets) / sizeof(bullets[0]); i++)
		if (strcmp(label, bullets[i]) == 0)
			return NULL;
	d = p = label + (label[0] == '(');
	while (ascii_isdigit(*p))
		p++;
	if (p == d)
		return label;
	if (d == label && (strcmp(p, "、") == 0 || strcmp(p, "．") == 0))
		return arena_printf(a, "%.*s.", (int)(p - d), d);
	if (strcmp(p, ")") == 0)
		return arena_printf(a, "（%.*s）", (int)(p - d), d);
	return label;
}

/* ---- One document as view data ---- */

/* Remember that node n was printed with element id id. */
static void
pview_id(struct pview *v, const struct node *n, const char *id)
{
	if (v->nids == v->capids) {
		v->capids = v->capids ? v->capids * 2 : 64;
		v->ids = xreallocarray(v->ids, v->capids, sizeof(*v->ids));
	}
	v->ids[v->nids].n = n;
	v->ids[v->nids++].id = id;
}

/* Remember that n (element id href) carries tag, for the index. */
static void
pview_ref(struct pview *v, const char *tag, const struct node *n,
    const char *href)
{
	struct ptagref	*r;

	if (v->nrefs == v->caprefs) {
		v->caprefs = v->caprefs ? v->caprefs * 2 : 32;
		v->refs = xreallocarray(v->refs, v->caprefs, sizeof(*v->refs));
	}
	r = &v->refs[v->nrefs];
	r->tag = tag;
	r->seq = v->nrefs++;
	r->doc = v->cur_title;
	r->n = n;
	r->href = href;
}

/* The tags of n as an array; each is added to the index when asked. */
static struct value *
pview_tags(struct pview *v, const struct node *n, const char *id)
{
	struct value	*arr = value_arr(v->a);
	size_t		 i;

	for (i = 0; i < n->ntags; i++) {
		value_push(arr, value_cstr(v->a, n->tags[i]));
		if (v->collect)
			pview_ref(v, n->tags[i], n,
			    arena_printf(v->a, "#%s", id));
	}
	if (n->ntags)
		v->c.tagged++;
	return arr;
}

/* A block of a document body: an object with exactly one of heading,
 * item, paragraph, table set to an object (the others false), so a
 * template never finds the name further up its context. */
static struct value *
pview_block(struct pview *v, struct value *blocks, const char *kind)
{
	static const char *const kinds[] = { "heading", "item", "paragraph",
	    "table" };
	struct value	*b = value_push(blocks, value_obj(v->a)), *o = NULL;
	size_t		 i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i], kind) == 0)
			o = value_set(v->a, b, kinds[i], value_obj(v->a));
		else
			pset_bool(v->a, b, kinds[i], 0);
	pset_bool(v->a, o, "wide", 0);	/* on a landscape page */
	return o;
}

/* Depth of n among items: 0 for an item not inside another item. */
static int
print_item_depth(const struct node *n)
{
	int	 depth = 0;

	for (n = n->parent; n != NULL; n = n->parent)
		if (n->type == NODE_ITEM)
			depth++;
	return depth > 3 ? 3 : depth;
}

/* A section as a heading block, and as an outline and contents entry. */
static void
pview_heading(struct pview *v, const struct node *n, struct value *blocks,
    struct value *outline, struct value *toc)
{
	struct arena	*a = v->a;
	struct value	*h, *e;
	const char	*id, *title = n->title ? n->title : "";
	int		 level = n->level < 1 ? 1 : n->level;

	id = arena_printf(a, "d%zu-s%zu", v->docno, ++v->nsec);
	pview_id(v, n, id);
	v->c.sections++;
	h = pview_block(v, blocks, "heading");
	pset_str(a, h, "id", id);
	pset_num(a, h, "level", level > 4 ? 4 : level);
	pset_num(a, h, "hn", level > 4 ? 5 : level + 1);
	pset_str(a, h, "label", n->label);
	pset_str(a, h, "title", title);
	value_set_ref(h, "tags", pview_tags(v, n, id));
	if (level <= 2) {
		e = value_push(outline, value_obj(a));
		pset_str(a, e, "href", arena_printf(a, "#%s", id));
		pset_str(a, e, "label", n->label);
		pset_str(a, e, "title", title);
		pset_bool(a, e, "sub", level == 2);
	}
	if (level == 1) {
		e = value_push(toc, value_obj(a));
		pset_str(a, e, "href", arena_printf(a, "#%s", id));
		pset_str(a, e, "label", n->label);
		pset_str(a, e, "title", title);
	}
}

/* An item as an item block: its label, its first sentence (lead) and
 * the rest of its text. */
static void
pview_item(struct pview *v, const struct node *n, struct value *blocks)
{
	struct arena	*a = v->a;
	struct value	*it;
	const char	*id, *text = n->text, *lead = NULL;
	size_t		 tl;

	id = arena_printf(a, "d%zu-i%zu", v->docno, ++v->nitem);
	pview_id(v, n, id);
	v->c.items++;
	if (text == NULL)
		text = n->title ? n->title : "";
	else if (n->title && (tl = strlen(n->title)) > 0 &&
	    strncmp(text, n->title, tl) == 0) {
		lead = n->title;
		text += tl;
	}
	it = pview_block(v, blocks, "item");
	pset_str(a, it, "id", id);
	pset_num(a, it, "depth", print_item_depth(n));
	pset_str(a, it, "label", print_label(a, n->label));
	value_set_ref(it, "lead", print_runs(a, lead));
	value_set_ref(it, "rest", print_runs(a, text));
	value_set_ref(it, "tags", pview_tags(v, n, id));
}

/* The table block being filled with the rows of one list. */
struct ptable {
	const struct node	*list;		/* NULL: no table open */
	struct value		*rows;
	struct value		*has_tags;	/* V_BOOL, set by a tagged row */
	struct value		*wide;		/* V_BOOL: a landscape page */
	struct value		*isshort;	/* V_BOOL: kept on one page */
	size_t			 ncols;		/* printed columns, tags aside */
	double			*colw;		/* per column of the document:
						 * its least width, in em */
	double			*colsum;	/* code points of its cells */
	struct value		**pct;		/* its width in the table, % */
	struct value		*pct_num;	/* 序号's */
	struct value		*pct_tag;	/* 标注's */
	size_t			 nrows;
	size_t			 longest;	/* code points of a cell */
	int			*used;		/* per column of the document:
						 * some item fills it */
	/* issue 17: row groups (the rows' categories, table.c) */
	struct value		*span;		/* columns a group heading spans */
	int			 grouped;	/* its category column is printed
						 * as headings: a column still for
						 * the page's orientation */
	const char		*group;		/* the open group's category */
	size_t			 ngroups;
	struct value		*outline;	/* the document's outline */
};

/* The text of n's field name, or "". */
static const char *
print_field(const struct node *n, const char *name)
{
	size_t	 i;

	for (i = 0; i < n->nfields; i++)
		if (strcmp(n->fields[i].name, name) == 0)
			return n->fields[i].text ? n->fields[i].text : "";
	return "";
}

/* Mark in used[] (doc->ncolumns of them) the columns that some item of
 * doc fills, so a column empty in every row is not printed. */
static void
print_used_columns(const struct doc *doc, int *used)
{
	const struct node	*n;
	struct tree_iter	 it;
	size_t			 i;

	tree_iter_init(&it, doc->root);
	while ((n = tree_next(&it)) != NULL)
		for (i = 0; n->type == NODE_ITEM && i < doc->ncolumns; i++)
			if (*print_field(n, doc->columns[i]) != '\0')
				used[i] = 1;
	/* The category column is printed as row-group headings. */
	for (i = 0; doc->category_column != NULL && i < doc->ncolumns; i++)
		if (strcmp(doc->columns[i], doc->category_column) == 0)
			used[i] = 0;
}

/* The widest date in s, in em (a digit is half of one), or 0: a date is
 * never broken (print_runs()), so its column is at least that wide. */
static double
print_date_em(const char *s)
{
	size_t	 len = strlen(s), i = 0, j, u;
	double	 w, best = 0;

	while (i < len) {
		if ((i == 0 || !ascii_isdigit(s[i - 1])) &&
		    (u = print_date_unit(s + i, len - i)) > 0) {
			for (j = i, w = 0; (u = print_date_unit(s + j,
			    len - j)) > 0; j += u)
				w += 1 + (u - strlen("年")) / 2.0;
			if (w > best)
				best = w;
			i = j;
		} else
			i++;
	}
	return best;
}

/* A share of a table's width in percent, to a tenth. */
static double
print_pct(double part, double whole)
{
	return whole > 0 ? floor(part / whole * 1000 + 0.5) / 10 : 0;
}

/* Set the open table's wide and short flags and its column widths from
 * what it holds: wide (a landscape page, GB/T 9704's 横排表格) at five
 * columns or more, or when its headings and dates, which never break,
 * do not fit the 156 mm of a portrait text block (42 em at 10.5 pt, less
 * 0.8 em of padding a column; 60 em landscape); short (kept on one page)
 * up to 12 rows of at most 80 code points a cell.  Each column gets a
 * share of the text block by the square root of the mean length of its
 * cells (a long column wider, a short one not starved), at least its
 * heading's and its dates' width: WeasyPrint then lays the table out at fixed widths instead
 * of measuring every cell (seconds for a long table of CJK text). */
static void
ptable_shape(struct ptable *tb, size_t ndoccols)
{
	size_t	 ncols = tb->ncols + (tb->has_tags->b ? 1 : 0), i;
	double	 least = 2.5 + (tb->has_tags->b ? 4.5 : 0);	/* 序号 */
	double	 fixed = least, weights = 0, avail, w, total = 0;

	for (i = 0; i < ndoccols; i++)
		if (tb->used[i]) {
			least += tb->colw[i];
			weights += sqrt(tb->colsum[i] / (double)tb->nrows + 1);
		}
	tb->span->num = (double)ncols;
	tb->wide->b = ncols + (size_t)tb->grouped >= 5 ||
	    least + 0.8 * ncols > 42;
	tb->isshort->b = tb->nrows <= 12 && tb->longest <= 80;
	avail = (tb->wide->b ? 60 : 42) - 0.8 * ncols - fixed;
	for (i = 0; i < ndoccols; i++)
		if (tb->used[i]) {
			w = avail * sqrt(tb->colsum[i] / (double)tb->nrows +
			    1) / weights;
			tb->pct[i]->num = w > tb->colw[i] ? w : tb->colw[i];
			total += tb->pct[i]->num;
		}
	total += fixed;
	for (i = 0; i < ndoccols; i++)
		if (tb->used[i])
			tb->pct[i]->num = print_pct(tb->pct[i]->num, total);
	tb->pct_num->num = print_pct(2.5, total);
	tb->pct_tag->num = print_pct(4.5, total);
}

/* An item of a table report as a row of the open table of its list, or
 * of a new table block. */
static void
pview_row(struct pview *v, const struct doc *doc, const struct node *n,
    struct value *blocks, struct ptable *tb)
{
	struct arena	*a = v->a;
	struct value	*t, *row, *cells, *cols, *widths;
	const char	*id, *cell;
	size_t		 i, k;
	double		 w;

	if (tb->list != n->parent) {
		t = pview_block(v, blocks, "table");
		cols = value_set_ref(t, "columns", value_arr(a));
		widths = value_set_ref(t, "widths", value_arr(a));
		tb->pct_num = pset_num(a, t, "width_num", 0);
		tb->pct_tag = pset_num(a, t, "width_tag", 0);
		tb->ncols = 1;
		for (i = 0; i < doc->ncolumns; i++)
			if (tb->used[i]) {
				value_push(cols, value_cstr(a,
				    doc->columns[i]));
				tb->pct[i] = value_push(widths,
				    value_num(a, 0));
				tb->ncols++;
				tb->colw[i] = utf8_count(doc->columns[i],
				    strlen(doc->columns[i])) + 1;
				tb->colsum[i] = 0;
			}
		tb->rows = value_set_ref(t, "rows", value_arr(a));
		tb->has_tags = pset_bool(a, t, "has_tags", 0);
		tb->wide = (struct value *)value_get(t, "wide", 4);
		tb->isshort = pset_bool(a, t, "short", 0);
		tb->span = pset_num(a, t, "span", 0);
		tb->nrows = tb->longest = 0;
		tb->list = n->parent;
		tb->group = NULL;
		tb->grouped = doc->category_column != NULL;
	}
	id = arena_printf(a, "d%zu-i%zu", v->docno, ++v->nitem);
	pview_id(v, n, id);
	v->c.items++;
	row = value_push(tb->rows, value_obj(a));
	pset_str(a, row, "id", id);
	pset_str(a, row, "num", n->num);
	/* issue 17: a heading row where the category changes, and the
	 * category in the outline. */
	if (n->category != NULL && (tb->group == NULL ||
	    strcmp(tb->group, n->category) != 0)) {
		const char	*gid = arena_printf(a, "d%zu-g%zu", v->docno,
				    ++tb->ngroups);
		struct value	*e;

		pset_str(a, row, "group", n->category);
		pset_str(a, row, "group_id", gid);
		tb->group = n->category;
		e = value_push(tb->outline, value_obj(a));
		pset_str(a, e, "href", arena_printf(a, "#%s", gid));
		pset_str(a, e, "label", "");
		pset_str(a, e, "title", n->category);
		pset_bool(a, e, "sub", n->parent->parent != NULL &&
		    n->parent->parent->type == NODE_SECTION);
	} else {
		pset_str(a, row, "group", "");
		pset_str(a, row, "group_id", "");
	}
	cells = value_set_ref(row, "cells", value_arr(a));
	for (i = 0; i < doc->ncolumns; i++)
		if (tb->used[i]) {
			cell = print_field(n, doc->columns[i]);
			value_set_ref(value_push(cells, value_obj(a)), "runs",
			    print_runs(a, cell));
			if ((k = utf8_count(cell, strlen(cell))) > tb->longest)
				tb->longest = k;
			tb->colsum[i] += (double)k;
			if ((w = print_date_em(cell)) > tb->colw[i])
				tb->colw[i] = w;
		}
	value_set_ref(row, "tags", pview_tags(v, n, id));
	if (n->ntags)
		tb->has_tags->b = 1;
	tb->nrows++;
	ptable_shape(tb, doc->ncolumns);
}

/* The object of block b (its heading, item, paragraph or table). */
static struct value *
print_block_obj(struct value *b)
{
	struct value	*m;

	for (m = b->first; m != NULL; m = m->next)
		if (m->type == V_OBJ)
			return m;
	return NULL;
}

/* Set the wide flag of the blocks [from, to). */
static void
print_wide_run(struct value *from, struct value *to)
{
	struct value	*o;

	for (; from != NULL && from != to; from = from->next)
		if ((o = print_block_obj(from)) != NULL)
			((struct value *)value_get(o, "wide", 4))->b = 1;
}

#define WIDE_GAP 8	/* blocks between two wide tables kept landscape */

/* Is block b a wide table? */
static int
print_wide_table(struct value *b)
{
	struct value	*o = b != NULL ? print_block_obj(b) : NULL;

	return o != NULL && strcmp(o->key, "table") == 0 &&
	    value_truthy(value_get(o, "wide", 4));
}

/* Put on a wide table's landscape page the headings just before it
 * (and the item whose table it is: an item line right before it), and
 * the few blocks between it and the next wide table (so the pages do
 * not turn for a heading).  Return whether the body starts with a wide
 * table (after headings only). */
static int
pview_wide(struct value *blocks)
{
	struct value	*b, *o, *heads = NULL, *after = NULL;
	size_t		 gap = 0;
	int		 lead = 0, start = 1, head;

	for (b = blocks->first; b != NULL; b = b->next) {
		o = print_block_obj(b);
		head = o != NULL && (strcmp(o->key, "heading") == 0 ||
		    (strcmp(o->key, "item") == 0 && print_wide_table(b->next)));
		if (print_wide_table(b)) {
			if (after != NULL && gap <= WIDE_GAP)
				print_wide_run(after->next, b);
			else
				print_wide_run(heads, b);
			lead |= start;
			start = 0;
			after = b;
			heads = NULL;
			gap = 0;
			continue;
		}
		if (!head)
			start = 0;
		if (head && heads == NULL)
			heads = b;
		else if (!head)
			heads = NULL;
		gap++;
	}
	return lead;
}

/* The body of doc as a flat list of blocks, with its outline (sections
 * of levels 1-2) and contents entries (level 1).  Inline enumerations
 * (一是…二是…) are part of their paragraph's or item's text and are not
 * repeated. */
static void
pview_body(struct pview *v, const struct doc *doc, struct value *dv)
{
	struct arena		*a = v->a;
	struct value		*blocks, *outline, *toc, *p;
	struct ptable		 tb;
	const struct node	*n;
	struct tree_iter	 it;
	int			 descend;

	blocks = value_set_ref(dv, "blocks", value_arr(a));
	outline = value_arr(a);
	toc = value_arr(a);
	memset(&tb, 0, sizeof(tb));
	tb.used = xcalloc(doc->ncolumns + 1, sizeof(*tb.used));
	tb.colw = xcalloc(doc->ncolumns + 1, sizeof(*tb.colw));
	tb.colsum = xcalloc(doc->ncolumns + 1, sizeof(*tb.colsum));
	tb.pct = xcalloc(doc->ncolumns + 1, sizeof(*tb.pct));
	tb.outline = outline;
	print_used_columns(doc, tb.used);
	tree_iter_init(&it, doc->root);
	tree_next(&it);
	while ((n = tree_next(&it)) != NULL) {
		descend = 1;
		switch (n->type) {
		case NODE_SECTION:
			tb.list = NULL;
			pview_heading(v, n, blocks, outline, toc);
			break;
		case NODE_LIST:
			descend = n->style != LIST_INLINE;
			break;
		case NODE_ITEM:
			if (n->nfields > 0 && doc->ncolumns > 0) {
				pview_row(v, doc, n, blocks, &tb);
				descend = 0;
			} else {
				tb.list = NULL;
				pview_item(v, n, blocks);
			}
			break;
		case NODE_PARAGRAPH:
			tb.list = NULL;
			v->c.paragraphs++;
			p = pview_block(v, blocks, "paragraph");
			value_set_ref(p, "text", print_runs(a, n->text));
			descend = 0;
			break;
		case NODE_ROOT:
			break;
		}
		if (!descend)
			tree_iter_reset(&it, n, TREE_EXIT);
	}
	free(tb.used);
	free(tb.colw);
	free(tb.colsum);
	free(tb.pct);
	/* A body that opens with a wide table takes its title along. */
	pset_bool(a, dv, "wide_head", pview_wide(blocks));
	value_set_ref(dv, "outline", outline);
	pset_bool(a, dv, "has_outline", !v->no_outline && outline->len >= 2);
	value_set_ref(dv, "toc", toc);
	pset_bool(a, dv, "has_toc", toc->len > 0);
}

/* Order element ids by their node (any order: looked up only). */
static int
pid_cmp(const void *x, const void *y)
{
	uintptr_t	 a = (uintptr_t)((const struct pid *)x)->n,
			 b = (uintptr_t)((const struct pid *)y)->n;

	return (a > b) - (a < b);
}

/* The 关键指标 table of doc as the edition prints it: {count rows:
 * [{subject value place href}]}, a row a figure (figures_view.c's
 * place, linked to the element the node or the nearest node above it
 * was printed as), or false when doc has none. */
static struct value *
pview_figures(struct pview *v, const struct doc *doc)
{
	struct arena		*a = v->a;
	struct value		*o, *rows, *r;
	const struct figure	*f;
	const struct node	*n;
	struct buf		 place = BUF_INIT;
	struct pid		 key;
	const struct pid	*p;
	const char		*href;
	size_t			 i;

	if (doc->nfigs == 0)
		return value_bool(a, 0);
	if (v->nids > 1)
		qsort(v->ids, v->nids, sizeof(*v->ids), pid_cmp);
	o = value_obj(a);
	pset_num(a, o, "count", (double)doc->nfigs);
	rows = value_set_ref(o, "rows", value_arr(a));
	for (i = 0; i < doc->nfigs; i++) {
		f = &doc->figs[i];
		r = value_push(rows, value_obj(a));
		pset_str(a, r, "subject", f->subject[0] ? f->subject : "—");
		pset_str(a, r, "value", f->value);
		fig_place(&place, f);
		pset_str(a, r, "place", arena_strdup(a, place.len ?
		    buf_cstr(&place) : ""));	/* place is reused */
		/* The printed element of its node or the nearest above. */
		href = NULL;
		for (n = figure_node(f); n != NULL && href == NULL;
		    n = n->parent) {
			key.n = n;
			if (v->nids > 0 && (p = bsearch(&key, v->ids, v->nids,
			    sizeof(*v->ids), pid_cmp)) != NULL)
				href = arena_printf(a, "#%s", p->id);
		}
		pset_str(a, r, "href", href ? href : "");
	}
	buf_free(&place);
	return o;
}

/* The metadata lines shown under a document's title. */
static struct value *
pview_meta(struct arena *a, const struct doc *doc)
{
	struct value	*m = value_arr(a), *e;
	size_t		 i;

#define META(k, val) do {						\
	e = value_push(m, value_obj(a));				\
	pset_str(a, e, "k", (k));					\
	pset_str(a, e, "v", (val));					\
} while (0)
	if (doc->org)
		META("发文单位", doc->org);
	if (doc->kind)
		META("文件类别", doc->kind);
	if (doc->year)
		META("年　　度", arena_printf(a, "%d年", doc->year));
	for (i = 0; i < doc->nextra; i++)
		if (doc->extra[i].key && doc->extra[i].value)
			META(doc->extra[i].key, doc->extra[i].value);
#undef META
	return m;
}

/* The title of pd, or its slug when the document has none. */
static const char *
pdoc_title(const struct pdoc *pd)
{
	return pd->doc->title && pd->doc->title[0] ? pd->doc->title :
	    pd->slug;
}

/* One document as view data: id, title, meta, outline, toc, blocks,
 * counts.  *c receives its counts. */
static struct value *
pview_doc(struct pview *v, const struct pdoc *pd, struct pcounts *c)
{
	struct arena	*a = v->a;
	struct value	*dv = value_obj(a), *cv;
	const char	*title = pdoc_title(pd);

	memset(&v->c, 0, sizeof(v->c));
	v->nsec = v->nitem = v->nids = 0;
	v->cur_title = title;
	pset_str(a, dv, "id", arena_printf(a, "d%zu", v->docno));
	pset_str(a, dv, "slug", pd->slug);
	pset_str(a, dv, "title", title);
	pset_str(a, dv, "short", print_cut(a, print_skip_year(title),
	    CHART_LABEL_MAX));
	pset_str(a, dv, "kind", pd->doc->kind ? pd->doc->kind : "—");
	value_set_ref(dv, "meta", pview_meta(a, pd->doc));
	pset_bool(a, dv, "sample", doc_is_sample(pd->doc));
	pview_body(v, pd->doc, dv);
	doc_counts(pd->doc, &v->c.all);
	v->c.sections = v->c.all.sections;
	v->c.items = v->c.all.items;
	cv = value_set_ref(dv, "counts", counts_value(a, &v->c.all));
	pset_num(a, cv, "tagged", (double)v->c.tagged);
	pset_num(a, cv, "paragraphs", (double)v->c.paragraphs);
	*c = v->c;
	return dv;
}

/* ---- The annual summary ---- */

/* Order references by tag (natural order), then appearance. */
static int
ptagref_cmp(const void *x, const void *y)
{
	const struct ptagref	*a = x, *b = y;
	int			 c;

	if ((c = natcmp(a->tag, b->tag)) != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The index of annotations: one group per tag (natural order), in it
 * one subgroup per document, listing its sections and items in
 * document order.  *ntags gets the number of groups. */
static struct value *
pview_index(struct pview *v, size_t *ntags)
{
	struct arena		*a = v->a;
	struct value		*idx = value_arr(a), *docs = NULL, *refs = NULL,
				*e;
	const struct ptagref	*r, *prev = NULL;
	const char		*title, *label;
	size_t			 i;

	if (v->nrefs > 1)	/* refs is NULL when there are none */
		qsort(v->refs, v->nrefs, sizeof(*v->refs), ptagref_cmp);
	*ntags = 0;
	for (i = 0; i < v->nrefs; i++) {
		r = &v->refs[i];
		if (prev == NULL || strcmp(r->tag, prev->tag) != 0) {
			e = value_push(idx, value_obj(a));
			pset_str(a, e, "tag", r->tag);
			pset_str(a, e, "id", arena_printf(a, "t%zu",
			    ++*ntags));
			docs = value_set_ref(e, "by_doc", value_arr(a));
			prev = NULL;
		}
		if (prev == NULL || r->doc != prev->doc) {
			e = value_push(docs, value_obj(a));
			pset_str(a, e, "doc", r->doc);
			refs = value_set_ref(e, "refs", value_arr(a));
		}
		title = r->n->title ? r->n->title :
		    r->n->text ? r->n->text : "";
		label = r->n->label ? print_label(a, r->n->label) : NULL;
		label = label ? label : "";
		if (ascii_isdigit(label[0]) &&
		    ascii_isdigit(label[strlen(label) - 1]))
			label = arena_printf(a, "%s ", label);
		e = value_push(refs, value_obj(a));
		pset_str(a, e, "href", r->href);
		pset_str(a, e, "label", label);
		pset_str(a, e, "title", print_cut(a, title, INDEX_TITLE_MAX));
		prev = r;
	}
	return idx;
}

/* Counts of tags by family ("办实事项目": 4), most frequent first. */
static struct value *
pview_families(struct pview *v)
{
	struct arena	*a = v->a;
	struct value	*arr = value_arr(a), *e;
	const char	**tagfam;
	size_t		*cnt, nf = 0, i, j, best;

	tagfam = xcalloc(v->nrefs + 1, sizeof(*tagfam));
	cnt = xcalloc(v->nrefs + 1, sizeof(*cnt));
	for (i = 0; i < v->nrefs; i++) {
		const char *f = print_tag_family(a, v->refs[i].tag);

		for (j = 0; j < nf && strcmp(tagfam[j], f) != 0; j++)
			continue;
		if (j == nf)
			tagfam[nf++] = f;
		cnt[j]++;
	}
	while (nf > 0) {
		for (best = 0, j = 1; j < nf; j++)
			if (cnt[j] > cnt[best] || (cnt[j] == cnt[best] &&
			    natcmp(tagfam[j], tagfam[best]) < 0))
				best = j;
		e = value_push(arr, value_obj(a));
		pset_str(a, e, "name", tagfam[best]);
		pset_num(a, e, "count", (double)cnt[best]);
		tagfam[best] = tagfam[nf - 1];
		cnt[best] = cnt[--nf];
	}
	free(tagfam);
	free(cnt);
	return arr;
}

/* The bar chart of items per document, its annotated items drawn over
 * them (chart_view() in the print geometry, chart-svg.mustache). */
static struct value *
pview_chart(struct arena *a, struct value *docs, const struct pcounts *c,
    size_t n)
{
	static const char *const series[] = { "条目", "带标注条目" };
	struct chart_row	*rows = xcalloc(n + 1, sizeof(*rows));
	const struct value	*dv;
	struct value		*ch;
	size_t			 i;

	for (i = 0, dv = docs->first; i < n && dv; i++, dv = dv->next) {
		rows[i].label = value_get(dv, "short", 5)->str;
		rows[i].full = value_get(dv, "title", 5)->str;
		if (c[i].items > 0)
			rows[i].full = arena_printf(a, "%s：%zu 项", rows[i].full,
			    c[i].items);
		if (c[i].tagged > 0)
			rows[i].full = arena_printf(a, "%s，%zu 项带标注",
			    rows[i].full, c[i].tagged);
		rows[i].v[0] = (double)c[i].items;
		rows[i].v[1] = (double)c[i].tagged;
	}
	ch = chart_view(a, &chart_print, "各文件条目数（红色为带标注的条目）",
	    series, 2, rows, i, 0);
	free(rows);
	return ch;
}

/* The overview: totals, a row per document, tag families, the chart. */
static struct value *
pview_overview(struct pview *v, struct value *docs, const struct pcounts *c,
    size_t n, size_t ntags)
{
	struct arena	*a = v->a;
	struct value	*ov = value_obj(a), *tagfam;
	struct pcounts	 t;
	size_t		 i;

	memset(&t, 0, sizeof(t));
	for (i = 0; i < n; i++) {
		counts_add(&t.all, &c[i].all);
		t.sections += c[i].sections;
		t.items += c[i].items;
		t.tagged += c[i].tagged;
		t.paragraphs += c[i].paragraphs;
	}
	pset_num(a, ov, "ndocs", (double)n);
	pset_num(a, ov, "nsections", (double)t.sections);
	pset_num(a, ov, "nitems", (double)t.items);
	value_set_ref(ov, "totals", counts_value(a, &t.all));
	pset_num(a, ov, "ntagged", (double)t.tagged);
	pset_num(a, ov, "ntags", (double)ntags);
	pset_num(a, ov, "nparagraphs", (double)t.paragraphs);
	tagfam = value_set_ref(ov, "families", pview_families(v));
	pset_bool(a, ov, "has_families", tagfam->len > 0);
	value_set_ref(ov, "chart", pview_chart(a, docs, c, n));
	return ov;
}

/* A [print] value of cfg, or NULL when it is not set or empty. */
static const char *
print_cfg(const char *v)
{
	return v != NULL && v[0] != '\0' ? v : NULL;
}

/* The faces of the print roles, from [print] font_*: a name reaches a
 * style sheet (fonts.mustache), so one with a quote, a backslash, markup
 * or CSS punctuation is refused with an error and the default used. */
static struct value *
pview_fonts(struct arena *a, const struct config *cfg, struct diags *d)
{
	const struct { const char *key, *name; } roles[] = {
		{ "title", cfg->font_title },
		{ "body", cfg->font_body },
		{ "heading1", cfg->font_heading1 },
		{ "heading2", cfg->font_heading2 },
		{ "heading3", cfg->font_heading3 },
	};
	struct value	*f = value_obj(a);
	const char	*name;
	size_t		 i;

	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		name = print_cfg(roles[i].name);
		if (name != NULL && name[strcspn(name,
		    "\"'\\<>&;{}()/*\t\r\n")] != '\0') {
			if (d != NULL)
				diag_add(d, cfg->path ? cfg->path : "config",
				    0, 0, SEV_ERROR, "[print] font_%s: a face "
				    "name cannot hold \"%s\"", roles[i].key,
				    name);
			name = NULL;
		}
		pset_str(a, f, roles[i].key, name);
	}
	return f;
}

/* Fields every printed page has, named as the site's pages name them
 * (site.c's page_ctx): site {title lang base_url params} (no generator:
 * the print names no program), data_version; then the faces, the
 * masthead when configured. */
static struct value *
pview_page(struct arena *a, const struct config *cfg, struct value *fonts)
{
	struct value	*ctx = value_obj(a), *site, *params;
	size_t		 i;

	site = value_set_ref(ctx, "site", value_obj(a));
	pset_str(a, site, "title", cfg->title ? cfg->title : "");
	pset_str(a, site, "lang", cfg->lang && cfg->lang[0] ? cfg->lang :
	    "zh-CN");
	pset_str(a, site, "base_url", cfg->base_url ? cfg->base_url : "/");
	params = value_set_ref(site, "params", value_obj(a));
	for (i = 0; i < cfg->nparams; i++)
		pset_str(a, params, cfg->params[2 * i],
		    cfg->params[2 * i + 1]);
	pset_num(a, ctx, "data_version", SITE_DATA_VERSION);
	pset_str(a, ctx, "masthead", print_cfg(cfg->print_masthead));
	value_set_ref(ctx, "fonts", fonts);
	return ctx;
}

/* The issuer and date of a page: [print] date as written, else the
 * compilation date t labelled 汇编日期. */
static void
pview_sign(struct arena *a, struct value *ctx, const struct config *cfg,
    const char *issuer, time_t t)
{
	const char	*date = print_cfg(cfg->print_date);

	pset_str(a, ctx, "issuer", issuer);
	pset_str(a, ctx, "date", date ? date : print_date(a, print_time(t)));
	pset_str(a, ctx, "date_label", date ? NULL : "汇编日期");
}

/* The summary of year: the documents pd[0..n) (all of that year). */
static struct value *
pview_summary(struct arena *a, const struct config *cfg, struct value *fonts,
    int year, const struct pdoc *pd, size_t n)
{
	struct pview	 v;
	struct value	*ctx = pview_page(a, cfg, fonts), *docs, *idx;
	struct pcounts	*c = xcalloc(n + 1, sizeof(*c));
	const char	*issuer = print_cfg(cfg->print_issuer), *org;
	time_t		 newest = 0;
	size_t		 i, ntags;

	memset(&v, 0, sizeof(v));
	v.a = a;
	v.collect = 1;
	v.no_outline = 1;	/* the contents list the sections */
	for (i = 0; i < n; i++)
		if (pd[i].mtime > newest)
			newest = pd[i].mtime;
	/* The issuer: the one document's organisation, else [print]
	 * issuer, else the organisation every document shares. */
	org = print_cfg(pd[0].doc->org);
	for (i = 1; org != NULL && i < n; i++)
		if (pd[i].doc->org == NULL || strcmp(pd[i].doc->org, org) != 0)
			org = NULL;
	if (n == 1 && org != NULL)
		issuer = org;
	else if (issuer == NULL)
		issuer = org;
	pset_num(a, ctx, "year", year);
	pset_str(a, ctx, "page_title", arena_printf(a, "%d年度工作汇编",
	    year));
	pset_str(a, ctx, "subject", arena_printf(a, "%d年度工作汇编，收录"
	    "文件%zu件", year, n));
	pview_sign(a, ctx, cfg, issuer, newest);
	docs = value_set_ref(ctx, "docs", value_arr(a));
	for (i = 0; i < n; i++) {
		v.docno = i + 1;
		value_push(docs, pview_doc(&v, &pd[i], &c[i]));
	}
	idx = pview_index(&v, &ntags);
	value_set_ref(ctx, "index", idx);
	pset_bool(a, ctx, "has_index", ntags > 0);
	/* One document: its counts are on the cover, no overview. */
	value_set_ref(ctx, "overview", n > 1 ? pview_overview(&v, docs, c, n,
	    ntags) : value_bool(a, 0));
	for (i = 1; i < n; i++) {
		c[0].sections += c[i].sections;
		c[0].items += c[i].items;
		counts_add(&c[0].all, &c[i].all);
	}
	value_set_ref(ctx, "totals", counts_value(a, &c[0].all));
	pset_num(a, ctx, "ndocs", (double)n);
	pset_num(a, ctx, "nsections", (double)c[0].sections);
	pset_num(a, ctx, "nitems", (double)c[0].items);
	free(v.refs);
	free(v.ids);
	free(c);
	return ctx;
}

/* The print edition of one document. */
static struct value *
pview_edition(struct arena *a, const struct config *cfg, struct value *fonts,
    const struct pdoc *pd)
{
	struct pview	 v;
	struct value	*ctx = pview_page(a, cfg, fonts), *dv;
	struct pcounts	 c;
	const char	*issuer = print_cfg(pd->doc->org);

	memset(&v, 0, sizeof(v));
	v.a = a;
	v.docno = 1;
	pset_str(a, ctx, "page_title", pdoc_title(pd));
	pset_str(a, ctx, "subject", pd->doc->year > 0 ? arena_printf(a,
	    "%d年%s", pd->doc->year, pd->doc->kind ? pd->doc->kind : "") :
	    pd->doc->kind);
	pview_sign(a, ctx, cfg, issuer ? issuer :
	    print_cfg(cfg->print_issuer), pd->mtime);
	dv = value_set_ref(ctx, "doc", pview_doc(&v, pd, &c));
	value_set_ref(dv, "figures", pview_figures(&v, pd->doc));
	free(v.ids);
	return ctx;
}

/* ---- Output ---- */

/* Write data to path unless the file already holds exactly it, so that
 * unchanged HTML keeps its date and its PDF need not be made again. */
static int
print_write(const char *path, const char *data, size_t len,
    struct diags *d)
{
	struct buf	 old = BUF_INIT;
	int		 same;

	same = file_read(path, &old) == 0 && old.len == len &&
	    (len == 0 || memcmp(old.data, data, len) == 0);
	buf_free(&old);
	if (same)
		return 0;
	if (file_write(path, data, len) == -1) {
		diag_add(d, path, 0, 0, SEV_ERROR, "cannot write: %s",
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* Render template name with ctx into path. */
static int
print_render(struct mustache_set *set, const char *name,
    const struct value *ctx, const char *path, struct diags *d)
{
	const struct mustache	*t;
	struct buf		 out = BUF_INIT;
	int			 rc = -1;

	if ((t = mustache_get(set, name, d)) != NULL &&
	    mustache_render(set, t, ctx, &out, d) == 0)
		rc = print_write(path, out.data ? out.data : "",
		    out.len, d);
	buf_free(&out);
	return rc;
}

/* Copy TDIR/print.css into OUT. */
static int
print_css(const char *tdir, const char *bdir, const char *odir,
    struct arena *a, struct diags *d)
{
	struct buf	 css = BUF_INIT;
	const char	*src = arena_printf(a, "%s/print.css", tdir);
	int		 rc;

	if (file_read(src, &css) == -1 && errno == ENOENT && bdir != NULL)
		src = arena_printf(a, "%s/print/print.css", bdir);
	if (css.len == 0 && file_read(src, &css) == -1) {
		diag_add(d, src, 0, 0, SEV_ERROR, "cannot read: %s",
		    strerror(errno));
		buf_free(&css);
		return -1;
	}
	rc = print_write(arena_printf(a, "%s/print.css", odir),
	    css.data ? css.data : "", css.len, d);
	buf_free(&css);
	return rc;
}

/* The list page: every summary and edition, with PDF links where
 * PDFs are made. */
static struct value *
pview_list(struct arena *a, const struct config *cfg, const struct pdoc *pd,
    size_t n, int pdf_docs)
{
	struct value	*ctx = pview_page(a, cfg, value_obj(a)), *years, *docs,
			*e;
	size_t		 i;

	pset_str(a, ctx, "page_title", "打印版");
	years = value_set_ref(ctx, "years", value_arr(a));
	docs = value_set_ref(ctx, "editions", value_arr(a));
	for (i = 0; i < n; i++) {
		if (pd[i].doc->year > 0 &&
		    (i == 0 || pd[i - 1].doc->year != pd[i].doc->year)) {
			e = value_push(years, value_obj(a));
			pset_num(a, e, "year", pd[i].doc->year);
			pset_str(a, e, "title", arena_printf(a,
			    "%d年度工作汇编", pd[i].doc->year));
		}
		e = value_push(docs, value_obj(a));
		pset_str(a, e, "slug", pd[i].slug);
		pset_str(a, e, "title", pdoc_title(&pd[i]));
		pset_bool(a, e, "pdf", pdf_docs);
	}
	pset_bool(a, ctx, "has_years", years->len > 0);
	return ctx;
}

/* Write OUT/print/: print.css, YEAR.html per year, SLUG.html per
 * document, index.html; list the PDFs to make in pdfs.  Return 0, or -1
 * after adding errors to d. */
int
print_build(const struct config *cfg, struct doc **docs, size_t n,
    int pdf_docs, struct buf *pdfs, struct diags *d)
{
	struct arena		 a = ARENA_INIT, va;
	struct mustache_set	*set;
	struct pdoc		*pd;
	struct value		*fonts;
	struct stat		 st;
	const char		*tdir, *odir, *path;
	size_t			 i, j;
	int			 rc = 0;

	tdir = arena_printf(&a, "%s/print", cfg->templates_dir);
	odir = arena_printf(&a, "%s/print", cfg->out_dir);
	if (mkdir_p(odir) == -1) {
		diag_add(d, odir, 0, 0, SEV_ERROR, "cannot create: %s",
		    strerror(errno));
		arena_free(&a);
		return -1;
	}
	set = mustache_new(tdir);
	if (cfg->builtin_dir != NULL)
		mustache_fallback(set, arena_printf(&a, "%s/print",
		    cfg->builtin_dir));
	mustache_strict(set, cfg->strict);
	mustache_limit(set, cfg->max_output);
	/* Compile all three first: a missing template is one error. */
	if ((mustache_get(set, "summary", d) == NULL) |
	    (mustache_get(set, "doc", d) == NULL) |
	    (mustache_get(set, "index", d) == NULL) |
	    (print_css(tdir, cfg->builtin_dir, odir, &a, d) == -1)) {
		mustache_free(set);
		arena_free(&a);
		return -1;
	}
	pd = xcalloc(n + 1, sizeof(*pd));
	for (i = 0; i < n; i++) {
		pd[i].doc = docs[i];
		pd[i].mtime = stat(docs[i]->source, &st) == 0 ?
		    st.st_mtime : 0;
	}
	qsort(pd, n, sizeof(*pd), pdoc_cmp);
	print_slugs(&a, pd, n);
	fonts = pview_fonts(&a, cfg, d);
	/* Each page's view lives in va only while it is rendered. */
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && pd[j].doc->year == pd[i].doc->year;
		    j++)
			continue;
		if (pd[i].doc->year <= 0)
			continue;
		path = arena_printf(&a, "%s/%d.html", odir, pd[i].doc->year);
		va = (struct arena)ARENA_INIT;
		if (print_render(set, "summary", pview_summary(&va, cfg, fonts,
		    pd[i].doc->year, pd + i, j - i), path, d) == -1)
			rc = -1;
		else
			buf_printf(pdfs, "%s\n", path);
		arena_free(&va);
	}
	for (i = 0; i < n; i++) {
		path = arena_printf(&a, "%s/%s.html", odir, pd[i].slug);
		va = (struct arena)ARENA_INIT;
		if (print_render(set, "doc", pview_edition(&va, cfg, fonts,
		    &pd[i]),
		    path, d) == -1)
			rc = -1;
		else if (pdf_docs)
			buf_printf(pdfs, "%s\n", path);
		arena_free(&va);
	}
	path = arena_printf(&a, "%s/index.html", odir);
	if (print_render(set, "index", pview_list(&a, cfg, pd, n, pdf_docs),
	    path, d) == -1)
		rc = -1;
	mustache_free(set);
	free(pd);
	arena_free(&a);
	return rc;
}
