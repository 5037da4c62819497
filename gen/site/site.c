/*
 * site.c — the model of the site and every page of it: documents are
 * known here only by their summaries (struct summary), so that the
 * pages that cut across documents (years, organisations, kinds,
 * annotations, home, feed, sitemap) never need a document's tree; a
 * document's own page gets its tree from the caller.  Each page has a
 * key, a hash of everything its bytes depend on besides the templates
 * and the configuration: equal keys, equal pages.
 *
 * Layout of out/ (all links relative, so it works from file:// or a
 * sub-path): index.html; SLUG.html, SLUG.json and src/SLUG.EXT per
 * document; year/, org/, kind/, tag/ with an index.html and a page per
 * group; search.html, 404.html, sitemap.xml, feed.xml, robots.txt;
 * assets/ copied from TEMPLATES/assets/.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "site/site_int.h"

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

/* A year, organisation, kind or annotation, and what it holds. */
struct group {
	const char		*name;
	const char		*slug;
	const char		*url;	/* "tag/NAME.html", percent-encoded */
	size_t			*docs;	/* indices into site.docs, display order */
	size_t			 ndocs;
	const struct sref	**refs;	/* G_TAG: tagged nodes, in order */
	size_t			*refdoc; /* G_TAG: the document of each */
	size_t			 nrefs;
	size_t			 nitems; /* G_TAG: tagged nodes */
	struct counts		 counts; /* not G_TAG: of its documents */
	uint64_t		 key;	/* of name and url */
	const char		*url_up; /* "../" url: from a folder */
};

struct sdoc {
	const struct summary	*sum;
	uint64_t		 hash;	/* of the source file */
	const char		*slug;
	const char		*title;	/* shown: the document's, else its file name */
	const char		*url;	/* "SLUG.html", percent-encoded */
	const char		*url_up; /* "../" url */
	const char		*src;	/* "src/SLUG.txt" (not encoded) */
	const char		*srcpage; /* "src/SLUG.html" (not encoded) */
	size_t			 rank;	/* position in display order */
	struct group		*g[G_KIND + 1];	/* its year, org, kind or NULL */
	const struct group	**reftag; /* the group of each reference */
	uint64_t		 line;	/* key of its line in lists */
	uint64_t		 ukey;	/* key of its url */
};

/* The distinct names of groups of one kind, interned: a hash table of
 * ids, so that grouping never compares strings more than once. */
struct names {
	const char	**v;		/* by id */
	uint64_t	 *hash;		/* by id: hash64() of the name */
	int		 *year;		/* by id (G_YEAR) */
	size_t		  n;
	size_t		  cap;
	size_t		 *slot;		/* open addressing: id + 1 */
	size_t		  nslot;
};

/* The pages other than the documents' own. */
enum ptype {
	P_HOME,
	P_GROUPS,
	P_GROUP,
	P_TAGS,
	P_TAG,
	P_SEARCH,
	P_404,
	P_ROBOTS,
	P_SITEMAP,
	P_FEED,
};

struct spage {
	enum ptype	 type;
	enum gkind	 k;
	size_t		 i;	/* the group of P_GROUP, P_TAG */
	const char	*path;
};

/* Templates whose pages show the site's totals (ndocs, nitems,
 * nsections), by ptype, and [P_FEED + 1] for the document page. */
#define T_DOC	(P_FEED + 1)
/* A redirect from an old path of a document (front matter aliases):
 * after T_DOC, never showing the totals. */
#define P_ALIAS	((enum ptype)(T_DOC + 1))

struct site {
	const struct config	*cfg;
	struct mustache_set	*ms;
	struct diags		*d;	/* model warnings */
	struct arena		 a;	/* strings of the model */
	struct sdoc		*docs;	/* in the order given (by source) */
	size_t			 ndocs;
	size_t			*order;	/* display order: newest year first */
	struct group		*g[G_MAX];
	size_t			 ng[G_MAX];
	struct slugset		 slugs[G_MAX];
	struct names		 gnames[G_MAX]; /* the group of a name, */
	size_t			*grank[G_MAX];	/* its index by name id */
	struct counts		 counts; /* of every document */
	uint64_t		 totals; /* key of the three numbers */
	int			 shows_totals[T_DOC + 1];
	int			 src_totals;	/* the source page shows them */
	int			 track_totals;	/* track.c's pages show them */
	struct spage		*pages;
	size_t			 npages;
	struct relkey		*byorg;	/* documents by organisation, year */
	size_t			 nbyorg;
	struct tracks		*tracks; /* pages across documents: track.c */
	struct relitem_doc	*ridocs; /* issue 21: related items */
	struct relitems		*ri;
	struct figseries	*fs;	/* key figures over the years */
};

/* The concatenation of x, y and z (may be NULL), in a. */
static char *
cat(struct arena *a, const char *x, const char *y, const char *z)
{
	size_t	 lx = strlen(x), ly = strlen(y), lz = z ? strlen(z) : 0;
	char	*p = arena_alloc(a, lx + ly + lz + 1);

	memcpy(p, x, lx);
	memcpy(p + lx, y, ly);
	if (lz)
		memcpy(p + lx + ly, z, lz);
	p[lx + ly + lz] = '\0';
	return p;
}

/* path percent-encoded, in a. */
static char *
url_of(struct arena *a, const char *path)
{
	struct buf	 b = BUF_INIT;
	const char	*p;
	char		*s;

	for (p = path; ascii_isalnum(*p) || *p == '-' || *p == '.' ||
	    *p == '_' || *p == '~' || *p == '/'; p++)
		continue;
	if (*p == '\0')
		return arena_strdup(a, path);
	url_encode(&b, path);
	s = arena_strdup(a, b.data ? b.data : "");
	buf_free(&b);
	return s;
}

/* Give each document its summary, slug and hash, and the site its
 * counts. */
static void
model_docs(struct site *s, const struct site_doc *in)
{
	struct sdoc	*sd;
	size_t		 i;

	for (i = 0; i < s->ndocs; i++) {
		sd = &s->docs[i];
		sd->sum = in[i].sum;
		sd->hash = in[i].hash;
		sd->slug = in[i].slug;
		counts_add(&s->counts, &sd->sum->counts);
	}
}

/* Give document sd its title and URLs (once). */
static void
model_doc(struct site *s, struct sdoc *sd)
{
	if (sd->url != NULL)
		return;
	sd->title = sd->sum->title && sd->sum->title[0] ?
	    sd->sum->title : summary_base_name(&s->a, sd->sum->source);
	sd->url = url_of(&s->a, cat(&s->a, sd->slug, ".html", NULL));
	sd->url_up = cat(&s->a, "../", sd->url, NULL);
	sd->src = summary_src_path(&s->a, sd->slug, sd->sum->source, 0);
	sd->srcpage = summary_src_path(&s->a, sd->slug, sd->sum->source, 1);
	sd->ukey = hash64(sd->url, strlen(sd->url), 0x75);
	sd->reftag = arena_alloc(&s->a, (sd->sum->nrefs + 1) *
	    sizeof(*sd->reftag));
}

/* Newer years first, unknown years (0) last. */
static int
year_cmp(int x, int y)
{
	if (x == y)
		return 0;
	if (x == 0 || y == 0)
		return x == 0 ? 1 : -1;
	return x > y ? -1 : 1;
}

/* A document in display order: newest year first, then by source. */
struct okey {
	int		 year;
	const char	*source;
	size_t		 i;
};

static int
okey_cmp(const void *a, const void *b)
{
	const struct okey	*x = *(const struct okey *const *)a;
	const struct okey	*y = *(const struct okey *const *)b;
	int			 c;

	if ((c = year_cmp(x->year, y->year)) != 0)
		return c;
	return strcmp(x->source, y->source);
}

static void
model_order(struct site *s)
{
	struct okey	*k = xcalloc(s->ndocs + 1, sizeof(*k));
	struct okey	**p = xcalloc(s->ndocs + 1, sizeof(*p));
	size_t		 i;

	for (i = 0; i < s->ndocs; i++) {
		k[i].year = s->docs[i].sum->year;
		k[i].source = s->docs[i].sum->source;
		k[i].i = i;
		p[i] = &k[i];
	}
	/* Pointers sorted: qsort copies its elements at every step. */
	if (s->ndocs > 1)
		qsort(p, s->ndocs, sizeof(*p), okey_cmp);
	s->order = xcalloc(s->ndocs + 1, sizeof(*s->order));
	for (i = 0; i < s->ndocs; i++) {
		s->order[i] = p[i]->i;
		s->docs[p[i]->i].rank = i;
	}
	free(p);
	free(k);
}

/* The id of name, whose hash64() is hash (inserted when new; year
 * goes with it). */
static size_t
name_id(struct names *t, const char *name, uint64_t hash, int year)
{
	size_t	 i, j;

	if ((t->n + 1) * 2 > t->nslot) {
		free(t->slot);
		t->nslot = t->nslot ? t->nslot * 2 : 64;
		t->slot = xcalloc(t->nslot, sizeof(*t->slot));
		for (j = 0; j < t->n; j++) {
			i = (size_t)t->hash[j] & (t->nslot - 1);
			while (t->slot[i] != 0)
				i = (i + 1) & (t->nslot - 1);
			t->slot[i] = j + 1;
		}
	}
	i = (size_t)hash & (t->nslot - 1);
	while (t->slot[i] != 0) {
		j = t->slot[i] - 1;
		if (t->hash[j] == hash && strcmp(t->v[j], name) == 0)
			return j;
		i = (i + 1) & (t->nslot - 1);
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
		t->hash = xreallocarray(t->hash, t->cap, sizeof(*t->hash));
		t->year = xreallocarray(t->year, t->cap, sizeof(*t->year));
	}
	t->v[t->n] = name;
	t->hash[t->n] = hash;
	t->year[t->n] = year;
	t->slot[i] = t->n + 1;
	return t->n++;
}

/* The id of name, whose hash64() is hash, or (size_t)-1. */
static size_t
name_find(const struct names *t, const char *name, uint64_t hash)
{
	size_t	 i;

	if (t->nslot == 0)
		return (size_t)-1;
	i = (size_t)hash & (t->nslot - 1);
	while (t->slot[i] != 0) {
		if (t->hash[t->slot[i] - 1] == hash &&
		    strcmp(t->v[t->slot[i] - 1], name) == 0)
			return t->slot[i] - 1;
		i = (i + 1) & (t->nslot - 1);
	}
	return (size_t)-1;
}

static void
names_free(struct names *t)
{
	free(t->v);
	free(t->hash);
	free(t->year);
	free(t->slot);
	memset(t, 0, sizeof(*t));
}

/* A group name in display order: years newest first, then natural
 * order of names (years, annotations: gkey_cmp), or the reader's order
 * of organisations and kinds (reader_cmp(), gkey_reader_cmp). */
struct gkey {
	const char	*name;
	int		 year;
	size_t		 id;
};

static int
gkey_cmp(const void *a, const void *b)
{
	const struct gkey	*x = a, *y = b;
	int			 c;

	if ((c = year_cmp(x->year, y->year)) != 0)
		return c;
	return natcmp(x->name, y->name);
}

static int
gkey_reader_cmp(const void *a, const void *b)
{
	const struct gkey	*x = a, *y = b;

	return reader_cmp(x->name, y->name);
}

/* The name of the year (into y), organisation or kind group (k below
 * G_TAG) of a document with sum, or NULL when it has none. */
static const char *
doc_gname(enum gkind k, const struct summary *sum, char y[16])
{
	switch (k) {
	case G_YEAR:
		if (sum->year == 0)
			return "年份不详";
		snprintf(y, 16, "%d", sum->year);
		return y;
	case G_ORG:
		/* Under its canonical key (org.c): 湖州卫健委 and 湖州市卫生
		 * 健康委员会 are one organisation. */
		if (sum->org_key && sum->org_key[0])
			return sum->org_key;
		return sum->org && sum->org[0] ? sum->org : NULL;
	case G_KIND:
		return sum->kind && sum->kind[0] ? sum->kind : NULL;
	default:
		return NULL;
	}
}

/* The key of annotation tag in a document of sum, the name of its
 * group and page: each office numbers its own lists every year, so
 * 区政府折子工程15 of one office and year is not that of another.  The
 * one place that says so: "ORG·YEAR·TAG" (family and number are the
 * tag's), in a. */
static const char *
tag_key(struct arena *a, const struct summary *sum, const char *tag)
{
	char	 y[16];

	if (sum->year != 0)
		snprintf(y, sizeof(y), "%d", sum->year);
	else
		snprintf(y, sizeof(y), "年份不详");
	return arena_printf(a, "%s·%s·%s", sum->org && sum->org[0] ?
	    sum->org : "机构不详", y, tag);
}

/* The names of groups of kind k that document sd belongs to: calls
 * fn(arg, name, year, ref) for each, refs in document order. */
static void
doc_groups(struct site *s, enum gkind k, const struct sdoc *sd,
    void (*fn)(struct site *, void *, const char *, int,
    const struct sref *), void *arg)
{
	const struct summary	*sum = sd->sum;
	const char		*name;
	char			 y[16];
	size_t			 j;

	if (k == G_TAG) {
		for (j = 0; j < sum->nrefs; j++)
			fn(s, arg, tag_key(&s->a, sum, sum->refs[j].tag),
			    sum->year, &sum->refs[j]);
		return;
	}
	if ((name = doc_gname(k, sum, y)) != NULL)
		fn(s, arg, name, k == G_YEAR ? sum->year : 0, NULL);
}

/* Occurrences of group names in display order, as ids. */
struct occs {
	struct names	 names;
	size_t		*id;
	unsigned char	*item;		/* the node is an item */
	size_t		 n;
	size_t		 cap;
};

static void
occ_add(struct site *s, void *arg, const char *name, int year,
    const struct sref *ref)
{
	struct occs	*o = arg;
	size_t		 before = o->names.n, id;

	id = name_id(&o->names, name, hash64(name, strlen(name), 0), year);
	if (o->names.n > before && name == o->names.v[id] &&
	    ascii_isdigit(name[0]) && year != 0)
		o->names.v[id] = arena_strdup(&s->a, name);
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 1024;
		o->id = xreallocarray(o->id, o->cap, sizeof(*o->id));
		o->item = xreallocarray(o->item, o->cap, 1);
	}
	o->item[o->n] = ref != NULL && ref->type == NODE_ITEM;
	o->id[o->n++] = id;
}

/* The URL of group g of kind k (its slug set), the same from one
 * level down, and its key: from the slug and the name. */
static void
group_url(struct site *s, enum gkind k, struct group *g)
{
	g->url = url_of(&s->a, arena_printf(&s->a, "%s/%s.html", gdirs[k],
	    g->slug));
	g->url_up = cat(&s->a, "../", g->url, NULL);
	g->key = hash64(g->url, strlen(g->url), hash64(g->name,
	    strlen(g->name), 0x67));
}

/* Give group g of kind k its unique slug and URL. */
static void
group_name(struct site *s, enum gkind k, struct group *g)
{
	static const char *const fb[G_MAX] = { "unknown", "org", "kind",
	    "tag" };
	char		*slug;
	int		 renamed;

	if (k == G_YEAR && ascii_isdigit(g->name[0]))
		slug = xstrdup(g->name);
	else
		slug = slug_make(k == G_YEAR ? NULL : g->name, fb[k]);
	g->slug = slugset_claim(&s->slugs[k], slug, '-', &renamed);
	if (renamed && g->ndocs > 0)
		diag_add(s->d, s->docs[g->docs[0]].sum->source, 0, 0,
		    SEV_WARNING, "the %s \"%s\" has the URL name of another; "
		    "its page is %s/%s.html", gdirs[k], g->name, gdirs[k],
		    g->slug);
	free(slug);
	group_url(s, k, g);
}

/* Number of groups of kind k a document with sum belongs to (the
 * calls doc_groups() makes). */
static size_t
doc_nocc(enum gkind k, const struct summary *sum)
{
	switch (k) {
	case G_YEAR:
		return 1;
	case G_ORG:
		return sum->org && sum->org[0];
	case G_KIND:
		return sum->kind && sum->kind[0];
	case G_TAG:
		return sum->nrefs;
	case G_MAX:
		break;
	}
	return 0;
}

/* Build the groups of kind k: names interned, sorted once, then every
 * occurrence placed in display order (documents by rank, nodes in
 * document order), each group counted first so it holds exactly what
 * it needs. */
static void
model_groups(struct site *s, enum gkind k)
{
	struct occs		 o;
	struct gkey		*keys;
	struct group		*g;
	const struct sdoc	*sd;
	size_t			 i, j, r, c, start, *rank, *nd, *nr, *last;

	memset(&o, 0, sizeof(o));
	for (r = 0; r < s->ndocs; r++)
		doc_groups(s, k, &s->docs[s->order[r]], occ_add, &o);
	keys = xcalloc(o.names.n + 1, sizeof(*keys));
	for (i = 0; i < o.names.n; i++) {
		keys[i].name = o.names.v[i];
		keys[i].year = o.names.year[i];
		keys[i].id = i;
	}
	if (o.names.n > 1)
		qsort(keys, o.names.n, sizeof(*keys), k == G_ORG ||
		    k == G_KIND ? gkey_reader_cmp : gkey_cmp);
	rank = xcalloc(o.names.n + 1, sizeof(*rank));
	nd = xcalloc(o.names.n + 1, sizeof(*nd));
	nr = xcalloc(o.names.n + 1, sizeof(*nr));
	last = xcalloc(o.names.n + 1, sizeof(*last));
	for (i = 0; i < o.names.n; i++)
		rank[keys[i].id] = i;
	/* Count: occurrences of a document come together. */
	for (r = 0, c = 0; r < s->ndocs; r++) {
		sd = &s->docs[s->order[r]];
		j = c;
		c += doc_nocc(k, sd->sum);
		for (; j < c; j++) {
			i = rank[o.id[j]];
			if (nd[i] == 0 || last[i] != r + 1)
				nd[i]++;
			last[i] = r + 1;
			nr[i]++;
		}
	}
	s->g[k] = xcalloc(o.names.n + 1, sizeof(struct group));
	s->ng[k] = o.names.n;
	for (i = 0; i < o.names.n; i++) {
		g = &s->g[k][i];
		g->name = keys[i].name;
		g->docs = arena_alloc(&s->a, (nd[i] + 1) * sizeof(size_t));
		if (k == G_TAG) {
			g->refs = arena_alloc(&s->a, (nr[i] + 1) *
			    sizeof(*g->refs));
			g->refdoc = arena_alloc(&s->a, (nr[i] + 1) *
			    sizeof(size_t));
		}
	}
	/* Fill, in the same order. */
	for (r = 0, c = 0; r < s->ndocs; r++) {
		size_t	 di = s->order[r];

		sd = &s->docs[di];
		j = start = c;
		c += doc_nocc(k, sd->sum);
		for (; j < c; j++) {
			g = &s->g[k][rank[o.id[j]]];
			if (g->ndocs == 0 || g->docs[g->ndocs - 1] != di) {
				g->docs[g->ndocs++] = di;
				if (k != G_TAG) {
					counts_add(&g->counts,
					    &sd->sum->counts);
					s->docs[di].g[k] = g;
				}
			}
			if (k == G_TAG) {
				g->refdoc[g->nrefs] = di;
				g->refs[g->nrefs++] = &sd->sum->refs[j - start];
				s->docs[di].reftag[j - start] = g;
				g->nitems += o.item[j];
			}
		}
	}
	slugset_claim(&s->slugs[k], "index", '-', NULL);
	for (i = 0; i < o.names.n; i++)
		group_name(s, k, &s->g[k][i]);
	s->gnames[k] = o.names;
	s->grank[k] = rank;
	free(keys);
	free(nd);
	free(nr);
	free(last);
	free(o.id);
	free(o.item);
}

/* The group of kind k named name, or NULL. */
static struct group *
group_find(const struct site *s, enum gkind k, const char *name)
{
	size_t	 id = name_find(&s->gnames[k], name, hash64(name,
	    strlen(name), 0));

	return id == (size_t)-1 ? NULL : &s->g[k][s->grank[k][id]];
}

/* The groups of every kind from a table of kinds, names and slugs (of
 * an earlier build of the same summaries): enough for documents' pages
 * (links to the groups), none for the pages of the groups. */
static void
model_known(struct site *s, const struct mgroup *groups, size_t n)
{
	struct group	*g;
	size_t		 i, id;
	unsigned	 k;

	for (i = 0; i < n; i++)
		if (groups[i].kind < G_MAX)
			s->ng[groups[i].kind]++;
	for (k = 0; k < G_MAX; k++) {
		s->g[k] = xcalloc(s->ng[k] + 1, sizeof(struct group));
		s->grank[k] = xcalloc(s->ng[k] + 1, sizeof(*s->grank[k]));
		s->ng[k] = 0;
	}
	for (i = 0; i < n; i++) {
		if ((k = groups[i].kind) >= G_MAX)
			continue;
		g = &s->g[k][s->ng[k]];
		g->name = groups[i].name;
		g->slug = groups[i].slug;
		group_url(s, k, g);
		id = name_id(&s->gnames[k], g->name, hash64(g->name,
		    strlen(g->name), 0), 0);
		s->grank[k][id] = s->ng[k]++;
	}
}

static uint64_t	line_key(const struct sdoc *);

/* What the page of document sd needs of a known model: its groups,
 * the groups of its annotations, the key of its line. */
static void
model_known_doc(struct site *s, struct sdoc *sd)
{
	const struct summary	*sum = sd->sum;
	const char		*name;
	char			 y[16];
	size_t			 j;
	int			 k;

	model_doc(s, sd);
	for (k = 0; k < G_TAG; k++)
		sd->g[k] = (name = doc_gname((enum gkind)k, sum, y)) ?
		    group_find(s, (enum gkind)k, name) : NULL;
	for (j = 0; j < sum->nrefs; j++)
		sd->reftag[j] = group_find(s, G_TAG, tag_key(&s->a, sum,
		    sum->refs[j].tag));
	sd->line = line_key(sd);
}

/* ---- Keys ---- */

/* Hash the counts c into h. */
static void
key_counts(struct hasher *h, const struct counts *c)
{
#define KEY(f)	hasher_u64(h, c->f);
	COUNTS_FIELDS(KEY)
#undef KEY
}

static void
key_group(struct hasher *h, const struct group *g)
{
	hasher_u64(h, g ? g->key : 0);
}

/* The key of a document's line in a list (doc_line()). */
static uint64_t
line_key(const struct sdoc *sd)
{
	struct hasher	 h = { 0x6c696e65 };

	hasher_u64(&h, sd->sum->key);
	hasher_str(&h, sd->title);
	hasher_u64(&h, sd->ukey);
	hasher_str(&h, sd->sum->source);
	key_group(&h, sd->g[G_YEAR]);
	key_group(&h, sd->g[G_ORG]);
	key_group(&h, sd->g[G_KIND]);
	return h.h;
}

/* Which page templates show the site's totals. */
static void
model_templates(struct site *s)
{
	static const char *const totals[] = { "ndocs", "nitems",
	    "nsections", "totals" };
	static const char *const tpl[T_DOC + 1] = { "index", "groups",
	    "group", "tags", "tag", "search", "404", "robots", "sitemap",
	    "feed", "doc" };
	struct diags		 d = DIAGS_INIT;
	size_t			 i;

	for (i = 0; i <= T_DOC; i++)
		s->shows_totals[i] = s->ms == NULL ||
		    mustache_mentions(s->ms, tpl[i], totals, 4, &d);
	s->src_totals = s->ms == NULL ||
	    mustache_mentions(s->ms, "src", totals, 4, &d);
	s->track_totals = s->ms == NULL ||
	    mustache_mentions(s->ms, "track", totals, 4, &d) ||
	    mustache_mentions(s->ms, "compare", totals, 4, &d);
	diags_free(&d);
}

/* ---- The pages other than documents ---- */

static void
page_add(struct site *s, enum ptype t, enum gkind k, size_t i,
    const char *path)
{
	struct spage	*p = &s->pages[s->npages++];

	p->type = t;
	p->k = k;
	p->i = i;
	p->path = path;
}

/* The next alias in *list (", ", "、", blanks, brackets and quotes
 * between) as a path in out/: "old.html" stays, "/2019/old/" and
 * "2019/old" become "2019/old/index.html".  NULL at the end; a path
 * with ".." or a backslash is skipped. */
static const char *
alias_next(struct arena *a, const char **list)
{
	const char	*s = *list, *e;
	size_t		 n;

	for (;;) {
		while (*s == ' ' || *s == ',' || *s == '[' || *s == ']' ||
		    *s == '"' || *s == '\'' || *s == '/' ||
		    strncmp(s, "、", strlen("、")) == 0 ||
		    strncmp(s, "，", strlen("，")) == 0)
			s += (unsigned char)*s >= 0x80 ? 3 : 1;
		if (*s == '\0') {
			*list = s;
			return NULL;
		}
		for (e = s; *e != '\0' && *e != ' ' && *e != ',' &&
		    *e != ']' && *e != '"' && *e != '\'' &&
		    strncmp(e, "、", strlen("、")) != 0 &&
		    strncmp(e, "，", strlen("，")) != 0; e++)
			continue;
		n = (size_t)(e - s);
		*list = e;
		if (memmem(s, n, "..", 2) != NULL || memchr(s, '\\', n)) {
			s = e;
			continue;
		}
		if (n > 5 && (memcmp(e - 5, ".html", 5) == 0 ||
		    memcmp(e - 4, ".htm", 4) == 0))
			return arena_printf(a, "%.*s", (int)n, s);
		while (n > 0 && s[n - 1] == '/')
			n--;
		return arena_printf(a, "%.*s/index.html", (int)n, s);
	}
}

/* Is path taken by a page added before, or by a document's page? */
static int
page_taken(const struct site *s, const char *path)
{
	size_t	 i;

	for (i = 0; i < s->npages; i++)
		if (strcmp(s->pages[i].path, path) == 0)
			return 1;
	for (i = 0; i < s->ndocs; i++)
		if (strncmp(s->docs[i].slug, path, strlen(s->docs[i].slug)) ==
		    0 && strcmp(path + strlen(s->docs[i].slug), ".html") == 0)
			return 1;
	return 0;
}

/* Redirect pages for the old paths of documents (aliases). */
static void
model_aliases(struct site *s)
{
	const char	*list, *path;
	size_t		 i, n;

	for (i = 0; i < s->ndocs; i++) {
		if ((list = s->docs[i].sum->aliases) == NULL)
			continue;
		for (n = 0; (path = alias_next(&s->a, &list)) != NULL; n++)
			continue;
		s->pages = xreallocarray(s->pages, s->npages + n + 1,
		    sizeof(*s->pages));
		list = s->docs[i].sum->aliases;
		while ((path = alias_next(&s->a, &list)) != NULL) {
			if (page_taken(s, path)) {
				diag_add(s->d, s->docs[i].sum->source, 0, 0,
				    SEV_WARNING, "alias %s: the site has that "
				    "page already; no redirect made", path);
				continue;
			}
			page_add(s, P_ALIAS, G_YEAR, i, path);
		}
	}
}

static void
model_pages(struct site *s)
{
	size_t	 i, n = 10;
	int	 k;

	for (k = 0; k < G_MAX; k++)
		n += s->ng[k] + 1;
	s->pages = xcalloc(n, sizeof(*s->pages));
	page_add(s, P_HOME, G_YEAR, 0, "index.html");
	for (k = 0; k < G_TAG; k++) {
		page_add(s, P_GROUPS, (enum gkind)k, 0, arena_printf(&s->a,
		    "%s/index.html", gdirs[k]));
		for (i = 0; i < s->ng[k]; i++)
			page_add(s, P_GROUP, (enum gkind)k, i,
			    arena_printf(&s->a, "%s/%s.html", gdirs[k],
			    s->g[k][i].slug));
	}
	page_add(s, P_TAGS, G_TAG, 0, "tag/index.html");
	for (i = 0; i < s->ng[G_TAG]; i++)
		page_add(s, P_TAG, G_TAG, i, arena_printf(&s->a, "tag/%s.html",
		    s->g[G_TAG][i].slug));
	page_add(s, P_SEARCH, G_YEAR, 0, "search.html");
	page_add(s, P_404, G_YEAR, 0, "404.html");
	page_add(s, P_ROBOTS, G_YEAR, 0, "robots.txt");
	page_add(s, P_SITEMAP, G_YEAR, 0, "sitemap.xml");
	page_add(s, P_FEED, G_YEAR, 0, "feed.xml");
	model_aliases(s);
}

static void	model_related(struct site *);
static void	model_related_doc(struct site *, const struct sdoc *);

/* The model of a site of the documents docs[0..n) (in the order of
 * their sources), rendered with ms (may be NULL: no page can then be
 * rendered, and every page is taken to show the totals).  Warnings
 * about names go to d.  With known groups, only the documents whose
 * page is wanted are modelled (and their neighbours' titles and
 * URLs).  Never NULL; site_free() releases it. */
/* relitems_targets(): give document t its title and URL. */
static void
item_target(void *arg, size_t t)
{
	struct site		*s = arg;
	const struct summary	*sum = s->docs[t].sum;
	const char		*office = sum->org != NULL && sum->org[0] ?
	    sum->org : summary_office(sum);

	if (s->ridocs[t].url != NULL)
		return;
	model_doc(s, &s->docs[t]);
	s->ridocs[t].title = s->docs[t].title;
	s->ridocs[t].url = s->docs[t].url;
	/* Short: what tells it apart from the documents it is shown
	 * beside (the title is the link's tooltip once a page); the
	 * title when its office is not known. */
	if (office == NULL)
		s->ridocs[t].label = s->docs[t].title;
	else
		s->ridocs[t].label = sum->year > 0 ?
		    arena_printf(&s->a, "%d年%s%s", sum->year,
		    office ? office : "", sum->kind ? sum->kind : "") :
		    cat(&s->a, office, sum->kind, NULL);
}

/* issue 21: the related items of the units of every document (of the
 * documents wanted, with only: the rest of the pages stay as they are),
 * the last build's where prev says no change reaches them; the
 * documents they point to get their titles and URLs. */
static void
model_items(struct site *s, const struct site_doc *docs, int only,
    const struct relitem_prev *prev)
{
	unsigned char		*want = NULL;
	struct relitem_doc	*rd;
	size_t			 i;

	s->ridocs = xcalloc(s->ndocs + 1, sizeof(*s->ridocs));
	if (only)
		want = xcalloc(s->ndocs + 1, 1);
	for (i = 0; i < s->ndocs; i++) {
		rd = &s->ridocs[i];
		rd->year = s->docs[i].sum->year;
		rd->units = s->docs[i].sum->units;
		rd->unitslen = s->docs[i].sum->unitslen;
		if (docs[i].prev != NULL) {
			rd->prev_units = docs[i].prev->units;
			rd->prev_unitslen = docs[i].prev->unitslen;
			rd->lists = docs[i].prev->rel;
			rd->listslen = docs[i].prev->rellen;
		}
		if (want != NULL)
			want[i] = (unsigned char)(docs[i].want != 0);
	}
	s->ri = relitems_new(s->ridocs, s->ndocs, want, prev);
	for (i = 0; i < s->ndocs; i++)
		if (want == NULL || want[i])
			relitems_targets(s->ri, i, item_target, s);
	free(want);
}

/* Append document i's related items for the manifest (document t as
 * ids[t]); -1 when this build did not look at them. */
int
site_doc_lists(const struct site *s, size_t i, const uint32_t *ids,
    struct buf *out)
{
	return relitems_lists(s->ri, i, ids, out);
}

/* The number of units whose related items this build found. */
size_t
site_items_found(const struct site *s)
{
	return relitems_found(s->ri);
}

struct site *
site_new(const struct config *cfg, struct mustache_set *ms,
    const struct site_doc *docs, size_t n, const struct mgroup *known,
    size_t nknown, const struct relitem_prev *prev, struct diags *d)
{
	struct site	*s = xcalloc(1, sizeof(*s));
	struct hasher	 h = { 0x746f74616c73 };
	struct sdoc	*sd;
	size_t		 i;
	int		 k;

	s->cfg = cfg;
	s->ms = ms;
	s->d = d;
	s->docs = xcalloc(n + 1, sizeof(*s->docs));
	s->ndocs = n;
	model_docs(s, docs);
	model_order(s);
	model_related(s);
	s->tracks = tracks_new(docs, n);
	model_items(s, docs, known != NULL, prev);
	s->fs = figseries_new(docs, n);
	if (known != NULL) {
		model_known(s, known, nknown);
		for (i = 0; i < n; i++) {
			if (!docs[i].want)
				continue;
			sd = &s->docs[i];
			model_known_doc(s, sd);
			if (sd->rank > 0)
				model_doc(s, &s->docs[s->order[sd->rank - 1]]);
			if (sd->rank + 1 < n)
				model_doc(s, &s->docs[s->order[sd->rank + 1]]);
			model_related_doc(s, sd);
		}
	} else {
		for (i = 0; i < n; i++)
			model_doc(s, &s->docs[i]);
		for (k = 0; k < G_MAX; k++)
			model_groups(s, (enum gkind)k);
		for (i = 0; i < n; i++)
			s->docs[i].line = line_key(&s->docs[i]);
	}
	hasher_u64(&h, s->ndocs);
	key_counts(&h, &s->counts);
	s->totals = h.h;
	model_templates(s);
	if (known == NULL)
		model_pages(s);
	return s;
}

void
site_free(struct site *s)
{
	int	 k;

	if (s == NULL)
		return;
	for (k = 0; k < G_MAX; k++) {
		free(s->g[k]);
		slugset_free(&s->slugs[k]);
		names_free(&s->gnames[k]);
		free(s->grank[k]);
	}
	relitems_free(s->ri);
	figseries_free(s->fs);
	free(s->ridocs);
	free(s->docs);
	free(s->order);
	free(s->byorg);
	free(s->pages);
	tracks_free(s->tracks);
	arena_free(&s->a);
	free(s);
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

/* How a group is named on a page: "2015年" for a year. */
static const char *
group_label(struct arena *a, enum gkind k, const struct group *g)
{
	if (k == G_YEAR && ascii_isdigit(g->name[0]))
		return arena_printf(a, "%s年", g->name);
	return g->name;
}

/* A link to a group (key and hkey), or empty strings when none. */
static void
set_group(struct arena *a, struct value *o, const char *key,
    const char *hkey, const struct group *g, const char *root)
{
	value_set_ref(o, key, str(a, g ? g->name : ""));
	value_set_ref(o, hkey, str(a, g ? (root[0] ? g->url_up : g->url) : ""));
}

/* The file name of path, as UTF-8 and without the characters cleaning
 * removes (a bidi control would reorder the page), in a when it has to
 * be mended. */
static const char *
file_name(struct arena *a, const char *path)
{
	const char	*b = strrchr(path, '/');
	struct buf	 clean = BUF_INIT;
	size_t		 len;

	b = b ? b + 1 : path;
	len = text_strip(b, strlen(b), &clean);
	if (clean.data != NULL) {
		b = summary_utf8(a, clean.data, len);
		buf_free(&clean);
		return b;
	}
	return utf8_valid(b, strlen(b)) == strlen(b) ? b :
	    summary_utf8(a, b, strlen(b));
}

/* A document as a line of a list: title, link, metadata, counts.  Its
 * key is line_key(). */
static struct value *
doc_line(struct arena *a, const struct sdoc *sd, const char *root)
{
	struct value	*o = value_obj(a);

	value_set_ref(o, "title", str(a, sd->title));
	value_set_ref(o, "href", str(a, root[0] ? sd->url_up : sd->url));
	value_set_ref(o, "year_known", value_bool(a, sd->sum->year != 0));
	set_group(a, o, "year", "year_href", sd->g[G_YEAR], root);
	set_group(a, o, "org", "org_href", sd->g[G_ORG], root);
	set_group(a, o, "kind", "kind_href", sd->g[G_KIND], root);
	value_set_ref(o, "sections", num(a, (double)sd->sum->counts.sections));
	value_set_ref(o, "items", num(a, (double)sd->sum->counts.items));
	value_set_ref(o, "counts", counts_value(a, &sd->sum->counts));
	value_set_ref(o, "sample", value_bool(a, sd->sum->sample != 0));
	value_set_ref(o, "file", str(a, file_name(a, sd->sum->source)));
	value_set_ref(o, "encoding", str(a, sd->sum->encoding));
	value_set_ref(o, "format", str(a, sd->sum->format));
	if (sd->sum->date != NULL)
		value_set_ref(o, "date", str(a, sd->sum->date));
	if (sd->sum->published != NULL)
		value_set_ref(o, "published", str(a, sd->sum->published));
	return o;
}

/* The date a document was published: published, else date, else
 * NULL (nothing is invented). */
static const char *
doc_day(const struct sdoc *sd)
{
	return sd->sum->published ? sd->sum->published : sd->sum->date;
}

/* The context every page has: site, root, title, canonical URL, the
 * totals. */
static struct value *
page_ctx(const struct site *s, struct arena *a, const char *root,
    const char *title, const char *url)
{
	struct value	*o = value_obj(a), *site, *nav, *params;
	const char	*base = s->cfg->base_url ? s->cfg->base_url : "/";
	size_t		 i;
	int		 k;
	int		 absolute = strstr(base, "://") != NULL;

	site = value_set_ref(o, "site", value_obj(a));
	value_set_ref(site, "title", str(a, s->cfg->title));
	value_set_ref(site, "lang", str(a, s->cfg->lang && s->cfg->lang[0] ?
	    s->cfg->lang : "zh-CN"));
	value_set_ref(site, "base_url", str(a, base));
	value_set_ref(site, "generator", str(a, "gen " GEN_VERSION));
	/* The print editions ([print] pdf: make print makes them where
	 * the site is published), or "". */
	value_set_ref(site, "print_href", str(a, s->cfg->print_pdf ?
	    arena_printf(a, "%sprint/index.html", root) : ""));
	value_set_ref(o, "data_version", num(a, SITE_DATA_VERSION));
	params = value_set_ref(site, "params", value_obj(a));
	for (i = 0; i < s->cfg->nparams; i++)
		value_set_ref(params, s->cfg->params[2 * i],
		    str(a, s->cfg->params[2 * i + 1]));
	value_set_ref(o, "root", str(a, root));
	value_set_ref(o, "page_title", str(a, title));
	value_set_ref(o, "canonical", str(a, absolute && url ?
	    arena_printf(a, "%s%s", base, url) : ""));
	value_set_ref(o, "ndocs", num(a, (double)s->ndocs));
	value_set_ref(o, "nitems", num(a, (double)s->counts.items));
	value_set_ref(o, "nsections", num(a, (double)s->counts.sections));
	value_set_ref(o, "totals", counts_value(a, &s->counts));
	/* Which entry of the site's menu the page is under (aria-current). */
	nav = value_set_ref(o, "nav", value_obj(a));
	value_set_ref(nav, "home", value_bool(a, url != NULL &&
	    (url[0] == '\0' || strcmp(url, "index.html") == 0)));
	for (k = 0; k < G_MAX; k++)
		value_set_ref(nav, gdirs[k], value_bool(a, url != NULL &&
		    strncmp(url, gdirs[k], strlen(gdirs[k])) == 0 &&
		    url[strlen(gdirs[k])] == '/'));
	value_set_ref(nav, "search", value_bool(a, url != NULL &&
	    strcmp(url, "search.html") == 0));
	return o;
}

/* Is page (gen dump --view) the page rel of the site, made from the
 * document who (NULL: none)?  A page is named by its path in out/
 * (".html" may be left out) or by its document's path. */
static int
view_wanted(const char *page, const char *who, const char *rel)
{
	size_t	 n = strlen(page);

	if (who != NULL && strcmp(page, who) == 0)
		return 1;
	return strcmp(page, rel) == 0 || (strncmp(page, rel, n) == 0 &&
	    strcmp(rel + n, ".html") == 0);
}

/* Write ctx as JSON to path (gen dump --view). */
static void
view_save(const char *path, const struct value *ctx, struct diags *d)
{
	struct buf	 b = BUF_INIT;

	value_json(ctx, &b, 2);
	buf_putc(&b, '\n');
	if (file_write(path, b.data, b.len) == -1)
		diag_add(d, path, 0, 0, SEV_ERROR, "cannot write: %s",
		    strerror(errno));
	buf_free(&b);
}

/* Render template name with ctx to out (through sink unless NULL:
 * mustache_render_sink()), the page rel of the site; who names the
 * input it comes from for the error message (NULL: the page itself).
 * Return 0 or -1 (a failed sink->flush reported itself). */
static int
render_sink(const struct site *s, const char *name, const struct value *ctx,
    const char *who, const char *rel, struct buf *out,
    const struct mustache_sink *sink, struct diags *d)
{
	const struct mustache	*t;
	struct buf		 page = BUF_INIT;
	const char		*o = s->cfg->out_dir ? s->cfg->out_dir : "out";
	size_t			 olen = strlen(o);
	int			 rc = -1;

	if (s->cfg->view_page != NULL && s->cfg->view_out != NULL &&
	    view_wanted(s->cfg->view_page, who, rel))
		view_save(s->cfg->view_out, ctx, d);
	if (s->ms != NULL && (t = mustache_get(s->ms, name, d)) != NULL &&
	    (rc = mustache_render_sink(s->ms, t, ctx, out, sink, d)) == 0)
		return 0;
	if (rc == -2)
		return -1;
	while (olen > 1 && o[olen - 1] == '/')
		olen--;
	buf_printf(&page, "%.*s/%s", (int)olen, o, rel);
	diag_add(d, who ? who : page.data, 0, 0, SEV_ERROR,
	    "cannot render %s with template %s.mustache", page.data, name);
	buf_free(&page);
	return -1;
}

/* render_sink() without a sink: the page appended to out. */
static int
render(const struct site *s, const char *name, const struct value *ctx,
    const char *who, const char *rel, struct buf *out, struct diags *d)
{
	return render_sink(s, name, ctx, who, rel, out, NULL, d);
}

/* ---- A document's page ---- */

/* view.c's tag_href: the page of a tag from a page at root. */
struct tag_arg {
	const struct site	*s;
	struct arena		*a;
	const char		*root;
	const struct summary	*sum;	/* of the document */
	size_t			 doc;	/* its index */
	unsigned char		*seen;	/* documents the page has linked to
					 * by related items (ndocs bytes) */
};

/* view.c's related: the related items of node n of the page's
 * document. */
static struct value *
items_related(const void *arg, struct arena *a, const struct node *n)
{
	const struct tag_arg	*t = arg;

	return relitems_view(t->s->ri, a, t->doc, n->anchor, t->root,
	    t->seen);
}

static const char *
tag_href(const void *arg, const char *tag)
{
	const struct tag_arg	*t = arg;
	const struct group	*g = group_find(t->s, G_TAG, tag_key(t->a,
	    t->sum, tag));

	if (g == NULL)
		return "";
	return t->root[0] ? g->url_up : g->url;
}

/* The document delta places away in display order, or NULL. */
static const struct sdoc *
neighbour(const struct site *s, size_t rank, int delta)
{
	if ((delta < 0 && rank == 0) || (delta > 0 && rank + 1 >= s->ndocs))
		return NULL;
	return &s->docs[s->order[rank + (size_t)(long)delta]];
}

static struct value *
neighbour_view(const struct site *s, struct arena *a, size_t rank,
    int delta)
{
	const struct sdoc	*sd = neighbour(s, rank, delta);
	struct value		*o;

	if (sd == NULL)
		return value_bool(a, 0);
	o = value_obj(a);
	value_set_ref(o, "title", str(a, sd->title));
	value_set_ref(o, "href", str(a, sd->url));
	return o;
}

/* ---- Related documents ---- */

/*
 * A document is related to the documents of the same organisation
 * (its index key, else its name as written) and year (its plan, or its
 * report: kind_is_plan() and kind_is_report() of the parse layer, the
 * one rule that tells them apart) and of the year before and after.
 * s->byorg holds every document with an organisation and a year,
 * sorted by organisation, year and display order, so that a page finds
 * them by binary search.
 */
struct relkey {
	const char	*org;
	int		 year;
	size_t		 rank;
	size_t		 i;	/* index into s->docs */
};

#define REL_MAX	8	/* documents of one relation shown at most */

enum { R_PLAN, R_REPORT, R_PREV, R_NEXT, R_MAX };
static const char *const rnames[R_MAX] = { "plans", "reports",
    "prev_year", "next_year" };

struct related {
	size_t	 v[R_MAX][REL_MAX];	/* indices into s->docs */
	size_t	 n[R_MAX];
};

static int
relkey_cmp(const void *a, const void *b)
{
	const struct relkey	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->org, y->org)) != 0)
		return c;
	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	return x->rank < y->rank ? -1 : x->rank > y->rank;
}

/* Sort the documents that have an organisation and a year (after
 * model_order()). */
static void
model_related(struct site *s)
{
	const char	*org;
	size_t		 i;

	s->byorg = xcalloc(s->ndocs + 1, sizeof(*s->byorg));
	for (i = 0; i < s->ndocs; i++) {
		if ((org = summary_office(s->docs[i].sum)) == NULL ||
		    s->docs[i].sum->year == 0)
			continue;
		s->byorg[s->nbyorg].org = org;
		s->byorg[s->nbyorg].year = s->docs[i].sum->year;
		s->byorg[s->nbyorg].rank = s->docs[i].rank;
		s->byorg[s->nbyorg++].i = i;
	}
	if (s->nbyorg > 1)
		qsort(s->byorg, s->nbyorg, sizeof(*s->byorg), relkey_cmp);
}

/* Add to relation k of r the documents of org and year other than
 * self; with want, only those whose kind want() accepts. */
static void
rel_add(const struct site *s, struct related *r, int k, const char *org,
    int year, size_t self, int (*want)(const char *))
{
	struct relkey	 key = { org, year, 0, 0 };
	size_t		 lo = 0, hi = s->nbyorg, mid;
	const struct relkey *e;

	while (lo < hi) {	/* the first entry not before (org, year) */
		mid = lo + (hi - lo) / 2;
		if (relkey_cmp(&s->byorg[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < s->nbyorg && r->n[k] < REL_MAX; lo++) {
		e = &s->byorg[lo];
		if (e->year != year || strcmp(e->org, org) != 0)
			break;
		if (e->i != self && (want == NULL ||
		    want(s->docs[e->i].sum->kind)))
			r->v[k][r->n[k]++] = e->i;
	}
}

/* The documents related to document i. */
static void
related_find(const struct site *s, size_t i, struct related *r)
{
	const struct summary	*sum = s->docs[i].sum;
	const char		*org = summary_office(sum);

	memset(r, 0, sizeof(*r));
	if (org == NULL || sum->year == 0)
		return;
	if (kind_is_report(sum->kind))
		rel_add(s, r, R_PLAN, org, sum->year, i, kind_is_plan);
	if (kind_is_plan(sum->kind))
		rel_add(s, r, R_REPORT, org, sum->year, i, kind_is_report);
	rel_add(s, r, R_PREV, org, sum->year - 1, i, NULL);
	rel_add(s, r, R_NEXT, org, sum->year + 1, i, NULL);
}

/* Title and URL of the documents related to sd, for a known model. */
static void
model_related_doc(struct site *s, const struct sdoc *sd)
{
	struct related	 r;
	size_t		 k, j;

	related_find(s, (size_t)(sd - s->docs), &r);
	for (k = 0; k < R_MAX; k++)
		for (j = 0; j < r.n[k]; j++)
			model_doc(s, &s->docs[r.v[k][j]]);
}

/* The documents of relation k of r as [{title href year kind}]. */
static struct value *
related_docs(const struct site *s, struct arena *a, const struct related *r,
    int k)
{
	struct value		*arr = value_arr(a), *e;
	const struct sdoc	*rd;
	size_t			 j;

	for (j = 0; j < r->n[k]; j++) {
		rd = &s->docs[r->v[k][j]];
		e = value_push(arr, value_obj(a));
		value_set_ref(e, "title", str(a, rd->title));
		value_set_ref(e, "href", str(a, rd->url));
		value_set_ref(e, "year", num(a, rd->sum->year));
		value_set_ref(e, "kind", str(a, rd->sum->kind));
	}
	return arr;
}

/* The related documents of document i as {plans reports prev_year
 * next_year: [{title href year kind}], any, groups: the non-empty ones
 * as [{name label docs}]}. */
static struct value *
related_view(const struct site *s, struct arena *a, size_t i)
{
	struct value	*o = value_obj(a), *arr, *e;
	struct related	 r;
	const char	*label;
	size_t		 any = 0;
	int		 k, year = s->docs[i].sum->year;

	related_find(s, i, &r);
	for (k = 0; k < R_MAX; k++) {
		value_set_ref(o, rnames[k], related_docs(s, a, &r, k));
		any += r.n[k];
	}
	value_set_ref(o, "any", value_bool(a, any > 0));
	arr = value_set_ref(o, "groups", value_arr(a));
	for (k = 0; k < R_MAX; k++) {
		if (r.n[k] == 0)
			continue;
		label = k == R_PLAN ? "本年度的计划" : k == R_REPORT ?
		    "本年度的完成情况" : arena_printf(a, k == R_PREV ?
		    "上一年（%d年）" : "下一年（%d年）",
		    k == R_PREV ? year - 1 : year + 1);
		e = value_push(arr, value_obj(a));
		value_set_ref(e, "name", str(a, rnames[k]));
		value_set_ref(e, "label", str(a, label));
		value_set_ref(e, "docs", related_docs(s, a, &r, k));
	}
	return o;
}

/* Hash the related documents of document i into h. */
static void
key_related(const struct site *s, size_t i, struct hasher *h)
{
	const struct sdoc	*rd;
	struct related		 r;
	size_t			 k, j;

	related_find(s, i, &r);
	for (k = 0; k < R_MAX; k++) {
		hasher_u64(h, r.n[k]);
		for (j = 0; j < r.n[k]; j++) {
			rd = &s->docs[r.v[k][j]];
			hasher_str(h, rd->title);
			hasher_str(h, rd->url);
			hasher_u64(h, (uint64_t)rd->sum->year);
			hasher_str(h, rd->sum->kind);
		}
	}
}

/* ---- The metadata table of a document ---- */

/* Append a row {key label value href} to arr (value and href may be
 * NULL: no row, no link). */
static void
info_row(struct arena *a, struct value *arr, const char *key,
    const char *label, const char *value, const char *href)
{
	struct value	*o;

	if (value == NULL || value[0] == '\0')
		return;
	o = value_push(arr, value_obj(a));
	value_set_ref(o, "key", str(a, key));
	value_set_ref(o, "label", str(a, label));
	value_set_ref(o, "value", str(a, value));
	value_set_ref(o, "href", str(a, href));
}

/* The first front-matter value of doc whose key front_label() labels
 * label, or NULL; its key into *key. */
static const char *
front_by_label(const struct doc *doc, const char *label, const char **key)
{
	const char	*l;
	size_t		 i;

	for (i = 0; i < doc->nextra; i++)
		if (doc->extra[i].value != NULL &&
		    (l = front_label(doc->extra[i].key)) != NULL &&
		    strcmp(l, label) == 0) {
			*key = doc->extra[i].key;
			return doc->extra[i].value;
		}
	return NULL;
}

/* Is the front-matter key listed in [site] meta_keys (separated by
 * ",", "，" or "、", blanks around each ignored)? */
static int
meta_key_listed(const char *list, const char *key)
{
	const char	*p = list, *e, *end;
	size_t		 n = strlen(key), sep;

	while (p != NULL && *p != '\0') {
		for (e = p, sep = 0; *e != '\0'; e++) {
			if (*e == ',')
				sep = 1;
			else if (strncmp(e, "，", 3) == 0 ||
			    strncmp(e, "、", 3) == 0)
				sep = 3;
			if (sep)
				break;
		}
		for (end = e; end > p && (end[-1] == ' ' || end[-1] == '\t');
		    end--)
			continue;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if ((size_t)(end - p) == n && memcmp(p, key, n) == 0)
			return 1;
		p = *e != '\0' ? e + sep : NULL;
	}
	return 0;
}

/* The metadata table of document sd (tree doc), in the manner of
 * gov.cn: 索引号, 主题分类, 发文机关 (front matter's, else the
 * organisation's full name in the document's year, org_full_name(), or
 * as the document writes it, linked to its page; 机构 when
 * the parser found it to be a place alone), 成文日期, 文号, 发布日期, 年份, 类别, 规模, then the other
 * front-matter keys a page shows, with their Chinese labels, then the
 * keys [site] meta_keys lists, by their names.  Rows
 * [{key label value href}]. */
static struct value *
info_view(const struct site *s, struct arena *a, const struct sdoc *sd,
    const struct doc *doc)
{
	static const char *const own[] = { "索引号", "主题分类", "发文机关",
	    "文号", NULL };
	struct value	*arr = value_arr(a);
	const struct group *g;
	const char	*key = NULL, *v, *l;
	size_t		 i, k;
	int		 place;

	v = front_by_label(doc, "索引号", &key);
	info_row(a, arr, key, "索引号", v, NULL);
	v = front_by_label(doc, "主题分类", &key);
	info_row(a, arr, key, "主题分类", v, NULL);
	g = sd->g[G_ORG];
	if ((v = front_by_label(doc, "发文机关", &key)) != NULL)
		info_row(a, arr, key, "发文机关", v, NULL);
	else if (g != NULL) {
		place = doc->org_place != NULL && doc->org != NULL &&
		    strcmp(doc->org_place, doc->org) == 0;
		/* The office's full name in the year it wrote the document
		 * (成文日期, else the document's year). */
		v = place || doc->org == NULL ? NULL : org_full_name(a,
		    doc->org, sd->sum->date != NULL ? atoi(sd->sum->date) :
		    doc->year, doc->org_place);
		info_row(a, arr, "org", place ? "机构" : "发文机关",
		    v != NULL ? v : doc->org != NULL ? doc->org : g->name,
		    g->url);
	}
	info_row(a, arr, "date", "成文日期", sd->sum->date, NULL);
	v = front_by_label(doc, "文号", &key);
	info_row(a, arr, key, "文号", v, NULL);
	info_row(a, arr, "published", "发布日期", sd->sum->published, NULL);
	if ((g = sd->g[G_YEAR]) != NULL)
		info_row(a, arr, "year", "年份", group_label(a, G_YEAR, g),
		    g->url);
	if ((g = sd->g[G_KIND]) != NULL)
		info_row(a, arr, "kind", "类别", g->name, g->url);
	if ((v = counts_text(a, &sd->sum->counts))[0] != '\0')
		info_row(a, arr, "counts", "规模", arena_printf(a, "共%s", v),
		    NULL);
	for (i = 0; i < doc->nextra; i++) {
		if ((l = front_label(doc->extra[i].key)) == NULL)
			continue;
		for (k = 0; own[k] != NULL && strcmp(own[k], l) != 0; k++)
			continue;
		if (own[k] == NULL && front_by_label(doc, l, &key) ==
		    doc->extra[i].value)
			info_row(a, arr, doc->extra[i].key, l,
			    doc->extra[i].value, NULL);
	}
	for (i = 0; s->cfg->meta_keys != NULL && i < doc->nextra; i++)
		if (doc->extra[i].key != NULL &&
		    front_label(doc->extra[i].key) == NULL &&
		    strcmp(doc->extra[i].key, "sample") != 0 &&
		    meta_key_listed(s->cfg->meta_keys, doc->extra[i].key))
			info_row(a, arr, doc->extra[i].key, doc->extra[i].key,
			    doc->extra[i].value, NULL);
	return arr;
}

/* The key of document i's page: its source and content, its names, the
 * lines of its neighbours, the pages of its groups and annotations,
 * the totals when the template shows them. */
uint64_t
site_doc_key(const struct site *s, size_t i)
{
	const struct sdoc	*sd = &s->docs[i], *nb;
	const struct summary	*sum = sd->sum;
	struct hasher		 h = { 0x646f63 };
	size_t			 j;
	int			 delta;

	hasher_u64(&h, sd->hash);
	hasher_u64(&h, sd->line);
	hasher_str(&h, sd->src);
	hasher_str(&h, sd->srcpage);
	if (s->shows_totals[T_DOC])
		hasher_u64(&h, s->totals);
	for (delta = -1; delta <= 1; delta += 2) {
		nb = neighbour(s, sd->rank, delta);
		hasher_str(&h, nb ? nb->title : NULL);
		hasher_str(&h, nb ? nb->url : NULL);
	}
	for (j = 0; j < sum->nrefs; j++)
		key_group(&h, sd->reftag[j]);
	key_related(s, i, &h);
	tracks_doc_key(s->tracks, i, &h);
	relitems_key(s->ri, i, &h);
	figseries_key(s->fs, i, &h);
	return h.h;
}

/* Render the page of document i, whose tree is doc with anchors an,
 * to out (through sink unless NULL).  Return 0, or -1 after adding
 * errors to d or a failed flush. */
int
site_doc_page(const struct site *s, size_t i, const struct doc *doc,
    const struct anchors *an, struct buf *out,
    const struct mustache_sink *sink, struct diags *d)
{
	const struct sdoc	*sd = &s->docs[i];
	struct arena		 a = ARENA_INIT;
	struct value		*ctx, *dv, *toc, *tv;
	struct tag_arg		 ta = { s, &a, "", sd->sum, i, NULL };
	struct view		 v;
	int			 rc;

	ta.seen = arena_alloc(&a, s->ndocs + 1);
	memset(ta.seen, 0, s->ndocs + 1);
	v.a = &a;
	v.doc = doc;
	v.anchors = an;
	v.tag_href = tag_href;
	v.related = items_related;
	v.arg = &ta;
	v.maxdepth = s->cfg->max_depth > 0 ? 4 * s->cfg->max_depth + 8 : 136;
	v.d = d;
	ctx = page_ctx(s, &a, "", sd->title, sd->url);
	dv = value_set_ref(ctx, "doc", doc_line(&a, sd, ""));
	value_set_ref(dv, "json_href", str(&a, arena_printf(&a, "%s.json",
	    url_of(&a, sd->slug))));
	value_set_ref(dv, "src_href", str(&a, url_of(&a, sd->src)));
	value_set_ref(dv, "src_page_href", str(&a, url_of(&a, sd->srcpage)));
	/* The print edition's PDF ([print] pdf; make print makes it). */
	value_set_ref(dv, "pdf_href", str(&a, s->cfg->print_pdf ?
	    url_of(&a, arena_printf(&a, "print/%s.pdf",
	    print_doc_name(&a, sd->slug))) : ""));
	value_set_ref(dv, "extra", view_extra(&a, doc));
	value_set_ref(dv, "info", info_view(s, &a, sd, doc));
	value_set_ref(dv, "meta", view_meta(&a, doc));
	value_set_ref(dv, "is_table", value_bool(&a, doc->ncolumns > 0));
	toc = value_set_ref(ctx, "toc", view_toc(&v));
	value_set_ref(ctx, "has_toc", value_bool(&a, toc->len > 1));
	value_set_ref(ctx, "chart", view_doc_chart(&a, doc));
	value_set_ref(ctx, "body", view_body(&v));
	value_set_ref(ctx, "figures", view_figures(&v, url_of(&a,
	    arena_printf(&a, "%s.figures.csv", sd->slug)), s->fs, i));
	value_set_ref(ctx, "prev", neighbour_view(s, &a, sd->rank, -1));
	value_set_ref(ctx, "next", neighbour_view(s, &a, sd->rank, 1));
	value_set_ref(ctx, "related", related_view(s, &a, i));
	tv = value_set_ref(ctx, "tracking", tracks_doc_view(s->tracks, &a, i,
	    ""));
	value_set_ref(ctx, "tracking_any", value_bool(&a, tv->len > 0));
	rc = render_sink(s, "doc", ctx, sd->sum->source, arena_printf(&a,
	    "%s.html", sd->slug), out, sink, d);
	arena_free(&a);
	return rc;
}

/* ---- A document's tree as JSON (SLUG.json) ---- */

/* The key of document i's JSON file beyond its source (its counts and
 * tree are the source's): the related items it carries. */
uint64_t
site_json_key(const struct site *s, size_t i)
{
	struct hasher	 h = { 0x6a736f6e };

	relitems_key(s->ri, i, &h);
	return h.h;
}

struct json_rel {
	const struct site	*s;
	struct arena		*a;
	struct value		*arr;
};

/* relitems_each(): one related item as {doc, title, year, place,
 * anchor}. */
static void
json_rel_item(void *arg, size_t t, const char *place, size_t plen,
    const char *anchor, size_t alen)
{
	struct json_rel		*jr = arg;
	const struct site	*s = jr->s;
	struct value		*o = value_obj(jr->a);

	value_set_ref(o, "doc", str(jr->a, s->docs[t].slug));
	value_set_ref(o, "title", str(jr->a, s->ridocs[t].title));
	value_set_ref(o, "year", s->ridocs[t].year > 0 ?
	    value_num(jr->a, s->ridocs[t].year) : value_cstr(jr->a, NULL));
	value_set_ref(o, "place", value_str(jr->a, place, plen));
	value_set_ref(o, "anchor", value_str(jr->a, anchor, alen));
	value_push(jr->arr, o);
}

struct json_arg {
	const struct site	*s;
	size_t			 doc;
};

/* doc_json_hook()'s node: ,"related":[…] when node n has related
 * items (issue 21; README.md, "The document tree"). */
static void
json_node(void *arg, const struct node *n, struct buf *out)
{
	const struct json_arg	*ja = arg;
	struct arena		 a = ARENA_INIT;
	struct json_rel		 jr = { ja->s, &a, NULL };

	if (n->anchor == NULL)
		return;
	jr.arr = value_arr(&a);
	relitems_each(ja->s->ri, ja->doc, n->anchor, json_rel_item, &jr);
	if (jr.arr->len > 0) {
		buf_puts(out, ",\"related\":");
		value_json(jr.arr, out, 0);
	}
	arena_free(&a);
}

/* Hand document i's JSON file (its tree doc, anchored, with its related
 * items) to put(arg, text, len) in pieces, on one line. */
void
site_doc_json(const struct site *s, size_t i, const struct doc *doc,
    void (*put)(void *, const char *, size_t), void *arg)
{
	struct json_arg		 ja = { s, i };
	struct json_hook	 hook = { json_node, &ja };

	doc_json_hook(doc, 0, &hook, put, arg);
}

/* ---- A document's source page ---- */

/* The key of document i's source page (its text is the source file,
 * which sd->hash stands for): its line in lists, its paths, the totals
 * when the template shows them. */
uint64_t
site_src_key(const struct site *s, size_t i)
{
	const struct sdoc	*sd = &s->docs[i];
	struct hasher		 h = { 0x737263 };

	hasher_u64(&h, sd->hash);
	hasher_u64(&h, sd->line);
	hasher_str(&h, sd->src);
	hasher_str(&h, sd->srcpage);
	hasher_str(&h, sd->sum->encoding);
	if (s->src_totals)
		hasher_u64(&h, s->totals);
	return h.h;
}

/* The line s[0..len) as a source page shows it, in a: as it is, but
 * for the characters cleaning removes (text_invisible(): bidi controls,
 * zero-width characters, controls, noncharacters), which would reorder
 * or hide text, shown as [U+202E]. */
static struct value *
src_line(struct arena *a, const char *s, size_t len)
{
	struct buf	 b = BUF_INIT;
	struct value	*v;
	size_t		 i = 0, n, from = 0;
	uint32_t	 cp;

	while (i < len) {
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f) {
			i++;
			continue;
		}
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0)
			n = 1, cp = 0xFFFD;
		if (cp != 0xFFFD && text_invisible(cp)) {
			buf_put(&b, s + from, i - from);
			buf_printf(&b, "[U+%04X]", (unsigned)cp);
			from = i + n;
		}
		i += n;
	}
	if (from == 0)
		return value_str(a, s, len);
	buf_put(&b, s + from, len - from);
	v = value_str(a, b.data, b.len);
	buf_free(&b);
	return v;
}

/* The lines of text[0..len) as [{n text}], each made when the page
 * reaches it (in the arena above a mark, freed when the next one is
 * made: a source page never holds the values of every line): line
 * breaks LF, CRLF or a lone CR, a final one starting no line, so that
 * n is the line number gen check gives (text.c's lines_split()). */
struct src_gen {
	struct value_gen	 g;
	struct arena		*a;
	const char		*text;
	size_t			 len;
	size_t			 at;	/* where the next line starts */
	double			 n;	/* the number of the line made last */
	struct arena_mark	 mark;	/* the arena before it */
};

/* The end of the line of text[0..len) that starts at i. */
static size_t
src_line_end(const char *text, size_t len, size_t i)
{
	while (i < len && text[i] != '\n' && text[i] != '\r')
		i++;
	return i;
}

/* The start of the line after the one that ends at i. */
static size_t
src_line_next(const char *text, size_t len, size_t i)
{
	if (i < len && text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
		i++;
	return i + 1;
}

/* value_gen: the line after the one prev is (the first when prev is
 * NULL); the one before is freed. */
static const struct value *
src_next(struct value_gen *g0, const struct value *prev)
{
	struct src_gen	*g = (struct src_gen *)g0;
	struct value	*o;
	size_t		 end;

	if (prev == NULL) {
		arena_mark(g->a, &g->mark);
		g->at = 0;
		g->n = 0;
	} else
		arena_release(g->a, &g->mark);
	if (g->at >= g->len)
		return NULL;
	end = src_line_end(g->text, g->len, g->at);
	o = value_obj(g->a);
	value_set_ref(o, "n", num(g->a, ++g->n));
	value_set_ref(o, "text", src_line(g->a, g->text + g->at,
	    end - g->at));
	g->at = src_line_next(g->text, g->len, end);
	return o;
}

static struct value *
src_lines(struct arena *a, const char *text, size_t len)
{
	struct value	*arr = value_arr(a);
	struct src_gen	*g = arena_alloc(a, sizeof(*g));
	size_t		 i = 0, n = 0;

	while (i < len) {
		i = src_line_next(text, len, src_line_end(text, len, i));
		n++;
	}
	g->g.next = src_next;
	g->a = a;
	g->text = text;
	g->len = len;
	value_arr_gen(arr, &g->g, n);
	return arr;
}

/* Render the source page of document i (src/SLUG.html): text[0..len),
 * its source decoded to UTF-8 before cleaning, line by line with an
 * anchor each (#L12), and a link to the raw file; to out (through
 * sink unless NULL).  Return 0, or -1 after adding errors to d or a
 * failed flush. */
int
site_src_page(const struct site *s, size_t i, const char *text,
    size_t len, struct buf *out, const struct mustache_sink *sink,
    struct diags *d)
{
	const struct sdoc	*sd = &s->docs[i];
	struct arena		 a = ARENA_INIT;
	struct value		*ctx, *dv, *lines;
	const char		*base = strrchr(sd->src, '/');
	int			 rc;

	ctx = page_ctx(s, &a, "../", arena_printf(&a, "源文本：%s",
	    sd->title), sd->srcpage);
	dv = value_set_ref(ctx, "doc", doc_line(&a, sd, "../"));
	value_set_ref(dv, "src_href", str(&a, url_of(&a, base ? base + 1 :
	    sd->src)));
	lines = value_set_ref(ctx, "lines", src_lines(&a, text, len));
	value_set_ref(ctx, "nlines", num(&a, (double)lines->len));
	rc = render_sink(s, "src", ctx, NULL, sd->srcpage, out, sink, d);
	arena_free(&a);
	return rc;
}

/* ---- Pages across documents ---- */

static struct value *
ctx_home(const struct site *s, struct arena *a)
{
	struct value		*ctx, *years, *y, *docs, *chart;
	struct chart_row	*rows;
	const struct group	*g;
	const char		*series[2];
	size_t			 i, j, nrows = 0, ns = 0, maxdocs = 0;
	int			 sdocs, spoints;

	ctx = page_ctx(s, a, "", s->cfg->title, "");
	years = value_set_ref(ctx, "years", value_arr(a));
	rows = xcalloc(s->ng[G_YEAR] + 1, sizeof(*rows));
	for (i = 0; i < s->ng[G_YEAR]; i++)
		if (s->g[G_YEAR][i].ndocs > maxdocs)
			maxdocs = s->g[G_YEAR][i].ndocs;
	/* A series of documents only when a year has several; sub-points
	 * when there is room and some. */
	sdocs = maxdocs > 1;
	spoints = !sdocs && s->counts.points > 0;
	if (sdocs)
		series[ns++] = "文件";
	series[ns++] = "项";
	if (spoints)
		series[ns++] = "分项";
	for (i = 0; i < s->ng[G_YEAR]; i++) {
		g = &s->g[G_YEAR][i];
		y = value_push(years, value_obj(a));
		value_set_ref(y, "name", str(a, g->name));
		value_set_ref(y, "label", str(a, group_label(a, G_YEAR, g)));
		value_set_ref(y, "href", str(a, g->url));
		value_set_ref(y, "ndocs", num(a, (double)g->ndocs));
		value_set_ref(y, "nitems", num(a, (double)g->counts.items));
		value_set_ref(y, "counts", counts_value(a, &g->counts));
		docs = value_set_ref(y, "docs", value_arr(a));
		for (j = 0; j < g->ndocs; j++)
			value_push(docs, doc_line(a, &s->docs[g->docs[j]], ""));
		if (ascii_isdigit(g->name[0])) {
			rows[nrows].label = g->name;
			rows[nrows].full = arena_printf(a, "%s年：%zu 份文件%s%s",
			    g->name, g->ndocs, g->counts.items ||
			    g->counts.points ? "，" : "",
			    counts_text(a, &(struct counts){ .items =
			    g->counts.items, .points = g->counts.points }));
			j = 0;
			if (sdocs)
				rows[nrows].v[j++] = (double)g->ndocs;
			rows[nrows].v[j++] = (double)g->counts.items;
			if (spoints)
				rows[nrows].v[j++] = (double)g->counts.points;
			nrows++;
		}
	}
	chart = nrows > 0 ? view_chart(a, sdocs ? "各年文件与事项数" :
	    "各年事项数", series, ns, rows, nrows) : value_bool(a, 0);
	value_set_ref(ctx, "chart", chart);
	/* Its first series counts documents: shown as numbers (style.css). */
	value_set_ref(ctx, "chart_docs", value_bool(a, sdocs));
	value_set_ref(ctx, "norgs", num(a, (double)s->ng[G_ORG]));
	value_set_ref(ctx, "nkinds", num(a, (double)s->ng[G_KIND]));
	value_set_ref(ctx, "ntags", num(a, (double)s->ng[G_TAG]));
	free(rows);
	return ctx;
}

/* A page listing the documents of a year, organisation or kind. */
static struct value *
ctx_group(const struct site *s, struct arena *a, enum gkind k,
    const struct group *g)
{
	struct value	*ctx, *o, *docs;
	size_t		 i;

	ctx = page_ctx(s, a, "../", group_label(a, k, g), g->url);
	o = value_set_ref(ctx, "group", value_obj(a));
	value_set_ref(o, "name", str(a, g->name));
	value_set_ref(o, "kind", str(a, gnames[k]));
	value_set_ref(o, "is_year", value_bool(a, k == G_YEAR));
	value_set_ref(o, "ndocs", num(a, (double)g->ndocs));
	value_set_ref(o, "nitems", num(a, (double)g->counts.items));
	value_set_ref(o, "counts", counts_value(a, &g->counts));
	docs = value_set_ref(o, "docs", value_arr(a));
	for (i = 0; i < g->ndocs; i++)
		value_push(docs, doc_line(a, &s->docs[g->docs[i]], "../"));
	return ctx;
}

/* The index of the groups of kind k (not tags). */
static struct value *
ctx_groups(const struct site *s, struct arena *a, enum gkind k)
{
	struct value		*ctx, *arr, *o;
	const struct group	*g;
	size_t			 i;

	ctx = page_ctx(s, a, "../", gnames[k], arena_printf(a,
	    "%s/index.html", gdirs[k]));
	value_set_ref(ctx, "kind", str(a, gnames[k]));
	value_set_ref(ctx, "is_year", value_bool(a, k == G_YEAR));
	arr = value_set_ref(ctx, "groups", value_arr(a));
	for (i = 0; i < s->ng[k]; i++) {
		g = &s->g[k][i];
		o = value_push(arr, value_obj(a));
		value_set_ref(o, "name", str(a, g->name));
		value_set_ref(o, "label", str(a, group_label(a, k, g)));
		value_set_ref(o, "href", str(a, arena_printf(a, "../%s",
		    g->url)));
		value_set_ref(o, "ndocs", num(a, (double)g->ndocs));
		value_set_ref(o, "nitems", num(a, (double)g->counts.items));
		value_set_ref(o, "counts", counts_value(a, &g->counts));
	}
	return ctx;
}

/* One tagged node as a line of a tag page. */
static struct value *
ref_view(struct arena *a, const struct sdoc *sd, const struct sref *r)
{
	struct value	*o = value_obj(a);

	value_set_ref(o, "href", str(a, arena_printf(a, "../%s#%s", sd->url,
	    r->anchor)));
	value_set_ref(o, "anchor", str(a, r->anchor));
	value_set_ref(o, "label", str(a, r->label));
	value_set_ref(o, "text", str(a, r->text));
	value_set_ref(o, "is_section", value_bool(a, r->type == NODE_SECTION));
	value_set_ref(o, "line", num(a, r->line));
	return o;
}

/* What the tag page of g is about: the annotation as written, the
 * organisation and year of its documents (all the same: tag_key()). */
struct tagof {
	const struct group	*g;
	const char		*tag;
	const char		*org;	/* NULL when unknown */
	int			 year;	/* 0 when unknown */
};

static struct tagof
tag_of(const struct site *s, const struct group *g)
{
	struct tagof		 t = { g, g->name, NULL, 0 };
	const struct summary	*sum;

	if (g->nrefs > 0) {
		sum = s->docs[g->refdoc[0]].sum;
		t.tag = g->refs[0]->tag;
		t.org = sum->org && sum->org[0] ? sum->org : NULL;
		t.year = sum->year;
	}
	return t;
}

/* "海淀区 · 2024年", "机构不详 · 年份不详" (in a). */
static const char *
tag_owner(struct arena *a, const struct tagof *t)
{
	return t->year ? arena_printf(a, "%s · %d年", t->org ? t->org :
	    "机构不详", t->year) : arena_printf(a, "%s · 年份不详",
	    t->org ? t->org : "机构不详");
}

/* The page of one annotation of one office and year: every node
 * carrying it with its full place, by document. */
static struct value *
ctx_tag(const struct site *s, struct arena *a, const struct group *g)
{
	struct value		*ctx, *o, *docs, *refs = NULL;
	const struct sdoc	*sd;
	struct tagof		 t = tag_of(s, g);
	size_t			 i, last = (size_t)-1;

	ctx = page_ctx(s, a, "../", arena_printf(a, "%s（%s）", t.tag,
	    tag_owner(a, &t)), g->url);
	o = value_set_ref(ctx, "tag", value_obj(a));
	value_set_ref(o, "name", str(a, t.tag));
	value_set_ref(o, "owner", str(a, tag_owner(a, &t)));
	value_set_ref(o, "org", str(a, t.org));
	value_set_ref(o, "year", num(a, t.year));
	value_set_ref(o, "nrefs", num(a, (double)g->nrefs));
	value_set_ref(o, "ndocs", num(a, (double)g->ndocs));
	docs = value_set_ref(o, "docs", value_arr(a));
	for (i = 0; i < g->nrefs; i++) {
		sd = &s->docs[g->refdoc[i]];
		if (g->refdoc[i] != last) {
			refs = value_set_ref(value_push(docs, doc_line(a, sd,
			    "../")), "refs", value_arr(a));
			last = g->refdoc[i];
		}
		value_push(refs, ref_view(a, sd, g->refs[i]));
	}
	return ctx;
}

/* Order of the tag index: organisation (reader_cmp()), year (newest
 * first), then the annotation in natural order (办实事项目2 <
 * 办实事项目10). */
static int
tagof_cmp(const void *a, const void *b)
{
	const struct tagof	*x = a, *y = b;
	int			 c;

	if ((x->org == NULL) != (y->org == NULL))
		return x->org == NULL ? 1 : -1;
	if (x->org && (c = reader_cmp(x->org, y->org)) != 0)
		return c;
	if ((c = year_cmp(x->year, y->year)) != 0)
		return c;
	return natcmp(x->tag, y->tag);
}

/* The index of annotations, grouped by organisation and year. */
static struct value *
ctx_tags(const struct site *s, struct arena *a)
{
	struct value	*ctx, *groups, *tags = NULL, *o;
	struct tagof	*tv;
	const struct tagof *prev = NULL;
	size_t		 i, n = s->ng[G_TAG];

	tv = xcalloc(n + 1, sizeof(*tv));
	for (i = 0; i < n; i++)
		tv[i] = tag_of(s, &s->g[G_TAG][i]);
	if (n > 1)
		qsort(tv, n, sizeof(*tv), tagof_cmp);
	ctx = page_ctx(s, a, "../", gnames[G_TAG], "tag/index.html");
	groups = value_set_ref(ctx, "groups", value_arr(a));
	for (i = 0; i < n; i++) {
		if (prev == NULL || prev->year != tv[i].year ||
		    (prev->org == NULL) != (tv[i].org == NULL) ||
		    (prev->org && strcmp(prev->org, tv[i].org) != 0)) {
			o = value_push(groups, value_obj(a));
			value_set_ref(o, "name", str(a, tag_owner(a, &tv[i])));
			value_set_ref(o, "org", str(a, tv[i].org));
			value_set_ref(o, "year", num(a, tv[i].year));
			tags = value_set_ref(o, "tags", value_arr(a));
		}
		prev = &tv[i];
		o = value_push(tags, value_obj(a));
		value_set_ref(o, "name", str(a, tv[i].tag));
		value_set_ref(o, "href", str(a, arena_printf(a, "../%s",
		    tv[i].g->url)));
		value_set_ref(o, "nrefs", num(a, (double)tv[i].g->nrefs));
	}
	value_set_ref(ctx, "ntags", num(a, (double)n));
	free(tv);
	return ctx;
}

/* One url of the sitemap: {loc, lastmod} (lastmod only when known). */
static void
sitemap_url(struct arena *a, struct value *urls, const char *loc,
    const char *day)
{
	struct value	*u = value_push(urls, value_obj(a));

	value_set_ref(u, "loc", str(a, loc));
	if (day != NULL)
		value_set_ref(u, "lastmod", str(a, day));
}

/* sitemap.xml: every page but search and 404, as absolute URLs, with
 * a document's date (published, else date) where it has one. */
static struct value *
ctx_sitemap(const struct site *s, struct arena *a)
{
	struct value	*ctx, *urls;
	const char	*base = s->cfg->base_url ? s->cfg->base_url : "/";
	size_t		 i, j;
	int		 k;

	ctx = page_ctx(s, a, "", "sitemap", NULL);
	urls = value_set_ref(ctx, "urls", value_arr(a));
	sitemap_url(a, urls, base, NULL);
	for (i = 0; i < s->ndocs; i++)
		sitemap_url(a, urls, arena_printf(a, "%s%s", base,
		    s->docs[s->order[i]].url), doc_day(&s->docs[s->order[i]]));
	for (k = 0; k < G_MAX; k++) {
		sitemap_url(a, urls, arena_printf(a, "%s%s/index.html",
		    base, gdirs[k]), NULL);
		for (j = 0; j < s->ng[k]; j++)
			sitemap_url(a, urls, arena_printf(a, "%s%s", base,
			    s->g[k][j].url), NULL);
	}
	return ctx;
}

/* feed.xml: an Atom entry per document, newest year first; an entry's
 * date is its published, else its date (front matter), else left out:
 * never invented, never the build's time.  The feed's date is the
 * newest of them. */
static struct value *
ctx_feed(const struct site *s, struct arena *a)
{
	struct value		*ctx, *entries, *e;
	const struct summary	*sum;
	const char		*base = s->cfg->base_url ? s->cfg->base_url :
	    "/";
	const char		*ct, *newest = NULL, *day;
	size_t			 i;

	ctx = page_ctx(s, a, "", s->cfg->title, "feed.xml");
	entries = value_set_ref(ctx, "entries", value_arr(a));
	for (i = 0; i < s->ndocs; i++) {
		sum = s->docs[s->order[i]].sum;
		day = doc_day(&s->docs[s->order[i]]);
		if (day != NULL && (newest == NULL || strcmp(day, newest) > 0))
			newest = day;
		e = value_push(entries, value_obj(a));
		value_set_ref(e, "title", str(a, s->docs[s->order[i]].title));
		value_set_ref(e, "url", str(a, arena_printf(a, "%s%s", base,
		    s->docs[s->order[i]].url)));
		/* false, not missing: the feed's own date is not its. */
		value_set_ref(e, "updated", day != NULL ? str(a,
		    arena_printf(a, "%sT00:00:00Z", day)) :
		    value_bool(a, 0));
		ct = counts_text(a, &sum->counts);
		value_set_ref(e, "summary", str(a, arena_printf(a,
		    "%s%s%s%s%s%s", sum->org ? sum->org : "",
		    sum->org && (sum->kind || ct[0]) ? " · " : "",
		    sum->kind ? sum->kind : "", sum->kind && ct[0] ? " · " :
		    "", ct[0] ? "共" : "", ct)));
		value_set_ref(e, "org", str(a, sum->org));
	}
	if (newest != NULL)
		value_set_ref(ctx, "updated", str(a, arena_printf(a,
		    "%sT00:00:00Z", newest)));
	value_set_ref(ctx, "feed_url", str(a, arena_printf(a, "%sfeed.xml",
	    base)));
	return ctx;
}

/* alias.mustache: a redirect from p->path to its document's page,
 * relative (the site works from any sub-path) and canonical. */
static struct value *
ctx_alias(const struct site *s, struct arena *a, const struct spage *p)
{
	const struct sdoc	*sd = &s->docs[p->i];
	struct value		*ctx;
	struct buf		 up = BUF_INIT;
	const char		*c;

	for (c = p->path; *c != '\0'; c++)
		if (*c == '/')
			buf_puts(&up, "../");
	ctx = page_ctx(s, a, arena_printf(a, "%s", buf_cstr(&up)), sd->title,
	    sd->url);
	value_set_ref(ctx, "target", str(a, arena_printf(a, "%s%s",
	    buf_cstr(&up), sd->url)));
	buf_free(&up);
	return ctx;
}

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

/* The groups of the site: kind, name and slug of each, in a (site_new()
 * takes them back). */
size_t
site_groups(const struct site *s, struct arena *a, struct mgroup **groups)
{
	size_t	 i, n = 0;
	int	 k;

	for (k = 0; k < G_MAX; k++)
		n += s->ng[k];
	*groups = arena_alloc(a, (n + 1) * sizeof(**groups));
	n = 0;
	for (k = 0; k < G_MAX; k++)
		for (i = 0; i < s->ng[k]; i++) {
			(*groups)[n].kind = (unsigned)k;
			(*groups)[n].name = s->g[k][i].name;
			(*groups)[n++].slug = s->g[k][i].slug;
		}
	return n;
}

/* Number of pages other than the documents'. */
size_t
site_npages(const struct site *s)
{
	return s->npages;
}

/* The path of page j under out/. */
const char *
site_page_path(const struct site *s, size_t j)
{
	return s->pages[j].path;
}

static void
key_docs(struct hasher *h, const struct site *s, const size_t *docs,
    size_t n)
{
	size_t	 i;

	hasher_u64(h, n);
	for (i = 0; i < n; i++)
		hasher_u64(h, s->docs[docs[i]].line);
}

/* The key of page j: everything its context is made of. */
uint64_t
site_page_key(const struct site *s, size_t j)
{
	const struct spage	*p = &s->pages[j];
	const struct group	*g;
	const struct sdoc	*sd;
	struct hasher		 h = { 0x70616765 };
	size_t			 i;
	int			 k;

	hasher_u64(&h, p->type);
	hasher_str(&h, p->path);
	if (p->type == P_ALIAS) {
		sd = &s->docs[p->i];
		hasher_str(&h, sd->title);
		hasher_u64(&h, sd->ukey);
		return h.h;
	}
	if (s->shows_totals[p->type])
		hasher_u64(&h, s->totals);
	switch (p->type) {
	case P_HOME:
		hasher_u64(&h, s->ng[G_YEAR]);
		for (i = 0; i < s->ng[G_YEAR]; i++) {
			g = &s->g[G_YEAR][i];
			key_group(&h, g);
			key_counts(&h, &g->counts);
			key_docs(&h, s, g->docs, g->ndocs);
		}
		hasher_u64(&h, s->ng[G_ORG]);
		hasher_u64(&h, s->ng[G_KIND]);
		hasher_u64(&h, s->ng[G_TAG]);
		break;
	case P_GROUPS:
	case P_TAGS:
		hasher_u64(&h, s->ng[p->k]);
		for (i = 0; i < s->ng[p->k]; i++) {
			g = &s->g[p->k][i];
			key_group(&h, g);
			hasher_u64(&h, g->ndocs);
			hasher_u64(&h, g->nitems);
			key_counts(&h, &g->counts);
			hasher_u64(&h, g->nrefs);
		}
		break;
	case P_GROUP:
		g = &s->g[p->k][p->i];
		key_group(&h, g);
		key_counts(&h, &g->counts);
		key_docs(&h, s, g->docs, g->ndocs);
		break;
	case P_TAG:
		g = &s->g[G_TAG][p->i];
		key_group(&h, g);
		hasher_u64(&h, g->ndocs);
		hasher_u64(&h, g->nrefs);
		for (i = 0; i < g->nrefs; i++) {
			hasher_u64(&h, s->docs[g->refdoc[i]].line);
			hasher_u64(&h, g->refs[i]->key);
		}
		break;
	case P_SITEMAP:
		for (i = 0; i < s->ndocs; i++) {
			hasher_u64(&h, s->docs[s->order[i]].ukey);
			hasher_str(&h, doc_day(&s->docs[s->order[i]]));
		}
		for (k = 0; k < G_MAX; k++)
			for (i = 0; i < s->ng[k]; i++)
				hasher_u64(&h, s->g[k][i].key);
		break;
	case P_FEED:
		for (i = 0; i < s->ndocs; i++) {
			sd = &s->docs[s->order[i]];
			hasher_u64(&h, sd->sum->key);
			hasher_str(&h, sd->title);
			hasher_u64(&h, sd->ukey);
		}
		break;
	case P_SEARCH:
	case P_404:
	case P_ROBOTS:
		break;
	}
	return h.h;
}

/* Render page j to out.  Return 0, or -1 after adding errors to d. */
int
site_page_render(const struct site *s, size_t j, struct buf *out,
    struct diags *d)
{
	static const char *const tpl[] = { "index", "groups", "group",
	    "tags", "tag", "search", "404", "robots", "sitemap", "feed" };
	const struct spage	*p = &s->pages[j];
	struct arena		 a = ARENA_INIT;
	struct value		*ctx = NULL;
	int			 rc;

	if (p->type == P_ALIAS) {
		rc = render(s, "alias", ctx_alias(s, &a, p), NULL, p->path,
		    out, d);
		arena_free(&a);
		return rc;
	}
	switch (p->type) {
	case P_HOME:
		ctx = ctx_home(s, &a);
		break;
	case P_GROUPS:
		ctx = ctx_groups(s, &a, p->k);
		break;
	case P_GROUP:
		ctx = ctx_group(s, &a, p->k, &s->g[p->k][p->i]);
		break;
	case P_TAGS:
		ctx = ctx_tags(s, &a);
		break;
	case P_TAG:
		ctx = ctx_tag(s, &a, &s->g[G_TAG][p->i]);
		break;
	case P_SEARCH:
		ctx = page_ctx(s, &a, "", "搜索", p->path);
		break;
	case P_404:
		ctx = page_ctx(s, &a, base_path(s), "页面不存在", p->path);
		break;
	case P_ROBOTS:
		ctx = page_ctx(s, &a, "", "robots", p->path);
		break;
	case P_SITEMAP:
		ctx = ctx_sitemap(s, &a);
		break;
	case P_FEED:
		ctx = ctx_feed(s, &a);
		break;
	}
	rc = render(s, tpl[p->type], ctx, NULL, p->path, out, d);
	arena_free(&a);
	return rc;
}

/* Every template a build renders: compiled first, so that a broken one
 * stops the build before anything is written.  Return 0, or -1 after
 * adding errors to d. */
int
site_compile(struct mustache_set *ms, struct diags *d)
{
	static const char *const page_templates[] = { "index", "doc", "src",
	    "group", "groups", "tag", "tags", "search", "404", "sitemap",
	    "feed", "robots", "track", "compare" };
	size_t	 i;
	int	 rc = 0;

	for (i = 0; i < sizeof(page_templates) / sizeof(page_templates[0]);
	    i++)
		if (mustache_get(ms, page_templates[i], d) == NULL)
			rc = -1;
	return rc;
}

/* ---- Pages across documents (track.c) ---- */

/* page_ctx() for track.c. */
struct value *
site_page_ctx(const struct site *s, struct arena *a, const char *root,
    const char *title, const char *url)
{
	return page_ctx(s, a, root, title, url);
}

/* render() for track.c. */
int
site_render(const struct site *s, const char *name, const struct value *ctx,
    const char *who, const char *rel, struct buf *out, struct diags *d)
{
	return render(s, name, ctx, who, rel, out, d);
}

size_t
site_ntracks(const struct site *s)
{
	return tracks_count(s->tracks);
}

const char *
site_track_path(const struct site *s, size_t j)
{
	return tracks_path(s->tracks, j);
}

size_t
site_track_docs(const struct site *s, size_t j, const size_t **docs)
{
	return tracks_deps(s->tracks, j, docs);
}

/* The key of page j: track.c's, and the totals when its template
 * shows them. */
uint64_t
site_track_key(const struct site *s, size_t j)
{
	struct hasher	 h = { 0 };

	h.h = tracks_key(s->tracks, j);
	if (s->track_totals)
		hasher_u64(&h, s->totals);
	return h.h;
}

int
site_track_render(const struct site *s, size_t j, struct doc *const *trees,
    struct buf *out, struct diags *d)
{
	return tracks_render(s, s->tracks, j, trees, out, d);
}
