/*
 * site_int.h — internals of the site layer (site.c, summary.c, slug.c,
 * view.c, print.c), shared by its files and the tests only.
 */
#ifndef GEN_SITE_INT_H
#define GEN_SITE_INT_H

#include "parse/parse.h"
#include "relate/relate.h"
#include "site/site.h"

/* summary.c: s[0..len) as UTF-8 in a (bytes that are not: U+FFFD). */
char	*summary_utf8(struct arena *a, const char *s, size_t len);
/* The file name of path without folder and extension, as UTF-8. */
char	*summary_base_name(struct arena *a, const char *path);
/* The first ncp characters of s, with "…" when cut (then in a). */
const char *summary_shorten(struct arena *a, const char *s, size_t ncp);
const char *summary_office(const struct summary *sum);


/* ---- relitems.c — related items (docs/relations.md) ---- */

/* What related items need of a document of the site. */
struct relitem_doc {
	const char	*title;		/* set by the caller once known */
	const char	*label;		/*   and its short form: year, office,
					 * kind (2018年海淀区工作要点) */
	int		 year;		/* 0 when unknown */
	const char	*url;		/* "SLUG.html", percent-encoded */
	const char	*units;		/* its summary's units */
	size_t		 unitslen;
	/* The last build's units of the document (NULL: a new one) and
	 * the related items it found for them (relitems_lists()). */
	const char	*prev_units;
	size_t		 prev_unitslen;
	const char	*lists;
	size_t		 listslen;
};
struct relitems;
/* Append doc's units (anchors an) encoded as a summary keeps them. */
void	 relitems_encode(const struct doc *doc, const struct anchors *an,
	    struct buf *out);
/* The related items of the units of docs[0..n) whose want is set (want
 * NULL: all), found among the units of all, or the last build's where
 * prev (NULL: none) shows no change reaches them; docs must outlive it. */
struct relitems *relitems_new(const struct relitem_doc *docs, size_t n,
	    const unsigned char *want, const struct relitem_prev *prev);
void	 relitems_free(struct relitems *);
/* The number of units whose related items were found (not the last
 * build's). */
size_t	 relitems_found(const struct relitems *);
/* Append document i's related items for the manifest (document t as
 * ids[t]); -1 when this build did not look at them (unchanged). */
int	 relitems_lists(const struct relitems *, size_t i, const uint32_t *ids,
	    struct buf *out);
/* fn(arg, t) for the document t of each related item of document i. */
void	 relitems_targets(const struct relitems *, size_t i,
	    void (*fn)(void *arg, size_t t), void *arg);
/* Hash into h what document i's page shows of its related items. */
void	 relitems_key(const struct relitems *, size_t i, struct hasher *h);
/* The related items of document i's node with anchor anchor, for a page
 * at up ("" or "../"): [{title, label, tip, year, place, href, score}];
 * tip is the title where seen (a byte per document, or NULL) says it is
 * the page's first link to its document (seen then says so). */
struct value *relitems_view(const struct relitems *, struct arena *a,
	    size_t i, const char *anchor, const char *up,
	    unsigned char *seen);
/* fn(arg, t, place, plen, anchor, alen) for each related item of
 * document i's node with anchor anchor: its document t, place, anchor. */
void	 relitems_each(const struct relitems *, size_t i, const char *anchor,
	    void (*fn)(void *arg, size_t t, const char *place, size_t plen,
	    const char *tanchor, size_t alen), void *arg);

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
/* summary.c: the place of n in the numbering into b (reset first): the
 * labels of its sections and items from the outermost down, a
 * section's without its "、" ("二（二）5."), a bullet's the place of
 * its parent; "" when n has no label. */
void	 node_place(struct buf *b, const struct node *n);
/* summary.c: is label the marker of an unnumbered list item (a bullet:
 * - * + • ·), no number of the numbering? */
int	 label_bullet(const char *label);

/* What the views of one document need; values are built in a. */
struct view {
	struct arena		*a;
	const struct doc	*doc;
	const struct anchors	*anchors;
	/* The href of the page of a tag, relative to the page being built
	 * (percent-encoded), owned by arg or a. */
	const char		*(*tag_href)(const void *arg, const char *tag);
	const void		*arg;
	/* The related items of unit n ([{title, year, place, href,
	 * score}], relitems_view()), or NULL: none on any node. */
	struct value		*(*related)(const void *arg, struct arena *,
				    const struct node *n);
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
/* figures_view.c: the node figure f is shown at (its item, else the
 * nearest labelled section or item above it, else its own), and its
 * place in the numbering into b (node_place(); "" when none): the one
 * place of a figure for the page, the CSV and print. */
const struct node *figure_node(const struct figure *f);
void	 fig_place(struct buf *b, const struct figure *f);
/* figures_view.c: every document's first figure of each indicator
 * (summary.figs, docs/figures.md), and the series they make: one
 * office's indicator in one unit stated in two years or more. */
struct figseries;
/* Append doc's figures (anchors an) encoded as a summary keeps them:
 * per figure, indicator, unit, number, value, anchor, place with 0x1F
 * between, 0x1E after. */
void	 figures_encode(const struct doc *doc, const struct anchors *an,
	    struct buf *out);
/* The series among the summaries of docs[0..n) (the array is copied;
 * the summaries and slugs must outlive it). */
struct figseries *figseries_new(const struct site_doc *docs, size_t n);
void	 figseries_free(struct figseries *);
/* Hash into h what document i's page shows of the series it is in. */
void	 figseries_key(const struct figseries *, size_t i, struct hasher *h);
/* The series document i is in, for its page at up: [{id key unit
 * chart}] (chart_view() rows: a year each, this document's marked). */
struct value	*figseries_view(const struct figseries *, struct arena *,
		    size_t i, const char *up);
/* figures_view.c: the 关键指标 table of the document, {count csv_href
 * rows: [{subject value unit cmp place anchor sentence series}] series
 * has_series}, or false when it has no figures (figures.mustache);
 * series from fs for document di (fs may be NULL). */
struct value	*view_figures(const struct view *, const char *csv_href,
		    const struct figseries *fs, size_t di);
/* The chart of items per top-level section of doc, or false. */
struct value	*view_doc_chart(struct arena *, const struct doc *);

/* view.c: the one bar chart of the site and the print editions.  Rows
 * have a label (full: tooltip; href: a link, or NULL; mark: the row of
 * the page's own document) and one value per series (nseries 1 or 2),
 * with the number as written (text[s], or NULL: the value).  Geometry
 * (struct chart_geom) is what differs between the web's chart
 * (chart.mustache) and the print editions' (chart-svg.mustache): the
 * same rows give the same bars, in integers. */
struct chart_row {
	const char	*label;
	const char	*full;
	double		 v[2];
	const char	*text[2];
	const char	*href;
	int		 mark;
};
struct chart_geom {
	int	 width;		/* of the whole chart */
	int	 font;		/* label size: CJK 1 em, ASCII about 1/2 */
	int	 label_max;	/* the widest label column */
	int	 head;		/* above the first row: heads or legend */
	int	 row;		/* a row's height */
	int	 bar;		/* a bar's height */
	int	 room;		/* after a bar, for its number */
	int	 overlay;	/* 1: series over each other on the first's
				 * scale; 0: in panels side by side, each
				 * on its own scale */
};
extern const struct chart_geom chart_web, chart_print;
/* The chart of rows in geometry g: {title width height lx bw bh overlay
 * panels: [{name k x tx y ty}], rows: [{label full href mark y ty
 * cells: [{x w vx value text series k}]}]}.  A bar's full length is
 * full when full > 0 (shares: 100), else its panel's largest value. */
struct value	*chart_view(struct arena *, const struct chart_geom *g,
		    const char *title, const char *const *series,
		    size_t nseries, const struct chart_row *, size_t nrows,
		    double full);
/* chart_view() in the web's geometry, scaled to the largest value. */
struct value	*view_chart(struct arena *, const char *title,
		    const char *const *series, size_t nseries,
		    const struct chart_row *, size_t nrows);
/* chart_view() in the web's geometry of percentages: a bar's full
 * length is 100%, whatever the largest share. */
struct value	*view_share_chart(struct arena *, const char *title,
		    const char *const *series, size_t nseries,
		    const struct chart_row *, size_t nrows);
/* A bar's length for v out of max in room units: rounded, at least 2
 * for a value that is not 0, 0 for 0. */
int		 chart_bar(double v, double max, int room);

/* ---- site.c for track.c ---- */

/* The context every page has (site, root, title, canonical URL,
 * totals), in a. */
struct value	*site_page_ctx(const struct site *, struct arena *a,
		    const char *root, const char *title, const char *url);
/* Render template name with ctx to out, the page rel of the site; who
 * (may be NULL) names the input for messages.  Return 0 or -1. */
int		 site_render(const struct site *, const char *name,
		    const struct value *ctx, const char *who, const char *rel,
		    struct buf *out, struct diags *d);

/* ---- track.c — tracking pages and year-to-year comparisons ---- */

struct tracks;
/* The pages across the documents docs[0..n) (every document of the
 * site): which plan pairs with which report, which document follows
 * which (docs/tracking.md).  Never NULL; tracks_free() releases it. */
struct tracks	*tracks_new(const struct site_doc *docs, size_t n);
void		 tracks_free(struct tracks *);
size_t		 tracks_count(const struct tracks *);
/* The path of page j under out/ (track/SLUG.html, compare/SLUG.html). */
const char	*tracks_path(const struct tracks *, size_t j);
/* The documents page j reads (indices into docs), in *deps; their
 * number. */
size_t		 tracks_deps(const struct tracks *, size_t j,
		    const size_t **deps);
/* The key of page j: its path and what it shows of every document it
 * reads (their hashes stand for their trees). */
uint64_t	 tracks_key(const struct tracks *, size_t j);
/* Hash the links document i's page shows to these pages into h. */
void		 tracks_doc_key(const struct tracks *, size_t i,
		    struct hasher *h);
/* Document i's links to these pages, [{href label kind}], for a page
 * at root, in a. */
struct value	*tracks_doc_view(const struct tracks *, struct arena *a,
		    size_t i, const char *root);
/* Render page j of s from the trees of its documents to out. */
int		 tracks_render(const struct site *s, const struct tracks *,
		    size_t j, struct doc *const *trees, struct buf *out,
		    struct diags *d);

#endif /* GEN_SITE_INT_H */
