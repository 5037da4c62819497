/*
 * index.c — the units of every document in one index: related items
 * through an inverted index over signature prefixes, and plan-to-report
 * matches.
 *
 * Candidates (AllPairs' prefix filter): terms are put in one global
 * order (rarer first by the shipped table, then by code); a unit's
 * prefix is its terms in that order up to where the weight left after
 * them could no longer reach RELATE_THRESHOLD alone.  Two units scoring
 * at least the threshold share a term of both prefixes (their first
 * common term), so only prefixes are indexed and probed.
 *
 * The cost of a unit is bounded whatever the site: a term's list keeps
 * its first RELATE_POSTINGS units in (document, unit) order, at most
 * RELATE_PER_DOC of one document (a document of 700,000 items fills
 * no list alone), and a unit scores at most RELATE_CANDIDATES of the
 * units of its prefix terms' lists, rarest term first.  So a unit's
 * related items depend only on its own signature and the lists of its
 * prefix terms: a change of one document changes the related items of
 * a unit only when one of those lists held or now holds a unit of it
 * (relate_touch()), which is what lets a build recompute only those
 * (docs/relations.md).  Every candidate is scored exactly
 * (relate_score()).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "relate/relate_int.h"

_Static_assert(RELATE_TERMS <= 64, "a prefix mask has 64 bits");
_Static_assert((RELATE_CANDIDATES & (RELATE_CANDIDATES - 1)) == 0,
    "the candidates' set is a power of two");

/* A unit with a copy of its signature (the terms and weights not
 * copied): a candidate's norm and where its terms are, at hand. */
struct runit {
	uint32_t		 doc, unit;
	struct relate_sig	 sig;
	uint64_t		 mask;		/* its prefix */
};

/* The list of one term: its first units (indexes into units). */
struct tlist {
	uint32_t	 code;
	uint32_t	 n;		/* units kept */
	uint32_t	 lastdoc;	/* the document of the last one kept */
	uint32_t	 ndoc;		/* units kept of lastdoc */
	uint32_t	*unit;		/* up to RELATE_POSTINGS */
	uint32_t	 cap;
	uint32_t	 df;		/* relate_term_df(code): its order */
	int		 touched;	/* relate_touch() */
};

struct relate_index {
	struct runit	*units;
	size_t		 nunits, capunits;
	struct tlist	*t;		/* open addressing by code */
	size_t		 nt, capt;	/* capt: a power of two */
	int		 frozen;
};

/* A new empty index. */
struct relate_index *
relate_new(void)
{
	return xcalloc(1, sizeof(struct relate_index));
}

/* Free the index. */
void
relate_free(struct relate_index *x)
{
	size_t	 i;

	if (x == NULL)
		return;
	for (i = 0; i < x->capt; i++)
		free(x->t[i].unit);
	free(x->t);
	free(x->units);
	free(x);
}

/* The slot of code in x->t: its list, or the empty slot it would take. */
static struct tlist *
tlist_slot(const struct relate_index *x, uint32_t code)
{
	size_t	 i = (size_t)(((uint64_t)code * 0x9E3779B97F4A7C15u) >> 32);

	for (i &= x->capt - 1;; i = (i + 1) & (x->capt - 1))
		if (x->t[i].code == code || x->t[i].code == 0)
			return &x->t[i];
}

/* The list of code, made when missing. */
static struct tlist *
tlist_get(struct relate_index *x, uint32_t code)
{
	struct tlist	*old, *l;
	size_t		 i, n;

	if (2 * (x->nt + 1) > x->capt) {
		old = x->t;
		n = x->capt;
		x->capt = n ? 2 * n : 1024;
		x->t = xcalloc(x->capt, sizeof(*x->t));
		for (i = 0; i < n; i++)
			if (old[i].code != 0)
				*tlist_slot(x, old[i].code) = old[i];
		free(old);
	}
	l = tlist_slot(x, code);
	if (l->code == 0) {
		l->code = code;
		l->df = relate_term_df(code);
		x->nt++;
	}
	return l;
}

/* The list of code, or NULL. */
static const struct tlist *
tlist_find(const struct relate_index *x, uint32_t code)
{
	const struct tlist	*l;

	if (x->capt == 0 || code == 0)
		return NULL;
	l = tlist_slot(x, code);
	return l->code == code ? l : NULL;
}

/* The global order of terms: rarer first (a lower df in the shipped
 * table, which is a heavier idf), then code. */
struct oterm {
	uint32_t	df;
	uint32_t	code;
	uint32_t	w;	/* its position in the signature */
};

static int
oterm_cmp(const void *a, const void *b)
{
	const struct oterm	*x = a, *y = b;

	if (x->df != y->df)
		return x->df < y->df ? -1 : 1;
	return (x->code > y->code) - (x->code < y->code);
}

/* The terms of sig's prefix into out (codes, in the global order) and
 * their positions in sig into *mask (bit i: relate_sig_term(sig, i)); return their
 * number.  The weight after the prefix, alone, scores below
 * RELATE_THRESHOLD with any signature. */
static size_t
sig_prefix(const struct relate_sig *sig, uint32_t *out, uint64_t *mask)
{
	struct oterm	 t[RELATE_TERMS], tmp;
	double		 rest, lim;
	size_t		 i, j, n = sig->n;

	*mask = 0;
	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		t[i].df = relate_term_df(relate_sig_term(sig, i));
		t[i].code = relate_sig_term(sig, i);
		t[i].w = (uint32_t)i;	/* its position, for the mask */
	}
	/* Insertion: a few dozen terms, each code once (a total order). */
	for (i = 1; i < n; i++) {
		tmp = t[i];
		for (j = i; j > 0 && oterm_cmp(&tmp, &t[j - 1]) < 0; j--)
			t[j] = t[j - 1];
		t[j] = tmp;
	}
	/* rest: the squared weight of the terms from i on. */
	lim = RELATE_THRESHOLD * RELATE_THRESHOLD * (double)sig->norm2;
	rest = (double)sig->norm2;
	for (i = 0; i < n; i++) {
		/* From here on, score <= sqrt(rest / norm2); stop when below
		 * the threshold (a small margin for rounding). */
		if (rest < lim * 0.999)
			break;
		out[i] = t[i].code;
		*mask |= (uint64_t)1 << t[i].w;
		rest -= (double)sig->w[t[i].w] * sig->w[t[i].w];
	}
	return i;
}

/* The prefix of sig (sig_prefix()) as a mask over its terms. */
uint64_t
relate_prefix(const struct relate_sig *sig)
{
	uint32_t	 p[RELATE_TERMS];
	uint64_t	 mask;

	sig_prefix(sig, p, &mask);
	return mask;
}

/* Add unit (doc, unit) with signature sig. */
void
relate_add(struct relate_index *x, uint32_t doc, uint32_t unit,
    const struct relate_sig *sig)
{
	relate_add_prefix(x, doc, unit, sig, relate_prefix(sig));
}

/* Add unit (doc, unit) with signature sig and prefix mask: to the list
 * of each prefix term that has room for it. */
void
relate_add_prefix(struct relate_index *x, uint32_t doc, uint32_t unit,
    const struct relate_sig *sig, uint64_t mask)
{
	struct tlist	*l;
	uint32_t	 i;

	if (x->frozen)
		return;
	if (x->nunits == x->capunits) {
		x->capunits = x->capunits ? x->capunits * 2 : 1024;
		x->units = xreallocarray(x->units, x->capunits,
		    sizeof(*x->units));
	}
	x->units[x->nunits].doc = doc;
	x->units[x->nunits].unit = unit;
	x->units[x->nunits].sig = *sig;
	x->units[x->nunits].mask = mask;
	for (i = 0; i < sig->n && i < 64; i++) {
		if (!(mask & ((uint64_t)1 << i)))
			continue;
		l = tlist_get(x, relate_sig_term(sig, i));
		if (l->n > 0 && l->lastdoc == doc) {
			if (l->ndoc >= RELATE_PER_DOC)
				continue;
		} else {
			l->lastdoc = doc;
			l->ndoc = 0;
		}
		if (l->n >= RELATE_POSTINGS)
			continue;
		if (l->n == l->cap) {
			l->cap = l->cap ? 2 * l->cap : 4;
			l->unit = xreallocarray(l->unit, l->cap,
			    sizeof(*l->unit));
		}
		l->unit[l->n++] = (uint32_t)x->nunits;
		l->ndoc++;
	}
	x->nunits++;
}

/* No more units. */
void
relate_freeze(struct relate_index *x)
{
	x->frozen = 1;
}

/* For a change of the document at position doc (its units before or
 * after it, signature sig with prefix mask): mark the lists of its
 * prefix terms that keep fewer than RELATE_POSTINGS units of documents
 * before doc, so that the document's units are, were or would be among
 * them. */
void
relate_touch(struct relate_index *x, uint32_t doc,
    const struct relate_sig *sig, uint64_t mask)
{
	struct tlist	*l;
	uint32_t	 i, k;

	if (x->capt == 0)
		return;
	for (i = 0; i < sig->n && i < 64; i++) {
		if (!(mask & ((uint64_t)1 << i)))
			continue;
		l = tlist_slot(x, relate_sig_term(sig, i));
		if (l->code != relate_sig_term(sig, i) || l->touched)
			continue;
		for (k = 0; k < l->n && x->units[l->unit[k]].doc < doc; k++)
			continue;
		if (k < RELATE_POSTINGS)
			l->touched = 1;
	}
}

/* Is a prefix term of sig (mask) on a list relate_touch() marked? */
int
relate_touched(const struct relate_index *x, const struct relate_sig *sig,
    uint64_t mask)
{
	const struct tlist	*l;
	uint32_t		 i;

	for (i = 0; i < sig->n && i < 64; i++)
		if ((mask & ((uint64_t)1 << i)) &&
		    (l = tlist_find(x, relate_sig_term(sig, i))) != NULL && l->touched)
			return 1;
	return 0;
}

static size_t	lower_unit(const struct relate_index *, uint32_t, uint32_t);

/* The index of unit (doc, unit), or (size_t)-1. */
static size_t
find_unit(const struct relate_index *x, uint32_t doc, uint32_t unit)
{
	size_t	 lo = lower_unit(x, doc, unit);

	if (lo < x->nunits && x->units[lo].doc == doc &&
	    x->units[lo].unit == unit)
		return lo;
	return (size_t)-1;
}

/* Is hit a better than b: higher score, then lower (doc, unit)? */
static int
hit_better(const struct relate_hit *a, const struct relate_hit *b)
{
	if (a->score != b->score)
		return a->score > b->score;
	if (a->doc != b->doc)
		return a->doc < b->doc;
	return a->unit < b->unit;
}

/* Put h among the n best of out (at most RELATE_TOP); return n. */
static size_t
top_put(struct relate_hit *out, size_t n, const struct relate_hit *h)
{
	size_t	 i;

	if (n == RELATE_TOP && !hit_better(h, &out[n - 1]))
		return n;
	if (n < RELATE_TOP)
		n++;
	for (i = n - 1; i > 0 && hit_better(h, &out[i - 1]); i--)
		out[i] = out[i - 1];
	out[i] = *h;
	return n;
}

/* The first unit of doc at or after unit first (may be x->nunits). */
static size_t
lower_unit(const struct relate_index *x, uint32_t doc, uint32_t first)
{
	size_t	 lo = 0, hi = x->nunits, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (x->units[mid].doc < doc || (x->units[mid].doc == doc &&
		    x->units[mid].unit < first))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Put unit u in the set of candidates (open addressing over
 * CAND_SLOTS slots of u + 1, 0 empty); return whether it is new. */
#define CAND_SLOTS	(4 * RELATE_CANDIDATES)
static int
cand_put(uint32_t *set, uint32_t u)
{
	size_t	 i = ((uint64_t)u * 0x9E3779B97F4A7C15u) >> 40;

	for (i &= CAND_SLOTS - 1;; i = (i + 1) & (CAND_SLOTS - 1)) {
		if (set[i] == u + 1)
			return 0;
		if (set[i] == 0) {
			set[i] = u + 1;
			return 1;
		}
	}
}

/* The lists of the prefix terms of unit u (its mask), in the global
 * order (sig_prefix()'s: a lower df first, then code), into l; return
 * their number. */
static size_t
prefix_lists(const struct relate_index *x, const struct runit *u,
    const struct tlist *l[RELATE_TERMS])
{
	const struct tlist	*t;
	size_t			 i, j, n = 0;

	for (i = 0; i < u->sig.n && i < 64; i++) {
		if (!(u->mask & ((uint64_t)1 << i)) ||
		    (t = tlist_find(x, relate_sig_term(&u->sig, i))) == NULL)
			continue;
		for (j = n++; j > 0 && (l[j - 1]->df > t->df ||
		    (l[j - 1]->df == t->df && l[j - 1]->code > t->code)); j--)
			l[j] = l[j - 1];
		l[j] = t;
	}
	return n;
}

/* Ask for the bytes of sig's terms and weights to be in the cache. */
static void
sig_fetch(const struct relate_sig *sig)
{
	const unsigned char	*t = sig->term != NULL ?
	    (const unsigned char *)sig->term : sig->raw;
	size_t			 k, len = (size_t)sig->n * 4;

	for (k = 0; k < len; k += 64)
		__builtin_prefetch(t + k);
	__builtin_prefetch(sig->w);
}

/* Up to RELATE_TOP related units of other documents: the candidates
 * (the first RELATE_CANDIDATES units of other documents on the lists
 * of the unit's prefix terms, rarest term first) gathered, then scored
 * (their signatures fetched a few ahead), each unless the ceiling of
 * its score from the norms (relate_score_ceil()) is below the
 * threshold or the fifth best so far: then it could not be kept.  The
 * items kept are the same whatever the order they are scored in. */
#define FETCH_AHEAD	4
size_t
relate_similar(const struct relate_index *x, uint32_t doc, uint32_t unit,
    struct relate_hit out[RELATE_TOP])
{
	uint32_t		 set[CAND_SLOTS];
	size_t			 self, np, i, k, n = 0, nc = 0;
	const struct runit	*q, *c, *cand[RELATE_CANDIDATES];
	const struct tlist	*l, *pl[RELATE_TERMS];
	struct relate_hit	 h;
	struct relate_probe	 pr;
	double			 s;

	if (!x->frozen || (self = find_unit(x, doc, unit)) == (size_t)-1)
		return 0;
	q = &x->units[self];
	np = prefix_lists(x, q, pl);
	memset(set, 0, sizeof(set));
	/* The prefix is in the global order (rarest first): the cap keeps
	 * the candidates of the rarest terms.  Each is scored once. */
	for (i = 0; i < np && nc < RELATE_CANDIDATES; i++) {
		l = pl[i];
		for (k = 0; k < l->n && nc < RELATE_CANDIDATES; k++) {
			c = &x->units[l->unit[k]];
			if (c->doc == doc || !cand_put(set, l->unit[k]))
				continue;
			cand[nc++] = c;
		}
	}
	if (nc == 0)
		return 0;
	relate_probe_make(&pr, &q->sig);
	for (k = 0; k < nc && k < FETCH_AHEAD; k++)
		sig_fetch(&cand[k]->sig);
	for (k = 0; k < nc; k++) {
		if (k + FETCH_AHEAD < nc)
			sig_fetch(&cand[k + FETCH_AHEAD]->sig);
		c = cand[k];
		s = relate_score_ceil(q->sig.norm2, c->sig.norm2);
		if (s < RELATE_THRESHOLD ||
		    (n == RELATE_TOP && (float)s < out[n - 1].score))
			continue;
		s = relate_score_probe(&pr, &c->sig);
		if (s < RELATE_THRESHOLD)
			continue;
		h.doc = c->doc;
		h.unit = c->unit;
		h.score = (float)s;
		n = top_put(out, n, &h);
	}
	return n;
}

/* For every plan unit, the best report unit. */
size_t
relate_match(const struct relate_index *x, struct relate_span plan,
    struct relate_span report, relate_match_fn fn, void *arg)
{
	size_t			 pi, ri, matched = 0;
	const struct runit	*p, *r;
	struct relate_hit	 best;
	struct relate_probe	 pr;
	double			 s;
	int			 have;

	if (!x->frozen)
		return 0;
	for (pi = lower_unit(x, plan.doc, plan.first); pi < x->nunits; pi++) {
		p = &x->units[pi];
		if (p->doc != plan.doc || p->unit >= plan.end)
			break;
		relate_probe_make(&pr, &p->sig);
		have = 0;
		memset(&best, 0, sizeof(best));
		for (ri = lower_unit(x, report.doc, report.first);
		    ri < x->nunits; ri++) {
			r = &x->units[ri];
			if (r->doc != report.doc || r->unit >= report.end)
				break;
			s = relate_score_probe(&pr, &r->sig);
			if (s < RELATE_MATCH_MIN || (have && s <= best.score))
				continue;
			best.doc = r->doc;
			best.unit = r->unit;
			best.score = (float)s;
			have = 1;
		}
		matched += (size_t)have;
		fn(arg, p->unit, have ? &best : NULL);
	}
	return matched;
}
