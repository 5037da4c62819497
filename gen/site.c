/*
 * site.c — every document to out/: the model of the site (slugs,
 * years, organisations, kinds, annotations), every page rendered with
 * the templates, and an atomic publish.
 *
 * Layout of out/ (all links relative, so it works from file:// or a
 * sub-path): index.html; SLUG.html, SLUG.json and src/SLUG.EXT per
 * document; year/, org/, kind/, tag/ with an index.html and a page per
 * group; search.html, 404.html, sitemap.xml, feed.xml, robots.txt;
 * assets/ copied from TEMPLATES/assets/.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gen.h"

/* ---- The model ---- */

enum gkind {
	G_YEAR,
	G_ORG,
	G_KIND,
	G_TAG,
	G_MAX,
};

static const char *const gdirs[G_MAX] = { "year", "org", "kind", "tag" };
static const char *const gnames[G_MAX] = { "年份", "机构", "类别", "标注" };

/* A node of a document that carries an annotation. */
struct gref {
	size_t			 doc;	/* index into site.docs */
	const struct node	*node;
};

/* A year, organisation, kind or annotation, and what it holds. */
struct group {
	const char	*name;
	const char	*slug;
	const char	*url;	/* "tag/NAME.html", percent-encoded */
	size_t		*docs;	/* indices into site.docs, display order */
	size_t		 ndocs;
	struct gref	*refs;	/* G_TAG: tagged nodes, in order */
	size_t		 nrefs;
	size_t		 nitems;
};

struct sdoc {
	struct doc	*doc;
	const char	*slug;
	const char	*title;	/* shown: the document's, else its file name */
	const char	*url;	/* "SLUG.html", percent-encoded */
	const char	*src;	/* "src/SLUG.txt" (not encoded) */
	const char	*src_utf8; /* "src/SLUG.utf8.txt" or NULL */
	size_t		 nsections;
	size_t		 nitems;
	size_t		 rank;	/* position in display order */
	struct group	*g[G_KIND + 1];	/* its year, org, kind or NULL */
	struct anchors	 anchors;
};

struct site {
	const struct config	*cfg;
	struct diags		*d;
	struct arena		 a;	/* strings of the model */
	struct sdoc		*docs;	/* sorted by source path */
	size_t			 ndocs;
	size_t			*order;	/* display order: newest year first */
	struct group		*g[G_MAX];
	size_t			 ng[G_MAX];
	struct slugset		 slugs[G_MAX + 1]; /* [G_MAX]: documents */
	struct mustache_set	*ms;
	char			*out;	/* cfg->out_dir without trailing '/' */
	char			*tmp;	/* OUT.tmp.PID */
	size_t			 nitems, nsections;
};

static int
sdoc_cmp(const void *a, const void *b)
{
	return strcmp(((const struct sdoc *)a)->doc->source,
	    ((const struct sdoc *)b)->doc->source);
}

/* The file name of path without folder and extension. */
static char *
base_name(struct arena *a, const char *path)
{
	const char	*b = strrchr(path, '/'), *dot;

	b = b ? b + 1 : path;
	if ((dot = strrchr(b, '.')) == NULL || dot == b)
		dot = b + strlen(b);
	return arena_strndup(a, b, (size_t)(dot - b));
}

/* The extension of a source copy: the source's own when it is a
 * content extension, else ".txt". */
static const char *
src_ext(const char *path)
{
	const char	*dot = strrchr(path, '.');

	if (dot && (strcmp(dot, ".md") == 0 || strcmp(dot, ".markdown") == 0))
		return ".md";
	return ".txt";
}

static char *
url_of(struct arena *a, const char *path)
{
	struct buf	 b = BUF_INIT;
	char		*s;

	url_encode(&b, path);
	s = arena_strdup(a, b.data ? b.data : "");
	buf_free(&b);
	return s;
}

/* Give each document (sorted by source) a unique slug and its paths. */
static void
model_docs(struct site *s)
{
	static const char *const reserved[] = { "index", "404", "search" };
	struct slugset	*set = &s->slugs[G_MAX];
	struct sdoc	*sd;
	char		*base, *slug;
	const char	*taken;
	size_t		 i;
	int		 renamed;

	for (i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		slugset_claim(set, reserved[i], '-', NULL);
	for (i = 0; i < s->ndocs; i++) {
		sd = &s->docs[i];
		base = base_name(&s->a, sd->doc->source);
		slug = slug_make(base, "doc");
		taken = slugset_claim(set, slug, '-', &renamed);
		if (renamed)
			diag_add(s->d, sd->doc->source, 0, 0, SEV_WARNING,
			    "its URL name \"%s\" is taken; the page is %s.html",
			    slug, taken);
		free(slug);
		sd->slug = taken;
		sd->title = sd->doc->title && sd->doc->title[0] ?
		    sd->doc->title : base;
		sd->url = url_of(&s->a, arena_printf(&s->a, "%s.html",
		    taken));
		sd->src = arena_printf(&s->a, "src/%s%s", taken,
		    src_ext(sd->doc->source));
		if (sd->doc->encoding && strcmp(sd->doc->encoding, "UTF-8"))
			sd->src_utf8 = arena_printf(&s->a, "src/%s.utf8.txt",
			    taken);
		sd->nsections = node_count(sd->doc->root, NODE_SECTION);
		sd->nitems = node_count(sd->doc->root, NODE_ITEM);
		s->nsections += sd->nsections;
		s->nitems += sd->nitems;
		anchors_build(&sd->anchors, sd->doc);
	}
}

/* Display order: newest year first, unknown years last, then source. */
static const struct site *order_site;

static int
order_cmp(const void *a, const void *b)
{
	const struct doc *x = order_site->docs[*(const size_t *)a].doc;
	const struct doc *y = order_site->docs[*(const size_t *)b].doc;

	if (x->year != y->year) {
		if (x->year == 0 || y->year == 0)
			return x->year == 0 ? 1 : -1;
		return x->year > y->year ? -1 : 1;
	}
	return strcmp(x->source, y->source);
}

/* An occurrence of a group name: a document, and for tags the node. */
struct occ {
	const char		*name;
	int			 year;
	size_t			 doc;
	size_t			 seq;	/* pre-order position in the doc */
	const struct node	*node;
};

static const struct site *occ_site;

static int
occ_cmp(const void *a, const void *b)
{
	const struct occ	*x = a, *y = b;
	int			 c;

	if (x->year != y->year) {
		if (x->year == 0 || y->year == 0)
			return x->year == 0 ? 1 : -1;
		return x->year > y->year ? -1 : 1;
	}
	if (x->name != y->name && (c = natcmp(x->name, y->name)) != 0)
		return c;
	if (x->doc != y->doc)
		return occ_site->docs[x->doc].rank <
		    occ_site->docs[y->doc].rank ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

struct occs {
	struct occ	*v;
	size_t		 n;
	size_t		 cap;
};

static void
occ_add(struct occs *o, const char *name, int year, size_t doc, size_t seq,
    const struct node *node)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->v = xreallocarray(o->v, o->cap, sizeof(*o->v));
	}
	o->v[o->n].name = name;
	o->v[o->n].year = year;
	o->v[o->n].doc = doc;
	o->v[o->n].seq = seq;
	o->v[o->n].node = node;
	o->n++;
}

/* The occurrences of groups of kind k over every document. */
static void
collect_occs(struct site *s, enum gkind k, struct occs *o)
{
	const struct node	*n;
	const struct doc	*doc;
	size_t			 i, j, seq;

	for (i = 0; i < s->ndocs; i++) {
		doc = s->docs[i].doc;
		switch (k) {
		case G_YEAR:
			occ_add(o, doc->year ? arena_printf(&s->a, "%d",
			    doc->year) : "年份不详", doc->year, i, 0, NULL);
			break;
		case G_ORG:
			if (doc->org && doc->org[0])
				occ_add(o, doc->org, 0, i, 0, NULL);
			break;
		case G_KIND:
			if (doc->kind && doc->kind[0])
				occ_add(o, doc->kind, 0, i, 0, NULL);
			break;
		case G_TAG:
			/* Pre-order over the tree, by parent links. */
			for (n = doc->root, seq = 0; n != NULL; seq++) {
				for (j = 0; j < n->ntags; j++)
					if (n->tags[j] && n->tags[j][0] &&
					    (j == 0 || strcmp(n->tags[j],
					    n->tags[j - 1])))
						occ_add(o, n->tags[j], 0, i,
						    seq, n);
				if (n->first)
					n = n->first;
				else {
					while (n && n->next == NULL)
						n = n->parent;
					if (n)
						n = n->next;
				}
			}
			break;
		case G_MAX:
			break;
		}
	}
}

/* Give group g of kind k its unique slug and URL. */
static void
group_name(struct site *s, enum gkind k, struct group *g)
{
	char		*slug;
	const char	*fb[G_MAX] = { "unknown", "org", "kind", "tag" };
	int		 renamed;

	if (k == G_YEAR && ascii_isdigit(g->name[0]))
		slug = xstrdup(g->name);
	else
		slug = slug_make(k == G_YEAR ? NULL : g->name, fb[k]);
	g->slug = slugset_claim(&s->slugs[k], slug, '-', &renamed);
	if (renamed && g->ndocs > 0)
		diag_add(s->d, s->docs[g->docs[0]].doc->source, 0, 0,
		    SEV_WARNING, "the %s \"%s\" has the URL name of another; "
		    "its page is %s/%s.html", gdirs[k], g->name, gdirs[k],
		    g->slug);
	free(slug);
	g->url = url_of(&s->a, arena_printf(&s->a, "%s/%s.html", gdirs[k],
	    g->slug));
}

/* Build the groups of kind k from the sorted occurrences. */
static void
model_groups(struct site *s, enum gkind k)
{
	struct occs	 o = { NULL, 0, 0 };
	struct group	*g = NULL;
	size_t		 i, ng = 0;

	collect_occs(s, k, &o);
	occ_site = s;
	if (o.n > 1)
		qsort(o.v, o.n, sizeof(*o.v), occ_cmp);
	slugset_claim(&s->slugs[k], "index", '-', NULL);
	s->g[k] = xcalloc(o.n + 1, sizeof(struct group));
	for (i = 0; i < o.n; i++) {
		if (g == NULL || strcmp(g->name, o.v[i].name) != 0) {
			g = &s->g[k][ng++];
			g->name = o.v[i].name;
			g->docs = arena_alloc(&s->a, o.n * sizeof(size_t));
			if (k == G_TAG)
				g->refs = arena_alloc(&s->a,
				    o.n * sizeof(struct gref));
		}
		if (g->ndocs == 0 || g->docs[g->ndocs - 1] != o.v[i].doc) {
			g->docs[g->ndocs++] = o.v[i].doc;
			if (k != G_TAG) {
				g->nitems += s->docs[o.v[i].doc].nitems;
				s->docs[o.v[i].doc].g[k] = g;
			}
		}
		if (k == G_TAG) {
			g->refs[g->nrefs].doc = o.v[i].doc;
			g->refs[g->nrefs++].node = o.v[i].node;
			if (o.v[i].node->type == NODE_ITEM)
				g->nitems++;
		}
	}
	s->ng[k] = ng;
	for (i = 0; i < ng; i++)
		group_name(s, k, &s->g[k][i]);
	free(o.v);
}

/* The tag group named name (groups are in natcmp order), or NULL. */
static const struct group *
tag_find(const struct site *s, const char *name)
{
	size_t	 lo = 0, hi = s->ng[G_TAG], mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = natcmp(name, s->g[G_TAG][mid].name)) == 0)
			return &s->g[G_TAG][mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* view.c's tag_href for a page one of whose ancestors is the root:
 * arg is the struct page_tag_arg below. */
struct tag_arg {
	const struct site	*s;
	struct arena		*a;
	const char		*root;
};

static const char *
tag_href(const void *arg, const char *tag)
{
	const struct tag_arg	*t = arg;
	const struct group	*g = tag_find(t->s, tag);

	return g ? arena_printf(t->a, "%s%s", t->root, g->url) : "";
}

static void
model_build(struct site *s, struct doc **docs, size_t n)
{
	size_t	 i;
	int	 k;

	s->docs = xcalloc(n + 1, sizeof(*s->docs));
	s->ndocs = n;
	for (i = 0; i < n; i++)
		s->docs[i].doc = docs[i];
	if (n > 1)
		qsort(s->docs, n, sizeof(*s->docs), sdoc_cmp);
	model_docs(s);
	s->order = xcalloc(n + 1, sizeof(*s->order));
	for (i = 0; i < n; i++)
		s->order[i] = i;
	order_site = s;
	if (n > 1)
		qsort(s->order, n, sizeof(*s->order), order_cmp);
	for (i = 0; i < n; i++)
		s->docs[s->order[i]].rank = i;
	for (k = 0; k < G_MAX; k++)
		model_groups(s, (enum gkind)k);
}

static void
model_free(struct site *s)
{
	size_t	 i;
	int	 k;

	for (i = 0; i < s->ndocs; i++)
		anchors_free(&s->docs[i].anchors);
	for (k = 0; k < G_MAX; k++)
		free(s->g[k]);
	for (k = 0; k <= G_MAX; k++)
		slugset_free(&s->slugs[k]);
	free(s->docs);
	free(s->order);
	arena_free(&s->a);
}

/* ---- Values shared by pages ---- */

static struct value *
str(struct arena *a, const char *s)
{
	return value_cstr(a, s ? s : "");
}

static struct value *
num(struct arena *a, double n)
{
	return value_num(a, n);
}

/* The first ncp characters of s, with "…" when cut. */
static const char *
shorten(struct arena *a, const char *s, size_t ncp)
{
	size_t		 i = 0, len = strlen(s), n, k = 0;
	uint32_t	 cp;

	while (i < len && k < ncp) {
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0)
			n = 1;
		i += n;
		k++;
	}
	return i < len ? arena_printf(a, "%.*s…", (int)i, s) : s;
}

/* How a group is named on a page: "2015年" for a year. */
static const char *
group_label(struct arena *a, enum gkind k, const struct group *g)
{
	if (k == G_YEAR && ascii_isdigit(g->name[0]))
		return arena_printf(a, "%s年", g->name);
	return g->name;
}

/* A link to a group, or empty strings when there is none. */
static void
set_group(struct arena *a, struct value *o, const char *key,
    const struct group *g, const char *root)
{
	char	 hkey[32];

	snprintf(hkey, sizeof(hkey), "%s_href", key);
	value_set(a, o, key, str(a, g ? g->name : ""));
	value_set(a, o, hkey, str(a, g ? arena_printf(a, "%s%s", root,
	    g->url) : ""));
}

/* A document as a line of a list: title, link, metadata, counts. */
static struct value *
doc_summary(const struct site *s, struct arena *a, const struct sdoc *sd,
    const char *root)
{
	struct value	*o = value_obj(a);

	value_set(a, o, "title", str(a, sd->title));
	value_set(a, o, "href", str(a, arena_printf(a, "%s%s", root,
	    sd->url)));
	value_set(a, o, "year_known", value_bool(a, sd->doc->year != 0));
	set_group(a, o, "year", sd->g[G_YEAR], root);
	set_group(a, o, "org", sd->g[G_ORG], root);
	set_group(a, o, "kind", sd->g[G_KIND], root);
	value_set(a, o, "sections", num(a, (double)sd->nsections));
	value_set(a, o, "items", num(a, (double)sd->nitems));
	value_set(a, o, "file", str(a, strrchr(sd->doc->source, '/') ?
	    strrchr(sd->doc->source, '/') + 1 : sd->doc->source));
	value_set(a, o, "encoding", str(a, sd->doc->encoding));
	value_set(a, o, "format", str(a, sd->doc->format));
	(void)s;
	return o;
}

/* The context every page has: site, root, title, canonical URL. */
static struct value *
page_ctx(const struct site *s, struct arena *a, const char *root,
    const char *title, const char *url)
{
	struct value	*o = value_obj(a), *site;
	const char	*base = s->cfg->base_url ? s->cfg->base_url : "/";
	int		 absolute = strstr(base, "://") != NULL;

	site = value_set(a, o, "site", value_obj(a));
	value_set(a, site, "title", str(a, s->cfg->title));
	value_set(a, site, "lang", str(a, s->cfg->lang && s->cfg->lang[0] ?
	    s->cfg->lang : "zh-CN"));
	value_set(a, site, "base_url", str(a, base));
	value_set(a, site, "generator", str(a, "gen " GEN_VERSION));
	value_set(a, o, "root", str(a, root));
	value_set(a, o, "page_title", str(a, title));
	value_set(a, o, "canonical", str(a, absolute && url ?
	    arena_printf(a, "%s%s", base, url) : ""));
	value_set(a, o, "ndocs", num(a, (double)s->ndocs));
	value_set(a, o, "nitems", num(a, (double)s->nitems));
	value_set(a, o, "nsections", num(a, (double)s->nsections));
	return o;
}

/* ---- Output ---- */

/* Write data to TMP/rel.  Return 0, or -1 after adding an error. */
static int
out_write(struct site *s, const char *rel, const char *data, size_t len)
{
	char	*path = arena_printf(&s->a, "%s/%s", s->tmp, rel);

	if (file_write(path, data ? data : "", len) == -1) {
		diag_add(s->d, path, 0, 0, SEV_ERROR, "cannot write: %s",
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* Render template name with ctx into TMP/rel.  who names the input the
 * page comes from, for the error message.  Return 0 or -1. */
static int
render_page(struct site *s, const char *name, const struct value *ctx,
    const char *rel, const char *who)
{
	const struct mustache	*t;
	struct buf		 out = BUF_INIT;
	int			 rc = -1;

	if ((t = mustache_get(s->ms, name, s->d)) != NULL &&
	    mustache_render(s->ms, t, ctx, &out, s->d) == 0)
		rc = out_write(s, rel, out.data, out.len);
	else
		diag_add(s->d, who ? who : arena_printf(&s->a, "%s/%s", s->out,
		    rel), 0, 0, SEV_ERROR, "cannot render %s/%s with template "
		    "%s.mustache", s->out, rel, name);
	buf_free(&out);
	return rc;
}

/* ---- Pages ---- */

static int
page_home(struct site *s)
{
	struct arena		 a = ARENA_INIT;
	struct value		*ctx, *years, *y, *docs, *chart;
	struct chart_row	*rows;
	const struct group	*g;
	const char *const	 series[2] = { "文件", "事项" };
	size_t			 i, j, nrows = 0;
	int			 rc;

	ctx = page_ctx(s, &a, "", s->cfg->title, "");
	years = value_set(&a, ctx, "years", value_arr(&a));
	rows = xcalloc(s->ng[G_YEAR] + 1, sizeof(*rows));
	for (i = 0; i < s->ng[G_YEAR]; i++) {
		g = &s->g[G_YEAR][i];
		y = value_push(years, value_obj(&a));
		value_set(&a, y, "name", str(&a, g->name));
		value_set(&a, y, "label", str(&a, group_label(&a, G_YEAR, g)));
		value_set(&a, y, "href", str(&a, g->url));
		value_set(&a, y, "ndocs", num(&a, (double)g->ndocs));
		value_set(&a, y, "nitems", num(&a, (double)g->nitems));
		docs = value_set(&a, y, "docs", value_arr(&a));
		for (j = 0; j < g->ndocs; j++)
			value_push(docs, doc_summary(s, &a,
			    &s->docs[g->docs[j]], ""));
		if (ascii_isdigit(g->name[0])) {
			rows[nrows].label = g->name;
			rows[nrows].full = arena_printf(&a, "%s年：%zu 份文件，"
			    "%zu 项", g->name, g->ndocs, g->nitems);
			rows[nrows].v[0] = (double)g->ndocs;
			rows[nrows++].v[1] = (double)g->nitems;
		}
	}
	chart = nrows > 0 ? view_chart(&a, "各年文件与事项数", series, 2,
	    rows, nrows) : value_bool(&a, 0);
	value_set(&a, ctx, "chart", chart);
	value_set(&a, ctx, "norgs", num(&a, (double)s->ng[G_ORG]));
	value_set(&a, ctx, "nkinds", num(&a, (double)s->ng[G_KIND]));
	value_set(&a, ctx, "ntags", num(&a, (double)s->ng[G_TAG]));
	rc = render_page(s, "index", ctx, "index.html", NULL);
	free(rows);
	arena_free(&a);
	return rc;
}

/* Extra front-matter keys of a document as [{key, value}]. */
static struct value *
extra_view(struct arena *a, const struct doc *doc)
{
	struct value	*arr = value_arr(a), *o;
	size_t		 i;

	for (i = 0; i < doc->nextra; i++) {
		o = value_push(arr, value_obj(a));
		value_set(a, o, "key", str(a, doc->extra[i].key));
		value_set(a, o, "value", str(a, doc->extra[i].value));
	}
	return arr;
}

/* The bar chart of items per top-level section, or false. */
static struct value *
doc_chart(struct arena *a, const struct sdoc *sd)
{
	const struct node	*n;
	struct chart_row	*rows;
	struct value		*v;
	const char		*series = "事项";
	size_t			 nrows = 0, max = 0, cnt;

	for (n = sd->doc->root->first; n != NULL; n = n->next)
		if (n->type == NODE_SECTION)
			nrows++;
	if (nrows == 0)
		return value_bool(a, 0);
	rows = xcalloc(nrows, sizeof(*rows));
	nrows = 0;
	for (n = sd->doc->root->first; n != NULL; n = n->next) {
		if (n->type != NODE_SECTION)
			continue;
		cnt = node_count(n, NODE_ITEM);
		max = cnt > max ? cnt : max;
		rows[nrows].label = shorten(a, arena_printf(a, "%s%s",
		    n->label ? n->label : "", n->title ? n->title : ""), 12);
		rows[nrows].full = arena_printf(a, "%s%s：%zu 项",
		    n->label ? n->label : "", n->title ? n->title : "", cnt);
		rows[nrows++].v[0] = (double)cnt;
	}
	v = max > 0 ? view_chart(a, "各部分事项数", &series, 1, rows, nrows) :
	    value_bool(a, 0);
	free(rows);
	return v;
}

/* A neighbour in display order as {title, href}, or false. */
static struct value *
neighbour(const struct site *s, struct arena *a, size_t rank, int delta)
{
	struct value		*o;
	const struct sdoc	*sd;

	if ((delta < 0 && rank == 0) || (delta > 0 && rank + 1 >= s->ndocs))
		return value_bool(a, 0);
	sd = &s->docs[s->order[rank + (size_t)(long)delta]];
	o = value_obj(a);
	value_set(a, o, "title", str(a, sd->title));
	value_set(a, o, "href", str(a, sd->url));
	return o;
}

static int
page_doc(struct site *s, struct sdoc *sd)
{
	struct arena	 a = ARENA_INIT;
	struct value	*ctx, *doc, *toc;
	struct tag_arg	 ta = { s, &a, "" };
	struct view	 v;
	int		 rc;

	v.a = &a;
	v.doc = sd->doc;
	v.anchors = &sd->anchors;
	v.tag_href = tag_href;
	v.arg = &ta;
	v.maxdepth = s->cfg->max_depth > 0 ? 4 * s->cfg->max_depth + 8 : 136;
	v.d = s->d;
	ctx = page_ctx(s, &a, "", sd->title, sd->url);
	doc = value_set(&a, ctx, "doc", doc_summary(s, &a, sd, ""));
	value_set(&a, doc, "json_href", str(&a, arena_printf(&a, "%s.json",
	    url_of(&a, sd->slug))));
	value_set(&a, doc, "src_href", str(&a, url_of(&a, sd->src)));
	value_set(&a, doc, "src_utf8_href", str(&a, sd->src_utf8 ?
	    url_of(&a, sd->src_utf8) : ""));
	value_set(&a, doc, "extra", extra_view(&a, sd->doc));
	value_set(&a, doc, "is_table", value_bool(&a,
	    sd->doc->ncolumns > 0));
	toc = value_set(&a, ctx, "toc", view_toc(&v));
	value_set(&a, ctx, "has_toc", value_bool(&a, toc->len > 1));
	value_set(&a, ctx, "chart", doc_chart(&a, sd));
	value_set(&a, ctx, "body", view_body(&v));
	value_set(&a, ctx, "prev", neighbour(s, &a, sd->rank, -1));
	value_set(&a, ctx, "next", neighbour(s, &a, sd->rank, 1));
	rc = render_page(s, "doc", ctx, arena_printf(&a, "%s.html",
	    sd->slug), sd->doc->source);
	arena_free(&a);
	return rc;
}

/* The JSON tree and the source copy of a document. */
static int
doc_files(struct site *s, struct sdoc *sd)
{
	struct buf	 b = BUF_INIT, u = BUF_INIT;
	const char	*enc = NULL;
	int		 rc = 0;

	doc_json(sd->doc, &b);
	rc = out_write(s, arena_printf(&s->a, "%s.json", sd->slug), b.data,
	    b.len);
	buf_reset(&b);
	if (rc == 0 && file_read(sd->doc->source, &b) == -1) {
		diag_add(s->d, sd->doc->source, 0, 0, SEV_ERROR,
		    "cannot read for its source copy: %s", strerror(errno));
		rc = -1;
	}
	if (rc == 0)
		rc = out_write(s, sd->src, b.data, b.len);
	if (rc == 0 && sd->src_utf8 != NULL) {
		if (text_decode(sd->doc->source, b.data ? b.data : "", b.len,
		    sd->doc->encoding, &u, &enc, s->d) == -1)
			rc = -1;
		else
			rc = out_write(s, sd->src_utf8, u.data, u.len);
	}
	buf_free(&b);
	buf_free(&u);
	return rc;
}

/* A page listing the documents of a year, organisation or kind. */
static int
page_group(struct site *s, enum gkind k, const struct group *g)
{
	struct arena	 a = ARENA_INIT;
	struct value	*ctx, *o, *docs;
	size_t		 i;
	int		 rc;

	ctx = page_ctx(s, &a, "../", group_label(&a, k, g), g->url);
	o = value_set(&a, ctx, "group", value_obj(&a));
	value_set(&a, o, "name", str(&a, g->name));
	value_set(&a, o, "kind", str(&a, gnames[k]));
	value_set(&a, o, "is_year", value_bool(&a, k == G_YEAR));
	value_set(&a, o, "ndocs", num(&a, (double)g->ndocs));
	value_set(&a, o, "nitems", num(&a, (double)g->nitems));
	docs = value_set(&a, o, "docs", value_arr(&a));
	for (i = 0; i < g->ndocs; i++)
		value_push(docs, doc_summary(s, &a, &s->docs[g->docs[i]],
		    "../"));
	rc = render_page(s, "group", ctx, arena_printf(&a, "%s/%s.html",
	    gdirs[k], g->slug), NULL);
	arena_free(&a);
	return rc;
}

/* The index of the groups of kind k (not tags). */
static int
page_groups(struct site *s, enum gkind k)
{
	struct arena		 a = ARENA_INIT;
	struct value		*ctx, *arr, *o;
	const struct group	*g;
	size_t			 i;
	int			 rc;

	ctx = page_ctx(s, &a, "../", gnames[k], arena_printf(&a,
	    "%s/index.html", gdirs[k]));
	value_set(&a, ctx, "kind", str(&a, gnames[k]));
	value_set(&a, ctx, "is_year", value_bool(&a, k == G_YEAR));
	arr = value_set(&a, ctx, "groups", value_arr(&a));
	for (i = 0; i < s->ng[k]; i++) {
		g = &s->g[k][i];
		o = value_push(arr, value_obj(&a));
		value_set(&a, o, "name", str(&a, g->name));
		value_set(&a, o, "label", str(&a, group_label(&a, k, g)));
		value_set(&a, o, "href", str(&a, arena_printf(&a, "../%s",
		    g->url)));
		value_set(&a, o, "ndocs", num(&a, (double)g->ndocs));
		value_set(&a, o, "nitems", num(&a, (double)g->nitems));
	}
	rc = render_page(s, "groups", ctx, arena_printf(&a, "%s/index.html",
	    gdirs[k]), NULL);
	arena_free(&a);
	return rc;
}

/* One tagged node as a line of a tag page. */
static struct value *
ref_view(struct arena *a, const struct sdoc *sd, const struct node *n)
{
	struct value	*o = value_obj(a);
	const char	*text = n->title && n->title[0] ? n->title :
	    n->text ? n->text : "";

	value_set(a, o, "href", str(a, arena_printf(a, "../%s#%s", sd->url,
	    anchor_of(&sd->anchors, n))));
	value_set(a, o, "anchor", str(a, anchor_of(&sd->anchors, n)));
	value_set(a, o, "label", str(a, n->label));
	value_set(a, o, "text", str(a, shorten(a, text, 120)));
	value_set(a, o, "is_section", value_bool(a, n->type == NODE_SECTION));
	value_set(a, o, "line", num(a, n->line));
	return o;
}

/* The page of one annotation: every node carrying it, by document. */
static int
page_tag(struct site *s, const struct group *g)
{
	struct arena		 a = ARENA_INIT;
	struct value		*ctx, *o, *docs, *dv = NULL, *refs = NULL;
	const struct sdoc	*sd;
	size_t			 i, last = (size_t)-1;
	int			 rc;

	ctx = page_ctx(s, &a, "../", g->name, g->url);
	o = value_set(&a, ctx, "tag", value_obj(&a));
	value_set(&a, o, "name", str(&a, g->name));
	value_set(&a, o, "nrefs", num(&a, (double)g->nrefs));
	value_set(&a, o, "ndocs", num(&a, (double)g->ndocs));
	docs = value_set(&a, o, "docs", value_arr(&a));
	for (i = 0; i < g->nrefs; i++) {
		sd = &s->docs[g->refs[i].doc];
		if (g->refs[i].doc != last) {
			dv = value_push(docs, doc_summary(s, &a, sd, "../"));
			refs = value_set(&a, dv, "refs", value_arr(&a));
			last = g->refs[i].doc;
		}
		(void)dv;
		value_push(refs, ref_view(&a, sd, g->refs[i].node));
	}
	rc = render_page(s, "tag", ctx, arena_printf(&a, "tag/%s.html",
	    g->slug), NULL);
	arena_free(&a);
	return rc;
}

/* The family of a tag: its name without trailing digits (办实事项目
 * of 办实事项目25); 0 when it has none, then it goes with the others. */
static size_t
family_len(const char *name)
{
	size_t	 n = strlen(name);

	while (n > 0 && ascii_isdigit(name[n - 1]))
		n--;
	return n == strlen(name) ? 0 : n;
}

static const struct group *fam_groups;

static int
fam_cmp(const void *a, const void *b)
{
	const struct group	*x = &fam_groups[*(const size_t *)a];
	const struct group	*y = &fam_groups[*(const size_t *)b];
	size_t			 xl = family_len(x->name);
	size_t			 yl = family_len(y->name);
	int			 c;

	if ((xl == 0) != (yl == 0))
		return xl == 0 ? 1 : -1;
	if ((c = strncmp(x->name, y->name, xl < yl ? xl : yl)) != 0)
		return c;
	if (xl != yl)
		return xl < yl ? -1 : 1;
	return natcmp(x->name, y->name);
}

/* The index of annotations, grouped by family (办实事项目 1, 2, …). */
static int
page_tags(struct site *s)
{
	struct arena		 a = ARENA_INIT;
	struct value		*ctx, *fams, *f = NULL, *tags = NULL, *o;
	const struct group	*g, *prev = NULL;
	size_t			*ix, i, n = s->ng[G_TAG];
	int			 rc;

	ix = xcalloc(n + 1, sizeof(*ix));
	for (i = 0; i < n; i++)
		ix[i] = i;
	fam_groups = s->g[G_TAG];
	if (n > 1)
		qsort(ix, n, sizeof(*ix), fam_cmp);
	ctx = page_ctx(s, &a, "../", gnames[G_TAG], "tag/index.html");
	fams = value_set(&a, ctx, "families", value_arr(&a));
	for (i = 0; i < n; i++) {
		g = &s->g[G_TAG][ix[i]];
		if (prev == NULL || family_len(prev->name) !=
		    family_len(g->name) || strncmp(prev->name, g->name,
		    family_len(g->name)) != 0) {
			f = value_push(fams, value_obj(&a));
			value_set(&a, f, "name", family_len(g->name) ?
			    value_str(&a, g->name, family_len(g->name)) :
			    str(&a, "其他标注"));
			tags = value_set(&a, f, "tags", value_arr(&a));
		}
		(void)f;
		prev = g;
		o = value_push(tags, value_obj(&a));
		value_set(&a, o, "name", str(&a, g->name));
		value_set(&a, o, "href", str(&a, arena_printf(&a, "../%s",
		    g->url)));
		value_set(&a, o, "nrefs", num(&a, (double)g->nrefs));
	}
	value_set(&a, ctx, "ntags", num(&a, (double)n));
	rc = render_page(s, "tags", ctx, "tag/index.html", NULL);
	free(ix);
	arena_free(&a);
	return rc;
}

/* search.html, 404.html, robots.txt: pages with the common context. */
static int
page_plain(struct site *s, const char *name, const char *rel,
    const char *root, const char *title)
{
	struct arena	 a = ARENA_INIT;
	struct value	*ctx;
	int		 rc;

	ctx = page_ctx(s, &a, root, title, rel);
	rc = render_page(s, name, ctx, rel, NULL);
	arena_free(&a);
	return rc;
}

/* sitemap.xml: every page but search and 404, as absolute URLs. */
static int
page_sitemap(struct site *s)
{
	struct arena	 a = ARENA_INIT;
	struct value	*ctx, *urls;
	const char	*base = s->cfg->base_url ? s->cfg->base_url : "/";
	size_t		 i, j;
	int		 k, rc;

	ctx = page_ctx(s, &a, "", "sitemap", NULL);
	urls = value_set(&a, ctx, "urls", value_arr(&a));
	value_push(urls, str(&a, base));
	for (i = 0; i < s->ndocs; i++)
		value_push(urls, str(&a, arena_printf(&a, "%s%s", base,
		    s->docs[s->order[i]].url)));
	for (k = 0; k < G_MAX; k++) {
		value_push(urls, str(&a, arena_printf(&a, "%s%s/index.html",
		    base, gdirs[k])));
		for (j = 0; j < s->ng[k]; j++)
			value_push(urls, str(&a, arena_printf(&a, "%s%s",
			    base, s->g[k][j].url)));
	}
	rc = render_page(s, "sitemap", ctx, "sitemap.xml", NULL);
	arena_free(&a);
	return rc;
}

/* feed.xml: an Atom entry per document, newest year first; dates come
 * from the year alone, so the feed is the same on every build. */
static int
page_feed(struct site *s)
{
	struct arena		 a = ARENA_INIT;
	struct value		*ctx, *entries, *e;
	const struct sdoc	*sd;
	const char		*base = s->cfg->base_url ? s->cfg->base_url :
	    "/";
	int			 newest = 0, rc;
	size_t			 i;

	ctx = page_ctx(s, &a, "", s->cfg->title, "feed.xml");
	entries = value_set(&a, ctx, "entries", value_arr(&a));
	for (i = 0; i < s->ndocs; i++) {
		sd = &s->docs[s->order[i]];
		if (sd->doc->year > newest)
			newest = sd->doc->year;
		e = value_push(entries, value_obj(&a));
		value_set(&a, e, "title", str(&a, sd->title));
		value_set(&a, e, "url", str(&a, arena_printf(&a, "%s%s",
		    base, sd->url)));
		value_set(&a, e, "updated", str(&a, arena_printf(&a,
		    "%04d-01-01T00:00:00Z", sd->doc->year ? sd->doc->year :
		    1970)));
		value_set(&a, e, "summary", str(&a, arena_printf(&a,
		    "%s%s%s%s%zu 个部分，%zu 项", sd->doc->org ? sd->doc->org :
		    "", sd->doc->org ? " · " : "", sd->doc->kind ?
		    sd->doc->kind : "", sd->doc->kind ? " · " : "",
		    sd->nsections, sd->nitems)));
		value_set(&a, e, "org", str(&a, sd->doc->org));
	}
	value_set(&a, ctx, "updated", str(&a, arena_printf(&a,
	    "%04d-01-01T00:00:00Z", newest ? newest : 1970)));
	value_set(&a, ctx, "feed_url", str(&a, arena_printf(&a,
	    "%sfeed.xml", base)));
	rc = render_page(s, "feed", ctx, "feed.xml", NULL);
	arena_free(&a);
	return rc;
}

/* ---- The build ---- */

/* The path of the base URL ("/gen/" of "https://host/gen/"): the root
 * of 404.html, which a server shows at any depth of the site. */
static const char *
base_path(const struct site *s)
{
	const char	*b = s->cfg->base_url ? s->cfg->base_url : "/", *p;

	if ((p = strstr(b, "://")) == NULL)
		return b;
	p = strchr(p + 3, '/');
	return p ? p : "/";
}


/* Every template a build renders: compiled first, so a broken one
 * stops the build before anything is written. */
static const char *const page_templates[] = {
	"index", "doc", "group", "groups", "tag", "tags", "search", "404",
	"sitemap", "feed", "robots",
};

static int
compile_templates(struct site *s)
{
	size_t	 i;
	int	 rc = 0;

	for (i = 0; i < sizeof(page_templates) / sizeof(page_templates[0]);
	    i++)
		if (mustache_get(s->ms, page_templates[i], s->d) == NULL)
			rc = -1;
	return rc;
}

/* Create the fresh temporary folder and its sub-folders. */
static int
make_tmp(struct site *s)
{
	static const char *const dirs[] = { "src", "year", "org", "kind",
	    "tag" };
	size_t	 i;
	char	*p;

	if (tree_remove(s->tmp, s->d) == -1)
		return -1;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		p = arena_printf(&s->a, "%s/%s", s->tmp, dirs[i]);
		if (mkdir_p(p) == -1) {
			diag_add(s->d, p, 0, 0, SEV_ERROR,
			    "cannot create folder: %s", strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* Copy TEMPLATES/assets (style sheet, icons) to TMP/assets. */
static int
copy_assets(struct site *s)
{
	struct stat	 st;
	char		*src;

	src = arena_printf(&s->a, "%s/assets", s->cfg->templates_dir);
	if (stat(src, &st) == -1 || !S_ISDIR(st.st_mode))
		return 0;
	return tree_copy(src, arena_printf(&s->a, "%s/assets", s->tmp), s->d);
}

static int
write_pages(struct site *s)
{
	size_t	 i;
	int	 k;

	if (page_home(s) == -1)
		return -1;
	for (i = 0; i < s->ndocs; i++)
		if (page_doc(s, &s->docs[i]) == -1 ||
		    doc_files(s, &s->docs[i]) == -1)
			return -1;
	for (k = 0; k < G_TAG; k++) {
		if (page_groups(s, (enum gkind)k) == -1)
			return -1;
		for (i = 0; i < s->ng[k]; i++)
			if (page_group(s, (enum gkind)k, &s->g[k][i]) == -1)
				return -1;
	}
	if (page_tags(s) == -1)
		return -1;
	for (i = 0; i < s->ng[G_TAG]; i++)
		if (page_tag(s, &s->g[G_TAG][i]) == -1)
			return -1;
	if (page_plain(s, "search", "search.html", "", "搜索") == -1 ||
	    page_plain(s, "404", "404.html", base_path(s), "页面不存在") == -1 ||
	    page_plain(s, "robots", "robots.txt", "", "robots") == -1 ||
	    page_sitemap(s) == -1 || page_feed(s) == -1)
		return -1;
	if (copy_assets(s) == -1)
		return -1;
	return out_write(s, SITE_MARKER, "gen\n", 4);
}

/* Set s->out and s->tmp from the configuration; refuse names that
 * cannot be a sibling folder. */
static int
out_paths(struct site *s)
{
	const char	*o = s->cfg->out_dir ? s->cfg->out_dir : "";
	size_t		 len = strlen(o);
	const char	*b;

	while (len > 1 && o[len - 1] == '/')
		len--;
	s->out = arena_strndup(&s->a, o, len);
	b = strrchr(s->out, '/');
	b = b ? b + 1 : s->out;
	if (len == 0 || *b == '\0' || strcmp(b, ".") == 0 ||
	    strcmp(b, "..") == 0) {
		diag_add(s->d, s->cfg->path ? s->cfg->path : "gen", 0, 0,
		    SEV_ERROR, "bad output folder \"%s\"", o);
		return -1;
	}
	s->tmp = arena_printf(&s->a, "%s.tmp.%ld", s->out, (long)getpid());
	return 0;
}

/* Build the site into cfg->out_dir through a temporary sibling. */
int
site_build(const struct config *cfg, struct doc **docs, size_t n,
    struct diags *d)
{
	struct site	 s;
	int		 rc = -1;

	memset(&s, 0, sizeof(s));
	s.cfg = cfg;
	s.d = d;
	if (out_paths(&s) == -1) {
		arena_free(&s.a);
		return -1;
	}
	model_build(&s, docs, n);
	s.ms = mustache_new(cfg->templates_dir);
	mustache_strict(s.ms, cfg->strict);
	if (compile_templates(&s) == -1)
		goto out;
	if (make_tmp(&s) == -1)
		goto fail;
	if (write_pages(&s) == -1 || tree_swap(s.tmp, s.out, d) == -1)
		goto fail;
	rc = 0;
	goto out;
fail:
	tree_remove(s.tmp, d);
out:
	mustache_free(s.ms);
	model_free(&s);
	return rc;
}
