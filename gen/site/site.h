/*
 * site.h — the site layer: the model of the site and its pages, the
 * views of a document, slugs, summaries, print editions.  What the
 * layers above use; the rest is in site_int.h.
 */
#ifndef GEN_SITE_H
#define GEN_SITE_H

#include "core/core.h"
#include "mustache/mustache.h"

/* ------------------------------------------------------------------ */
/* site.c — the model of the site and its pages                        */
/* ------------------------------------------------------------------ */

/*
 * A document is known to the pages that list it by its summary alone,
 * so that its tree can be freed once its own page is rendered and the
 * summary kept between builds (manifest.c).  Strings belong to whoever
 * made the summary (an arena, or a manifest's buffer).
 */
struct anchors;

struct sref {			/* a node that carries an annotation */
	const char	*tag;
	const char	*anchor;
	const char	*label;	/* its place in the numbering, 二（二）5.;
				 * NULL when the node has no label */
	const char	*text;	/* its title, else its text: 120 characters */
	uint32_t	 line;
	uint32_t	 seq;	/* pre-order position in the document */
	uint8_t		 type;	/* enum node_type */
	uint64_t	 tkey;	/* hash of tag */
	uint64_t	 key;	/* hash of anchor, label, text, line, type */
};

/*
 * What a document holds, counted by doc_counts() alone, for its page,
 * the lists, the feed, its JSON and its print edition: 项 are numbered
 * entries (block items at any depth, numbered table rows); sub-points
 * (一是…二是…, inline items) are not 项; unnumbered entries (Markdown
 * bullets) and unnumbered table rows are counted apart.
 */
/* The fields of struct counts, in their order, X(name) each: the one
 * list the struct, its sums, values, JSON, keys and the manifest expand. */
#define COUNTS_FIELDS(X)						\
	X(sections)	/* sections not inside a section */		\
	X(subsections)	/* sections inside a section */			\
	X(items)	/* numbered items and table rows: 项 */		\
	X(points)	/* inline sub-points: 一是、二是… */		\
	X(entries)	/* unnumbered list entries: 条 */		\
	X(rows)		/* unnumbered table rows */

struct counts {
#define COUNTS_FIELD(f)	uint32_t f;
	COUNTS_FIELDS(COUNTS_FIELD)
#undef COUNTS_FIELD
};

/* Count what doc holds into *c. */
void	 doc_counts(const struct doc *, struct counts *c);
/* Count what the nodes under n (not n) hold into *c. */
void	 node_counts(const struct node *n, struct counts *c);
/* Add b into a. */
void	 counts_add(struct counts *a, const struct counts *b);
/* The counts in words, zeros left out: "十个部分、十三个小节、85项、9个
 * 分项" ("" when all are zero), in a. */
const char *counts_text(struct arena *a, const struct counts *c);
/* The counts as a value: {sections subsections items points entries
 * rows text}, in a. */
struct value *counts_value(struct arena *a, const struct counts *c);
/* The counts as JSON members ("counts":{…}) appended to out. */
void	 counts_json(const struct counts *c, struct buf *out);

/* figures_view.c: doc's key figures as CSV appended to out: UTF-8 with
 * a BOM (Excel), a header row, a row a figure (指标 数值 数 数2 单位 比较
 * 位置 行 原文), every text field quoted, CRLF (docs/figures.md). */
void	 figures_csv(const struct doc *, struct buf *out);

/* Does doc's front matter say it is a fictional sample (sample: true,
 * yes or 1)?  Its pages, lines in lists and print covers say 示例（虚构）. */
int	 doc_is_sample(const struct doc *);

struct summary {
	const char	*source;
	const char	*title;		/* NULL when unknown */
	const char	*date;		/* date, 成文日期: "YYYY-MM-DD" or NULL */
	const char	*published;	/* published, 发布日期: the same */
	const char	*aliases;	/* aliases: old paths, ", " between */
	int		 year;		/* 0 when unknown */
	const char	*org;		/* NULL when unknown */
	const char	*org_key;	/* its index key (doc->org_key), NULL */
	const char	*kind;		/* NULL when unknown */
	const char	*outcome;	/* a table's column of outcomes
					 * (status_column()), or NULL */
	const char	*encoding;
	const char	*format;
	struct counts	 counts;	/* doc_counts() */
	uint32_t	 sample;	/* doc_is_sample() */
	uint64_t	 key;		/* hash of all the above but source */
	struct sref	*refs;		/* every tag of every node, in order */
	size_t		 nrefs;
	/* Its units for related items (relitems.c): anchor, place and
	 * signature of every item, row and paragraph, as binary data of
	 * unitslen bytes; NULL when none.  ukey is their hash (0 for none). */
	const char	*units;
	size_t		 unitslen;
	uint64_t	 ukey;
	/* Its key figures for the series over the years (figures_view.c):
	 * indicator, unit, number, value, anchor and place of the first
	 * figure of each indicator, encoded; NULL when none.  fkey is
	 * their hash (0 for none). */
	const char	*figs;
	uint64_t	 fkey;
	/* Their related items as the build found them (relitems_lists()):
	 * the build sets them after the model; not part of what the
	 * summary says (summary_equal()). */
	const char	*rel;
	size_t		 rellen;
};

/* The version of the data templates receive ({{data_version}}): raised
 * when a name templates use changes (CHANGELOG.md).  A site's template
 * may say {{! gen-data: N }}; the build warns when N is older. */
#define SITE_DATA_VERSION 4

/* front.c — front-matter fields with a meaning for the site. */
/* The value of key (or alt, may be NULL) in doc's front matter, or NULL. */
const char *front_get(const struct doc *, const char *key, const char *alt);
/* s (2024-03-05, 2024/3/5, 2024年3月5日) as "YYYY-MM-DD" into out.
 * Return 0, or -1 when s is no date. */
int	 front_date(const char *s, char out[11]);
/* The Chinese label of a front-matter key a document's page shows
 * (索引号, 主题分类, 发文机关, 文号, 作者 …: English keys too), or NULL;
 * and the order of a label in the page's table. */
const char *front_label(const char *key);
size_t	 front_label_rank(const char *label);
/* Does doc's front matter say draft: true? */
int	 front_draft(const struct doc *);

/* Are related items made (relitems.c)?  Yes unless the environment
 * says GEN_RELATE=0 (to measure a build without them: docs/relations.md);
 * a build hashes it with its environment. */
int	 site_relate_on(void);
/* Fill sum from doc, whose anchors are an; strings are copied into a. */
void	 summary_make(struct summary *, struct arena *a, const struct doc *,
	    const struct anchors *an);
/* Do a and b say the same, field by field? */
int	 summary_equal(const struct summary *a, const struct summary *b);
/* Give the documents at paths[0..n) (sorted) unique slugs: slugs[i]
 * in a; "index", "404", "search" are taken.  A renamed one is warned
 * about in d (slug_warn()), and bases[i] (bases may be NULL) is the
 * slug it wanted, else NULL. */
void	 summary_slugs(const char *const *paths, size_t n, struct arena *a,
	    const char **slugs, const char **bases, struct diags *d);
/* The warning of summary_slugs() about path, renamed from base to slug. */
void	 slug_warn(struct diags *d, const char *path, const char *base,
	    const char *slug);
/* "src/SLUG.md" or "src/SLUG.txt" by the source's extension (the raw
 * bytes); with page, the source page "src/SLUG.html" (in a). */
const char *summary_src_path(struct arena *a, const char *slug,
	    const char *source, int page);

/* A document of the site: its summary, slug, and the hash of its
 * source file (part of its page's key). */
struct site_doc {
	const struct summary	*sum;
	const char		*slug;
	uint64_t		 hash;
	int			 want;	/* its page is keyed or rendered */
	/* Its summary in the last build (its units and related items), or
	 * NULL. */
	const struct summary	*prev;
};

/* What the last build found of related items (docs/relations.md): the
 * id it gave each document (its position in the manifest) mapped to
 * the document's position in this one (map[id], UINT32_MAX: gone), and
 * the units of the documents gone, each with the position of the first
 * document after it. */
struct relitem_gone {
	const char	*units;
	size_t		 unitslen;
	uint32_t	 pos;
};
struct relitem_prev {
	int				 threads; /* to find them on */
	/* NULL: nothing known (a full build). */
	const uint32_t			*map;
	size_t				 nmap;
	const struct relitem_gone	*gone;
	size_t				 ngone;
};

/*
 * The model of a site: documents (docs, in the order of their
 * sources), years, organisations, kinds, annotations, display order,
 * slugs and URLs of every page.  Pages are rendered with ms (compiled
 * by site_compile(); may be NULL for keys only).  Every page has a key:
 * a hash of everything its bytes depend on besides the templates, the
 * configuration and the documents' trees (which the document hash
 * stands for); a page whose key did not change need not be rendered.
 * Any number of threads may render pages of one site at once.
 */
struct site;
struct mustache_set;

struct mgroup;

/* A group of documents (year, organisation, kind, annotation: site.c's
 * kinds), its name and the slug of its page. */
struct mgroup {
	unsigned	 kind;
	const char	*name;
	const char	*slug;
};

/* Never NULL; warnings about names go to d.  site_free() releases it.
 * With known groups (site_groups() of a site of the same summaries),
 * the groups are taken from there, not from every summary, and only
 * the documents that want their page are modelled: enough for those
 * documents' pages, which is all such a site renders (it has no other
 * page). */
struct site	*site_new(const struct config *, struct mustache_set *ms,
		    const struct site_doc *docs, size_t n,
		    const struct mgroup *known, size_t nknown,
		    const struct relitem_prev *prev, struct diags *d);
/* Append document i's related items for the manifest (the summary's
 * rel; document t as ids[t]); -1 when this build did not look at them
 * (the last build's stand). */
int		 site_doc_lists(const struct site *, size_t i,
		    const uint32_t *ids, struct buf *out);
/* The number of units whose related items this build found. */
size_t		 site_items_found(const struct site *);
/* The groups of the site (kind, name and slug each), in a. */
size_t		 site_groups(const struct site *, struct arena *a,
		    struct mgroup **groups);
void		 site_free(struct site *);
/* Compile every page template: 0, or -1 after adding errors to d. */
int		 site_compile(struct mustache_set *, struct diags *d);
/* The key of the page of document i. */
uint64_t	 site_doc_key(const struct site *, size_t i);
/* Render document i's page (SLUG.html) from its tree doc with anchors
 * an, appended to out, or through out into sink when it is not NULL
 * (mustache_render_sink(): the page is never held whole).  Return 0,
 * or -1 after adding errors to d or a failed sink->flush. */
int		 site_doc_page(const struct site *, size_t i,
		    const struct doc *doc, const struct anchors *an,
		    struct buf *out, const struct mustache_sink *sink,
		    struct diags *d);
/* The key of document i's JSON file (SLUG.json) beyond its source:
 * its related items. */
uint64_t	 site_json_key(const struct site *, size_t i);
/* Hand document i's JSON (its tree doc, anchors set, with each node's
 * related items) to put(arg, text, len) in pieces, on one line. */
void		 site_doc_json(const struct site *, size_t i,
		    const struct doc *doc,
		    void (*put)(void *, const char *, size_t), void *arg);
/* The key of the source page of document i (src/SLUG.html). */
uint64_t	 site_src_key(const struct site *, size_t i);
/* Render document i's source page from text[0..len), its source
 * decoded to UTF-8 (before cleaning: the lines gen check numbers),
 * appended to out or through it into sink (as site_doc_page()).
 * Return 0, or -1 after adding errors to d or a failed sink->flush. */
int		 site_src_page(const struct site *, size_t i,
		    const char *text, size_t len, struct buf *out,
		    const struct mustache_sink *sink, struct diags *d);
/* The other pages: home, indices, groups, annotations, sitemap, ... */
size_t		 site_npages(const struct site *);
/* Path of page j under out/ ("tag/办实事项目25.html"; not encoded). */
const char	*site_page_path(const struct site *, size_t j);
uint64_t	 site_page_key(const struct site *, size_t j);
/* Render page j appended to out: 0, or -1 after adding errors to d. */
int		 site_page_render(const struct site *, size_t j,
		    struct buf *out, struct diags *d);

/* Pages across documents (track.c, docs/tracking.md): a plan's
 * tracking page (track/SLUG.html) and the year-to-year comparison of
 * one office's documents of one kind (compare/SLUG.html).  Each reads
 * the trees of several documents: the build loads them. */
size_t		 site_ntracks(const struct site *);
/* Path of page j under out/. */
const char	*site_track_path(const struct site *, size_t j);
/* The documents page j reads (indices of the model's documents, as
 * site_doc_page() numbers them) in *docs; their number. */
size_t		 site_track_docs(const struct site *, size_t j,
		    const size_t **docs);
/* The key of page j. */
uint64_t	 site_track_key(const struct site *, size_t j);
/* Render page j from trees[k], the tree of the k-th document of
 * site_track_docs() with its anchors (anchors_build()), appended to
 * out: 0, or -1 after adding errors to d. */
int		 site_track_render(const struct site *, size_t j,
		    struct doc *const *trees, struct buf *out,
		    struct diags *d);

/* ---- slug.c — slugs, unique names, URL encoding ---- */

/* A set of names (a hash table; never iterated for output). */
struct slugslot;	/* slug.c */
struct slugnext;
struct slugset {
	struct slugslot	 *v;
	size_t		  n;
	size_t		  cap;
	struct slugnext	 *nv;		/* the bases claimed while taken */
	size_t		  nn;
	size_t		  ncap;
	struct arena	  names;	/* owns the names of slugset_claim() */
};
#define SLUGSET_INIT { NULL, 0, 0, NULL, 0, 0, ARENA_INIT }

int	 slugset_has(const struct slugset *, const char *);
/* Make room for n names in all (a set about to take many). */
void	 slugset_reserve(struct slugset *, size_t n);
/* Take base, or when taken the first free of base<sep>2, base<sep>3, …
 * Return the name taken (owned by the set); *renamed (may be NULL)
 * tells whether it differs from base. */
const char *slugset_claim(struct slugset *, const char *base, int sep,
	    int *renamed);
/* slugset_claim() with the name copied into a, which must outlive the
 * set (the set keeps a pointer to it). */
const char *slugset_claim_in(struct slugset *, struct arena *a,
	    const char *base, int sep, int *renamed);
void	 slugset_free(struct slugset *);

/* ---- view.c — anchors and template data of one document ---- */

/*
 * Stable fragment ids of a document's nodes, from their numbering:
 * section 一 → s1, its subsection （二） → s1-2; item 12 of 二（三） →
 * s2-3-i12 (always with its section, so that an id never depends on
 * numbers elsewhere in the document; i12 outside sections); an inline
 * item of it → s2-3-i12-2; paragraph k → pk, an inline item of it →
 * pk-2.  Unnumbered nodes count their position.  Ids repeat never: a
 * repeat gets _2, _3.  Lists have no id.
 */
struct anchor_slot;
struct anchors {
	struct anchor_slot	*v;	/* unused: the ids are in the nodes */
	size_t			 cap;
};
#define ANCHORS_INIT { NULL, 0 }

/* Give every node of doc its id, n->anchor in doc's arena; the root's
 * ("") is set last, so a root with an anchor says the document has
 * them all (iterative: no depth limit needed).  The set of ids taken
 * lives only while they are given (the ids alone stay, in the nodes);
 * an holds nothing (anchors_free() is kept for its callers). */
void	 anchors_build(struct anchors *, struct doc *);
void	 anchors_free(struct anchors *);

/* ------------------------------------------------------------------ */
/* print.c — print editions (paged HTML for WeasyPrint, GB/T 9704)      */
/* ------------------------------------------------------------------ */

/* The name (no extension) of the print edition of the document whose
 * site page is SLUG.html: SLUG, or "SLUG-doc" when SLUG is all digits
 * (YEAR.html is a year's summary); in a.  (print.c) */
const char *print_doc_name(struct arena *a, const char *slug);

/*
 * Write the print editions of docs (n of them, in any order) into
 * OUT/print/ (OUT = cfg->out_dir) with the templates of TEMPLATES/print/
 * (summary, doc, index; print.css is copied beside the HTML):
 *   YEAR.html   the annual summary of each year that has documents:
 *               cover, contents, overview with counts and a chart (when
 *               the year has several documents), every document of the
 *               year, an index of annotations;
 *   SLUG.html   the print edition of each document, named as its page
 *               on the site (print_doc_name());
 *   index.html  a list of both.
 * Documents without a year get an edition but no summary.  The date on
 * a page is SOURCE_DATE_EPOCH (environment) when set, else the newest
 * modification time of its sources (UTC), so the same input gives the
 * same bytes; a file is rewritten only when its bytes change (so its PDF
 * can be remade by date).  Appends to pdfs one path a line of the HTML
 * files to make PDFs of: every summary, and every edition when pdf_docs.
 * Return 0, or -1 after adding errors to d: nothing is written when a
 * template or print.css is missing, else what could be written is.
 */
int	 print_build(const struct config *, struct doc **docs, size_t n,
	    int pdf_docs, struct buf *pdfs, struct diags *d);

#endif /* GEN_SITE_H */
