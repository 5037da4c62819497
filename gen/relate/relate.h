/*
 * relate.h — the relate layer: how alike two units of documents are
 * (a numbered item, a table row, a paragraph), the related items of a
 * unit among every document's units, and the report unit that answers
 * each item of a plan.  Above parse (it reads trees), below site (which
 * shows the links).  docs/relations.md says how it scores and why.
 */
#ifndef GEN_RELATE_H
#define GEN_RELATE_H

#include "core/core.h"

#define RELATE_TOP	 5	/* related items shown per unit */
#define RELATE_TERMS	 48	/* terms a signature keeps: the first */
#define RELATE_WMAX	 63	/* a term's weight: 1..63 (six bits) */
#define RELATE_CANDIDATES 128	/* units scored for one, at most */
#define RELATE_POSTINGS	 64	/* units a term's list keeps: the first */
#define RELATE_PER_DOC	 16	/* of them, at most of one document */
/* A document of more units than this takes no part in relations (no
 * related items, no matches): the longest plans and reports hold a few
 * hundred items; a longer text is not one (issue 16: an 8 MB document
 * of 700,000 items made a build superlinear and its summary 140 MB). */
#define RELATE_DOC_UNITS 20000
/* The least score of a related item, chosen on the tuning part of
 * tests/labels/related.tsv (tests/labels/tune.sh, docs/relations.md):
 * the most recall at precision 0.9 or more (14 of 32 related, 1
 * unrelated), between its lowest related pair (0.0668) and the
 * unrelated one below it (0.0642). */
#ifndef RELATE_THRESHOLD
#define RELATE_THRESHOLD 0.065
#endif
/* The least score of a plan-to-report match (tests/labels/matches.tsv,
 * tuning part). */
#define RELATE_MATCH_MIN 0.06

/* ------------------------------------------------------------------ */
/* relate.c — units, signatures, scores                                */
/* ------------------------------------------------------------------ */

/* A unit's compact signature: its first distinct terms (codes of Han
 * bigrams, or of the character of a one-character run), with its
 * heading's terms the heaviest RELATE_TERMS, ascending, each with its
 * weight (1..RELATE_WMAX); norm2 is the sum of the squared weights.
 * The terms are in term, or, when term is NULL, in raw as they are
 * stored (4 bytes each in the host's order, unaligned: a summary's
 * bytes, read in place rather than copied; relate_sig_term()). */
struct relate_sig {
	const uint32_t		*term;
	const uint8_t		*w;
	uint32_t		 n;
	uint32_t		 norm2;
	const unsigned char	*raw;
};

/* Term i of sig (from term or raw). */
static inline uint32_t
relate_sig_term(const struct relate_sig *sig, size_t i)
{
	uint32_t	 v;

	if (sig->term != NULL)
		return sig->term[i];
	memcpy(&v, sig->raw + 4 * i, sizeof(v));
	return v;
}

/* Is n a unit: an item (a table row too) or a paragraph whose text has
 * at least two Han characters? */
int	 relate_is_unit(const struct node *n);
/* Append the text of unit n as it is compared: its title unless its
 * text starts with it, its text, its fields' texts, "\n" between. */
void	 relate_unit_text(const struct node *n, struct buf *out);
/* The signature of text[0..len) alone (no document around it), in a. */
void	 relate_sig_make(struct arena *a, const char *text, size_t len,
	    struct relate_sig *out);

/* The signatures of text[0..len)'s clauses (its sentences in its first
 * 200 characters of 20 Han characters or more), each made alone, into
 * out[0..max), in a; return their number.  Not yet used by related
 * items (docs/relations.md: the clause-score trial). */
size_t	 relate_clause_sigs(struct arena *a, const char *text, size_t len,
	    struct relate_sig *out, size_t max);

/* One unit of a document: its node (valid while the tree lives), its
 * pre-order position among the tree's nodes (the root is 0) and its
 * signature. */
struct relate_unit {
	const struct node	*node;
	uint32_t		 seq;
	struct relate_sig	 sig;
};
/* The units of doc in document order, with signatures weighted within
 * doc (a term most of doc's units share counts less; the terms of a
 * unit's heading added), in a; *out is
 * NULL when there are none or more than RELATE_DOC_UNITS.  Return their
 * number. */
size_t	 relate_doc_units(struct arena *a, const struct doc *doc,
	    struct relate_unit **out);
/* The similarity of x and y in [0,1]: the cosine of the weights with
 * each norm smoothed (a unit of few terms scores less), never above
 * the plain cosine.  Both with their terms in term (not raw: else
 * relate_score_probe()). */
double	 relate_score(const struct relate_sig *x, const struct relate_sig *y);

/* One signature made ready to be scored against many (the index's
 * query): its terms in a small open-addressed table, so a candidate's
 * terms are looked up rather than merged. */
#define RELATE_PROBE_SLOTS 1024	/* a power of two, > 2 * RELATE_TERMS:
				 * sparse, a look-up seldom goes on */
struct relate_probe {
	const struct relate_sig	*sig;
	uint32_t		 code[RELATE_PROBE_SLOTS];	/* 0: empty */
	uint8_t			 w[RELATE_PROBE_SLOTS];
};
/* Make p ready to score x (which must outlive p's use). */
void	 relate_probe_make(struct relate_probe *p, const struct relate_sig *x);
/* relate_score(p's signature, y), exactly: the same dot product of the
 * same weights, the same formula. */
double	 relate_score_probe(const struct relate_probe *p,
	    const struct relate_sig *y);
/* A score no pair of signatures of norm2 nx2 and ny2 exceeds (x the
 * first argument of relate_score()). */
double	 relate_score_ceil(uint32_t nx2, uint32_t ny2);

/* ------------------------------------------------------------------ */
/* index.c — every document's units, related items, matches            */
/* ------------------------------------------------------------------ */

struct relate_index;

struct relate_hit {
	uint32_t	doc;	/* the caller's document number */
	uint32_t	unit;	/* the caller's unit number in it */
	float		score;
};

/* A range of units of one document: [first, end). */
struct relate_span {
	uint32_t	doc, first, end;
};

/* A new empty index. */
struct relate_index *relate_new(void);
/* Add unit `unit` of document `doc`; sig is copied, not its terms and
 * weights, which must live as long as the index.  Units are added in
 * (doc, unit) order. */
void	 relate_add(struct relate_index *, uint32_t doc, uint32_t unit,
	    const struct relate_sig *sig);
/* The prefix of sig (the terms indexed and probed: index.c) as a mask
 * over its terms (bit i: sig->term[i]). */
uint64_t relate_prefix(const struct relate_sig *sig);
/* relate_add() with the prefix mask given (relate_prefix(sig)). */
void	 relate_add_prefix(struct relate_index *, uint32_t doc, uint32_t unit,
	    const struct relate_sig *sig, uint64_t mask);
/* Close the index to relate_add(); before relate_similar(). */
void	 relate_freeze(struct relate_index *);
/* A document at position doc (in the order units were added) changed:
 * sig (prefix mask) is one of its units, before or after the change.
 * Mark each list of a prefix term of sig that holds, held or would
 * hold that unit. */
void	 relate_touch(struct relate_index *, uint32_t doc,
	    const struct relate_sig *sig, uint64_t mask);
/* Is a prefix term of sig (mask) on a list relate_touch() marked: may
 * the related items of a unit of signature sig have changed? */
int	 relate_touched(const struct relate_index *,
	    const struct relate_sig *sig, uint64_t mask);
/* Up to RELATE_TOP units of other documents scoring at least
 * RELATE_THRESHOLD with unit (doc, unit), best first, equal scores by
 * (doc, unit) ascending, into out; return their number (0 when the
 * unit is not in the index). */
size_t	 relate_similar(const struct relate_index *, uint32_t doc,
	    uint32_t unit, struct relate_hit out[RELATE_TOP]);
/* For every plan unit in order: fn(arg, plan unit, best) with the report
 * unit scoring highest (at least RELATE_MATCH_MIN; equal scores: the
 * first), or best NULL.  Return the number of plan units matched. */
typedef void (*relate_match_fn)(void *arg, uint32_t plan_unit,
	    const struct relate_hit *best);
size_t	 relate_match(const struct relate_index *, struct relate_span plan,
	    struct relate_span report, relate_match_fn fn, void *arg);
/* Free the index (not the signatures). */
void	 relate_free(struct relate_index *);

#endif
