/*
 * relate.c — units of a document and their signatures: the terms of a
 * unit's text (Han character bigrams, traditional characters folded to
 * simplified ones; the character of a run of one),
 * weighted by the shipped table (BM25's idf over the reference set,
 * data/relate-idf.tsv) and, within a document, less for a term most of
 * its units share (its topic, not the unit's commitment); the first
 * RELATE_TERMS distinct terms of its text kept as its signature (the
 * beginning of an item holds its commitment); the score of two signatures.
 * Nothing here depends on any other document of the site, so an edit
 * changes only the signatures of the document edited.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "relate/relate_int.h"

#define HAN_FIRST	0x4E00u
#define HAN_LAST	0x9FFFu
#define HAN_N		(HAN_LAST - HAN_FIRST + 1)
#define UNI_BASE	0x20000000u
/* The knobs below can be set with -D by tests/labels/tune.sh, which
 * prints the tuning part's figures for them (issue 21). */
#ifndef TEXT_CP
#define TEXT_CP		200	/* characters of a unit's text weighed */
#endif
#ifndef LOCAL_MIN
#define LOCAL_MIN	4	/* units a document needs for local weights */
#endif
#define MAX_TERMS	512	/* distinct terms of TEXT_CP characters, and more */
#ifndef LEAD_W
#define LEAD_W		1.5	/* a term of the lead counts this much more */
#endif
/* A term of the heading only, relative to its idf: low enough that two
 * items sharing their heading and nothing else (一、加强综合监管 over
 * 3.开展控烟宣传… and 3.推进老年友善…) stay under the thresholds (0.05
 * at 0.4, 0.17 at 1.0); the tuning labels gain as much at 0.4 as at 1.0
 * in recall at precision 0.9. */
#ifndef HEAD_W
#define HEAD_W		0.4
#endif
/* Added to each signature's norm2 in the score: about three terms of
 * the heaviest weight (RELATE_WMAX squared is 3,969). */
#ifndef SCORE_SMOOTH
#define SCORE_SMOOTH	12000.0
#endif

/* The code of Han bigram (a, b), of one Han character a (b 0), or 0. */
uint32_t
relate_code(uint32_t a, uint32_t b)
{
	if (a < HAN_FIRST || a > HAN_LAST)
		return 0;
	if (b == 0)
		return UNI_BASE + a;
	if (b < HAN_FIRST || b > HAN_LAST)
		return 0;
	return 1 + (a - HAN_FIRST) * HAN_N + (b - HAN_FIRST);
}

/* The df of code in the shipped table: a term not there counts as one
 * seen in a single unit. */
uint32_t
relate_term_df(uint32_t code)
{
	size_t		 lo = 0, hi = relate_nidf, mid;
	uint32_t	 df = 1;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (relate_idf[mid].code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < relate_nidf && relate_idf[lo].code == code)
		df = relate_idf[lo].df;
	return df > relate_idf_units ? relate_idf_units : df;
}

/* The idf of code in the shipped table (its df: relate_term_df()). */
double
relate_term_idf(uint32_t code)
{
	double		 n = (double)relate_idf_units;
	double		 df = relate_term_df(code);

	return log((n - df + 0.5) / (df + 0.5) + 1);
}

/* Is cp a Han character of the unified block? */
static int
is_han(uint32_t cp)
{
	return cp >= HAN_FIRST && cp <= HAN_LAST;
}

/* Function characters (与 为 之 于 从 以 其 及 和 在 对 并 或 由 的 等),
 * by code point: they join words, so a bigram holding one spans two words
 * (务的, 为签) and says nothing of the commitment; they end a run of
 * Han characters like punctuation.  scripts/relate-idf keeps the same
 * list for the reference counts. */
static const uint16_t func_cp[] = {
	0x4E0E, 0x4E3A, 0x4E4B, 0x4E8E, 0x4ECE, 0x4EE5, 0x5176, 0x53CA,
	0x548C, 0x5728, 0x5BF9, 0x5E76, 0x6216, 0x7531, 0x7684, 0x7B49,
};

/* Is cp one of the function characters? */
static int
is_func(uint32_t cp)
{
	size_t	 i;

	for (i = 0; i < sizeof(func_cp) / sizeof(func_cp[0]); i++)
		if (func_cp[i] == cp)
			return 1;
	return 0;
}

/* Is cp a character a term is made of: Han, not a function character? */
static int
is_term_cp(uint32_t cp)
{
	return is_han(cp) && !is_func(cp);
}

/* The number of Han characters of s[0..len), counting up to stop. */
static size_t
han_count_n(const char *s, size_t len, size_t stop)
{
	size_t		 i = 0, n = 0, k;
	uint32_t	 cp;

	while (i < len && n < stop) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			k = 1;
		else if (is_han(cp))
			n++;
		i += k;
	}
	return n;
}

/* The number of Han characters of the string s (NULL: none), up to
 * stop. */
static size_t
han_count(const char *s, size_t stop)
{
	return s == NULL ? 0 : han_count_n(s, strlen(s), stop);
}

/* Is n a unit: an item or paragraph with two Han characters or more? */
int
relate_is_unit(const struct node *n)
{
	size_t	 h, i;

	if (n->type != NODE_ITEM && n->type != NODE_PARAGRAPH)
		return 0;
	h = han_count(n->text, 2);
	if (h < 2)
		h += han_count(n->title, 2 - h);
	for (i = 0; h < 2 && i < n->nfields; i++)
		h += han_count(n->fields[i].text, 2 - h);
	return h >= 2;
}

/* Append s to out after a "\n" when out has text. */
static void
put_part(struct buf *out, const char *s)
{
	if (s == NULL || *s == '\0')
		return;
	if (out->len > 0)
		buf_putc(out, '\n');
	buf_puts(out, s);
}

/* Append unit n's text: title (unless text starts with it), text,
 * fields. */
void
relate_unit_text(const struct node *n, struct buf *out)
{
	size_t	 i, start = out->len;

	if (n->title != NULL && (n->text == NULL ||
	    strncmp(n->text, n->title, strlen(n->title)) != 0)) {
		buf_puts(out, n->title);
	}
	if (n->text != NULL && *n->text != '\0') {
		if (out->len > start)
			buf_putc(out, '\n');
		buf_puts(out, n->text);
	}
	for (i = 0; i < n->nfields; i++) {
		if (out->len == start)
			buf_puts(out, n->fields[i].text ? n->fields[i].text : "");
		else
			put_part(out, n->fields[i].text);
	}
}

/* qsort() order of uint32_t: ascending. */
int
u32_cmp(const void *a, const void *b)
{
	uint32_t	 x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* The first keep distinct terms, in text order, of the first ncp
 * characters of s[0..len) into t[0..keep) (keep <= MAX_TERMS), then
 * sorted ascending; return their number.  With keep MAX_TERMS, every
 * term up to MAX_TERMS occurrences, made distinct after. */
static size_t
terms_of(const char *s, size_t len, size_t ncp, uint32_t *t, size_t keep)
{
	size_t		 i = 0, k, n = 0, seen = 0, run = 0, j, w;
	uint32_t	 cp, prev = 0, code;
	int		 all = keep >= MAX_TERMS;

	for (;;) {
		cp = 0;
		k = 0;
		code = 0;
		if (n < keep && i < len && seen < ncp) {
			if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
				k = 1;
			seen++;
		}
		if (k != 0 && is_han(cp))
			cp = fold_cp(cp);
		if (k != 0 && is_term_cp(cp)) {
			if (run > 0)
				code = relate_code(prev, cp);
			run++;
			prev = cp;
		} else {
			if (run == 1)
				code = relate_code(prev, 0);
			run = 0;
		}
		/* Keep code unless it is there already (at most keep:
		 * a linear look), or every one (made distinct below). */
		for (j = 0; !all && code != 0 && j < n; j++)
			if (t[j] == code)
				code = 0;
		if (code != 0 && n < keep)
			t[n++] = code;
		if (k == 0)
			break;
		i += k;
	}
	if (n > 1)
		qsort(t, n, sizeof(*t), u32_cmp);
	for (i = 0, w = 0; i < n; i++)
		if (w == 0 || t[w - 1] != t[i])
			t[w++] = t[i];
	return w;
}

struct wterm {
	uint32_t	code;
	double		w;
};

/* Heavier first; equal weights by code. */
static int
wterm_cmp(const void *a, const void *b)
{
	const struct wterm	*x = a, *y = b;

	if (x->w != y->w)
		return x->w > y->w ? -1 : 1;
	return (x->code > y->code) - (x->code < y->code);
}

/* By code. */
static int
wterm_code_cmp(const void *a, const void *b)
{
	const struct wterm	*x = a, *y = b;

	return (x->code > y->code) - (x->code < y->code);
}

/* The signature of the terms t[0..n) weighted w (changed), weights
 * scaled so the heaviest is RELATE_WMAX. */
static void
sig_from(struct arena *a, struct wterm *t, size_t n, struct relate_sig *out)
{
	uint32_t	*code;
	uint8_t		*w;
	double		 top, q;
	size_t		 i;

	memset(out, 0, sizeof(*out));
	if (n == 0)
		return;
	qsort(t, n, sizeof(*t), wterm_cmp);
	top = t[0].w > 0 ? t[0].w : 1;
	qsort(t, n, sizeof(*t), wterm_code_cmp);
	code = arena_alloc(a, n * sizeof(*code));
	w = arena_alloc(a, n);
	for (i = 0; i < n; i++) {
		code[i] = t[i].code;
		q = floor(RELATE_WMAX * t[i].w / top + 0.5);
		w[i] = (uint8_t)(q < 1 ? 1 : q > RELATE_WMAX ? RELATE_WMAX : q);
		out->norm2 += (uint32_t)w[i] * w[i];
	}
	out->term = code;
	out->w = w;
	out->n = (uint32_t)n;
}

/* The length in bytes of the lead of s[0..len): up to its first end of
 * sentence (。；！？;!?) or line (a title ends with one). */
static size_t
lead_len(const char *s, size_t len)
{
	size_t		 i = 0, k;
	uint32_t	 cp;

	while (i < len) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0)
			k = 1;
		else if (cp == 0x3002 || cp == 0xFF1B || cp == 0xFF01 ||
		    cp == 0xFF1F || cp == ';' || cp == '!' || cp == '?' ||
		    cp == '\n')
			break;
		i += k;
	}
	return i;
}

/* The terms of a unit's text s[0..len) into wt, each weighted by its
 * idf, LEAD_W times more when the lead (its first sentence, or its
 * title) has it: the lead names the commitment, the rest says how.
 * Return their number (at most RELATE_TERMS). */
static size_t
unit_terms(const char *s, size_t len, struct wterm *wt)
{
	uint32_t	 t[MAX_TERMS], lt[MAX_TERMS];
	size_t		 n, nl, i;

	n = terms_of(s, len, TEXT_CP, t, RELATE_TERMS);
	nl = terms_of(s, lead_len(s, len), TEXT_CP, lt, RELATE_TERMS);
	for (i = 0; i < n; i++) {
		wt[i].code = t[i];
		wt[i].w = relate_term_idf(t[i]);
		if (nl > 0 && bsearch(&t[i], lt, nl, sizeof(*lt),
		    u32_cmp) != NULL)
			wt[i].w *= LEAD_W;
	}
	return n;
}

/* The title of n's nearest heading: the section or item around it
 * with a title, or NULL. */
static const char *
heading_of(const struct node *n)
{
	const struct node	*p;
	int			 depth = 0;

	for (p = n->parent; p != NULL && depth < 64; p = p->parent, depth++)
		if ((p->type == NODE_SECTION || p->type == NODE_ITEM) &&
		    p->title != NULL && *p->title != '\0')
			return p->title;
	return NULL;
}

/* Add to wt[0..n) (sorted by code) the terms of heading h not there,
 * weighted HEAD_W times their idf: the heading says what a short item
 * under it is about (二、加强公共卫生 over 3. 修订应急预案).  Return the
 * new number of terms (at most 2 * RELATE_TERMS). */
static size_t
add_heading(const char *h, struct wterm *wt, size_t n)
{
	uint32_t	 ht[MAX_TERMS];
	struct wterm	 key;
	size_t		 nh, i, m = n;

	if (h == NULL)
		return n;
	nh = terms_of(h, strlen(h), TEXT_CP, ht, RELATE_TERMS);
	for (i = 0; i < nh; i++) {
		key.code = ht[i];
		if (n > 0 && bsearch(&key, wt, n, sizeof(*wt),
		    wterm_code_cmp) != NULL)
			continue;
		wt[m].code = ht[i];
		wt[m++].w = relate_term_idf(ht[i]) * HEAD_W;
	}
	return m;
}

/* The signature of text[0..len) alone. */
void
relate_sig_make(struct arena *a, const char *text, size_t len,
    struct relate_sig *out)
{
	struct wterm	 wt[MAX_TERMS];

	sig_from(a, wt, unit_terms(text, len, wt), out);
}

/* A clause (below) has at least CLAUSE_MIN Han characters: a shorter
 * sentence is a heading's or a detail's, and scored alone it matches by
 * chance. */
#ifndef CLAUSE_MIN
#define CLAUSE_MIN	20
#endif

/* The signatures of the clauses of text[0..len): its sentences (up to
 * 。；！？;!? or a line end, as the lead) within its first TEXT_CP
 * characters with CLAUSE_MIN Han characters or more, each made alone
 * (relate_sig_make()), into out[0..max) in text order; return their
 * number.  One item's clause can be another's whole commitment; scored
 * against it, a clause is not drowned by the rest of its item
 * (docs/relations.md: a trial, not yet in related items). */
size_t
relate_clause_sigs(struct arena *a, const char *text, size_t len,
    struct relate_sig *out, size_t max)
{
	size_t		 lim = 0, ncp = 0, pos = 0, end, k, n = 0;
	uint32_t	 cp;

	while (lim < len && ncp++ < TEXT_CP) {
		if ((k = utf8_decode(text + lim, len - lim, &cp)) == 0)
			k = 1;
		lim += k;
	}
	while (pos < lim && n < max) {
		end = pos + lead_len(text + pos, lim - pos);
		if (han_count_n(text + pos, end - pos, CLAUSE_MIN) >= CLAUSE_MIN)
			relate_sig_make(a, text + pos, end - pos, &out[n++]);
		if (end < lim && (k = utf8_decode(text + end, lim - end,
		    &cp)) != 0)
			end += k;	/* the sentence's end mark */
		else if (end < lim)
			end++;
		pos = end;
	}
	return n;
}

/* Two units that share fewer than PHRASE_MIN phrases (below) score
 * PHRASE_F times their cosine: one shared phrase (人才队伍建设 of a
 * health workforce item and of a teachers' one; 社区卫生服务 of building
 * stations and of buying services) is the same words, two or three
 * are the same commitment.  Tuning part: average precision 0.697 ->
 * 0.803, recall at precision 0.9 0.538 either way (docs/relations.md). */
#ifndef PHRASE_MIN
#define PHRASE_MIN	3
#endif
#ifndef PHRASE_F
#define PHRASE_F	0.4
#endif

/* The first character of term code into *a, its second into *b (0 for
 * the term of a character alone). */
static void
term_chars(uint32_t code, uint32_t *a, uint32_t *b)
{
	if (code >= UNI_BASE) {
		*a = code - UNI_BASE;
		*b = 0;
		return;
	}
	*a = (code - 1) / HAN_N + HAN_FIRST;
	*b = (code - 1) % HAN_N + HAN_FIRST;
}

/* The root of i in the union-find forest p. */
static size_t
uf_find(size_t *p, size_t i)
{
	while (p[i] != i)
		i = p[i] = p[p[i]];
	return i;
}

/* The position of character cp in ch[0..*n), added (its own root in p)
 * when not there. */
static size_t
char_slot(uint32_t *ch, size_t *p, size_t *n, uint32_t cp)
{
	size_t	 i;

	for (i = 0; i < *n; i++)
		if (ch[i] == cp)
			return i;
	ch[*n] = cp;
	p[*n] = *n;
	return (*n)++;
}

/* The number of phrases the terms c[0..n) (n <= RELATE_TERMS) make:
 * bigrams chained through a character (疾病 病预 预防) are one phrase, a
 * character alone is one. */
static size_t
phrases(const uint32_t *c, size_t n)
{
	uint32_t	 ch[2 * RELATE_TERMS], a, b;
	size_t		 p[2 * RELATE_TERMS], nch = 0, i, u, v, r = 0;

	for (i = 0; i < n; i++) {
		term_chars(c[i], &a, &b);
		u = char_slot(ch, p, &nch, a);
		if (b == 0)
			continue;
		v = char_slot(ch, p, &nch, b);
		p[uf_find(p, u)] = uf_find(p, v);
	}
	for (i = 0; i < nch; i++)
		r += uf_find(p, i) == i;
	return r;
}

/* The score of two signatures of norm2 nx2 and ny2 whose weights' dot
 * product is dot. */
static double
score_norms(uint64_t dot, uint32_t nx2, uint32_t ny2)
{
	return (double)dot / sqrt(((double)nx2 + SCORE_SMOOTH) *
	    ((double)ny2 + SCORE_SMOOTH));
}

/* The score of x and y from the dot product of their weights and
 * their common terms c[0..nc) (the first RELATE_TERMS of them): the
 * smoothed cosine, times PHRASE_F when the common terms make fewer
 * than PHRASE_MIN phrases.  The one formula of relate_score() and
 * relate_score_probe(). */
static double
score_final(uint64_t dot, const uint32_t *c, size_t nc,
    const struct relate_sig *x, const struct relate_sig *y)
{
	double	 s;

	s = score_norms(dot, x->norm2, y->norm2);
	if (nc < PHRASE_MIN || phrases(c, nc) < PHRASE_MIN)
		s *= PHRASE_F;
	return s;
}

/* At least relate_score(x, y) of any x, y of norm2 nx2, ny2: the dot
 * product is at most sqrt(nx2 * ny2) (Cauchy-Schwarz), rounded up to
 * an integer, and the score grows with it. */
double
relate_score_ceil(uint32_t nx2, uint32_t ny2)
{
	return score_norms((uint64_t)sqrt((double)nx2 * ny2) + 1, nx2, ny2);
}

/* Cosine of x and y over their common terms, each norm smoothed by
 * SCORE_SMOOTH (a unit of few terms scores less: its few shared terms
 * are weak evidence), times PHRASE_F when the common terms make fewer
 * than PHRASE_MIN phrases.  Never above the plain cosine, which the
 * index's prefix filter bounds. */
double
relate_score(const struct relate_sig *x, const struct relate_sig *y)
{
	uint32_t	 i = 0, j = 0, tx, ty, c[RELATE_TERMS];
	uint64_t	 dot = 0;
	size_t		 nc = 0;

	if (x->n == 0 || y->n == 0)
		return 0;
	while (i < x->n && j < y->n) {
		tx = relate_sig_term(x, i);
		ty = relate_sig_term(y, j);
		if (tx < ty)
			i++;
		else if (tx > ty)
			j++;
		else {
			if (nc < RELATE_TERMS)
				c[nc++] = tx;
			dot += (uint64_t)x->w[i++] * y->w[j++];
		}
	}
	return score_final(dot, c, nc, x, y);
}

/* The slot of code in a probe's table. */
static size_t
probe_slot(uint32_t code)
{
	return (size_t)((code * 0x9E3779B1u) >> 22) & (RELATE_PROBE_SLOTS - 1);
}

/* Make p ready to score x. */
void
relate_probe_make(struct relate_probe *p, const struct relate_sig *x)
{
	size_t		 i, k;
	uint32_t	 c;

	_Static_assert(RELATE_PROBE_SLOTS > 2 * RELATE_TERMS,
	    "a probe's table is at most half full");
	memset(p->code, 0, sizeof(p->code));
	p->sig = x;
	for (k = 0; k < x->n; k++) {
		c = relate_sig_term(x, k);
		for (i = probe_slot(c); p->code[i] != 0 && p->code[i] != c;
		    i = (i + 1) & (RELATE_PROBE_SLOTS - 1))
			continue;
		p->code[i] = c;
		p->w[i] = x->w[k];
	}
}

/* relate_score(p->sig, y): each term of y looked up in p's table. */
double
relate_score_probe(const struct relate_probe *p, const struct relate_sig *y)
{
	const struct relate_sig	*x = p->sig;
	uint64_t		 dot = 0;
	uint32_t		 k, c, e, com[RELATE_TERMS];
	size_t			 i, nc = 0;

	if (x->n == 0 || y->n == 0)
		return 0;
	/* The slot of c mostly holds c or nothing (the table is sparse):
	 * that is added without a branch; another code there, the slots
	 * after it are looked at. */
	for (k = 0; k < y->n; k++) {
		c = relate_sig_term(y, k);
		i = probe_slot(c);
		e = p->code[i];
		dot += (uint64_t)(p->w[i] * y->w[k]) & -(uint64_t)(e == c);
		if (e == c) {
			if (nc < RELATE_TERMS)
				com[nc++] = c;
			continue;
		}
		if (e == 0)
			continue;
		for (i = (i + 1) & (RELATE_PROBE_SLOTS - 1); p->code[i] != 0;
		    i = (i + 1) & (RELATE_PROBE_SLOTS - 1))
			if (p->code[i] == c) {
				dot += (uint64_t)p->w[i] * y->w[k];
				if (nc < RELATE_TERMS)
					com[nc++] = c;
				break;
			}
	}
	return score_final(dot, com, nc, x, y);
}

/* A document's terms and how many of its units hold each: every
 * unit's distinct terms appended, then sorted and counted. */
struct local {
	uint32_t	*code;
	uint32_t	*n;
	size_t		 len, cap;
};

/* Append t[0..n) to l (counted by local_end()). */
static void
local_add(struct local *l, const uint32_t *t, size_t n)
{
	if (l->len + n > l->cap) {
		l->cap = (l->len + n) * 2;
		l->code = xreallocarray(l->code, l->cap, sizeof(*l->code));
	}
	memcpy(l->code + l->len, t, n * sizeof(*t));
	l->len += n;
}

/* Sort the codes, keep each once with its count in n. */
static void
local_end(struct local *l)
{
	size_t	 i, w = 0;

	if (l->len > 1)
		qsort(l->code, l->len, sizeof(*l->code), u32_cmp);
	l->n = xcalloc(l->len + 1, sizeof(*l->n));
	for (i = 0; i < l->len; i++) {
		if (w > 0 && l->code[w - 1] == l->code[i]) {
			l->n[w - 1]++;
			continue;
		}
		l->code[w] = l->code[i];
		l->n[w++] = 1;
	}
	l->len = w;
}

/* How many units of the document hold code (at least 1). */
static uint32_t
local_df(const struct local *l, uint32_t code)
{
	size_t	 lo = 0, hi = l->len, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (l->code[mid] < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < l->len && l->code[lo] == code && l->n[lo] > 0 ?
	    l->n[lo] : 1;
}

/* Append the units under n (n included) to *v, seq counting nodes in
 * pre-order; depth is capped like every walk of a tree.  It stops past
 * RELATE_DOC_UNITS (such a document takes no part: its units are not
 * all held). */
static void
collect(const struct node *n, uint32_t *seq, struct relate_unit **v,
    size_t *len, size_t *cap, int depth)
{
	const struct node	*c;

	if (*len > RELATE_DOC_UNITS)
		return;
	if (relate_is_unit(n)) {
		if (*len == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*v = xreallocarray(*v, *cap, sizeof(**v));
		}
		memset(&(*v)[*len], 0, sizeof(**v));
		(*v)[*len].node = n;
		(*v)[(*len)++].seq = *seq;
	}
	(*seq)++;
	if (depth >= 64)
		return;
	for (c = n->first; c != NULL; c = c->next)
		collect(c, seq, v, len, cap, depth + 1);
}

/* The units of doc with signatures weighted within doc, in a. */
size_t
relate_doc_units(struct arena *a, const struct doc *doc,
    struct relate_unit **out)
{
	struct relate_unit	*v = NULL, *res;
	struct local		 l = { 0 };
	struct buf		 b = BUF_INIT;
	uint32_t		 t[MAX_TERMS], seq = 0;
	struct wterm		 wt[MAX_TERMS];
	size_t			 len = 0, cap = 0, i, k, n;
	double			 lw, nu;

	*out = NULL;
	if (doc->root != NULL)
		collect(doc->root, &seq, &v, &len, &cap, 0);
	if (len == 0 || len > RELATE_DOC_UNITS) {
		free(v);
		return 0;
	}
	/* How many units hold each term: over each unit's whole text. */
	for (i = 0; i < len; i++) {
		buf_reset(&b);
		relate_unit_text(v[i].node, &b);
		n = terms_of(b.data, b.len, (size_t)-1, t, MAX_TERMS);
		local_add(&l, t, n);
	}
	local_end(&l);
	nu = (double)len;
	for (i = 0; i < len; i++) {
		buf_reset(&b);
		relate_unit_text(v[i].node, &b);
		n = unit_terms(b.data, b.len, wt);
		n = add_heading(heading_of(v[i].node), wt, n);
		for (k = 0; k < n && len >= LOCAL_MIN; k++) {
			lw = log(1 + nu / local_df(&l, wt[k].code)) /
			    log(1 + nu);
			wt[k].w *= lw;
		}
		/* With its heading's terms, the RELATE_TERMS heaviest. */
		if (n > RELATE_TERMS) {
			qsort(wt, n, sizeof(*wt), wterm_cmp);
			n = RELATE_TERMS;
		}
		sig_from(a, wt, n, &v[i].sig);
	}
	res = arena_alloc(a, len * sizeof(*res));
	memcpy(res, v, len * sizeof(*res));
	*out = res;
	free(v);
	free(l.code);
	free(l.n);
	buf_free(&b);
	return len;
}
