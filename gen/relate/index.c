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
 * common term), so only prefixes are indexed and probed: the cost grows
 * with the units that share a rare term, not with the square of the
 * units, and no pair above the threshold is missed, up to
 * RELATE_CANDIDATES candidates a unit (those of its rarest terms first,
 * then by document order: a site of near-identical items, as the
 * benchmark's generated one, would otherwise cost the square of its
 * units).  Every candidate is scored exactly (relate_score()).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "relate/relate_int.h"

struct runit {
	uint32_t		 doc, unit;
	const struct relate_sig	*sig;
};

struct post {
	uint32_t	code;
	uint32_t	unit;	/* index into units */
};

struct relate_index {
	struct runit	*units;
	size_t		 nunits, capunits;
	struct post	*post;		/* by code, then unit */
	size_t		 npost, cappost;
	uint32_t	*codes;		/* distinct codes of post, ascending */
	uint32_t	*start;		/* their first post; start[ncodes] */
	size_t		 ncodes;
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
	if (x == NULL)
		return;
	free(x->units);
	free(x->post);
	free(x->codes);
	free(x->start);
	free(x);
}

/* The global order of terms: rarer (heavier idf) first, then code. */
struct oterm {
	double		idf;
	uint32_t	code;
	uint32_t	w;
};

static int
oterm_cmp(const void *a, const void *b)
{
	const struct oterm	*x = a, *y = b;

	if (x->idf != y->idf)
		return x->idf > y->idf ? -1 : 1;
	return (x->code > y->code) - (x->code < y->code);
}

/* The terms of sig's prefix into out (codes); return their number.  The
 * weight after the prefix, alone, scores below RELATE_THRESHOLD with
 * any signature. */
static size_t
sig_prefix(const struct relate_sig *sig, uint32_t *out)
{
	struct oterm	 t[RELATE_TERMS];
	double		 rest, lim;
	size_t		 i, n = sig->n;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		t[i].idf = relate_term_idf(sig->term[i]);
		t[i].code = sig->term[i];
		t[i].w = sig->w[i];
	}
	qsort(t, n, sizeof(*t), oterm_cmp);
	/* rest: the squared weight of the terms from i on. */
	lim = RELATE_THRESHOLD * RELATE_THRESHOLD * (double)sig->norm2;
	rest = (double)sig->norm2;
	for (i = 0; i < n; i++) {
		/* From here on, score <= sqrt(rest / norm2); stop when below
		 * the threshold (a small margin for rounding). */
		if (rest < lim * 0.999)
			break;
		out[i] = t[i].code;
		rest -= (double)t[i].w * t[i].w;
	}
	return i;
}

/* Add unit (doc, unit) with signature sig. */
void
relate_add(struct relate_index *x, uint32_t doc, uint32_t unit,
    const struct relate_sig *sig)
{
	uint32_t	 p[RELATE_TERMS];
	size_t		 n, i;

	if (x->frozen)
		return;
	if (x->nunits == x->capunits) {
		x->capunits = x->capunits ? x->capunits * 2 : 1024;
		x->units = xreallocarray(x->units, x->capunits,
		    sizeof(*x->units));
	}
	x->units[x->nunits].doc = doc;
	x->units[x->nunits].unit = unit;
	x->units[x->nunits].sig = sig;
	n = sig_prefix(sig, p);
	for (i = 0; i < n; i++) {
		if (x->npost == x->cappost) {
			x->cappost = x->cappost ? x->cappost * 2 : 4096;
			x->post = xreallocarray(x->post, x->cappost,
			    sizeof(*x->post));
		}
		x->post[x->npost].code = p[i];
		x->post[x->npost++].unit = (uint32_t)x->nunits;
	}
	x->nunits++;
}

static int
post_cmp(const void *a, const void *b)
{
	const struct post	*x = a, *y = b;

	if (x->code != y->code)
		return (x->code > y->code) - (x->code < y->code);
	return (x->unit > y->unit) - (x->unit < y->unit);
}

/* Sort the postings and index them by code. */
void
relate_freeze(struct relate_index *x)
{
	size_t	 i;

	if (x->frozen)
		return;
	x->frozen = 1;
	if (x->npost > 1)
		qsort(x->post, x->npost, sizeof(*x->post), post_cmp);
	x->codes = xcalloc(x->npost + 1, sizeof(*x->codes));
	x->start = xcalloc(x->npost + 2, sizeof(*x->start));
	for (i = 0; i < x->npost; i++) {
		if (i == 0 || x->post[i].code != x->post[i - 1].code) {
			x->codes[x->ncodes] = x->post[i].code;
			x->start[x->ncodes++] = (uint32_t)i;
		}
	}
	x->start[x->ncodes] = (uint32_t)x->npost;
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

/* The postings of code: [*b, *e). */
static void
postings(const struct relate_index *x, uint32_t code, size_t *b, size_t *e)
{
	size_t	 lo = 0, hi = x->ncodes, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (x->codes[mid] < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < x->ncodes && x->codes[lo] == code) {
		*b = x->start[lo];
		*e = x->start[lo + 1];
	} else
		*b = *e = 0;
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

/* Up to RELATE_TOP related units of other documents. */
size_t
relate_similar(const struct relate_index *x, uint32_t doc, uint32_t unit,
    struct relate_hit out[RELATE_TOP])
{
	uint32_t		 p[RELATE_TERMS], *seen = NULL;
	size_t			 self, np, i, k, b, e, n = 0, nseen = 0, cap = 0;
	const struct runit	*q, *c;
	struct relate_hit	 h;
	double			 s;

	if (!x->frozen || (self = find_unit(x, doc, unit)) == (size_t)-1)
		return 0;
	q = &x->units[self];
	np = sig_prefix(q->sig, p);
	/* The prefix is in the global order (rarest first): the cap keeps
	 * the candidates of the rarest terms. */
	for (i = 0; i < np && nseen < RELATE_CANDIDATES; i++) {
		postings(x, p[i], &b, &e);
		for (k = b; k < e && nseen < RELATE_CANDIDATES; k++) {
			c = &x->units[x->post[k].unit];
			if (c->doc == doc)
				continue;
			if (nseen == cap) {
				cap = cap ? cap * 2 : 256;
				seen = xreallocarray(seen, cap, sizeof(*seen));
			}
			seen[nseen++] = x->post[k].unit;
		}
	}
	/* Each candidate once: sort the list and skip repeats. */
	if (nseen > 1)
		qsort(seen, nseen, sizeof(*seen), u32_cmp);
	for (i = 0; i < nseen; i++) {
		if (i > 0 && seen[i] == seen[i - 1])
			continue;
		c = &x->units[seen[i]];
		s = relate_score(q->sig, c->sig);
		if (s < RELATE_THRESHOLD)
			continue;
		h.doc = c->doc;
		h.unit = c->unit;
		h.score = (float)s;
		n = top_put(out, n, &h);
	}
	free(seen);
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
	double			 s;
	int			 have;

	if (!x->frozen)
		return 0;
	for (pi = lower_unit(x, plan.doc, plan.first); pi < x->nunits; pi++) {
		p = &x->units[pi];
		if (p->doc != plan.doc || p->unit >= plan.end)
			break;
		have = 0;
		memset(&best, 0, sizeof(best));
		for (ri = lower_unit(x, report.doc, report.first);
		    ri < x->nunits; ri++) {
			r = &x->units[ri];
			if (r->doc != report.doc || r->unit >= report.end)
				break;
			s = relate_score(p->sig, r->sig);
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
