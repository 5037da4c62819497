/*
 * relitems.c — related items (相关事项) on the site: every document's
 * units (items, rows, paragraphs: relate.h) kept in its summary as one
 * string, their related items among every other document's units
 * (relate_similar()), the key they add to a document's page, and their
 * view under each item.  docs/relations.md.
 *
 * The string: per unit, its anchor, 0x1F, its place (二（三）12.), 0x1F,
 * its signature, 0x1E.  A signature is its terms in ascending order,
 * each the difference from the one before in base 32 (digits '0'..'O'
 * but the last, 'P'..'o'), then its weight as one character '@' + w
 * (w 1..63).  Printable ASCII, no NUL: it travels in the manifest as
 * any string does.
 */
#include <stdlib.h>
#include <string.h>

#include "site/site_int.h"

#define US	'\x1f'
#define RS	'\x1e'

/* One unit as read back from a summary. */
struct runit {
	const char		*anchor;	/* in the summary's string: */
	size_t			 alen;		/* not NUL-terminated */
	const char		*place;
	size_t			 plen;
	struct relate_sig	 sig;
	struct relate_hit	*hits;		/* when its page is wanted */
	uint8_t			 nhits;
};

struct rdoc {
	struct runit	*u;
	size_t		 n;
	size_t		*byanchor;	/* unit indexes sorted by anchor */
};

struct relitems {
	struct arena		 a;
	const struct relitem_doc *docs;
	size_t			 ndocs;
	struct rdoc		*d;
	struct relate_index	*x;
};

/* Append n in base 32, the last digit marked. */
static void
put_num(struct buf *out, uint32_t n)
{
	char	 d[8];
	int	 k = 0;

	d[k++] = (char)('P' + (n & 31));
	for (n >>= 5; n > 0; n >>= 5)
		d[k++] = (char)('0' + (n & 31));
	while (k-- > 0)
		buf_putc(out, d[k]);
}

/* Related items are made unless GEN_RELATE=0. */
int
site_relate_on(void)
{
	const char	*e = getenv("GEN_RELATE");

	return e == NULL || strcmp(e, "0") != 0;
}

/* Append the units of doc (anchors an) encoded, as the summary keeps
 * them; nothing when it has none (or relations are off). */
void
relitems_encode(const struct doc *doc, const struct anchors *an,
    struct buf *out)
{
	struct arena		 a = ARENA_INIT;
	struct relate_unit	*u;
	struct buf		 place = BUF_INIT;
	const char		*anchor;
	size_t			 n, i, k;
	uint32_t		 prev;

	if (!site_relate_on())
		return;
	n = relate_doc_units(&a, doc, &u);
	for (i = 0; i < n; i++) {
		if (u[i].sig.n == 0 ||
		    (anchor = anchor_of(an, u[i].node)) == NULL)
			continue;
		node_place(&place, u[i].node);
		buf_puts(out, anchor);
		buf_putc(out, US);
		if (place.len > 0)	/* no label: place.data is NULL */
			buf_put(out, place.data, place.len);
		buf_putc(out, US);
		for (k = 0, prev = 0; k < u[i].sig.n; k++) {
			put_num(out, u[i].sig.term[k] - prev);
			prev = u[i].sig.term[k];
			buf_putc(out, (char)('@' + u[i].sig.w[k]));
		}
		buf_putc(out, RS);
	}
	buf_free(&place);
	arena_free(&a);
}

/* Read one unit at *p into r (terms in a); advance *p past it.  Return
 * 0, or -1 on a malformed string. */
static int
get_unit(struct arena *a, const char **p, struct runit *r)
{
	const char	*s = *p, *e;
	uint32_t	 term[RELATE_TERMS], v, prev = 0, *tv;
	uint8_t		 w[RELATE_TERMS], *wv;
	size_t		 n = 0;
	int		 c;

	memset(r, 0, sizeof(*r));
	if ((e = strchr(s, US)) == NULL)
		return -1;
	r->anchor = s;
	r->alen = (size_t)(e - s);
	s = e + 1;
	if ((e = strchr(s, US)) == NULL)
		return -1;
	r->place = s;
	r->plen = (size_t)(e - s);
	s = e + 1;
	while (*s != RS) {
		for (v = 0; (c = (unsigned char)*s) >= '0' && c < 'P'; s++)
			v = v * 32 + (uint32_t)(c - '0');
		if (c < 'P' || c > 'o' || n == RELATE_TERMS)
			return -1;
		v = v * 32 + (uint32_t)(c - 'P');
		s++;
		c = (unsigned char)*s++;
		if (c <= '@' || c > '@' + RELATE_WMAX)
			return -1;
		prev += v;
		term[n] = prev;
		w[n++] = (uint8_t)(c - '@');
		r->sig.norm2 += (uint32_t)(c - '@') * (uint32_t)(c - '@');
	}
	*p = s + 1;
	if (n == 0)
		return 0;
	tv = arena_alloc(a, n * sizeof(*tv));
	wv = arena_alloc(a, n);
	memcpy(tv, term, n * sizeof(*tv));
	memcpy(wv, w, n);
	r->sig.term = tv;
	r->sig.w = wv;
	r->sig.n = (uint32_t)n;
	return 0;
}

/* The units of a summary's string s into d; malformed ones end it. */
static void
get_doc(struct arena *a, const char *s, struct rdoc *d)
{
	const char	*p;
	size_t		 n = 0;

	memset(d, 0, sizeof(*d));
	if (s == NULL)
		return;
	for (p = s; *p != '\0'; p++)
		n += *p == RS;
	if (n == 0)
		return;
	d->u = arena_alloc(a, n * sizeof(*d->u));
	for (p = s; d->n < n && *p != '\0'; d->n++)
		if (get_unit(a, &p, &d->u[d->n]) == -1)
			break;
}

static const struct rdoc *sort_doc;	/* for byanchor_cmp (one thread) */

static int
byanchor_cmp(const void *x, const void *y)
{
	const struct runit	*a = &sort_doc->u[*(const size_t *)x];
	const struct runit	*b = &sort_doc->u[*(const size_t *)y];
	size_t			 n = a->alen < b->alen ? a->alen : b->alen;
	int			 c = memcmp(a->anchor, b->anchor, n);

	if (c != 0)
		return c;
	return (a->alen > b->alen) - (a->alen < b->alen);
}

/* The related items of every unit of the documents docs[0..n) whose
 * want is set (NULL: all), among the units of all of them. */
struct relitems *
relitems_new(const struct relitem_doc *docs, size_t n,
    const unsigned char *want)
{
	struct relitems		*r = xcalloc(1, sizeof(*r));
	struct relate_hit	 h[RELATE_TOP];
	struct rdoc		*d;
	size_t			 i, k, nh;

	r->docs = docs;
	r->ndocs = n;
	r->d = xcalloc(n + 1, sizeof(*r->d));
	r->x = relate_new();
	for (i = 0; i < n; i++) {
		get_doc(&r->a, docs[i].units, &r->d[i]);
		for (k = 0; k < r->d[i].n; k++)
			if (r->d[i].u[k].sig.n > 0)
				relate_add(r->x, (uint32_t)i, (uint32_t)k,
				    &r->d[i].u[k].sig);
	}
	relate_freeze(r->x);
	for (i = 0; i < n; i++) {
		if (want != NULL && !want[i])
			continue;
		d = &r->d[i];
		d->byanchor = arena_alloc(&r->a, (d->n + 1) *
		    sizeof(*d->byanchor));
		for (k = 0; k < d->n; k++)
			d->byanchor[k] = k;
		sort_doc = d;
		if (d->n > 1)
			qsort(d->byanchor, d->n, sizeof(*d->byanchor),
			    byanchor_cmp);
		for (k = 0; k < d->n; k++) {
			nh = relate_similar(r->x, (uint32_t)i, (uint32_t)k, h);
			if (nh == 0)
				continue;
			d->u[k].hits = arena_alloc(&r->a, nh * sizeof(*h));
			memcpy(d->u[k].hits, h, nh * sizeof(*h));
			d->u[k].nhits = (uint8_t)nh;
		}
	}
	return r;
}

/* Call fn(arg, u, k, j) for each related item j of each unit u (number
 * k) of document i, in order. */
static void
each_hit(const struct relitems *r, size_t i,
    void (*fn)(void *arg, const struct runit *u, size_t k, size_t j),
    void *arg)
{
	const struct rdoc	*d;
	size_t			 k, j;

	if (r == NULL || i >= r->ndocs)
		return;
	d = &r->d[i];
	for (k = 0; k < d->n; k++)
		for (j = 0; j < d->u[k].nhits; j++)
			fn(arg, &d->u[k], k, j);
}

struct target_arg {
	void	(*fn)(void *arg, size_t t);
	void	*arg;
};

/* each_hit(): the document of the item to relitems_targets()' fn. */
static void
target_hit(void *arg, const struct runit *u, size_t k, size_t j)
{
	struct target_arg	*ta = arg;

	(void)k;
	ta->fn(ta->arg, u->hits[j].doc);
}

/* Call fn(arg, t) for the document t of each related item of document
 * i (repeats included). */
void
relitems_targets(const struct relitems *r, size_t i,
    void (*fn)(void *arg, size_t t), void *arg)
{
	struct target_arg	 ta = { fn, arg };

	each_hit(r, i, target_hit, &ta);
}

/* Free r. */
void
relitems_free(struct relitems *r)
{
	if (r == NULL)
		return;
	relate_free(r->x);
	free(r->d);
	arena_free(&r->a);
	free(r);
}

/* The document and unit of related item h, through *td and the return. */
static const struct runit *
hit_unit(const struct relitems *r, const struct relate_hit *h,
    const struct relitem_doc **td)
{
	*td = &r->docs[h->doc];
	return &r->d[h->doc].u[h->unit];
}

struct key_arg {
	const struct relitems	*r;
	struct hasher		*h;
};

/* each_hit(): hash the item (and before the first, its unit). */
static void
key_hit(void *arg, const struct runit *u, size_t k, size_t j)
{
	struct key_arg			*ka = arg;
	const struct runit		*t;
	const struct relitem_doc	*td;

	if (j == 0)
		hasher_u64(ka->h, hash64(u->anchor, u->alen, k));
	t = hit_unit(ka->r, &u->hits[j], &td);
	hasher_str(ka->h, td->title);
	hasher_u64(ka->h, (uint64_t)td->year);
	hasher_str(ka->h, td->url);
	hasher_u64(ka->h, hash64(t->anchor, t->alen,
	    hash64(t->place, t->plen, 0)));
}

/* What document i's page shows of its related items, hashed into h:
 * for each unit with some, its anchor and each item's document (title,
 * year, url) and place and anchor. */
void
relitems_key(const struct relitems *r, size_t i, struct hasher *h)
{
	struct key_arg	 ka = { r, h };

	each_hit(r, i, key_hit, &ka);
}

/* The unit of document i whose anchor is anchor, or NULL. */
static const struct runit *
unit_by_anchor(const struct relitems *r, size_t i, const char *anchor)
{
	const struct rdoc	*d = &r->d[i];
	const struct runit	*u;
	size_t			 lo = 0, hi = d->n, mid, len = strlen(anchor), n;
	int			 c;

	if (d->byanchor == NULL)
		return NULL;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		u = &d->u[d->byanchor[mid]];
		n = u->alen < len ? u->alen : len;
		if ((c = memcmp(u->anchor, anchor, n)) == 0)
			c = (u->alen > len) - (u->alen < len);
		if (c == 0)
			return u;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The related items of the node of document i whose anchor is anchor,
 * for a page at up ("" or "../"): [{title, year, place, href, score}],
 * empty when none. */
struct value *
relitems_view(const struct relitems *r, struct arena *a, size_t i,
    const char *anchor, const char *up)
{
	struct value			*arr = value_arr(a), *o;
	const struct runit		*u, *t;
	const struct relitem_doc	*td;
	size_t				 j;

	if (r == NULL || i >= r->ndocs || anchor == NULL ||
	    (u = unit_by_anchor(r, i, anchor)) == NULL)
		return arr;
	for (j = 0; j < u->nhits; j++) {
		t = hit_unit(r, &u->hits[j], &td);
		o = value_obj(a);
		value_set_ref(o, "title", value_cstr(a, td->title ?
		    td->title : ""));
		value_set_ref(o, "year", td->year > 0 ?
		    value_num(a, td->year) : value_cstr(a, ""));
		value_set_ref(o, "place", value_str(a, t->place, t->plen));
		value_set_ref(o, "href", value_cstr(a, arena_printf(a,
		    "%s%s#%.*s", up, td->url, (int)t->alen, t->anchor)));
		value_set_ref(o, "score", value_num(a,
		    (double)(int)(u->hits[j].score * 1000 + 0.5) / 1000));
		value_push(arr, o);
	}
	return arr;
}
