/*
 * relitems.c — related items (相关事项) on the site: every document's
 * units (items, rows, paragraphs: relate.h) kept in its summary as
 * binary data, their related items among every other document's units
 * (relate_similar()) kept in the manifest too and recomputed only for
 * the units a change can reach (relate_touch()), the key they add to a
 * document's page, and their view under each item.  docs/relations.md.
 *
 * A summary's units, per unit: its anchor and its place (二（三）12.),
 * each a varint length and the bytes; the number of terms of its
 * signature (a byte); its prefix (relate_prefix(), 8 bytes); its terms
 * in ascending order, 4 bytes each in the host's order (the index reads
 * them in place: relate_sig's raw); their weights, a byte each.  A document's related items
 * (relitems_lists()), per unit: their number (a byte), then each one's
 * document (the caller's id: the build's position in the manifest) and
 * unit as varints and its score (a float's 4 bytes).
 */
#include <stdlib.h>
#include <string.h>

#include "site/site_int.h"

/* One unit as read back from a summary (its fields: struct uref). */
struct uref {
	const char		*anchor;	/* in the summary's bytes: */
	size_t			 alen;		/* not NUL-terminated */
	const char		*place;
	size_t			 plen;
	struct relate_sig	 sig;
	uint64_t		 mask;		/* its prefix */
};

/* One unit as a document keeps it through the build: where its bytes
 * start in the summary's units (read again when needed: get_ref(), so
 * that a unit costs 68 bytes rather than 128) and its related items. */
struct runit {
	uint32_t		 off;
	uint8_t			 nhits;
	uint8_t			 find;		/* its items to be found */
	struct relate_hit	 hits[RELATE_TOP];
};

struct rdoc {
	struct runit	*u;
	size_t		 n;
	uint32_t	*byanchor;	/* unit indexes sorted by anchor */
	int		 read;		/* u is read (0: not yet, -1: bad) */
	int		 listed;	/* its related items are known */
	size_t		 nfind;		/* units to find them of */
};

struct relitems {
	struct arena		 a;
	const struct relitem_doc *docs;
	size_t			 ndocs;
	struct rdoc		*d;
	struct relate_index	*x;
	size_t			 computed;	/* units whose items were found */
};

/* Related items are made unless GEN_RELATE=0. */
int
site_relate_on(void)
{
	const char	*e = getenv("GEN_RELATE");

	return e == NULL || strcmp(e, "0") != 0;
}

/* Append v as a varint (7 bits a byte, the high bit: more). */
static void
put_var(struct buf *out, uint64_t v)
{
	for (; v >= 0x80; v >>= 7)
		buf_putc(out, (char)(0x80 | (v & 0x7F)));
	buf_putc(out, (char)v);
}

/* Append s[0..n) after its length. */
static void
put_bytes(struct buf *out, const char *s, size_t n)
{
	put_var(out, n);
	if (n > 0)
		buf_put(out, s, n);
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
	uint32_t		 t;
	uint64_t		 mask;

	if (!site_relate_on())
		return;
	n = relate_doc_units(&a, doc, &u);
	for (i = 0; i < n; i++) {
		if (u[i].sig.n == 0 ||
		    (anchor = anchor_of(an, u[i].node)) == NULL)
			continue;
		node_place(&place, u[i].node);
		put_bytes(out, anchor, strlen(anchor));
		put_bytes(out, place.data, place.len);
		buf_putc(out, (char)u[i].sig.n);
		mask = relate_prefix(&u[i].sig);
		buf_put(out, (const char *)&mask, sizeof(mask));
		for (k = 0; k < u[i].sig.n; k++) {
			t = u[i].sig.term[k];
			buf_put(out, (const char *)&t, sizeof(t));
		}
		buf_put(out, (const char *)u[i].sig.w, u[i].sig.n);
	}
	buf_free(&place);
	arena_free(&a);
}

/* A reader of encoded bytes; bad once it ran past the end. */
struct rd {
	const unsigned char	*p, *end;
	int			 bad;
};

/* The next varint (0 when bad). */
static uint64_t
get_var(struct rd *c)
{
	uint64_t	 v = 0;
	int		 shift;

	for (shift = 0; shift < 64; shift += 7) {
		if (c->p >= c->end) {
			c->bad = 1;
			return 0;
		}
		v |= (uint64_t)(*c->p & 0x7F) << shift;
		if (!(*c->p++ & 0x80))
			return v;
	}
	c->bad = 1;
	return 0;
}

/* The next n bytes (NULL when bad). */
static const unsigned char *
get_raw(struct rd *c, size_t n)
{
	const unsigned char	*s = c->p;

	if (c->bad || (size_t)(c->end - c->p) < n) {
		c->bad = 1;
		return NULL;
	}
	c->p += n;
	return s;
}

/* The next length and bytes: *len and the return. */
static const char *
get_bytes(struct rd *c, size_t *len)
{
	*len = (size_t)get_var(c);
	return (const char *)get_raw(c, *len);
}

/* Read one unit from c into r (its signature's terms and weights left
 * in c's bytes, as they are); with sig 0, its anchor and place only.
 * Return 0, or -1 when the bytes are bad (terms not ascending, a
 * weight out of range). */
static int
get_unit(struct rd *c, struct uref *r, int sig)
{
	const unsigned char	*w, *m, *tv;
	uint32_t		 t, prev = 0;
	size_t			 n, k;

	memset(r, 0, sizeof(*r));
	r->anchor = get_bytes(c, &r->alen);
	r->place = get_bytes(c, &r->plen);
	m = get_raw(c, 1);
	n = m ? *m : 0;
	if ((m = get_raw(c, sizeof(r->mask))) != NULL)
		memcpy(&r->mask, m, sizeof(r->mask));
	if (c->bad || n == 0 || n > RELATE_TERMS)
		return -1;
	if ((tv = get_raw(c, n * sizeof(t))) == NULL ||
	    (w = get_raw(c, n)) == NULL)
		return -1;
	if (!sig)
		return 0;
	for (k = 0; k < n; k++) {
		memcpy(&t, tv + k * sizeof(t), sizeof(t));
		if (t <= prev || w[k] < 1 || w[k] > RELATE_WMAX)
			return -1;
		prev = t;
		r->sig.norm2 += (uint32_t)w[k] * w[k];
	}
	r->sig.raw = tv;
	r->sig.w = w;
	r->sig.n = (uint32_t)n;
	return 0;
}

/* The units of s[0..len) into *u (in a), each its offset in s: their
 * number, or (size_t)-1 when the bytes are bad (with sig, signatures
 * checked too). */
static size_t
get_units(struct arena *a, const char *s, size_t len, struct runit **u,
    int sig)
{
	struct rd	 c = { (const unsigned char *)s, NULL, 0 };
	struct uref	 one;
	size_t		 n = 0, i;

	*u = NULL;
	if (s == NULL || len == 0)
		return 0;
	/* Offsets are 32 bits (a summary's units are far smaller). */
	if (len > UINT32_MAX)
		return (size_t)-1;
	c.end = c.p + len;
	/* Count, then read into place. */
	while (c.p < c.end)
		if (get_unit(&c, &one, sig) == -1)
			return (size_t)-1;
		else
			n++;
	*u = arena_alloc(a, n * sizeof(**u));
	memset(*u, 0, n * sizeof(**u));
	c.p = (const unsigned char *)s;
	for (i = 0; i < n; i++) {
		(*u)[i].off = (uint32_t)(c.p - (const unsigned char *)s);
		(void)get_unit(&c, &one, 0);
	}
	return n;
}

/* The fields of unit u of the units s[0..len) (get_units() read them
 * once: they are good) into *f; with sig, its signature too. */
static void
get_ref(const char *s, size_t len, const struct runit *u, struct uref *f,
    int sig)
{
	struct rd	 c = { (const unsigned char *)s + u->off,
			    (const unsigned char *)s + len, 0 };

	(void)get_unit(&c, f, sig);
}

/* The fields of unit k of document i into *f (with sig, its
 * signature too: its terms and weights in the summary's bytes). */
static void
unit_ref(const struct relitems *r, size_t i, size_t k, struct uref *f,
    int sig)
{
	get_ref(r->docs[i].units, r->docs[i].unitslen, &r->d[i].u[k], f, sig);
}

/* Order of anchors a[0..alen) and b[0..blen): bytes, then length. */
static int
anchor_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t	 n = alen < blen ? alen : blen;
	int	 c = memcmp(a, b, n);

	if (c != 0)
		return c;
	return (alen > blen) - (alen < blen);
}

/* For byanchor_cmp (one thread): the document being sorted. */
static const struct relitems	*sort_r;
static size_t			 sort_i;

static int
byanchor_cmp(const void *x, const void *y)
{
	struct uref	 a, b;

	unit_ref(sort_r, sort_i, *(const uint32_t *)x, &a, 0);
	unit_ref(sort_r, sort_i, *(const uint32_t *)y, &b, 0);
	return anchor_cmp(a.anchor, a.alen, b.anchor, b.alen);
}

/* Read the units of document i (with signatures when sig) unless read;
 * return 0, or -1 when they are bad (then it has none). */
static int
units_read(struct relitems *r, size_t i, int sig)
{
	struct rdoc	*d = &r->d[i];
	size_t		 k, n;

	if (d->read != 0)
		return d->read == 1 ? 0 : -1;
	n = get_units(&r->a, r->docs[i].units, r->docs[i].unitslen, &d->u,
	    sig);
	if (n == (size_t)-1) {
		d->read = -1;
		d->n = 0;
		return -1;
	}
	d->n = n;
	d->read = 1;
	d->byanchor = arena_alloc(&r->a, (d->n + 1) * sizeof(*d->byanchor));
	for (k = 0; k < d->n; k++)
		d->byanchor[k] = (uint32_t)k;
	sort_r = r;
	sort_i = i;
	if (d->n > 1)
		qsort(d->byanchor, d->n, sizeof(*d->byanchor), byanchor_cmp);
	return 0;
}

/* The related items of document i as the last build found them
 * (r->docs[i].lists, its ids mapped by map[0..nmap)) into its units;
 * return 0, or -1 when they do not fit (bad, or an item of a document
 * gone or of a unit it no longer has). */
static int
lists_read(struct relitems *r, size_t i, const uint32_t *map, size_t nmap)
{
	struct rdoc		*d = &r->d[i];
	struct rd		 c = { (const unsigned char *)r->docs[i].lists,
				    NULL, 0 };
	const unsigned char	*m;
	struct relate_hit	*h;
	uint64_t		 id;
	size_t			 k, j;
	float			 f;

	if (r->docs[i].lists == NULL)
		return d->n == 0 ? 0 : -1;
	c.end = c.p + r->docs[i].listslen;
	for (k = 0; k < d->n; k++) {
		m = get_raw(&c, 1);
		d->u[k].nhits = m ? *m : 0;
		if (c.bad || d->u[k].nhits > RELATE_TOP)
			return -1;
		for (j = 0; j < d->u[k].nhits; j++) {
			h = &d->u[k].hits[j];
			id = get_var(&c);
			h->unit = (uint32_t)get_var(&c);
			if ((m = get_raw(&c, sizeof(f))) == NULL ||
			    id >= nmap || map[id] >= r->ndocs)
				return -1;
			memcpy(&f, m, sizeof(f));
			h->doc = map[id];
			h->score = f;
		}
	}
	return c.p == c.end ? 0 : -1;
}

/* Have the related items of unit k of document i found (find_all()). */
static void
unit_find(struct relitems *r, size_t i, size_t k)
{
	r->d[i].u[k].find = 1;
	r->d[i].nfind++;
	r->computed++;
}

/* pool_run(): find the related items of the units of document i marked
 * (only its units are written). */
static void
find_doc(void *arg, int worker, size_t i)
{
	struct relitems	*r = arg;
	struct runit	*u;
	size_t		 k;

	(void)worker;
	for (k = 0; k < r->d[i].n; k++) {
		u = &r->d[i].u[k];
		if (!u->find)
			continue;
		u->nhits = (uint8_t)relate_similar(r->x, (uint32_t)i,
		    (uint32_t)k, u->hits);
		u->find = 0;
	}
	r->d[i].nfind = 0;
}

/* Find the related items of every unit marked, on threads threads. */
static void
find_all(struct relitems *r, int threads)
{
	struct pool_job	 job;
	size_t		*items = xcalloc(r->ndocs + 1, sizeof(*items));
	size_t		 i, n = 0;

	for (i = 0; i < r->ndocs; i++)
		if (r->d[i].nfind > 0)
			items[n++] = i;
	memset(&job, 0, sizeof(job));
	job.fn = find_doc;
	job.arg = r;
	job.items = items;
	job.n = n;
	job.threads = threads > 0 ? threads : 1;
	if (n > 0)
		pool_run(&job);
	free(items);
}

/* Mark the lists of the index a change of document pos reaches: its
 * units s[0..len) (read into a scratch arena). */
static void
touch_units(struct relitems *r, uint32_t pos, const char *s, size_t len)
{
	struct arena	 a = ARENA_INIT;
	struct runit	*u;
	struct uref	 f;
	size_t		 n, k;

	n = get_units(&a, s, len, &u, 1);
	for (k = 0; n != (size_t)-1 && k < n; k++) {
		get_ref(s, len, &u[k], &f, 1);
		relate_touch(r->x, pos, &f.sig, f.mask);
	}
	arena_free(&a);
}

/* Did the units of d change since the last build (or are its related
 * items not known)? */
static int
doc_changed(const struct relitem_doc *d)
{
	/* An unchanged document's units are its last build's bytes (the
	 * same pointer): no need to read them all. */
	return d->prev_unitslen != d->unitslen || (d->unitslen > 0 &&
	    (d->lists == NULL || (d->prev_units != d->units &&
	    memcmp(d->prev_units, d->units, d->unitslen) != 0)));
}

/* Every document's units into the index; those that changed since the
 * last build (prev; every one without it) marked in chg and their lists
 * touched.  Return the number changed. */
static size_t
index_all(struct relitems *r, const struct relitem_prev *prev,
    unsigned char *chg)
{
	const struct relitem_doc	*dd;
	struct rdoc			*d;
	struct uref			 f;
	size_t				 i, k, nchg = 0;

	r->x = relate_new();
	for (i = 0; i < r->ndocs; i++) {
		d = &r->d[i];
		units_read(r, i, 1);
		for (k = 0; k < d->n; k++) {
			unit_ref(r, i, k, &f, 1);
			relate_add_prefix(r->x, (uint32_t)i, (uint32_t)k,
			    &f.sig, f.mask);
		}
	}
	relate_freeze(r->x);
	for (i = 0; i < r->ndocs; i++) {
		dd = &r->docs[i];
		chg[i] = (unsigned char)(prev == NULL || doc_changed(dd));
		if (!chg[i] || prev == NULL)
			continue;
		nchg++;
		for (k = 0; k < r->d[i].n; k++) {
			unit_ref(r, i, k, &f, 1);
			relate_touch(r->x, (uint32_t)i, &f.sig, f.mask);
		}
		touch_units(r, (uint32_t)i, dd->prev_units, dd->prev_unitslen);
	}
	for (i = 0; prev != NULL && i < prev->ngone; i++) {
		nchg++;
		touch_units(r, prev->gone[i].pos, prev->gone[i].units,
		    prev->gone[i].unitslen);
	}
	return prev == NULL ? r->ndocs : nchg;
}

/* Have the last build's related items of document i, else find them
 * (units touched by a change are found again). */
static void
doc_lists(struct relitems *r, size_t i, const struct relitem_prev *prev,
    int changed)
{
	struct rdoc	*d = &r->d[i];
	struct uref	 f;
	size_t		 k;

	if (d->listed)
		return;
	d->listed = 1;
	if (units_read(r, i, r->x != NULL) == -1)
		return;
	if (r->x == NULL) {
		/* Nothing changed: the last build's, as they are. */
		if (lists_read(r, i, prev->map, prev->nmap) == 0)
			return;
		/* They do not fit (damaged): find every unit's. */
		r->x = relate_new();
		d->listed = 0;
		return;
	}
	if (changed || prev == NULL ||
	    lists_read(r, i, prev->map, prev->nmap) == -1) {
		for (k = 0; k < d->n; k++)
			unit_find(r, i, k);
		return;
	}
	for (k = 0; k < d->n; k++) {
		unit_ref(r, i, k, &f, 1);
		if (relate_touched(r->x, &f.sig, f.mask))
			unit_find(r, i, k);
	}
}

/* The related items of every unit of docs[0..n): those in says are
 * the same as the last build's taken from it, the rest found among
 * every document's units (on in->threads threads); of the documents
 * whose want is set (want NULL: all) at least. */
struct relitems *
relitems_new(const struct relitem_doc *docs, size_t n,
    const unsigned char *want, const struct relitem_prev *in)
{
	struct relitems	*r = xcalloc(1, sizeof(*r));
	unsigned char	*chg = xcalloc(n + 1, 1);
	struct relate_hit *h;
	size_t		 i, k, j;
	int		 again, threads = in != NULL ? in->threads : 1;
	const struct relitem_prev *prev = in != NULL && in->map != NULL ?
	    in : NULL;

	r->docs = docs;
	r->ndocs = n;
	r->d = xcalloc(n + 1, sizeof(*r->d));
	/* Without a change of units, nothing needs the index. */
	for (i = 0; prev != NULL && i < n && prev->ngone == 0; i++)
		if (doc_changed(&docs[i]))
			break;
	if (prev == NULL || prev->ngone > 0 || i < n)
		index_all(r, prev, chg);
	do {
		again = 0;
		for (i = 0; i < n && !again; i++) {
			if (want != NULL && r->x == NULL && !want[i])
				continue;
			doc_lists(r, i, prev, chg[i]);
			/* Damaged lists: start again with the index. */
			if (r->x != NULL && !r->d[i].listed) {
				relate_free(r->x);
				r->x = NULL;
				memset(r->d, 0, n * sizeof(*r->d));
				r->computed = 0;
				index_all(r, NULL, chg);
				again = 1;
			}
		}
	} while (again);
	find_all(r, threads);
	/* The index is not needed after this: freed before the pages. */
	relate_free(r->x);
	r->x = NULL;
	/* The documents of the items shown: their anchors and places (an
	 * item of a unit they do not have, from a damaged manifest, is
	 * dropped with those after it). */
	for (i = 0; i < n; i++)
		for (k = 0; r->d[i].listed && k < r->d[i].n; k++)
			for (j = 0; j < r->d[i].u[k].nhits; j++) {
				h = &r->d[i].u[k].hits[j];
				units_read(r, h->doc, 0);
				if (h->unit >= r->d[h->doc].n) {
					r->d[i].u[k].nhits = (uint8_t)j;
					break;
				}
			}
	free(chg);
	return r;
}

/* The number of units whose related items this build found (the rest
 * were the last build's). */
size_t
relitems_found(const struct relitems *r)
{
	return r ? r->computed : 0;
}

/* Append the related items of document i for the manifest, with the
 * id ids[t] for document t.  Return 0, or -1 when they are not known
 * in this build (then they are the last build's, unchanged). */
int
relitems_lists(const struct relitems *r, size_t i, const uint32_t *ids,
    struct buf *out)
{
	const struct rdoc	*d;
	size_t			 k, j;
	float			 f;

	if (r == NULL || i >= r->ndocs || !r->d[i].listed)
		return -1;
	d = &r->d[i];
	for (k = 0; k < d->n; k++) {
		buf_putc(out, (char)d->u[k].nhits);
		for (j = 0; j < d->u[k].nhits; j++) {
			put_var(out, ids[d->u[k].hits[j].doc]);
			put_var(out, d->u[k].hits[j].unit);
			f = d->u[k].hits[j].score;
			buf_put(out, (const char *)&f, sizeof(f));
		}
	}
	return 0;
}

/* Call fn(arg, i, u, k, j) for each related item j of each unit u
 * (number k) of document i, in order. */
static void
each_hit(const struct relitems *r, size_t i,
    void (*fn)(void *arg, size_t i, const struct runit *u, size_t k,
    size_t j), void *arg)
{
	const struct rdoc	*d;
	size_t			 k, j;

	if (r == NULL || i >= r->ndocs)
		return;
	d = &r->d[i];
	for (k = 0; k < d->n; k++)
		for (j = 0; j < d->u[k].nhits; j++)
			fn(arg, i, &d->u[k], k, j);
}

struct target_arg {
	void	(*fn)(void *arg, size_t t);
	void	*arg;
};

/* each_hit(): the document of the item to relitems_targets()' fn. */
static void
target_hit(void *arg, size_t i, const struct runit *u, size_t k, size_t j)
{
	struct target_arg	*ta = arg;

	(void)i;
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

/* The document and unit of related item h, through *td and *t. */
static void
hit_unit(const struct relitems *r, const struct relate_hit *h,
    const struct relitem_doc **td, struct uref *t)
{
	*td = &r->docs[h->doc];
	unit_ref(r, h->doc, h->unit, t, 0);
}

struct key_arg {
	const struct relitems	*r;
	struct hasher		*h;
};

/* each_hit(): hash the item (and before the first, its unit). */
static void
key_hit(void *arg, size_t i, const struct runit *u, size_t k, size_t j)
{
	struct key_arg			*ka = arg;
	const struct relitem_doc	*td;
	struct uref			 f, t;

	if (j == 0) {
		unit_ref(ka->r, i, k, &f, 0);
		hasher_u64(ka->h, hash64(f.anchor, f.alen, k));
	}
	hit_unit(ka->r, &u->hits[j], &td, &t);
	hasher_str(ka->h, td->title);
	hasher_str(ka->h, td->label);
	hasher_u64(ka->h, (uint64_t)td->year);
	hasher_str(ka->h, td->url);
	hasher_u64(ka->h, hash64(t.anchor, t.alen,
	    hash64(t.place, t.plen, 0)));
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
	struct uref		 f;
	size_t			 lo = 0, hi = d->n, mid, len = strlen(anchor);
	int			 c;

	if (d->byanchor == NULL)
		return NULL;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		unit_ref(r, i, d->byanchor[mid], &f, 0);
		c = anchor_cmp(f.anchor, f.alen, anchor, len);
		if (c == 0)
			return &d->u[d->byanchor[mid]];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The unit of document i whose anchor is anchor, or NULL (also when
 * there are no related items, no such document or no anchor). */
static const struct runit *
anchored_unit(const struct relitems *r, size_t i, const char *anchor)
{
	if (r == NULL || i >= r->ndocs || anchor == NULL)
		return NULL;
	return unit_by_anchor(r, i, anchor);
}

/* The related items of the node of document i whose anchor is anchor,
 * for a page at up ("" or "../"): [{title, label, tip, year, place,
 * href, score}], empty when none; tip is the title on the page's first
 * link to a document (seen: a byte per document, or NULL), else "". */
struct value *
relitems_view(const struct relitems *r, struct arena *a, size_t i,
    const char *anchor, const char *up, unsigned char *seen)
{
	struct value			*arr = value_arr(a), *o;
	const struct runit		*u;
	const struct relitem_doc	*td;
	struct uref			 t;
	size_t				 j;

	if ((u = anchored_unit(r, i, anchor)) == NULL)
		return arr;
	for (j = 0; j < u->nhits; j++) {
		hit_unit(r, &u->hits[j], &td, &t);
		o = value_obj(a);
		value_set_ref(o, "title", value_cstr(a, td->title ?
		    td->title : ""));
		value_set_ref(o, "label", value_cstr(a, td->label ?
		    td->label : td->title ? td->title : ""));
		value_set_ref(o, "tip", value_cstr(a, seen == NULL ||
		    seen[u->hits[j].doc] || td->title == NULL ? "" :
		    td->title));
		if (seen != NULL)
			seen[u->hits[j].doc] = 1;
		/* The year once: not again after a title that says it. */
		value_set_ref(o, "year", td->year > 0 && (td->title == NULL ||
		    strstr(td->title, arena_printf(a, "%d年", td->year)) ==
		    NULL) ? value_num(a, td->year) : value_cstr(a, ""));
		value_set_ref(o, "place", value_str(a, t.place, t.plen));
		value_set_ref(o, "href", value_cstr(a, arena_printf(a,
		    "%s%s#%.*s", up, td->url, (int)t.alen, t.anchor)));
		value_set_ref(o, "score", value_num(a,
		    (double)(int)(u->hits[j].score * 1000 + 0.5) / 1000));
		value_push(arr, o);
	}
	return arr;
}

/* Call fn(arg, t, place, plen, anchor, alen) for each related item of
 * the node of document i whose anchor is anchor, in order: its
 * document t, its place and anchor (not NUL-terminated). */
void
relitems_each(const struct relitems *r, size_t i, const char *anchor,
    void (*fn)(void *arg, size_t t, const char *place, size_t plen,
    const char *tanchor, size_t alen), void *arg)
{
	const struct runit		*u;
	const struct relitem_doc	*td;
	struct uref			 t;
	size_t				 j;

	if ((u = anchored_unit(r, i, anchor)) == NULL)
		return;
	for (j = 0; j < u->nhits; j++) {
		hit_unit(r, &u->hits[j], &td, &t);
		fn(arg, u->hits[j].doc, t.place, t.plen, t.anchor, t.alen);
	}
}
