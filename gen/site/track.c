/*
 * track.c — pages that follow commitments across documents (issue 21):
 *   track/SLUG.html    a plan's tracking page: each item of the plan,
 *                      the report's row or paragraph about it
 *                      (relate_match()), the status read there
 *                      (status_read()) with its sentence, and the share
 *                      of items done per year of the office, in a chart;
 *   compare/SLUG.html  one office's document of one kind against the one
 *                      of the year before: items new, continued (a
 *                      character diff of the wording), dropped.
 * Which documents pair, and why: docs/tracking.md.  The pages depend on
 * several documents' trees: the build hands them over (site.h).
 */
#include <stdlib.h>
#include <string.h>

#include "site/site_int.h"

#define TRACK_DEPS	16	/* documents one page reads at most */
#define TRACK_PER_DOC	8	/* pages one document links to at most */
#define DIFF_CELLS	1000000	/* characters² one diff compares at most */
#define ITEM_TEXT	300	/* characters of an item's text shown */

enum { TRACK_PLAN, TRACK_YEAR };

static const char *const status_class[STATUS_MAX] = {
	"none", "done", "mostly", "ongoing", "late"
};

struct tdoc {
	const struct summary	*sum;
	const char		*slug;
	uint64_t		 hash;
	const char		*org;	/* the office it pairs by, or NULL */
};

struct tpage {
	int		 kind;		/* TRACK_PLAN, TRACK_YEAR */
	const char	*path;		/* under out/, not encoded */
	/* [0] the plan or the older, [1] the report or the newer; a
	 * plan's page then the documents of its office's other plan
	 * pages (its chart). */
	size_t		 deps[TRACK_DEPS];
	size_t		 ndeps;
};

struct tracks {
	struct arena	 a;
	struct tdoc	*docs;
	size_t		 n;
	struct tpage	*v;
	size_t		 nv, cap;
	struct slugset	 paths;
};

/* ---- Which documents pair ---- */

/* Is sum a plan for pairing: a kind that plans (kind_is_plan()), or a
 * list of commitments of another name (民生实事项目, 为民办实事事项)
 * that is no report? */
static int
pair_plan(const struct summary *sum)
{
	return sum->kind != NULL && sum->kind[0] != '\0' &&
	    !kind_is_report(sum->kind);
}

static const struct tracks *sort_t;	/* qsort's context (one thread) */

/* By office, year, then source order. */
static int
byorg_cmp(const void *x, const void *y)
{
	const struct tdoc	*a = &sort_t->docs[*(const size_t *)x];
	const struct tdoc	*b = &sort_t->docs[*(const size_t *)y];
	int			 c;

	if ((c = strcmp(a->org, b->org)) != 0)
		return c;
	if (a->sum->year != b->sum->year)
		return a->sum->year < b->sum->year ? -1 : 1;
	return *(const size_t *)x < *(const size_t *)y ? -1 : 1;
}

/* A new page of kind on documents x and y, at dir/SLUG(y or x).html. */
static struct tpage *
page_new(struct tracks *t, int kind, size_t x, size_t y)
{
	struct tpage	*p;
	const char	*base;

	if (t->nv == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
	}
	p = &t->v[t->nv++];
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->deps[0] = x;
	p->deps[1] = y;
	p->ndeps = 2;
	base = arena_printf(&t->a, "%s/%s", kind == TRACK_PLAN ? "track" :
	    "compare", t->docs[kind == TRACK_PLAN ? x : y].slug);
	p->path = arena_printf(&t->a, "%s.html",
	    slugset_claim(&t->paths, base, '-', NULL));
	return p;
}

/* Documents of one office and year at most that are paired: more
 * (a bulk or generated site) leave the year unpaired, so that the pages
 * never grow with the square of an office's documents. */
#define YEAR_DOCS	16

/* Of the documents at idx[0..n) (one office's, by year), the end of
 * the year of idx[ys]'s: [ys, end) are of its year, [end, *next) of
 * the year after (empty when the next year is later). */
static size_t
year_span(const struct tracks *t, const size_t *idx, size_t n, size_t ys,
    size_t *next)
{
	int	 year = t->docs[idx[ys]].sum->year;
	size_t	 ye, ne;

	for (ye = ys; ye < n && t->docs[idx[ye]].sum->year == year; ye++)
		continue;
	for (ne = ye; ne < n && t->docs[idx[ne]].sum->year == year + 1; ne++)
		continue;
	*next = ne;
	return ye;
}

/* The pages of the documents at idx[0..n), one office's, by year. */
static void
pair_office(struct tracks *t, const size_t *idx, size_t n)
{
	const struct summary	*x, *y;
	size_t			 i, j, first = t->nv, k, d, m, ys, ye, ne;
	size_t			 np, nr, cand, hit = 0;
	struct tpage		*p, *q;

	for (ys = 0; ys < n; ys = ye) {
		ye = year_span(t, idx, n, ys, &ne);
		for (np = nr = 0, i = ys; i < ye; i++) {
			x = t->docs[idx[i]].sum;
			if (x->outcome != NULL)	/* tasks and outcomes */
				page_new(t, TRACK_PLAN, idx[i], idx[i]);
			np += pair_plan(x) && x->outcome == NULL;
			nr += kind_is_report(x->kind) && x->outcome == NULL;
		}
		if (ye - ys > YEAR_DOCS)
			continue;
		for (i = ys; np * nr > 0 && i < ye; i++)
			for (j = ys; j < ye; j++) {
				x = t->docs[idx[i]].sum;
				y = t->docs[idx[j]].sum;
				if (pair_plan(x) && x->outcome == NULL &&
				    kind_is_report(y->kind) &&
				    y->outcome == NULL)
					page_new(t, TRACK_PLAN, idx[i],
					    idx[j]);
			}
	}
	/* A plan's chart reads the office's other plan pages. */
	for (k = first; k < t->nv; k++) {
		p = &t->v[k];
		for (m = first; m < t->nv; m++) {
			q = &t->v[m];
			if (q == p || p->ndeps + 2 > TRACK_DEPS)
				continue;
			for (d = 0; d < 2; d++)
				p->deps[p->ndeps++] = q->deps[d];
		}
	}
	/* Year to year: a document and the one document of its kind of
	 * the year before, when each is the only one of the kind in its
	 * year. */
	for (ys = 0; ys < n; ys = ye) {
		ye = year_span(t, idx, n, ys, &ne);
		if (ye - ys > YEAR_DOCS || ne - ye > YEAR_DOCS)
			continue;
		for (i = ys; i < ye; i++) {
			x = t->docs[idx[i]].sum;
			if (x->kind == NULL || x->kind[0] == '\0')
				continue;
			for (cand = 0, j = ys; j < ne; j++) {
				y = t->docs[idx[j]].sum;
				if (j != i && y->kind != NULL &&
				    strcmp(x->kind, y->kind) == 0) {
					cand += j < ye ? 2 : 1;
					hit = j;
				}
			}
			if (cand == 1)
				page_new(t, TRACK_YEAR, idx[i], idx[hit]);
		}
	}
}

/* The pages of the documents docs[0..n) (every document of the site). */
struct tracks *
tracks_new(const struct site_doc *docs, size_t n)
{
	struct tracks	*t = xcalloc(1, sizeof(*t));
	size_t		*idx, i, m = 0, start;

	t->docs = xcalloc(n + 1, sizeof(*t->docs));
	t->n = n;
	idx = xcalloc(n + 1, sizeof(*idx));
	for (i = 0; i < n; i++) {
		t->docs[i].sum = docs[i].sum;
		t->docs[i].slug = arena_strdup(&t->a, docs[i].slug);
		t->docs[i].hash = docs[i].hash;
		t->docs[i].org = summary_office(docs[i].sum);
		if (t->docs[i].org != NULL && docs[i].sum->year != 0)
			idx[m++] = i;
		else if (docs[i].sum->outcome != NULL)
			page_new(t, TRACK_PLAN, i, i);
	}
	sort_t = t;
	if (m > 1)
		qsort(idx, m, sizeof(*idx), byorg_cmp);
	sort_t = NULL;
	for (start = 0, i = 1; i <= m; i++)
		if (i == m || strcmp(t->docs[idx[i]].org,
		    t->docs[idx[start]].org) != 0) {
			pair_office(t, idx + start, i - start);
			start = i;
		}
	free(idx);
	return t;
}

void
tracks_free(struct tracks *t)
{
	if (t == NULL)
		return;
	free(t->docs);
	free(t->v);
	slugset_free(&t->paths);
	arena_free(&t->a);
	free(t);
}

size_t
tracks_count(const struct tracks *t)
{
	return t->nv;
}

const char *
tracks_path(const struct tracks *t, size_t j)
{
	return t->v[j].path;
}

size_t
tracks_deps(const struct tracks *t, size_t j, const size_t **deps)
{
	*deps = t->v[j].deps;
	return t->v[j].ndeps;
}

/* The title a page shows for document i. */
static const char *
doc_title(struct arena *a, const struct tdoc *td)
{
	return td->sum->title && td->sum->title[0] ? td->sum->title :
	    summary_base_name(a, td->sum->source);
}

/* Hash what a page shows of document td into h. */
static void
key_doc(struct hasher *h, const struct tdoc *td)
{
	hasher_u64(h, td->hash);
	hasher_str(h, td->slug);
	hasher_str(h, td->sum->title);
	hasher_str(h, td->sum->source);
	hasher_u64(h, (uint64_t)td->sum->year);
	hasher_str(h, td->sum->org);
	hasher_str(h, td->sum->kind);
}

/* The key of page j: its path and every document it reads. */
uint64_t
tracks_key(const struct tracks *t, size_t j)
{
	const struct tpage	*p = &t->v[j];
	struct hasher		 h = { 0x747261636b };
	size_t			 d;

	hasher_u64(&h, (uint64_t)p->kind);
	hasher_str(&h, p->path);
	for (d = 0; d < p->ndeps; d++)
		key_doc(&h, &t->docs[p->deps[d]]);
	return h.h;
}

/* The pages document i links to: the tracking pages of its plan or
 * report, the comparisons with the year before or after. */
static size_t
doc_pages(const struct tracks *t, size_t i, size_t out[TRACK_PER_DOC])
{
	size_t	 j, n = 0;

	for (j = 0; j < t->nv && n < TRACK_PER_DOC; j++)
		if (t->v[j].deps[0] == i || t->v[j].deps[1] == i)
			out[n++] = j;
	return n;
}

/* Hash the links of document i's page into h. */
void
tracks_doc_key(const struct tracks *t, size_t i, struct hasher *h)
{
	size_t	 v[TRACK_PER_DOC], n, k;

	n = doc_pages(t, i, v);
	hasher_u64(h, n);
	for (k = 0; k < n; k++) {
		hasher_str(h, t->v[v[k]].path);
		key_doc(h, &t->docs[t->v[v[k]].deps[0]]);
		key_doc(h, &t->docs[t->v[v[k]].deps[1]]);
	}
}

/* The href of out/path from a page at root ("" or "../"), in a. */
static const char *
href_of(struct arena *a, const char *root, const char *path,
    const char *anchor)
{
	struct buf	 b = BUF_INIT;
	const char	*s;

	buf_puts(&b, root);
	url_encode(&b, path);
	if (anchor != NULL && anchor[0] != '\0') {
		buf_putc(&b, '#');
		url_encode(&b, anchor);
	}
	s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* Document i's links as [{href label kind}] (kind "track" or
 * "compare"), for its page at root. */
struct value *
tracks_doc_view(const struct tracks *t, struct arena *a, size_t i,
    const char *root)
{
	struct value		*arr = value_arr(a), *o;
	const struct tpage	*p;
	const struct summary	*x, *y;
	size_t			 v[TRACK_PER_DOC], n, k;

	n = doc_pages(t, i, v);
	for (k = 0; k < n; k++) {
		p = &t->v[v[k]];
		x = t->docs[p->deps[0]].sum;
		y = t->docs[p->deps[1]].sum;
		o = value_push(arr, value_obj(a));
		value_set_ref(o, "href", value_cstr(a, href_of(a, root,
		    p->path, NULL)));
		value_set_ref(o, "kind", value_cstr(a, p->kind == TRACK_PLAN ?
		    "track" : "compare"));
		value_set_ref(o, "label", value_cstr(a, p->deps[0] ==
		    p->deps[1] ? arena_printf(a, "执行跟踪（按“%s”栏）",
		    x->outcome) : p->kind == TRACK_PLAN ?
		    arena_printf(a, "%d年计划执行跟踪（%s对照%s）", x->year,
		    x->kind, y->kind) : arena_printf(a, "逐年对比：%d年与%d年",
		    x->year, y->year)));
	}
	return arr;
}

/* ---- Reading the trees ---- */

#define PART_HAN	4	/* Han characters of a part of a paragraph, least */
#define PARTS_MAX	64	/* parts of one paragraph, most */

/* How a document's paragraphs are cut into parts (parts_of()). */
enum { CUT_NONE, CUT_REPORT, CUT_PLAN };

/* One unit of a page: a unit of the relate layer (an item, a table
 * row, a paragraph) or a part of a paragraph (parts_of()); its node,
 * its text as compared and read, its signature, and whether it is one
 * of a list of commitments (an item, or a part). */
struct tunit {
	const struct node	*node;
	const char		*text;
	struct relate_sig	 sig;
	int			 listed;
};

/* The units of a document as a page lists them: its items when it has
 * any (numbered items, table rows), else its paragraphs or their
 * parts. */
struct units {
	struct tunit	*u;
	size_t		 n;
	int		 items;	/* only items are listed */
};

/* The text of unit n as compared, in a. */
static const char *
unit_text(struct arena *a, const struct node *n)
{
	struct buf	 b = BUF_INIT;
	const char	*s;

	relate_unit_text(n, &b);
	s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* The number of Han characters of s[from..to). */
static size_t
han_in(const char *s, size_t from, size_t to)
{
	size_t		 n = 0, k;
	uint32_t	 cp;

	for (; from < to; from += k) {
		if ((k = utf8_decode(s + from, to - from, &cp)) == 0)
			k = 1;
		else if (cp_is_han(cp))
			n++;
	}
	return n;
}

/* The code point that ends at s[i] (0 when i is 0); its start into
 * *start. */
static uint32_t
cp_before(const char *s, size_t i, size_t *start)
{
	uint32_t	 cp = 0;
	size_t		 j = i;

	while (j > 0 && ((unsigned char)s[--j] & 0xC0) == 0x80)
		continue;
	if (i > 0 && utf8_decode(s + j, i - j, &cp) == 0)
		cp = (unsigned char)s[j];
	*start = j;
	return cp;
}

/* Is cp a mark a sentence ends with (。；！？ ; ! ? a line break)? */
static int
sentence_end(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF1B || cp == 0xFF01 || cp == 0xFF1F ||
	    cp == ';' || cp == '!' || cp == '?' || cp == '\n';
}

/* The first list of text[from..to) of three names or more between 、,
 * each of PART_HAN Han characters or more, inside one clause (between
 * ，：。！？): the names' starts into seg, the list's start and end
 * into *ls, *le; the number of names, or 0. */
static size_t
list_in(const char *text, size_t from, size_t to, size_t seg[PARTS_MAX],
    size_t *ls, size_t *le)
{
	size_t		 i, k, ns = 0, j;
	uint32_t	 cp = 0;

	for (i = from; i <= to; i += k) {
		k = 1;
		if (i < to && (k = utf8_decode(text + i, to - i, &cp)) == 0)
			k = 1, cp = 0;
		if (ns == 0) {
			seg[ns++] = i;
			*ls = i;
		}
		if (i < to && cp == 0x3001 && ns < PARTS_MAX) {
			seg[ns++] = i + k;
			continue;
		}
		if (i < to && cp != 0xFF0C && cp != ',' && cp != 0xFF1A &&
		    cp != ':' && cp != 0x3002 && cp != 0xFF01 &&
		    cp != 0xFF1F)
			continue;
		/* The clause [*ls, i) ends: a list? */
		*le = i;
		for (j = 0; ns >= 3 && j < ns; j++)
			if (han_in(text, seg[j], j + 1 < ns ? seg[j + 1] - 3 :
			    i) < PART_HAN)
				break;
		if (ns >= 3 && j == ns)
			return ns;
		ns = 0;
		if (i < to) {
			seg[ns++] = i + k;
			*ls = i + k;
		}
	}
	return 0;
}

/*
 * Cut text[0..len) (a paragraph) into the parts that may each be about
 * another commitment, as [from, to) pairs into part; their number (1
 * when it is not cut).  A paragraph is cut before each enumeration
 * marker (一是…二是…, （1）, ①) and after each ；; a plan's (a news page
 * that lists its commitments in running text) also at a list of three
 * or more names, each of PART_HAN Han characters or more, between 、
 * (分别为：A、B、C; 负责A、B、C等四个项目), into its names, what is
 * before a ：of it apart.  (A report's list between 、 is of what one
 * act did: it stays whole.)
 * A part of fewer than PART_HAN Han characters joins the one before it
 * (the first, the one after it).
 */
static size_t
parts_of(const char *text, size_t len, int cut, size_t part[PARTS_MAX][2])
{
	size_t		 cuts[PARTS_MAX + 1], seg[PARTS_MAX + 1];
	size_t		 n = 0, i, k, m, c, ns, from, to, ls, le, j;
	uint32_t	 cp;

	/* The cuts: where each part starts. */
	cuts[n++] = 0;
	for (i = 0; i < len && n < PARTS_MAX; i += k) {
		if (i > 0 && (m = status_marker(text, len, i)) > 0 &&
		    cuts[n - 1] != i)
			cuts[n++] = i;
		if ((k = utf8_decode(text + i, len - i, &cp)) == 0)
			k = 1;
		if ((cp == 0xFF1B || cp == ';') && i + k < len &&
		    n < PARTS_MAX)
			cuts[n++] = i + k;
	}
	for (c = 0, m = 0; c < n; c++) {
		from = cuts[c];
		to = c + 1 < n ? cuts[c + 1] : len;
		/* A list between 、 in a plan: [ls, le) of part. */
		ns = cut == CUT_PLAN ? list_in(text, from, to, seg, &ls, &le) :
		    0;
		if (ns == 0) {
			ns = 1;
			ls = seg[0] = from;
			le = to;
		}
		if (ls > from && m < PARTS_MAX) {
			part[m][0] = from;
			part[m++][1] = ls;
		}
		for (j = 0; j < ns && m < PARTS_MAX; j++) {
			part[m][0] = seg[j];
			/* A name ends before its 、. */
			part[m++][1] = j + 1 < ns ? seg[j + 1] - 3 : le;
		}
		if (le < to && m < PARTS_MAX) {
			part[m][0] = le;
			part[m++][1] = to;
		}
	}
	/* Short parts join a neighbour. */
	for (c = 0; c < m && m > 1; ) {
		if (han_in(text, part[c][0], part[c][1]) >= PART_HAN) {
			c++;
			continue;
		}
		if (c > 0)
			part[c - 1][1] = part[c][1];
		else
			part[1][0] = part[0][0];
		memmove(part + c, part + c + 1, (m - c - 1) * sizeof(*part));
		m--;
	}
	return m;
}

/* Does s[0..len) end with a colon (：, :)? */
static int
ends_colon(const char *s, size_t len)
{
	return (len >= 1 && s[len - 1] == ':') ||
	    (len >= 3 && memcmp(s + len - 3, "：", 3) == 0);
}

/* The units of doc into us, its paragraphs cut by cut (CUT_NONE,
 * CUT_REPORT, CUT_PLAN; a plan's only when it has no items), in a. */
static void
units_of(struct arena *a, const struct doc *doc, int cut, struct units *us)
{
	struct relate_unit	*ru;
	size_t			 n, k, j, np, cap, part[PARTS_MAX][2];
	const char		*t;

	n = relate_doc_units(a, doc, &ru);
	us->items = 0;
	for (k = 0; k < n; k++)
		if (ru[k].node->type == NODE_ITEM)
			us->items = 1;
	if (cut == CUT_PLAN && us->items)
		cut = CUT_NONE;
	cap = n + 1;
	us->u = xcalloc(cap, sizeof(*us->u));
	us->n = 0;
	for (k = 0; k < n; k++) {
		t = unit_text(a, ru[k].node);
		np = cut == CUT_NONE || ru[k].node->type == NODE_ITEM ? 1 :
		    parts_of(t, strlen(t), cut, part);
		if (us->n + np >= cap) {
			cap = 2 * (us->n + np) + 1;
			us->u = xreallocarray(us->u, cap, sizeof(*us->u));
		}
		if (np < 2) {
			us->u[us->n].node = ru[k].node;
			us->u[us->n].text = t;
			us->u[us->n].listed = ru[k].node->type == NODE_ITEM;
			us->u[us->n++].sig = ru[k].sig;
			continue;
		}
		for (j = 0; j < np; j++) {
			us->u[us->n].node = ru[k].node;
			/* The words before a list (分别为：) are none of
			 * its commitments. */
			us->u[us->n].listed = !ends_colon(t + part[j][0],
			    part[j][1] - part[j][0]);
			us->u[us->n].text = arena_strndup(a, t + part[j][0],
			    part[j][1] - part[j][0]);
			relate_sig_make(a, us->u[us->n].text,
			    part[j][1] - part[j][0], &us->u[us->n].sig);
			us->n++;
		}
	}
}

static int
listed(const struct units *us, size_t k)
{
	return !us->items || us->u[k].node->type == NODE_ITEM;
}

/* relate_match()'s answers: the best unit of the other document for
 * each unit, or -1. */
struct best {
	long	*unit;
	float	*score;
};

static void
best_put(void *arg, uint32_t unit, const struct relate_hit *hit)
{
	struct best	*b = arg;

	b->unit[unit] = hit ? (long)hit->unit : -1;
	b->score[unit] = hit ? hit->score : 0;
}

/* For each unit of x the best unit of y (relate_match()) into b. */
static void
match_units(const struct units *x, const struct units *y, struct best *b)
{
	struct relate_index	*idx = relate_new();
	struct relate_span	 sx = { 0, 0, 0 }, sy = { 1, 0, 0 };
	size_t			 k;

	b->unit = xcalloc(x->n + 1, sizeof(*b->unit));
	b->score = xcalloc(x->n + 1, sizeof(*b->score));
	for (k = 0; k < x->n; k++) {
		b->unit[k] = -1;
		relate_add(idx, 0, (uint32_t)k, &x->u[k].sig);
	}
	for (k = 0; k < y->n; k++)
		relate_add(idx, 1, (uint32_t)k, &y->u[k].sig);
	relate_freeze(idx);
	sx.end = (uint32_t)x->n;
	sy.end = (uint32_t)y->n;
	relate_match(idx, sx, sy, best_put, b);
	relate_free(idx);
}

static void
best_free(struct best *b)
{
	free(b->unit);
	free(b->score);
}

/* The place of n in its document's numbering (二（三）12.), in a. */
static const char *
place_of(struct arena *a, const struct node *n)
{
	struct buf	 b = BUF_INIT;
	const char	*s;

	node_place(&b, n);
	s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* One plan item and what its report says. */
struct trow {
	const struct node	*plan;
	const char		*ptext;	/* the item's text (or part's) */
	const struct node	*rep;	/* NULL: no match */
	const char		*rtext;	/* the report's text read */
	int			 status;
	const char		*evidence;
};

/* Read row r's status and evidence from the report's text rt (r->rtext
 * becomes it) about the plan's text r->ptext, in a. */
static void
row_read(struct arena *a, struct trow *r, const char *rt)
{
	size_t	 off, len;

	r->rtext = rt;
	r->status = status_read(r->ptext, strlen(r->ptext), rt, strlen(rt),
	    &off, &len);
	r->evidence = arena_strndup(a, rt + off, len);
}

/* Words of a report's sentence about all of its plan's items (这些项目
 * 均已如期完成): what it says is said of every item it does not speak
 * of apart.  Simplified; the text is folded before. */
static const char *const all_items[] = {
	"这些项目", "上述项目", "以上项目", "所有项目", "全部项目", "各项目",
	"各项任务", "各项工作任务", "这些实事", "各项实事", NULL
};

/* The sentence of the units of us that speaks of all the plan's items
 * (all_items[]), in a, and its unit in *unit; NULL when none does. */
static const char *
all_items_sentence(struct arena *a, const struct units *us, size_t *unit)
{
	char		*f;
	const char	*p;
	size_t		 k, w, len, from, to, j;
	uint32_t	 cp;

	for (k = 0; k < us->n; k++) {
		len = strlen(us->u[k].text);
		f = arena_strndup(a, us->u[k].text, len);
		fold_text(f, len);
		for (w = 0; all_items[w] != NULL; w++)
			if ((p = strstr(f, all_items[w])) != NULL)
				break;
		if (all_items[w] == NULL)
			continue;
		/* Its sentence: from the end of the one before it to its
		 * own end, mark included. */
		for (from = (size_t)(p - f); from > 0 &&
		    !sentence_end(cp_before(f, from, &j)); from = j)
			continue;
		for (to = (size_t)(p - f); to < len; ) {
			if ((j = utf8_decode(f + to, len - to, &cp)) == 0)
				j = 1, cp = 0;
			to += j;
			if (sentence_end(cp))
				break;
		}
		*unit = k;
		return arena_strndup(a, us->u[k].text + from, to - from);
	}
	return NULL;
}

/* The rows of plan against rep, counts by status into cnt; *nrows
 * items.  A plan's item (or part of a paragraph) no report unit
 * matches reads the report's sentence about all items, when it has
 * one (an unmatched paragraph of a news page stays 未提及).  Rows in a. */
static struct trow *
track_rows(struct arena *a, const struct doc *plan, const struct doc *rep,
    int cnt[STATUS_MAX], size_t *nrows)
{
	struct units	 pu, ru;
	struct best	 b;
	struct trow	*rows, *r;
	const char	*all;
	size_t		 k, n = 0, allu = 0;

	memset(cnt, 0, STATUS_MAX * sizeof(*cnt));
	units_of(a, plan, CUT_PLAN, &pu);
	units_of(a, rep, CUT_REPORT, &ru);
	match_units(&pu, &ru, &b);
	all = all_items_sentence(a, &ru, &allu);
	rows = arena_alloc(a, (pu.n + 1) * sizeof(*rows));
	for (k = 0; k < pu.n; k++) {
		if (!listed(&pu, k))
			continue;
		r = &rows[n++];
		r->plan = pu.u[k].node;
		r->ptext = pu.u[k].text;
		r->rep = NULL;
		r->rtext = NULL;
		r->status = STATUS_NONE;
		r->evidence = "";
		if (b.unit[k] >= 0) {
			r->rep = ru.u[b.unit[k]].node;
			row_read(a, r, ru.u[b.unit[k]].text);
		} else if (all != NULL && pu.u[k].listed) {
			r->rep = ru.u[allu].node;
			row_read(a, r, all);
		}
		cnt[r->status]++;
	}
	best_free(&b);
	free(pu.u);
	free(ru.u);
	*nrows = n;
	return rows;
}

/* The text of table row n of doc: its cells but the column outcome
 * and the category column, "\n" between, in a; its title when it has
 * no other cell. */
static const char *
row_task(struct arena *a, const struct doc *doc, const struct node *n,
    const char *outcome)
{
	struct buf	 b = BUF_INIT;
	const char	*s;
	size_t		 k;

	for (k = 0; k < n->nfields; k++) {
		if (n->fields[k].text == NULL || n->fields[k].text[0] == '\0' ||
		    (n->fields[k].name != NULL &&
		    (strcmp(n->fields[k].name, outcome) == 0 ||
		    (doc->category_column != NULL &&
		    strcmp(n->fields[k].name, doc->category_column) == 0))))
			continue;
		if (b.len > 0)
			buf_putc(&b, '\n');
		buf_puts(&b, n->fields[k].text);
	}
	if (b.len == 0)
		buf_puts(&b, n->title ? n->title : n->text ? n->text : "");
	s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* The cell of column outcome of row n, or NULL. */
static const char *
row_outcome(const struct node *n, const char *outcome)
{
	size_t	 k;

	for (k = 0; k < n->nfields; k++)
		if (n->fields[k].name != NULL &&
		    strcmp(n->fields[k].name, outcome) == 0)
			return n->fields[k].text;
	return NULL;
}

/* The rows of a table whose column outcome reports on each row's task
 * (a plan and its report in one): the status of each row is read from
 * its own cell of that column. */
static struct trow *
table_rows(struct arena *a, const struct doc *doc, const char *outcome,
    int cnt[STATUS_MAX], size_t *nrows)
{
	struct units	 us;
	struct trow	*rows, *r;
	const char	*rt;
	size_t		 k, n = 0;

	memset(cnt, 0, STATUS_MAX * sizeof(*cnt));
	units_of(a, doc, CUT_NONE, &us);
	rows = arena_alloc(a, (us.n + 1) * sizeof(*rows));
	for (k = 0; k < us.n; k++) {
		if (us.u[k].node->type != NODE_ITEM ||
		    us.u[k].node->nfields == 0)
			continue;
		r = &rows[n++];
		r->plan = us.u[k].node;
		r->ptext = row_task(a, doc, us.u[k].node, outcome);
		r->rep = NULL;
		r->rtext = NULL;
		r->status = STATUS_NONE;
		r->evidence = "";
		if ((rt = row_outcome(us.u[k].node, outcome)) != NULL &&
		    rt[0] != '\0') {
			r->rep = us.u[k].node;
			row_read(a, r, rt);
		}
		cnt[r->status]++;
	}
	free(us.u);
	*nrows = n;
	return rows;
}

/* The rows of page q from its trees x (plan) and y (report). */
static struct trow *
page_rows(const struct tracks *t, struct arena *a, const struct tpage *q,
    const struct doc *x, const struct doc *y, int cnt[STATUS_MAX],
    size_t *nrows)
{
	if (q->deps[0] == q->deps[1])
		return table_rows(a, x, t->docs[q->deps[0]].sum->outcome, cnt,
		    nrows);
	return track_rows(a, x, y, cnt, nrows);
}

/* ---- Values ---- */

/* Document td as {title href year org kind}, from a page at "../". */
static struct value *
doc_value(struct arena *a, const struct tdoc *td)
{
	struct value	*o = value_obj(a);

	value_set_ref(o, "title", value_cstr(a, doc_title(a, td)));
	value_set_ref(o, "href", value_cstr(a, href_of(a, "../",
	    arena_printf(a, "%s.html", td->slug), NULL)));
	value_set_ref(o, "year", value_num(a, td->sum->year));
	value_set_ref(o, "org", value_cstr(a, td->sum->org ? td->sum->org :
	    ""));
	value_set_ref(o, "kind", value_cstr(a, td->sum->kind ? td->sum->kind :
	    ""));
	return o;
}

/* Unit n of document td as {label text href}: its place, its text (or
 * text when not NULL) cut to ITEM_TEXT characters, its link from a
 * page at "../". */
static struct value *
unit_value(struct arena *a, const struct tdoc *td, const struct node *n,
    const char *text)
{
	struct value	*o = value_obj(a);

	value_set_ref(o, "label", value_cstr(a, place_of(a, n)));
	value_set_ref(o, "text", value_cstr(a, summary_shorten(a,
	    text != NULL ? text : unit_text(a, n), ITEM_TEXT)));
	value_set_ref(o, "href", value_cstr(a, href_of(a, "../",
	    arena_printf(a, "%s.html", td->slug), n->anchor)));
	return o;
}

/* Row n's cell of its table's outcome column as {label text href}:
 * the column's name, its text cut, the row's link. */
static struct value *
outcome_value(struct arena *a, const struct tdoc *td, const struct node *n)
{
	struct value	*o = value_obj(a);

	value_set_ref(o, "label", value_cstr(a, td->sum->outcome));
	value_set_ref(o, "text", value_cstr(a, summary_shorten(a,
	    row_outcome(n, td->sum->outcome), ITEM_TEXT)));
	value_set_ref(o, "href", value_cstr(a, href_of(a, "../",
	    arena_printf(a, "%s.html", td->slug), n->anchor)));
	return o;
}

/* The tree of document i among the page's trees, or NULL. */
static struct doc *
tree_of(const struct tpage *p, struct doc *const *trees, size_t i)
{
	size_t	 d;

	for (d = 0; d < p->ndeps; d++)
		if (p->deps[d] == i)
			return trees[d];
	return NULL;
}

/* The chart of the share of items done per year of the office of page
 * p (its plan pages whose trees are among trees), or false. */
static struct value *
office_chart(const struct tracks *t, struct arena *a, const struct tpage *p,
    struct doc *const *trees)
{
	struct chart_row	*rows;
	const struct tpage	*q;
	const struct doc	*x, *y;
	static const char *const series[] = { "已完成（%）" };
	int			 cnt[STATUS_MAX], year;
	size_t			 j, n = 0, nr, i, k;

	rows = arena_alloc(a, (t->nv + 1) * sizeof(*rows));
	for (j = 0; j < t->nv; j++) {
		q = &t->v[j];
		if (q->kind != TRACK_PLAN ||
		    (x = tree_of(p, trees, q->deps[0])) == NULL ||
		    (y = tree_of(p, trees, q->deps[1])) == NULL)
			continue;
		/* Only pages of this office (its documents are p's). */
		if (strcmp(t->docs[q->deps[0]].org,
		    t->docs[p->deps[0]].org) != 0)
			continue;
		page_rows(t, a, q, x, y, cnt, &nr);
		year = t->docs[q->deps[0]].sum->year;
		rows[n].label = arena_printf(a, "%d年", year);
		rows[n].full = arena_printf(a, "%d年%s：%d/%zu项已完成", year,
		    t->docs[q->deps[0]].sum->kind, cnt[STATUS_DONE], nr);
		rows[n].v[0] = nr ? (double)(100 * cnt[STATUS_DONE] / nr) : 0;
		rows[n].v[1] = 0;
		/* Every share printed, 0% too: unlike a count of nothing
		 * (the generic chart prints none), a plan tracked with
		 * nothing done is a finding a reader must see. */
		rows[n].text[0] = arena_printf(a, "%d%%", (int)rows[n].v[0]);
		n++;
	}
	/* By year (a page's own office, so a handful: insertion). */
	for (i = 1; i < n; i++)
		for (k = i; k > 0 && strcmp(rows[k - 1].label,
		    rows[k].label) > 0; k--) {
			struct chart_row tmp = rows[k];

			rows[k] = rows[k - 1];
			rows[k - 1] = tmp;
		}
	if (n == 0)
		return value_bool(a, 0);
	return view_share_chart(a, "各年度计划事项完成比例", series, 1, rows,
	    n);
}

/* The tracking page's values of p under ctx. */
static void
track_values(const struct tracks *t, struct arena *a, const struct tpage *p,
    struct doc *const *trees, struct value *ctx)
{
	const struct tdoc	*pd = &t->docs[p->deps[0]];
	const struct tdoc	*rd = &t->docs[p->deps[1]];
	struct value		*tr, *arr, *o;
	struct trow		*rows;
	int			 cnt[STATUS_MAX], s;
	int			 self = p->deps[0] == p->deps[1];
	size_t			 n, k;

	rows = page_rows(t, a, p, trees[0], trees[1], cnt, &n);
	tr = value_set_ref(ctx, "track", value_obj(a));
	value_set_ref(tr, "plan", doc_value(a, pd));
	value_set_ref(tr, "report", doc_value(a, rd));
	value_set_ref(tr, "nitems", value_num(a, (double)n));
	value_set_ref(tr, "ndone", value_num(a, cnt[STATUS_DONE]));
	value_set_ref(tr, "share", value_num(a, n ? (double)(100 *
	    cnt[STATUS_DONE] / n) : 0));
	arr = value_set_ref(tr, "counts", value_arr(a));
	for (s = STATUS_DONE; s <= STATUS_MAX; s++) {
		o = value_push(arr, value_obj(a));
		value_set_ref(o, "status", value_cstr(a, status_name(s %
		    STATUS_MAX)));
		value_set_ref(o, "class", value_cstr(a,
		    status_class[s % STATUS_MAX]));
		value_set_ref(o, "n", value_num(a, cnt[s % STATUS_MAX]));
	}
	arr = value_set_ref(tr, "items", value_arr(a));
	for (k = 0; k < n; k++) {
		/* A table's row shows its task, its outcome cell apart. */
		o = value_push(arr, unit_value(a, pd, rows[k].plan,
		    rows[k].ptext));
		if (self)
			value_set_ref(o, "report", rows[k].rep ?
			    outcome_value(a, pd, rows[k].rep) :
			    value_bool(a, 0));
		value_set_ref(o, "status", value_cstr(a,
		    status_name(rows[k].status)));
		value_set_ref(o, "class", value_cstr(a,
		    status_class[rows[k].status]));
		value_set_ref(o, "evidence", value_cstr(a, rows[k].evidence));
		if (!self)
			value_set_ref(o, "report", rows[k].rep ?
			    unit_value(a, rd, rows[k].rep, rows[k].rtext) :
			    value_bool(a, 0));
	}
	value_set_ref(tr, "chart", office_chart(t, a, p, trees));
}

/* ---- Year to year ---- */

/* The code points of s into a (xmalloc'd); their number. */
static size_t
cps_of(const char *s, uint32_t **out, size_t **at)
{
	size_t	 len = strlen(s), i = 0, n = 0, k;

	*out = xcalloc(len + 1, sizeof(**out));
	*at = xcalloc(len + 2, sizeof(**at));
	while (i < len) {
		(*at)[n] = i;
		if ((k = utf8_decode(s + i, len - i, &(*out)[n])) == 0)
			k = 1, (*out)[n] = 0xFFFD;
		i += k;
		n++;
	}
	(*at)[n] = len;
	return n;
}

/* Append segment op ('=', '+', '-') of s[from..to) to arr, joined to
 * the last one when it is of the same op. */
static void
seg_put(struct arena *a, struct value *arr, struct buf *cur, int *curop,
    int op, const char *s, size_t from, size_t to)
{
	struct value	*o;

	if (op != *curop && cur->len > 0) {
		o = value_push(arr, value_obj(a));
		value_set_ref(o, "text", value_str(a, cur->data, cur->len));
		value_set_ref(o, "same", value_bool(a, *curop == '='));
		value_set_ref(o, "ins", value_bool(a, *curop == '+'));
		value_set_ref(o, "del", value_bool(a, *curop == '-'));
		buf_reset(cur);
	}
	*curop = op;
	if (s != NULL)
		buf_put(cur, s + from, to - from);
}

/*
 * The character diff of old x and new y as [{text same ins del}]: the
 * longest common subsequence of their characters after their common
 * head and tail; texts too long for DIFF_CELLS are one deletion and one
 * insertion.  *changed tells whether they differ.
 */
static struct value *
diff_value(struct arena *a, const char *x, const char *y, int *changed)
{
	struct value	*arr = value_arr(a);
	struct buf	 cur = BUF_INIT;
	uint32_t	*cx, *cy;
	size_t		*ax, *ay, nx, ny, h = 0, tl = 0, i, j, w, m, n;
	uint16_t	*L = NULL;
	int		 op = 0;

	nx = cps_of(x, &cx, &ax);
	ny = cps_of(y, &cy, &ay);
	while (h < nx && h < ny && cx[h] == cy[h])
		h++;
	while (tl < nx - h && tl < ny - h && cx[nx - 1 - tl] == cy[ny - 1 - tl])
		tl++;
	*changed = nx != ny || h != nx;
	m = nx - h - tl;
	n = ny - h - tl;
	seg_put(a, arr, &cur, &op, '=', x, 0, ax[h]);
	if (m > 0 && n > 0 && m * n <= DIFF_CELLS) {
		/* L[i][j]: the LCS of x[h+i..h+m) and y[h+j..h+n). */
		w = n + 1;
		L = xcalloc((m + 1) * w, sizeof(*L));
		for (i = m; i-- > 0; )
			for (j = n; j-- > 0; )
				L[i * w + j] = cx[h + i] == cy[h + j] ?
				    L[(i + 1) * w + j + 1] + 1 :
				    L[(i + 1) * w + j] > L[i * w + j + 1] ?
				    L[(i + 1) * w + j] : L[i * w + j + 1];
		for (i = 0, j = 0; i < m || j < n; ) {
			if (i < m && j < n && cx[h + i] == cy[h + j]) {
				seg_put(a, arr, &cur, &op, '=', x, ax[h + i],
				    ax[h + i + 1]);
				i++, j++;
			} else if (i < m && (j == n ||
			    L[(i + 1) * w + j] >= L[i * w + j + 1])) {
				/* A deletion before an insertion. */
				seg_put(a, arr, &cur, &op, '-', x, ax[h + i],
				    ax[h + i + 1]);
				i++;
			} else {
				seg_put(a, arr, &cur, &op, '+', y, ay[h + j],
				    ay[h + j + 1]);
				j++;
			}
		}
	} else {
		seg_put(a, arr, &cur, &op, '-', x, ax[h], ax[h + m]);
		seg_put(a, arr, &cur, &op, '+', y, ay[h], ay[h + n]);
	}
	seg_put(a, arr, &cur, &op, '=', x, ax[h + m], ax[nx]);
	seg_put(a, arr, &cur, &op, 0, NULL, 0, 0);
	free(L);
	free(cx);
	free(cy);
	free(ax);
	free(ay);
	buf_free(&cur);
	return arr;
}

/* The comparison page's values of p under ctx: the newer document's
 * items matched to the older's at RELATE_THRESHOLD or more continue
 * one; the rest are new; the older's items no newer one continues are
 * dropped. */
static void
compare_values(const struct tracks *t, struct arena *a, const struct tpage *p,
    struct doc *const *trees, struct value *ctx)
{
	const struct tdoc	*od = &t->docs[p->deps[0]];
	const struct tdoc	*nd = &t->docs[p->deps[1]];
	struct units		 ou, nu;
	struct best		 b;
	struct value		*cv, *cont, *added, *dropped, *o;
	unsigned char		*kept;
	size_t			 k, nc = 0, na = 0, nr = 0, nch = 0;
	int			 changed;

	units_of(a, trees[0], CUT_NONE, &ou);
	units_of(a, trees[1], CUT_NONE, &nu);
	match_units(&nu, &ou, &b);
	kept = xcalloc(ou.n + 1, 1);
	cv = value_set_ref(ctx, "compare", value_obj(a));
	value_set_ref(cv, "old", doc_value(a, od));
	value_set_ref(cv, "new", doc_value(a, nd));
	cont = value_set_ref(cv, "continued", value_arr(a));
	added = value_set_ref(cv, "added", value_arr(a));
	for (k = 0; k < nu.n; k++) {
		if (!listed(&nu, k))
			continue;
		if (b.unit[k] < 0 || b.score[k] < RELATE_THRESHOLD ||
		    !listed(&ou, (size_t)b.unit[k])) {
			value_push(added, unit_value(a, nd, nu.u[k].node, NULL));
			na++;
			continue;
		}
		kept[b.unit[k]] = 1;
		o = value_push(cont, value_obj(a));
		value_set_ref(o, "old", unit_value(a, od,
		    ou.u[b.unit[k]].node, NULL));
		value_set_ref(o, "new", unit_value(a, nd, nu.u[k].node, NULL));
		value_set_ref(o, "diff", diff_value(a, ou.u[b.unit[k]].text,
		    nu.u[k].text, &changed));
		value_set_ref(o, "changed", value_bool(a, changed));
		value_set_ref(o, "score", value_num(a,
		    (double)(int)(b.score[k] * 100 + 0.5) / 100));
		nch += (size_t)changed;
		nc++;
	}
	dropped = value_set_ref(cv, "dropped", value_arr(a));
	for (k = 0; k < ou.n; k++)
		if (listed(&ou, k) && !kept[k]) {
			value_push(dropped, unit_value(a, od, ou.u[k].node,
			    NULL));
			nr++;
		}
	value_set_ref(cv, "ncontinued", value_num(a, (double)nc));
	value_set_ref(cv, "nchanged", value_num(a, (double)nch));
	value_set_ref(cv, "nadded", value_num(a, (double)na));
	value_set_ref(cv, "ndropped", value_num(a, (double)nr));
	free(kept);
	free(ou.u);
	free(nu.u);
	best_free(&b);
}

/* ---- Rendering ---- */

/* Render page j of the site s from the trees of its documents (in the
 * order of tracks_deps(), each with its anchors) to out.  Return 0, or
 * -1 after adding errors to d. */
int
tracks_render(const struct site *s, const struct tracks *t, size_t j,
    struct doc *const *trees, struct buf *out, struct diags *d)
{
	const struct tpage	*p = &t->v[j];
	struct arena		 a = ARENA_INIT;
	struct value		*ctx;
	const char		*title;
	int			 rc;

	title = p->kind == TRACK_PLAN ? arena_printf(&a, "%s：执行跟踪",
	    doc_title(&a, &t->docs[p->deps[0]])) : arena_printf(&a,
	    "%s：与%d年对比", doc_title(&a, &t->docs[p->deps[1]]),
	    t->docs[p->deps[0]].sum->year);
	ctx = site_page_ctx(s, &a, "../", title, p->path);
	if (p->kind == TRACK_PLAN)
		track_values(t, &a, p, trees, ctx);
	else
		compare_values(t, &a, p, trees, ctx);
	rc = site_render(s, p->kind == TRACK_PLAN ? "track" : "compare", ctx,
	    NULL, p->path, out, d);
	arena_free(&a);
	return rc;
}
