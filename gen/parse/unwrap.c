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

#include "parse/parse_int.h"

/* Lines of the opening and of the end where metadata, 文号, dates and
 * signatures stand alone (meta.c's line_alone()). */
#define ALONE_HEAD	80
#define ALONE_TAIL	30

#define WINDOW		6	/* lines either side that set the wrap width */
#define MAX_FAMILIES	32	/* numbering styles remembered while joining */
#define HEADING_LINE_MAX 50	/* code points of a heading line at most */

struct lineinfo {
	int	 width;		/* display columns: 2 for CJK, 1 otherwise */
	int	 cps;		/* code points */
	int	 end;		/* END_* */
	int	 localw;	/* widest mid-sentence line nearby, or 0 */
	int	 next;		/* index of the next non-blank line, or -1 */
	int	 blanks;	/* blank lines between this one and next */
	int	 dash;		/* starts with —— (a byline or subtitle) */
	int	 enumv;		/* value of a 一是 label at its start, or 0 */
	int	 labels;	/* an enumeration label may start in it:
				 * enum_start() at its start, or after a
				 * cp_label_boundary() or an invalid byte */
	struct marker m;	/* marker at its start (marker_parse) */
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
	cp = utf8_prev(s, end, &i);
	/* A trailing note in brackets: look before it. */
	if (cp == 0xFF09 || cp == ')') {
		depth = 0;
		while (end > 0) {
			cp = utf8_prev(s, end, &i);
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
		cp = utf8_prev(s, end, &i);
		if (cp_is_stop(cp))
			return END_STRONG;
		if (cp == 0)
			return END_STRONG;
		return END_NONE;
	}
	while (end > 0 && cp_is_closer(cp)) {
		end = i;
		cp = utf8_prev(s, end, &i);
	}
	if (cp == '.') {
		/* "目标." ends a sentence; "2." does not. */
		cp = utf8_prev(s, i, &i);
		return ascii_isdigit(cp) || cp == 0 ? END_NONE : END_STRONG;
	}
	return cp_end_class(cp);
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
		prev = utf8_prev(b->data, b->len, &st);
		next = utf8_step(s, len, &i);
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

/* Measure line l: everything the joining asks of a line, once (every
 * member of li is set; next and blanks as for a last line). */
static void
measure(const struct line *l, struct lineinfo *li)
{
	struct marker	 e;
	const char	*s = l->s;
	size_t		 i = 0, k, len = l->len;
	uint32_t	 cp;
	int		 width = 0, cps = 0, after = 1, labels = 0;

	while (i < len) {
		if (!after) {
			/* A run of Han: wide, no label, no boundary. */
			k = i;
			i = utf8_han_run(s, len, i);
			cps += (int)((i - k) / 3);
			width += (int)((i - k) / 3 * 2);
			if (i == len)
				break;
		}
		cp = utf8_step(s, len, &i);
		cps++;
		width += cp_width(cp);
		if (after && enum_start(cp))
			labels = 1;
		/* After an invalid byte, a boundary may be read backwards. */
		after = cp == 0xFFFD || cp_label_boundary(cp);
	}
	li->labels = labels;
	li->localw = 0;
	li->next = -1;
	li->blanks = 0;
	li->width = width;
	li->cps = cps + (l->indent > 0 ? l->indent : 0);
	li->end = text_end(l->s, l->len);
	li->dash = l->len >= 6 && memcmp(l->s, "\xE2\x80\x94\xE2\x80\x94",
	    6) == 0;
	marker_parse(l->s, l->len, &li->m);
	li->enumv = enum_parse(l->s, l->len, &e) && e.style == M_ENUM ?
	    e.value : 0;
}

/* What is known of line i of w when it is a line of text that another
 * line follows (the lines both detections below count), else NULL. */
static const struct lineinfo *
followed(const struct wrap *w, size_t i)
{
	const struct lineinfo	*li = &w->li[i - w->from];

	return w->t->v[i].len == 0 || li->next < 0 ? NULL : li;
}

/* Does the document put a blank line after nearly every line? */
static int
detect_soft(const struct wrap *w)
{
	size_t	 i, lines = 0, single = 0;

	for (i = w->from; i < w->to; i++) {
		const struct lineinfo *li = followed(w, i);

		if (li == NULL)
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
		const struct lineinfo *li = followed(w, i);

		if (li == NULL || li->blanks > (w->soft ? 1 : 0))
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
	w->li = xreallocarray(NULL, to > from ? to - from : 1,
	    sizeof(*w->li));
	for (i = from; i < to; i++) {
		measure(&t->v[i], &w->li[i - from]);
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
	/* A line cut at the wrap width is not followed by a line much
	 * wider than itself (a headline over its story is no cut line). */
	if (li->next >= 0 &&
	    w->li[li->next - w->from].width * 100 > li->width * 150)
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
	struct buf		 b;		/* the unit so far */
	size_t			*ends;		/* b.len after each line joined */
	size_t			 nends;
	size_t			 capends;
	size_t			 scanned;	/* lines of b scanned for … */
	int			 enum_last;	/* … the last 一是 value in it */
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
	cp = utf8_prev(s, i, &st);
	return cp_is_stop(cp) || cp == 0xFF1B || cp == 0xFF1A ||
	    cp == 0xFF0C || cp == ';' || cp == ':' || cp == ',' ||
	    cp == 0x3001 || cp_is_closer(cp) || cp == ' ';
}

/* The last value of the 一是, 二是 … sequence in the unit so far.  Each
 * line joined is scanned as the unit ended there, from two characters
 * before it (a label cut by the wrap is found once joined); lazily, as
 * few units ask. */
static int
unit_enum(struct joiner *j)
{
	struct marker	 m;
	const char	*s = j->b.data;
	size_t		 len, i, at;
	int		 back;

	for (; j->scanned < j->nends; j->scanned++) {
		i = j->scanned > 0 ? j->ends[j->scanned - 1] : 0;
		len = j->ends[j->scanned];
		for (back = 0; back < 2 && i > 0; back++)
			utf8_prev(s, i, &i);
		while (i < len) {
			at = i;
			if (enum_start(utf8_step(s, len, &i)) &&
			    label_boundary(s, at) &&
			    enum_parse(s + at, len - at, &m) &&
			    m.style == M_ENUM && (m.value == 1 ||
			    m.value == j->enum_last + 1))
				j->enum_last = m.value;
		}
	}
	return j->enum_last;
}

/* Note that a line was joined to the unit in j->b. */
static void
joined(struct joiner *j)
{
	if (j->nends == j->capends) {
		j->capends = j->capends ? j->capends * 2 : 16;
		j->ends = xreallocarray(j->ends, j->capends,
		    sizeof(*j->ends));
	}
	j->ends[j->nends++] = j->b.len;
}

/* Is a marker of this style also a common way to start a sentence? */
static int
weak_marker(enum mstyle s)
{
	return s == M_LEAD || s == M_ORDINAL || s == M_CIRCLED ||
	    s == M_AR_RPAREN;
}

/* Does s[0..len) hold a Han character? */
static int
has_han(const char *s, size_t len)
{
	size_t	 i = 0;

	while (i < len)
		if (cp_is_han(utf8_step(s, len, &i)))
			return 1;
	return 0;
}

/* Does s[0..len) hold a punctuation mark that ends or splits a
 * sentence (cp_end_class: 。！？；：，、 and their ASCII forms)? */
static int
has_punct(const char *s, size_t len)
{
	size_t	 i = 0;

	while (i < len)
		if (cp_end_class(utf8_step(s, len, &i)) != END_NONE)
			return 1;
	return 0;
}

/* The width of the widest line among the WINDOW lines either side of
 * line i. */
static int
widest_near(const struct wrap *w, size_t i)
{
	size_t	 a = i >= w->from + 2 * WINDOW ? i - 2 * WINDOW : w->from;
	size_t	 b = i + 2 * WINDOW < w->to ? i + 2 * WINDOW : w->to;
	int	 best = 0;

	for (; a < b; a++)
		if (w->li[a - w->from].width > best)
			best = w->li[a - w->from].width;
	return best;
}

/* Does line i (ending the unit so far) continue on line k? */
static int
continues(struct joiner *j, size_t i, size_t k, int first)
{
	const struct wrap	*w = j->w;
	const struct lineinfo	*li = &w->li[i - w->from];
	const struct lineinfo	*lk = &w->li[k - w->from];
	const struct line	*l = &w->t->v[i], *lnext = &w->t->v[k];
	const struct marker	*m = &lk->m;
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
	/* A field of a web page's metadata block, a breadcrumb, a 文号, a
	 * date, a 版头 or a signature is a line of its own (looked for in
	 * the opening and at the end, where they are). */
	if ((i < w->from + ALONE_HEAD || k + ALONE_TAIL >= w->to) &&
	    (line_alone(l->s, l->len) || line_alone(lnext->s, lnext->len)))
		return 0;
	/* A line that reads as a title (a kind at its end, no punctuation)
	 * does not run on into a sentence below it (某某区卫生健康局2024年
	 * 工作总结 / 2024年，在区委……), nor a slogan into a title. */
	if (first && (i == w->first || !full || li->width < lk->width) &&
	    title_break(l->s, l->len, lnext->s, lnext->len))
		return 0;
	/* A title on the first line goes on only into a shorter rest, not
	 * into a full line of the text below it. */
	if (i == w->first && full && !w->fixed && is_full(w, k, 0) &&
	    lk->width * 100 > li->width * 80 && title_words(l->s, l->len))
		return 0;
	/* A marker starts a unit after a finished line; after a full line
	 * cut mid-sentence only a strong one that continues its sequence
	 * does (第一， 亮点一： there are words of the sentence). */
	if (m->style != M_NONE && m->style != M_AR_BARE &&
	    (li->end != END_NONE || !full ||
	    (plausible(j, m) && !weak_marker(m->style))))
		return 0;
	/* 一是 after a line without a single punctuation mark opens a
	 * list under that line (its name: 配备AED除颤仪 / 一是为全省…);
	 * cut mid-sentence, the line would hold a comma or a stop. */
	if (lk->enumv == 1 && li->end == END_NONE && !has_punct(l->s, l->len))
		return 0;
	/* So does a bare number before a heading (1 医疗卫生) after a
	 * finished sentence. */
	if (m->style == M_AR_BARE && li->end == END_STRONG &&
	    m->len < lnext->len && heading_like(lnext->s + m->len,
	    lnext->len - m->len))
		return 0;
	/* A heading cut in two: 亮点一：党建统领，“能力提 / 升年”成果丰硕;
	 * a sentence below it that is not much shorter is its text, a
	 * line without Chinese (a date: 2012-02-07) is not its rest. */
	if (first && !blank && li->end == END_NONE &&
	    li->m.style != M_NONE && li->m.style != M_AR_BARE &&
	    lk->width <= li->width && m->style == M_NONE &&
	    has_han(lnext->s, lnext->len) &&
	    (lk->next < 0 || lk->blanks > 0 ||
	    (lk->end == END_STRONG && lk->cps * 2 <= li->cps)))
		return 1;
	/* A heading on a line of its own (（三）基层卫生服务网络不断健全)
	 * does not run on into a wider line of text below it, nor, when
	 * it is clearly shorter than the lines around it, into any: the
	 * headings of a text that is not wrapped set no wrap width; so
	 * does a bare number before a heading (1 医疗卫生). */
	if (first && li->end == END_NONE && (marker_heading_style(&li->m) ||
	    (li->m.style == M_AR_BARE && li->m.len < l->len)) &&
	    li->cps <= HEADING_LINE_MAX && !has_stop(l->s, l->len) &&
	    (lk->width * 100 > li->width * 110 ||
	    li->width * 100 < widest_near(w, i) * 75))
		return 0;
	/* Text that is not hard-wrapped has a line a paragraph. */
	if (!w->wrapped && !w->fixed)
		return 0;
	if (li->end == END_STRONG) {
		/* 一是…。 / 二是… goes on inside one paragraph, even across
		 * a stray blank line. */
		enum_next = lk->enumv > 0;
		if (enum_next && full && unit_enum(j) > 0 &&
		    lk->enumv == j->enum_last + 1)
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
		last = utf8_prev(j->b.data, j->b.len, &st);
		utf8_decode(l->s, l->len, &next);
		space = l->indent > 0 || (lp->cps == j->w->fixed - 1 &&
		    last < 0x80 && ascii_isalnum(last));
		if (space && !cjk_punct(last) && !cjk_punct(next))
			buf_putc(&j->b, ' ');
	}
	buf_put(&j->b, l->s, l->len);
}

/* Keep marker m, whose pointers point into s (len bytes), in *um (style
 * M_NONE when len does not fit in 32 bits). */
void
umark_set(struct umark *um, const struct marker *m, const char *s,
    size_t len)
{
	memset(um, 0, sizeof(*um));
	if (m->style == M_NONE || len >= UMARK_NULL)
		return;		/* um->style is M_NONE */
	um->style = (uint8_t)m->style;
	um->cn = m->cn != 0;
	um->value = m->value;
	um->delim = m->delim;
	um->num = m->num ? (uint32_t)(m->num - s) : UMARK_NULL;
	um->numlen = (uint32_t)m->numlen;
	um->len = (uint32_t)m->len;
	um->lablen = (uint32_t)m->lablen;
	um->labstart = (uint32_t)m->labstart;
	um->lead = m->lead ? (uint32_t)(m->lead - s) : UMARK_NULL;
	um->leadlen = (uint32_t)m->leadlen;
}

/* The marker *um kept of text s. */
void
umark_get(const struct umark *um, const char *s, struct marker *m)
{
	memset(m, 0, sizeof(*m));
	if (um->style == M_NONE)
		return;
	m->style = (enum mstyle)um->style;
	m->cn = um->cn;
	m->value = um->value;
	m->delim = um->delim;
	m->num = um->num != UMARK_NULL ? s + um->num : NULL;
	m->numlen = um->numlen;
	m->len = um->len;
	m->lablen = um->lablen;
	m->labstart = um->labstart;
	m->lead = um->lead != UMARK_NULL ? s + um->lead : NULL;
	m->leadlen = um->leadlen;
}

/* Set u->m, the marker at the start of unit u whose first line is l:
 * marker_parse() reads no further than the marker's length (its
 * delimiter and the blanks after it), so when the line's marker ends
 * before the line does, and join_line() took the line as it is (no
 * leading blank to strip), it is the unit's too. */
static void
unit_marker(struct unit *u, const struct line *l, const struct lineinfo *li)
{
	const struct marker	*m = &li->m;
	struct marker		 um;

	if (m->style == M_NONE || m->len >= l->len || l->s[0] == ' ' ||
	    l->s[0] == '\t') {
		marker_parse(u->s, u->len, &um);
		umark_set(&u->m, &um, u->s, u->len);
		return;
	}
	um = *m;
	if (m->num != NULL)
		um.num = u->s + (m->num - l->s);
	if (m->lead != NULL)
		um.lead = u->s + (m->lead - l->s);
	umark_set(&u->m, &um, u->s, u->len);
}

/* Close the unit in j->b as lines [first, last] and append it. */
static void
emit(struct joiner *j, struct units *out, size_t first, size_t last,
    int nlines)
{
	struct unit		*u;
	const struct line	*l = &j->w->t->v[first];
	size_t			 k;

	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 64;
		out->v = xreallocarray(out->v, out->cap, sizeof(*out->v));
	}
	u = &out->v[out->n++];
	memset(u, 0, sizeof(*u));
	u->len = j->b.len;
	if (first == last && j->b.len == l->len &&
	    memcmp(j->b.data, l->s, l->len) == 0)
		u->s = l->s;	/* no copy of a line as it is */
	else
		u->s = arena_strndup(&j->doc->arena, buf_cstr(&j->b),
		    j->b.len);
	u->line = l->no;
	u->col = 1 + (l->indent > 0 ? l->indent : 0);
	u->nlines = nlines;
	for (k = first; k <= last && !u->labels; k++)
		u->labels = j->w->li[k - j->w->from].labels;
	unit_marker(u, l, &j->w->li[first - j->w->from]);
	buf_reset(&j->b);
	j->enum_last = 0;
	j->nends = 0;
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
			first = i;
			open = 1;
			nlines = 0;
			if (j.w->li[i - from].m.style != M_NONE)
				remember(&j, &j.w->li[i - from].m);
		}
		if (j.w->fixed && open && nlines > 0)
			join_cut(&j, prev, i);
		else
			join_line(&j.b, t->v[i].s, t->v[i].len);
		prev = i;
		nlines++;
		joined(&j);
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
	free(j.ends);
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
