/*
 * summary.c — what the pages that list documents need of each: its
 * summary (struct summary), made once when the document is read and
 * kept in the manifest between builds; the slugs of documents (from
 * their file names alone, so known before any is read) and the names
 * of their source copies.
 */
#include <stdlib.h>
#include <string.h>

#include "site/site_int.h"

/* s[0..len) in a, each byte that is not UTF-8 as U+FFFD: a file name
 * may be any bytes, a page is UTF-8. */
char *
summary_utf8(struct arena *a, const char *s, size_t len)
{
	struct buf	 b = BUF_INIT;
	size_t		 i = 0, n;
	uint32_t	 cp;
	char		*p;

	if (utf8_valid(s, len) == len)
		return arena_strndup(a, s, len);
	while (i < len) {
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0) {
			buf_puts(&b, "\xEF\xBF\xBD");
			i++;
		} else {
			buf_put(&b, s + i, n);
			i += n;
		}
	}
	p = arena_strndup(a, buf_cstr(&b), b.len);
	buf_free(&b);
	return p;
}

/* The file name of path without folder and extension, as UTF-8, in a,
 * without the characters cleaning removes from text (text_strip()): it
 * stands for the title when there is none. */
char *
summary_base_name(struct arena *a, const char *path)
{
	const char	*b = strrchr(path, '/'), *dot;
	struct buf	 clean = BUF_INIT;
	char		*s;
	size_t		 len;

	b = b ? b + 1 : path;
	if ((dot = strrchr(b, '.')) == NULL || dot == b)
		dot = b + strlen(b);
	len = text_strip(b, (size_t)(dot - b), &clean);
	s = summary_utf8(a, clean.data != NULL ? clean.data : b, len);
	buf_free(&clean);
	return s;
}

/* Give the documents at paths (sorted) unique slugs in slugs[] (strings
 * in a); home, 404 and search pages keep theirs.  A renamed slug is
 * warned about. */
void
slug_warn(struct diags *d, const char *path, const char *base,
    const char *slug)
{
	diag_add(d, path, 0, 0, SEV_WARNING,
	    "its URL name \"%s\" is taken; the page is %s.html", base, slug);
}

void
summary_slugs(const char *const *paths, size_t n, struct arena *a,
    const char **slugs, const char **bases, struct diags *d)
{
	static const char *const reserved[] = { "index", "404", "search" };
	struct slugset	 set = SLUGSET_INIT;
	const char	*taken;
	char		*slug;
	size_t		 i;
	int		 renamed;

	for (i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		slugset_claim(&set, reserved[i], '-', NULL);
	for (i = 0; i < n; i++) {
		slug = slug_make(summary_base_name(a, paths[i]), "doc");
		taken = slugset_claim(&set, slug, '-', &renamed);
		if (renamed)
			slug_warn(d, paths[i], slug, taken);
		if (bases != NULL)
			bases[i] = renamed ? arena_strdup(a, slug) : NULL;
		slugs[i] = arena_strdup(a, taken);
		free(slug);
	}
	slugset_free(&set);
}

/* The source copy of a document: "src/SLUG.md" for Markdown, else
 * "src/SLUG.txt"; with page, its source page "src/SLUG.html" (in a). */
const char *
summary_src_path(struct arena *a, const char *slug, const char *source,
    int page)
{
	const char	*dot = strrchr(source, '.'), *ext = ".txt";
	size_t		 n = strlen(slug), e;
	char		*p;

	if (page)
		ext = ".html";
	else if (dot && (strcmp(dot, ".md") == 0 ||
	    strcmp(dot, ".markdown") == 0))
		ext = ".md";
	e = strlen(ext);
	p = arena_alloc(a, n + e + 5);
	memcpy(p, "src/", 4);
	memcpy(p + 4, slug, n);
	memcpy(p + 4 + n, ext, e + 1);
	return p;
}

/* ---- Counting: the one place that says what a document holds ---- */

/* Count doc's sections, subsections, 项, sub-points, entries, rows. */
void
doc_counts(const struct doc *doc, struct counts *c)
{
	node_counts(doc->root, c);
}

/* Add d to *inl when p is an inline list, to *insec when it is a section
 * (node_counts()'s path from a node to the root). */
static void
path_add(const struct node *p, int *inl, int *insec, int d)
{
	if (p->type == NODE_LIST && p->style == LIST_INLINE)
		*inl += d;
	if (p->type == NODE_SECTION)
		*insec += d;
}

/* The same of the nodes under top (top not counted). */
void
node_counts(const struct node *top, struct counts *c)
{
	const struct node	*n, *p;
	struct tree_iter	 it;
	enum tree_event		 ev;
	int			 inl = 0, insec = 0;

	memset(c, 0, sizeof(*c));
	/* inl and insec: the inline lists and sections among the current
	 * node's ancestors, kept as the walk goes down and up (not by
	 * walking up from each node: a deep tree stays linear). */
	for (p = top; p != NULL; p = p->parent)
		path_add(p, &inl, &insec, 1);
	tree_iter_init(&it, top);
	while ((ev = tree_iter_next(&it)) != TREE_DONE) {
		if ((n = it.node) == top)
			continue;
		if (ev == TREE_EXIT) {
			path_add(n, &inl, &insec, -1);
			continue;
		}
		if (n->type == NODE_SECTION) {
			if (insec)
				c->subsections++;
			else
				c->sections++;
		} else if (n->type == NODE_ITEM) {
			if (inl)
				c->points++;
			else if (n->num != NULL && n->num[0] != '\0')
				c->items++;
			else if (n->nfields > 0)
				c->rows++;
			else
				c->entries++;
		}
		path_add(n, &inl, &insec, 1);
	}
}

int
doc_is_sample(const struct doc *doc)
{
	size_t	 i;

	for (i = 0; i < doc->nextra; i++)
		if (doc->extra[i].key && strcmp(doc->extra[i].key,
		    "sample") == 0 && doc->extra[i].value &&
		    (strcmp(doc->extra[i].value, "true") == 0 ||
		    strcmp(doc->extra[i].value, "yes") == 0 ||
		    strcmp(doc->extra[i].value, "1") == 0))
			return 1;
	return 0;
}

/* a += b, field by field. */
void
counts_add(struct counts *a, const struct counts *b)
{
#define ADD(f)	a->f += b->f;
	COUNTS_FIELDS(ADD)
#undef ADD
}

/* v in Chinese numerals (0 < v < 10000): 十, 十三, 二十一, 一百零五. */
static void
cn_number(struct buf *b, uint32_t v)
{
	static const char *const d[] = { "零", "一", "二", "三", "四", "五",
	    "六", "七", "八", "九" };
	static const char *const unit[] = { "千", "百", "十", "" };
	static const uint32_t pow[] = { 1000, 100, 10, 1 };
	int		 i, started = 0, zero = 0;
	uint32_t	 q;

	if (v == 0 || v > 9999) {
		buf_printf(b, "%u", (unsigned)v);
		return;
	}
	for (i = 0; i < 4; i++) {
		q = v / pow[i] % 10;
		if (q == 0) {
			zero = started;
			continue;
		}
		if (zero)
			buf_puts(b, d[0]);
		zero = 0;
		/* 十三, not 一十三, when it leads */
		if (!(i == 2 && q == 1 && !started))
			buf_puts(b, d[q]);
		buf_puts(b, unit[i]);
		started = 1;
	}
}

/* The counts in words, zeros left out (see site.h), in a. */
const char *
counts_text(struct arena *a, const struct counts *c)
{
	struct buf	 b = BUF_INIT;
	const char	*s;

#define SEP()	do { if (b.len) buf_puts(&b, "、"); } while (0)
	if (c->sections) {
		cn_number(&b, c->sections);
		buf_puts(&b, "个部分");
	}
	if (c->subsections) {
		SEP();
		cn_number(&b, c->subsections);
		buf_puts(&b, "个小节");
	}
	if (c->items) {
		SEP();
		buf_printf(&b, "%u项", (unsigned)c->items);
	}
	if (c->points) {
		SEP();
		buf_printf(&b, "%u个分项", (unsigned)c->points);
	}
	if (c->entries) {
		SEP();
		buf_printf(&b, "%u条", (unsigned)c->entries);
	}
	if (c->rows) {
		SEP();
		buf_printf(&b, "表格%u行", (unsigned)c->rows);
	}
#undef SEP
	s = arena_strdup(a, b.data ? buf_cstr(&b) : "");
	buf_free(&b);
	return s;
}

/* The counts and their words as a template value, in a. */
struct value *
counts_value(struct arena *a, const struct counts *c)
{
	struct value	*o = value_obj(a);

#define SET(f)	value_set_ref(o, #f, value_num(a, c->f));
	COUNTS_FIELDS(SET)
#undef SET
	value_set_ref(o, "text", value_cstr(a, counts_text(a, c)));
	return o;
}

/* The text is digits and fixed Chinese words: no escaping needed. */
void
counts_json(const struct counts *c, struct buf *out)
{
	struct arena	 a = ARENA_INIT;

	buf_puts(out, "\"counts\":{");
#define PUT(f)	buf_printf(out, "\"" #f "\":%u,", (unsigned)c->f);
	COUNTS_FIELDS(PUT)
#undef PUT
	buf_printf(out, "\"text\":\"%s\"}", counts_text(&a, c));
	arena_free(&a);
}

/* Bytes of the first ncp characters of s[0..len). */
static size_t
prefix_len(const char *s, size_t len, size_t ncp)
{
	size_t		 i = 0, n, k = 0;
	uint32_t	 cp;

	while (i < len && k < ncp) {
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0)
			n = 1;
		i += n;
		k++;
	}
	return i;
}

/* The first ncp characters of s, with "…" when cut (in a when cut). */
const char *
summary_shorten(struct arena *a, const char *s, size_t ncp)
{
	size_t		 len = strlen(s), i = prefix_len(s, len, ncp);

	return i < len ? arena_printf(a, "%.*s…", (int)i, s) : s;
}

/* Set the keys of sum and of its references from their fields. */
static void
summary_keys(struct summary *sum)
{
	struct hasher	 h = { 0x73756d };
	struct sref	*r;
	size_t		 i;

	hasher_str(&h, sum->title);
	hasher_str(&h, sum->date);
	hasher_str(&h, sum->published);
	hasher_str(&h, sum->aliases);
	hasher_u64(&h, (uint64_t)sum->year);
	hasher_str(&h, sum->org);
	hasher_str(&h, sum->org_key);
	hasher_str(&h, sum->kind);
	hasher_str(&h, sum->outcome);
	hasher_str(&h, sum->encoding);
	hasher_str(&h, sum->format);
	hasher_u64(&h, sum->counts.sections);
	hasher_u64(&h, sum->counts.subsections);
	hasher_u64(&h, sum->counts.items);
	hasher_u64(&h, sum->counts.points);
	hasher_u64(&h, sum->counts.entries);
	hasher_u64(&h, sum->counts.rows);
	hasher_u64(&h, sum->sample);
	sum->key = h.h;
	for (i = 0; i < sum->nrefs; i++) {
		r = &sum->refs[i];
		r->tkey = hash64(r->tag, strlen(r->tag), 0);
		h.h = 0x726566;
		hasher_str(&h, r->anchor);
		hasher_str(&h, r->label);
		hasher_str(&h, r->text);
		hasher_u64(&h, r->line);
		hasher_u64(&h, r->type);
		r->key = h.h;
	}
}

/* Strings of a summary: measured (base NULL), then copied one after
 * the other into one block (base), with no room lost to alignment; size
 * is the bytes taken so far, the same in both passes. */
struct pool {
	char	*base;
	size_t	 size;
};

/* s[0..len) plus "…" when more, from the pool (NULL while measuring). */
static const char *
pool_put(struct pool *p, const char *s, size_t len, int more)
{
	size_t	 at = p->size, n = more ? len + strlen("…") : len;

	p->size += n + 1;
	if (p->base == NULL)
		return NULL;
	memcpy(p->base + at, s, len);
	memcpy(p->base + at + len, "…", n - len);
	p->base[at + n] = '\0';
	return p->base + at;
}

static const char *
pool_str(struct pool *p, const char *s)
{
	return s ? pool_put(p, s, strlen(s), 0) : NULL;
}

int
label_bullet(const char *label)
{
	return label != NULL && (strcmp(label, "-") == 0 ||
	    strcmp(label, "*") == 0 || strcmp(label, "+") == 0 ||
	    strcmp(label, "•") == 0 || strcmp(label, "·") == 0);
}

/* Does node n hold a number of the document's numbering: a section or
 * item with a label that is not a bullet? */
static int
numbered(const struct node *n)
{
	return (n->type == NODE_SECTION || n->type == NODE_ITEM) &&
	    n->label != NULL && n->label[0] != '\0' &&
	    !label_bullet(n->label);
}

/* Does label l open with a bracket ("（三）", "(3)", "〔三〕", "【三】")? */
static int
opens_bracket(const char *l)
{
	return l[0] == '(' || strncmp(l, "（", 3) == 0 ||
	    strncmp(l, "〔", 3) == 0 || strncmp(l, "【", 3) == 0;
}

/* The place of n in the numbering, into b: the labels of its sections
 * and items from the outermost down, as the document writes them but
 * a section's "、" where nothing needs it, at the end or before a label
 * that opens with a bracket ("二（二）5.", "二（三）19.一是", "一"), kept
 * before one that would run into it ("一、1.", not "一1."); "" when n
 * has no label.  A bullet has no number of its own: its place is its
 * parent's ("一（一）", not "一（一）-"; a "第3点" the document does not
 * write could not be found in it, and would shift when a bullet is
 * added above).  A table row (an item with fields) says it is one:
 * "第21行" with the number of its row as written, not a bare "21" that
 * reads as an item's number or a count (issue 21). */
void
node_place(struct buf *b, const struct node *n)
{
	const struct node	*chain[64], *p;
	size_t			 k = 0, len;
	const char		*l;

	buf_reset(b);
	if (n->label == NULL || n->label[0] == '\0')
		return;
	for (p = n; p != NULL && k < 64; p = p->parent)
		if (numbered(p))
			chain[k++] = p;
	while (k-- > 0) {
		l = chain[k]->label;
		len = strlen(l);
		if (chain[k]->type == NODE_ITEM && chain[k]->nfields > 0) {
			if (chain[k]->num != NULL && chain[k]->num[0] != '\0')
				l = chain[k]->num;
			buf_printf(b, "第%s行", l);
			continue;
		}
		if (chain[k]->type == NODE_SECTION && len >= 3 &&
		    strcmp(l + len - 3, "、") == 0 &&
		    (k == 0 || opens_bracket(chain[k - 1]->label)))
			len -= 3;
		buf_put(b, l, len);
	}
}

/* One pass of summary_make(): the fields of sum from doc (the number
 * of references only, while measuring). */
static void
summary_fill(struct summary *sum, struct pool *p, const struct doc *doc,
    const struct anchors *an, const struct buf *units, const char *figs)
{
	const struct node	*n;
	struct tree_iter	 it;
	struct sref		*r, scratch;
	struct buf		 place = BUF_INIT;
	const char		*text;
	char			 day[11];
	size_t			 j, nrefs = 0, seq, len, cut;

	sum->source = pool_str(p, doc->source);
	sum->title = pool_str(p, doc->title);
	sum->date = front_date(front_get(doc, "date", "成文日期"), day) == 0 ?
	    pool_str(p, day) : NULL;
	sum->published = front_date(front_get(doc, "published", "发布日期"),
	    day) == 0 ? pool_str(p, day) : NULL;
	sum->aliases = pool_str(p, front_get(doc, "aliases", "别名"));
	sum->org = pool_str(p, doc->org);
	sum->org_key = pool_str(p, doc->org_key);
	sum->kind = pool_str(p, doc->kind);
	for (j = 0; j < doc->ncolumns; j++)
		if (status_column(doc->columns[j])) {
			sum->outcome = pool_str(p, doc->columns[j]);
			break;
		}
	sum->encoding = pool_str(p, doc->encoding ? doc->encoding : "");
	sum->format = pool_str(p, doc->format ? doc->format : "");
	sum->units = units->len > 0 ? pool_put(p, units->data, units->len,
	    0) : NULL;
	sum->unitslen = units->len;
	sum->figs = pool_str(p, figs);
	tree_iter_init(&it, doc->root);
	for (seq = 0; (n = tree_next(&it)) != NULL; seq++) {
		for (j = 0; j < n->ntags; j++) {
			if (n->tags[j] == NULL || n->tags[j][0] == '\0' ||
			    (j > 0 && strcmp(n->tags[j], n->tags[j - 1]) == 0))
				continue;
			text = n->title && n->title[0] ? n->title :
			    n->text ? n->text : "";
			len = strlen(text);
			cut = prefix_len(text, len, 120);
			node_place(&place, n);
			/* While measuring, the fields go to a scratch one. */
			r = p->base != NULL ? &sum->refs[nrefs] : &scratch;
			nrefs++;
			r->tag = pool_str(p, n->tags[j]);
			r->anchor = pool_str(p, anchor_of(an, n));
			r->label = pool_str(p, n->label ? buf_cstr(&place) :
			    NULL);
			r->text = pool_put(p, text, cut, cut < len);
			r->line = (uint32_t)n->line;
			r->seq = (uint32_t)seq;
			r->type = (uint8_t)n->type;
		}
	}
	sum->nrefs = nrefs;
	buf_free(&place);
}

/* Fill sum with what the site needs of doc, whose anchors are an
 * (strings in a, or doc's own when a outlives doc: the caller says). */
void
summary_make(struct summary *sum, struct arena *a, const struct doc *doc,
    const struct anchors *an)
{
	struct pool	 p;
	struct buf	 units = BUF_INIT, figs = BUF_INIT;
	int		 pass;

	memset(sum, 0, sizeof(*sum));
	relitems_encode(doc, an, &units);
	figures_encode(doc, an, &figs);
	sum->year = doc->year;
	doc_counts(doc, &sum->counts);
	sum->sample = (uint32_t)doc_is_sample(doc);
	/* Twice: the sizes, then the copies into one block each. */
	memset(&p, 0, sizeof(p));
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			p.base = arena_alloc(a, p.size + 1);
			p.size = 0;
			sum->refs = arena_alloc(a, (sum->nrefs + 1) *
			    sizeof(*sum->refs));
		}
		summary_fill(sum, &p, doc, an, &units, figs.len ?
		    buf_cstr(&figs) : NULL);
	}
	summary_keys(sum);
	sum->ukey = sum->units ? hash64(sum->units, sum->unitslen, 0) : 0;
	sum->fkey = sum->figs ? hash64(sum->figs, strlen(sum->figs), 0) : 0;
	buf_free(&units);
	buf_free(&figs);
}

/* Are a and b the same string, or both NULL? */
static int
str_equal(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Do a and b say the same (so that a's record can be b's bytes)? */
int
summary_equal(const struct summary *a, const struct summary *b)
{
	const struct sref	*x, *y;
	size_t			 i;

	if (a->key != b->key || a->nrefs != b->nrefs || a->year != b->year ||
	    a->ukey != b->ukey || a->unitslen != b->unitslen ||
	    (a->unitslen > 0 && memcmp(a->units, b->units, a->unitslen)) ||
	    a->fkey != b->fkey || !str_equal(a->figs, b->figs) ||
	    memcmp(&a->counts, &b->counts, sizeof(a->counts)) != 0 ||
	    a->sample != b->sample ||
	    !str_equal(a->title, b->title) || !str_equal(a->org, b->org) ||
	    !str_equal(a->date, b->date) ||
	    !str_equal(a->published, b->published) ||
	    !str_equal(a->aliases, b->aliases) ||
	    !str_equal(a->org_key, b->org_key) ||
	    !str_equal(a->kind, b->kind) ||
	    !str_equal(a->outcome, b->outcome) ||
	    !str_equal(a->encoding, b->encoding) ||
	    !str_equal(a->format, b->format))
		return 0;
	for (i = 0; i < a->nrefs; i++) {
		x = &a->refs[i];
		y = &b->refs[i];
		if (x->key != y->key || x->tkey != y->tkey ||
		    x->line != y->line || x->seq != y->seq ||
		    x->type != y->type || !str_equal(x->tag, y->tag) ||
		    !str_equal(x->anchor, y->anchor) ||
		    !str_equal(x->label, y->label) ||
		    !str_equal(x->text, y->text))
			return 0;
	}
	return 1;
}

/* The office a document is related to others and paired by (related
 * documents, tracking pages, comparisons): its organisation's index key,
 * else its name as written; NULL when it names none. */
const char *
summary_office(const struct summary *sum)
{
	if (sum->org_key != NULL && sum->org_key[0] != '\0')
		return sum->org_key;
	return sum->org != NULL && sum->org[0] != '\0' ? sum->org : NULL;
}
