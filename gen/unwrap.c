/*
 * unwrap.c — physical lines → units: rejoin hard-wrapped lines into the
 * paragraphs, headings and items they were cut from.
 *
 * A line continues on the next one when it ends mid-sentence and is
 * "full", as wide as the lines around it (a line clearly shorter than
 * the wrap width ends its paragraph).  Blank lines break paragraphs,
 * except where a document puts one after nearly every line (then they
 * mean nothing) or a stray one sits inside a wrapped region (a full line
 * that ends mid-sentence).  A line that starts with a numbering marker
 * that continues its sequence starts a new unit.  Linear in the text.
 */
#include <stdlib.h>
#include <string.h>

#include "gen.h"

#define WINDOW		6	/* lines either side that set the wrap width */
#define MAX_FAMILIES	32	/* numbering styles remembered while joining */

struct lineinfo {
	int	 width;		/* display columns: 2 for CJK, 1 otherwise */
	int	 cps;		/* code points */
	int	 end;		/* END_* */
	int	 localw;	/* widest mid-sentence line nearby, or 0 */
	int	 next;		/* index of the next non-blank line, or -1 */
	int	 blanks;	/* blank lines between this one and next */
	int	 dash;		/* starts with —— (a byline or subtitle) */
};

struct wrap {
	const struct text	*t;
	size_t			 from, to;
	struct lineinfo		*li;	/* indexed by line - from */
	int			 soft;	/* blank lines mean nothing */
	int			 wrapped; /* most lines end mid-sentence */
	int			 indents; /* paragraphs start indented */
	size_t			 first;	/* the first non-blank line */
	int			 fixed;	/* lines cut every 'fixed' code points */
};

/* Code point at s[*i], advancing *i. */
static uint32_t
cp_at(const char *s, size_t len, size_t *i)
{
	uint32_t	 cp;
	size_t		 n;

	n = utf8_decode(s + *i, len - *i, &cp);
	*i += n ? n : 1;
	return cp;
}

/* Offset of the code point that ends at s[end], i.e. the start of the
 * last character of s[0..end). */
static size_t
cp_back(const char *s, size_t end)
{
	size_t	 i = end;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	return i > 0 ? i - 1 : 0;
}

/* Code point that ends at s[end] (0 when end is 0); *start gets its
 * offset. */
static uint32_t
cp_before(const char *s, size_t end, size_t *start)
{
	size_t		 i;

	if (end == 0) {
		*start = 0;
		return 0;
	}
	i = cp_back(s, end);
	*start = i;
	return cp_at(s, end, &i);
}

/* Display width of a code point. */
int
cp_width(uint32_t cp)
{
	return cp_is_cjk(cp) ? 2 : 1;
}

/* Does cp end a sentence? */
int
cp_is_stop(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F ||
	    cp == '!' || cp == '?' || cp == 0x2026 || cp == 0xFF0E;
}

/* Does cp close a quotation or bracket? */
int
cp_is_closer(uint32_t cp)
{
	return cp == 0x201D || cp == 0x2019 || cp == 0x300D ||
	    cp == 0x300F || cp == 0xFF09 || cp == ')' || cp == 0x300B ||
	    cp == 0x3011 || cp == 0x3009 || cp == '"' || cp == '\'';
}

/* Does cp open a quotation or bracket? */
int
cp_is_opener(uint32_t cp)
{
	return cp == 0x201C || cp == 0x2018 || cp == 0x300C ||
	    cp == 0x300E || cp == 0xFF08 || cp == '(' || cp == 0x300A ||
	    cp == 0x3010 || cp == 0x3008;
}

/* How s[0..len) ends: END_STRONG after 。！？ (also behind closing
 * quotes, or before a trailing parenthesised note), END_WEAK after ；：
 * ， 、, END_NONE mid-sentence. */
int
text_end(const char *s, size_t len)
{
	uint32_t	 cp;
	size_t		 i, end = len;
	int		 depth;

	while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t'))
		end--;
	cp = cp_before(s, end, &i);
	/* A trailing note in brackets: look before it. */
	if (cp == 0xFF09 || cp == ')') {
		depth = 0;
		while (end > 0) {
			cp = cp_before(s, end, &i);
			if (cp == 0xFF09 || cp == ')')
				depth++;
			else if (cp == 0xFF08 || cp == '(')
				depth--;
			end = i;
			if (depth == 0)
				break;
		}
		if (depth != 0)
			return END_NONE;
		while (end > 0 && s[end - 1] == ' ')
			end--;
		cp = cp_before(s, end, &i);
		if (cp_is_stop(cp))
			return END_STRONG;
		if (cp == 0)
			return END_STRONG;
		return END_NONE;
	}
	while (end > 0 && cp_is_closer(cp)) {
		end = i;
		cp = cp_before(s, end, &i);
	}
	if (cp == '.') {
		/* "目标." ends a sentence; "2." does not. */
		cp = cp_before(s, i, &i);
		return ascii_isdigit(cp) || cp == 0 ? END_NONE : END_STRONG;
	}
	if (cp_is_stop(cp))
		return END_STRONG;
	if (cp == 0xFF1B || cp == 0xFF1A || cp == ';' || cp == ':' ||
	    cp == 0xFF0C || cp == 0x3001 || cp == ',')
		return END_WEAK;
	return END_NONE;
}

/* Append line s[0..len) to b as the continuation of a wrapped line: no
 * space between CJK characters, one between Latin words. */
void
join_line(struct buf *b, const char *s, size_t len)
{
	uint32_t	 prev, next;
	size_t		 i = 0, st;

	while (len > 0 && (s[0] == ' ' || s[0] == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0)
		return;
	if (b->len > 0) {
		prev = cp_before(b->data, b->len, &st);
		next = cp_at(s, len, &i);
		if (prev != ' ' && prev < 0x80 && next < 0x80 &&
		    (ascii_isalpha(prev) || ascii_isalpha(next)) &&
		    ascii_isalnum(prev) && ascii_isalnum(next))
			buf_putc(b, ' ');
		else if ((prev == ',' || prev == ';' || prev == ':') &&
		    ascii_isalnum(next))
			buf_putc(b, ' ');
	}
	buf_put(b, s, len);
}

/* Measure line i. */
static void
measure(const struct line *l, struct lineinfo *li)
{
	size_t		 i = 0;
	uint32_t	 cp;

	li->width = li->cps = 0;
	while (i < l->len) {
		cp = cp_at(l->s, l->len, &i);
		li->width += cp_width(cp);
		li->cps++;
	}
	li->cps += l->indent > 0 ? l->indent : 0;
	li->end = text_end(l->s, l->len);
	li->dash = l->len >= 6 && memcmp(l->s, "\xE2\x80\x94\xE2\x80\x94",
	    6) == 0;
}

/* Does the document put a blank line after nearly every line? */
static int
detect_soft(const struct wrap *w)
{
	size_t	 i, lines = 0, single = 0;

	for (i = w->from; i < w->to; i++) {
		const struct lineinfo *li = &w->li[i - w->from];

		if (w->t->v[i].len == 0 || li->next < 0)
			continue;
		lines++;
		if (li->blanks >= 1)
			single++;
	}
	return lines >= 10 && single * 10 >= lines * 7;
}

/* Do most lines end mid-sentence, as hard-wrapped text does?  Only
 * then may a blank line be a stray one inside a paragraph. */
static int
detect_wrapped(const struct wrap *w)
{
	size_t	 i, lines = 0, open = 0;

	for (i = w->from; i < w->to; i++) {
		if (w->t->v[i].len == 0)
			continue;
		lines++;
		if (w->li[i - w->from].end != END_STRONG)
			open++;
	}
	return lines >= 3 && open * 2 >= lines;
}

/* Do the paragraphs start with an indent (and wrapped lines not)? */
static int
detect_indents(const struct wrap *w)
{
	size_t	 i, starts = 0, mids = 0;
	int	 prev = -1, blank = 1;

	for (i = w->from; i < w->to; i++) {
		const struct line *l = &w->t->v[i];

		if (l->len == 0) {
			blank = 1;
			continue;
		}
		if (l->indent >= 2) {
			if (blank || prev < 0 ||
			    w->li[prev - (int)w->from].end == END_STRONG)
				starts++;
			else
				mids++;
		}
		prev = (int)i;
		blank = 0;
	}
	return starts >= 2 && starts >= 2 * mids;
}

/* Were the lines cut every N code points (many lines exactly N long,
 * hardly any longer)?  Return N, or 0. */
static int
detect_fixed(const struct wrap *w)
{
	int	 counts[256];
	size_t	 i, lines = 0, longer = 0;
	int	 best = 0, n;

	memset(counts, 0, sizeof(counts));
	for (i = w->from; i < w->to; i++) {
		const struct lineinfo *li = &w->li[i - w->from];

		if (w->t->v[i].len == 0 || li->next < 0 ||
		    li->blanks > (w->soft ? 1 : 0))
			continue;
		lines++;
		counts[li->cps < 255 ? li->cps : 255]++;
	}
	for (n = 4; n < 255; n++)
		if (counts[n] > counts[best])
			best = n;
	for (n = best + 1; n < 256; n++)
		longer += (size_t)counts[n];
	if (lines >= 8 && best > 0 && (size_t)counts[best] * 10 >= lines * 4 &&
	    longer * 20 <= lines)
		return best;
	return 0;
}

/* The median width of the mid-sentence lines among the WINDOW non-blank
 * lines either side of each line: the local wrap width. */
static void
local_widths(struct wrap *w)
{
	size_t	 n = w->to - w->from, i, k, m = 0, c, a;
	size_t	*nb;
	int	 v[2 * WINDOW], x;

	nb = xreallocarray(NULL, n ? n : 1, sizeof(*nb));
	for (i = w->from; i < w->to; i++)
		if (w->t->v[i].len > 0)
			nb[m++] = i - w->from;
	for (i = 0; i < m; i++) {
		c = 0;
		for (k = i > WINDOW ? i - WINDOW : 0;
		    k < m && k <= i + WINDOW; k++) {
			if (k == i || w->li[nb[k]].end == END_STRONG)
				continue;
			/* Insertion sort: at most 2 * WINDOW values. */
			x = w->li[nb[k]].width;
			for (a = c++; a > 0 && v[a - 1] > x; a--)
				v[a] = v[a - 1];
			v[a] = x;
		}
		w->li[nb[i]].localw = c ? v[c / 2] : 0;
	}
	free(nb);
}

/* Analyse lines [from, to) of t. */
static struct wrap *
wrap_new(const struct text *t, size_t from, size_t to)
{
	struct wrap	*w = xcalloc(1, sizeof(*w));
	size_t		 i, j;

	w->t = t;
	w->from = from;
	w->to = to;
	w->li = xcalloc(to > from ? to - from : 1, sizeof(*w->li));
	for (i = from; i < to; i++) {
		measure(&t->v[i], &w->li[i - from]);
		w->li[i - from].next = -1;
		if (t->v[i].len == 0)
			continue;
		for (j = i + 1; j < to && t->v[j].len == 0; j++)
			continue;
		if (j < to) {
			w->li[i - from].next = (int)j;
			w->li[i - from].blanks = (int)(j - i - 1);
		}
	}
	for (w->first = from; w->first < to && t->v[w->first].len == 0;
	    w->first++)
		continue;
	w->soft = detect_soft(w);
	w->wrapped = detect_wrapped(w);
	w->indents = detect_indents(w);
	w->fixed = detect_fixed(w);
	local_widths(w);
	return w;
}

/* Free what wrap_new() made. */
static void
wrap_free(struct wrap *w)
{
	if (w == NULL)
		return;
	free(w->li);
	free(w);
}

/* Is line i as wide as the wrapped lines around it?  across: it is
 * followed by a blank line (a looser test). */
static int
is_full(const struct wrap *w, size_t i, int across)
{
	const struct lineinfo	*li = &w->li[i - w->from];
	int			 ref = li->localw;

	/* Cut every N code points: cleaning may have taken out a blank
	 * (N-1), but a first line that short is the title. */
	if (w->fixed && i == w->first)
		return li->cps >= w->fixed && li->next >= 0 &&
		    w->li[li->next - w->from].cps < w->fixed - 1;
	if (w->fixed)
		return li->cps >= w->fixed - 1;
	if (ref == 0 && li->next >= 0)
		ref = w->li[li->next - w->from].width;
	if (ref == 0)
		return 0;
	if (li->width * 100 > ref * 125)
		return 0;
	return li->width * 100 >= ref * (across ? 70 : 75);
}

/* Is line i filled to the wrap width (not one character short), so that
 * a sentence ending there says nothing of the paragraph? */
static int
brim_full(const struct wrap *w, size_t i)
{
	const struct lineinfo	*li = &w->li[i - w->from];

	return li->localw > 0 && li->width * 100 >= li->localw * 95 &&
	    li->width * 100 <= li->localw * 125;
}

/* ---- Building units ---- */

struct family {
	struct marker	 m;
	int		 last;
};

struct joiner {
	struct doc		*doc;
	const struct wrap	*w;
	struct family		 fam[MAX_FAMILIES];
	size_t			 nfam;
	struct buf		 b;
	int			 enum_last;	/* last 一是 value in the unit */
	size_t			 scanned;	/* bytes of b scanned for it */
};

/* The remembered family of m, or NULL. */
static struct family *
family_of(struct joiner *j, const struct marker *m)
{
	size_t	 i;

	for (i = 0; i < j->nfam; i++)
		if (marker_same_level(&j->fam[i].m, m))
			return &j->fam[i];
	return NULL;
}

/* Does marker m plausibly number something here: it starts a sequence
 * or continues one seen before? */
static int
plausible(struct joiner *j, const struct marker *m)
{
	struct family	*f;

	if (m->style == M_NONE || m->style == M_AR_BARE)
		return 0;
	if (m->value == 1)
		return 1;
	if ((f = family_of(j, m)) == NULL)
		return 0;
	return m->value > f->last && m->value <= f->last + 3;
}

/* Remember m as the latest of its family. */
static void
remember(struct joiner *j, const struct marker *m)
{
	struct family	*f;

	if (!plausible(j, m))
		return;
	if ((f = family_of(j, m)) == NULL) {
		if (j->nfam == MAX_FAMILIES)
			return;
		f = &j->fam[j->nfam++];
		f->m = *m;
		/* The lead word must outlive the line it points into. */
		f->m.lead = NULL;
		if (m->style == M_LEAD) {
			f->m.lead = arena_strndup(&j->doc->arena, m->lead,
			    m->leadlen);
		}
	}
	f->last = m->value;
}

/* Is s[i] at a place where an enumeration label may start: the start,
 * or after punctuation? */
static int
label_boundary(const char *s, size_t i)
{
	uint32_t	 cp;
	size_t		 st;

	if (i == 0)
		return 1;
	cp = cp_before(s, i, &st);
	return cp_is_stop(cp) || cp == 0xFF1B || cp == 0xFF1A ||
	    cp == 0xFF0C || cp == ';' || cp == ':' || cp == ',' ||
	    cp == 0x3001 || cp_is_closer(cp) || cp == ' ';
}

/* Update j->enum_last from the text added to the unit since the last
 * scan (a label cut by the wrap is found once joined). */
static void
scan_enum(struct joiner *j)
{
	struct marker	 m;
	size_t		 i, back = 0;

	i = j->scanned;
	while (i > 0 && back < 2) {
		i = cp_back(j->b.data, i);
		back++;
	}
	while (i < j->b.len) {
		if (label_boundary(j->b.data, i) &&
		    enum_parse(j->b.data + i, j->b.len - i, &m) &&
		    m.style == M_ENUM) {
			if (m.value == 1 || m.value == j->enum_last + 1)
				j->enum_last = m.value;
		}
		cp_at(j->b.data, j->b.len, &i);
	}
	j->scanned = j->b.len;
}

/* Is a marker of this style also a common way to start a sentence? */
static int
weak_marker(enum mstyle s)
{
	return s == M_LEAD || s == M_ORDINAL || s == M_CIRCLED ||
	    s == M_AR_RPAREN;
}

/* Does line i (ending the unit so far) continue on line k? */
static int
continues(struct joiner *j, size_t i, size_t k, int first)
{
	const struct wrap	*w = j->w;
	const struct lineinfo	*li = &w->li[i - w->from];
	const struct lineinfo	*lk = &w->li[k - w->from];
	const struct line	*l = &w->t->v[i], *lnext = &w->t->v[k];
	struct marker		 m, e;
	int			 blank = li->blanks > 0, full, enum_next;

	if (w->soft && li->blanks == 1)
		blank = 0;
	if (li->blanks > 1)
		return 0;
	if ((l->flags ^ lnext->flags) & LINE_UNDOUBLED)
		return 0;
	/* An indented line starts a paragraph where paragraphs do. */
	if (w->indents && lnext->indent >= 2 && lnext->indent > l->indent)
		return 0;
	if (li->dash || lk->dash)
		return 0;
	full = is_full(w, i, blank);
	/* A title on the first line goes on only into a shorter rest, not
	 * into a full line of the text below it. */
	if (i == w->first && full && !w->fixed && is_full(w, k, 0) &&
	    lk->width * 100 > li->width * 80 && title_words(l->s, l->len))
		return 0;
	/* A marker starts a unit after a finished line; after a full line
	 * cut mid-sentence only a strong one that continues its sequence
	 * does (第一， 亮点一： there are words of the sentence). */
	if (marker_parse(lnext->s, lnext->len, &m) && m.style != M_AR_BARE &&
	    (li->end != END_NONE || !full ||
	    (plausible(j, &m) && !weak_marker(m.style))))
		return 0;
	/* A heading cut in two: 亮点一：党建统领，“能力提 / 升年”成果丰硕 */
	if (first && !blank && li->end == END_NONE &&
	    marker_parse(l->s, l->len, &e) && e.style != M_AR_BARE &&
	    lk->width <= li->width && m.style == M_NONE &&
	    (lk->next < 0 || lk->blanks > 0 || lk->end == END_STRONG))
		return 1;
	/* Text that is not hard-wrapped has a line a paragraph. */
	if (!w->wrapped && !w->fixed)
		return 0;
	if (li->end == END_STRONG) {
		/* 一是…。 / 二是… goes on inside one paragraph, even across
		 * a stray blank line. */
		enum_next = enum_parse(lnext->s, lnext->len, &e) &&
		    e.style == M_ENUM;
		if (enum_next && full && j->enum_last > 0 &&
		    e.value == j->enum_last + 1)
			return 1;
		if (blank)
			return 0;
		if (w->fixed)
			return full;
		/* A sentence that ends where the line is full goes on, but
		 * not into a new enumeration. */
		return !enum_next && brim_full(w, i);
	}
	return full;
}

/* Is cp CJK punctuation (not a Han character)? */
static int
cjk_punct(uint32_t cp)
{
	return cp_is_cjk(cp) && !cp_is_han(cp);
}

/* Append line i after line prev to a unit of a document cut every N
 * code points: words may be cut anywhere, so no space is added, except
 * where cleaning dropped one at the cut (the line is N-1 long and ends
 * with a Latin letter or digit, or the next one was indented). */
static void
join_cut(struct joiner *j, size_t prev, size_t i)
{
	const struct line	*l = &j->w->t->v[i];
	const struct lineinfo	*lp = &j->w->li[prev - j->w->from];
	size_t			 st;
	uint32_t		 last, next = 0;
	int			 space;

	if (j->b.len > 0 && l->len > 0) {
		last = cp_before(j->b.data, j->b.len, &st);
		utf8_decode(l->s, l->len, &next);
		space = l->indent > 0 || (lp->cps == j->w->fixed - 1 &&
		    last < 0x80 && ascii_isalnum(last));
		if (space && !cjk_punct(last) && !cjk_punct(next))
			buf_putc(&j->b, ' ');
	}
	buf_put(&j->b, l->s, l->len);
}

/* Close the unit in j->b as lines [first, last] and append it. */
static void
emit(struct joiner *j, struct units *out, size_t first, size_t last,
    int nlines)
{
	struct unit		*u;
	const struct line	*l = &j->w->t->v[first];

	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 64;
		out->v = xreallocarray(out->v, out->cap, sizeof(*out->v));
	}
	u = &out->v[out->n++];
	memset(u, 0, sizeof(*u));
	u->len = j->b.len;
	u->s = arena_strndup(&j->doc->arena, buf_cstr(&j->b), j->b.len);
	u->line = l->no;
	u->col = 1 + (l->indent > 0 ? l->indent : 0);
	u->first = first;
	u->last = last;
	u->nlines = (size_t)nlines;
	marker_parse(u->s, u->len, &u->m);
	buf_reset(&j->b);
	j->enum_last = 0;
	j->scanned = 0;
}

/* Rejoin lines [from, to) of t into units appended to out (unit text in
 * doc's arena; out->v owned by the caller, see units_free). */
void
text_unwrap(struct doc *doc, const struct text *t, size_t from, size_t to,
    struct units *out)
{
	struct joiner	 j;
	size_t		 i, first = 0, k, prev = 0;
	int		 open = 0, nlines = 0;

	memset(&j, 0, sizeof(j));
	j.doc = doc;
	j.w = wrap_new(t, from, to);
	for (i = from; i < to; i++) {
		if (t->v[i].len == 0)
			continue;
		if (!open) {
			struct marker	 m;

			first = i;
			open = 1;
			nlines = 0;
			if (marker_parse(t->v[i].s, t->v[i].len, &m))
				remember(&j, &m);
		}
		if (j.w->fixed && open && nlines > 0)
			join_cut(&j, prev, i);
		else
			join_line(&j.b, t->v[i].s, t->v[i].len);
		prev = i;
		nlines++;
		scan_enum(&j);
		k = (size_t)j.w->li[i - from].next;
		if (j.w->li[i - from].next >= 0 &&
		    continues(&j, i, k, nlines == 1))
			continue;
		emit(&j, out, first, i, nlines);
		open = 0;
	}
	if (open)
		emit(&j, out, first, to - 1, nlines);
	buf_free(&j.b);
	wrap_free((struct wrap *)j.w);
}

/* Free the array of units (their text belongs to the document). */
void
units_free(struct units *u)
{
	free(u->v);
	u->v = NULL;
	u->n = u->cap = 0;
}
