/*
 * outline.c — plain text → document tree.
 *
 * The lines are first rejoined into units (unwrap.c); a table report is
 * handed to table.c.  Each unit that starts with a numbering marker is
 * placed by a stack of levels, one per numbering style in the order the
 * document first uses them (the first style met is the outermost level,
 * as writers do).  A marker is taken only when it continues its
 * sequence (or starts one at 1, or continues the numbers of an earlier
 * section), so "2015年…", "2.5" or a stray "3." never open an item.  A
 * numbered unit that is a short line without a sentence is a section
 * (unless its style numbers mostly sentences, or it would sit inside an
 * item); so is any unit numbered 一、 or （一） (a heading that runs on
 * into its text keeps its first sentence as the title); any other is an
 * item of a block list, and unnumbered text after an item belongs to
 * it.  Trailing notes in brackets become tags; 一是…二是… inside running
 * text become inline lists.  A table of contents, the attachments and
 * headings numbered again from 1 in the same section are text.
 * docs/parsing.md names each rule.  Numbering problems become warnings.
 * Linear in the text; the nesting is capped at OUTLINE_MAX_DEPTH
 * levels.
 */
#include <stdlib.h>
#include <string.h>

#include "parse/parse_int.h"

#define GAP_MAX		5	/* numbers missing at most in a sequence */
#define LEADIN_MAX	20	/* code points of a lead-in before a colon */
#define UNITS_KEEP	4096	/* units placed before they may be freed */
#define NUMS_0_99	/* marker_num(): "0" … "99", NUL after each */ \
	"0\0" "1\0" "2\0" "3\0" "4\0" "5\0" "6\0" "7\0" "8\0" "9\0" \
	"10\0" "11\0" "12\0" "13\0" "14\0" "15\0" "16\0" "17\0" "18\0" "19\0" \
	"20\0" "21\0" "22\0" "23\0" "24\0" "25\0" "26\0" "27\0" "28\0" "29\0" \
	"30\0" "31\0" "32\0" "33\0" "34\0" "35\0" "36\0" "37\0" "38\0" "39\0" \
	"40\0" "41\0" "42\0" "43\0" "44\0" "45\0" "46\0" "47\0" "48\0" "49\0" \
	"50\0" "51\0" "52\0" "53\0" "54\0" "55\0" "56\0" "57\0" "58\0" "59\0" \
	"60\0" "61\0" "62\0" "63\0" "64\0" "65\0" "66\0" "67\0" "68\0" "69\0" \
	"70\0" "71\0" "72\0" "73\0" "74\0" "75\0" "76\0" "77\0" "78\0" "79\0" \
	"80\0" "81\0" "82\0" "83\0" "84\0" "85\0" "86\0" "87\0" "88\0" "89\0" \
	"90\0" "91\0" "92\0" "93\0" "94\0" "95\0" "96\0" "97\0" "98\0" "99\0"

/* A numbering style as the document uses it. */
struct numfam {
	struct marker	 m;		/* its first marker (lead copied) */
	int		 n;		/* units numbered in this style */
	int		 headlike;	/* of them, short and without a sentence */
	int		 has2;		/* one of them is numbered 2 */
	uint32_t	 delim[4];	/* delimiters seen … */
	int		 dcount[4];	/* … and how often */
	uint32_t	 usual;		/* the most frequent delimiter */
	int		 items;		/* it numbers mostly sentences: its
					 * short units are items too */
	int		 memory;	/* its last number when its level closed */
};

/* An open level of numbering. */
struct level {
	struct numfam	*f;
	int		 last;		/* last number taken */
	struct node	*node;		/* latest section or item */
	int		 section;	/* node is a section */
	struct node	*list;		/* items: their list */
	int		 ghost;		/* the last number of a run that
					 * restarted at 1 and is read as
					 * text, or 0 */
};

struct outline {
	struct doc	*doc;
	struct diags	*d;
	struct numfam	*fams;
	size_t		 nfams;
	size_t		 capfams;
	size_t		*fslot;		/* index + 1 into fams by numfam_hash,
					 * or 0 */
	size_t		 nfslot;	/* a power of two > 2 * nfams */
	struct level	*stack;		/* maxdepth levels */
	int		 maxdepth;
	int		 depth;
	int		 limit_hit;
	int		 sections;	/* numbered sections placed so far */
	int		 part_title;	/* an unnumbered title of a part
					 * (title_words) since the last one */
	int		 attached;	/* in the attachments: text only */
	int		 attnext;	/* the next number of a list of
					 * attachments (附件：1.… 2.…), or 0 */
};

/* An inline enumeration label found in running text. */
struct label {
	size_t		 at;		/* offset of the label */
	struct marker	 m;
	int		 group;		/* index of its list, or -1 */
};

struct labels {
	struct label	*v;
	size_t		 n;
	size_t		 cap;
};

/* ---- Characters ---- */

/* Code point that ends at s[end]; 0 when end is 0. */
static inline uint32_t
cp_before(const char *s, size_t end)
{
	return utf8_prev(s, end, NULL);
}

/* Trim blanks at both ends of s[*off .. *off+*len). */
static void
trim(const char *s, size_t *off, size_t *len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n;

	/* The blanks are ' ', '\t', U+3000 (E3 80 80), U+00A0 (C2 A0). */
	for (; *len > 0; *off += n, *len -= n) {
		if (p[*off] == ' ' || p[*off] == '\t')
			n = 1;
		else if (*len >= 3 && memcmp(p + *off, "\xE3\x80\x80", 3) == 0)
			n = 3;
		else if (*len >= 2 && memcmp(p + *off, "\xC2\xA0", 2) == 0)
			n = 2;
		else
			break;
	}
	for (; *len > 0; *len -= n) {
		n = *off + *len;
		if (p[n - 1] == ' ' || p[n - 1] == '\t')
			n = 1;
		else if (*len >= 3 && memcmp(p + n - 3, "\xE3\x80\x80", 3) == 0)
			n = 3;
		else if (*len >= 2 && memcmp(p + n - 2, "\xC2\xA0", 2) == 0)
			n = 2;
		else
			break;
	}
}

/* s[0..len) as a string of the document: s itself when its string
 * ends there (s is the document's: in its arena), else a copy in the
 * arena.  Items and paragraphs mostly run to the end of their unit. */
static const char *
doc_text(struct doc *doc, const char *s, size_t len)
{
	if (s[len] == '\0')
		return s;
	return arena_strndup(&doc->arena, s, len);
}

/* ---- Sentences ---- */

/* Length of the first sentence of s, or of a short lead-in before a
 * colon; len when there is neither. */
size_t
first_sentence(const char *s, size_t len)
{
	size_t		 i = 0, at, any = 0, colon = 0, n = 0, comma = 0;
	uint32_t	 cp;
	int		 depth = 0;

	while (i < len) {
		/* Han is none of the characters looked for. */
		at = utf8_han_run(s, len, i);
		n += (at - i) / 3;
		if ((i = at) == len)
			break;
		n++;
		cp = utf8_step(s, len, &i);
		if (cp_is_opener(cp) || cp == 0x201C)
			depth++;
		else if ((cp_is_closer(cp) || cp == 0x201D) && depth > 0)
			depth--;
		else if (cp == 0xFF0C)
			comma = 1;
		else if (cp == 0xFF1A && depth == 0 && colon == 0 &&
		    !comma && n - 1 <= LEADIN_MAX && at > 0)
			colon = at;
		else if (cp_is_stop(cp) || cp == 0xFF1B) {
			/* …… is one stop. */
			while (cp == 0x2026 && i < len &&
			    cp_before(s, i + 3 <= len ? i + 3 : len) == 0x2026)
				i += 3;
			if (any == 0)
				any = i;
			if (depth == 0)
				break;
		}
	}
	if (i >= len && depth != 0)
		i = any ? any : len;
	if (colon && colon < i)
		return colon;
	/* Take the closing quotes and brackets after the stop. */
	while (i < len) {
		at = i;
		cp = utf8_step(s, len, &i);
		if (!cp_is_closer(cp)) {
			i = at;
			break;
		}
	}
	return i;
}

/* ---- Annotations ---- */

/* The longest trailing note in brackets s[0..len) may be to be cut as a
 * tag: longer for one that reads like an annotation wherever it stands
 * (note_annotation); *like says whether it does. */
static size_t
note_limit(const char *s, size_t len, int *like)
{
	int	 lim = note_annotation(s, len);

	*like = lim > 0;
	return lim > 0 ? (size_t)lim : NOTE_MAX;
}

/* Offset of the bracket that opens the one closing at s[end) (a
 * bracket group ending s[off..end)), or (size_t)-1. */
static size_t
group_open(const char *s, size_t off, size_t end)
{
	size_t		 i = end, j;
	uint32_t	 cp;
	int		 depth = 0;

	while (i > off) {
		i = utf8_back(s, i);
		j = i;
		cp = utf8_step(s, end, &j);
		if (cp == 0xFF09 || cp == ')')
			depth++;
		else if ((cp == 0xFF08 || cp == '(') && --depth == 0)
			return i;
	}
	return (size_t)-1;
}

/* Cut the trailing notes in brackets from s[off, off+*len) (a string
 * of the document): each becomes a tag of n (in reading order).  A
 * heading's trailing note is always one; an item's when it follows the
 * end of a sentence or reads like one (then also before the final 。:
 * "…机制（牵头单位：医政科）。").  Return the text left (the document's,
 * doc_text), its length in *len. */
static const char *
cut_notes(struct doc *doc, struct node *n, const char *s, size_t off,
    size_t *len, int heading)
{
	size_t		 starts[8], lens[8], k = 0, end, open, co, cl;
	size_t		 stop = 0, stoplen = 0, st;
	uint32_t	 cp, before;
	char		*out;
	const char	*r;
	int		 like;

	trim(s, &off, len);
	/* A note between the text and its final stop. */
	end = off + *len;
	cp = cp_before(s, end);
	if (cp_is_stop(cp) || cp == 0xFF1B) {
		st = utf8_back(s, end);
		cp = cp_before(s, st);
		if ((cp == 0xFF09 || cp == ')') &&
		    (open = group_open(s, off, st)) != (size_t)-1 &&
		    open > off) {
			co = open;
			utf8_step(s, st, &co);
			cl = utf8_back(s, st);
			if (cl > co && utf8_count(s + co, cl - co) <=
			    note_limit(s + co, cl - co, &like) && like) {
				stop = st;
				stoplen = end - st;
				*len = st - off;
			}
		}
	}
	for (;;) {
		trim(s, &off, len);
		end = off + *len;
		cp = cp_before(s, end);
		if ((cp != 0xFF09 && cp != ')') || k == 8)
			break;
		if ((open = group_open(s, off, end)) == (size_t)-1 ||
		    open == off)
			break;
		co = open;
		utf8_step(s, end, &co);	/* past the opening bracket */
		cl = utf8_back(s, end);	/* the closing bracket */
		if (cl <= co || utf8_count(s + co, cl - co) >
		    note_limit(s + co, cl - co, &like))
			break;
		before = cp_before(s, open);
		if (!heading && !cp_is_stop(before) && before != 0xFF1B &&
		    !like)
			break;
		starts[k] = co;
		lens[k] = cl - co;
		k++;
		*len = open - off;
	}
	if (stoplen > 0 && k == 0) {
		/* Nothing cut: the stop stays where it was. */
		*len = stop + stoplen - off;
		stoplen = 0;
	}
	trim(s, &off, len);
	if (stoplen == 0)
		r = doc_text(doc, s + off, *len);
	else {
		out = arena_alloc(&doc->arena, *len + stoplen + 1);
		memcpy(out, s + off, *len);
		memcpy(out + *len, s + stop, stoplen);
		*len += stoplen;
		r = out;
	}
	while (k > 0) {
		k--;
		node_add_tag(doc, n, s + starts[k], lens[k]);
	}
	return r;
}

/* ---- Inline enumerations: 一是…二是…, 第一…第二… ---- */

/* May an enumeration label start at s[i]: at the start, or after
 * punctuation? */
static int
label_boundary(const char *s, size_t i)
{
	return i == 0 || cp_label_boundary(cp_before(s, i));
}

/* Append a label at offset at to l. */
static void
labels_push(struct labels *l, size_t at, const struct marker *m)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n].at = at;
	l->v[l->n].m = *m;
	l->v[l->n].group = -1;
	l->n++;
}

/* Find the enumeration labels of s and group those that count 1, 2, 3 …
 * in one style into lists of two or more (a label's group is the index
 * of its list's first label; -1 outside a list).  One pass:
 * enum_parse() only where a label can start. */
static void
find_labels(const char *s, size_t len, struct labels *l)
{
	struct marker	 m;
	size_t		 i = 0, k, at, start = 0, cnt = 0;
	uint32_t	 cp;
	int		 expect = 0, maybe = 1;

	l->n = 0;
	while (i < len) {
		/* maybe: the character before may be a label boundary.  Han
		 * after anything else cannot start a label. */
		if (!maybe && (i = utf8_han_run(s, len, i)) == len)
			break;
		at = i;
		cp = utf8_step(s, len, &i);
		if (enum_start(cp) && label_boundary(s, at) &&
		    enum_parse(s + at, len - at, &m)) {
			labels_push(l, at, &m);
			i = at + m.len;
			maybe = 1;
			continue;
		}
		maybe = cp == 0xFFFD || cp_label_boundary(cp);
	}
	/* Keep the labels that continue a sequence begun at 1. */
	for (k = 0; k <= l->n; k++) {
		int	 cont = k < l->n && cnt > 0 &&
		    l->v[k].m.value == expect &&
		    marker_same_level(&l->v[k].m, &l->v[start].m);

		if (cont) {
			l->v[k].group = (int)start;
			expect++;
			cnt++;
			continue;
		}
		if (k < l->n && l->v[k].m.value != 1 && cnt > 0)
			continue;	/* a stray label inside an item */
		if (cnt == 1)
			l->v[start].group = -1;
		cnt = 0;
		if (k < l->n && l->v[k].m.value == 1) {
			start = k;
			cnt = 1;
			expect = 2;
			l->v[k].group = (int)k;
		}
	}
}

/* find_labels() on s[0..len), a part of the text of unit u that may
 * start anywhere: skipped when no label can start in it (u->labels). */
static void
unit_labels(const struct unit *u, const char *s, size_t len,
    struct labels *l)
{
	size_t	 i = 0;

	if (!u->labels && (len == 0 || !enum_start(utf8_step(s, len, &i)))) {
		l->n = 0;
		return;
	}
	find_labels(s, len, l);
}

/* The title of an item whose text is s[0..len) (a string of the
 * document): its first sentence (first_sentence), s itself when that is
 * all of it. */
static const char *
title_of(struct doc *doc, const char *s, size_t len)
{
	return doc_text(doc, s, first_sentence(s, len));
}

/* Add the inline lists of s (l from find_labels) under parent: none
 * when no label is in a list. */
static void
add_inline_lists(struct doc *doc, struct node *parent, const char *s,
    size_t len, const struct labels *l)
{
	struct node	*list = NULL, *it;
	size_t		 k, next, off, tlen;
	int		 group = -1;

	for (k = 0; k < l->n; k++) {
		const struct label	*lb = &l->v[k];

		if (lb->group < 0)
			continue;
		if (lb->group != group) {
			group = lb->group;
			list = node_new(doc, NODE_LIST, parent->line);
			list->style = LIST_INLINE;
			node_append(parent, list);
		}
		/* The item runs to the next label of its list, or to the
		 * end of the text. */
		next = len;
		if (k + 1 < l->n && l->v[k + 1].group == group)
			next = l->v[k + 1].at;
		else if (k + 1 < l->n) {
			size_t	 q;

			for (q = k + 1; q < l->n && q < k + 64; q++)
				if (l->v[q].group == group) {
					next = l->v[q].at;
					break;
				}
		}
		it = node_append(list, node_new(doc, NODE_ITEM, parent->line));
		it->col = parent->col;
		it->num = arena_strndup(&doc->arena, lb->m.num,
		    lb->m.numlen);
		it->label = arena_strndup(&doc->arena, s + lb->at,
		    lb->m.lablen);
		off = lb->at + lb->m.len;
		tlen = next - off;
		trim(s, &off, &tlen);
		it->text = doc_text(doc, s + off, tlen);
		it->title = title_of(doc, it->text, tlen);
	}
}

/* ---- Numbering styles ---- */

/* Must a style show a second number before its first is believed? */
static int
weak_style(enum mstyle s)
{
	return s == M_LEAD || s == M_ORDINAL || s == M_ENUM ||
	    s == M_CIRCLED || s == M_AR_RPAREN;
}

/* Is a marker of this style surely numbering, so that one that fits
 * nowhere deserves a warning? */
static int
strong_style(enum mstyle s)
{
	return s == M_CN_DUN || s == M_CN_PAREN || s == M_AR_PAREN ||
	    s == M_CHAPTER || s == M_SECTION || s == M_ARTICLE ||
	    s == M_PART;
}

/* Chinese numeral for v (1..9999) into out. */
static void
cn_format(int v, char *out, size_t outlen)
{
	static const char *const digit[] = { "零", "一", "二", "三", "四",
	    "五", "六", "七", "八", "九" };
	static const char *const unit[] = { "千", "百", "十", "" };
	static const int	 scale[] = { 1000, 100, 10, 1 };
	struct buf		 b = BUF_INIT;
	int			 i, d, zero = 0, started = 0;

	if (v <= 0 || v > 9999) {
		snprintf(out, outlen, "%d", v);
		return;
	}
	for (i = 0; i < 4; i++) {
		d = v / scale[i] % 10;
		if (d == 0) {
			zero = started;
			continue;
		}
		if (zero)
			buf_puts(&b, digit[0]);
		zero = 0;
		if (!(d == 1 && i == 2 && !started))
			buf_puts(&b, digit[d]);
		buf_puts(&b, unit[i]);
		started = 1;
	}
	snprintf(out, outlen, "%s", buf_cstr(&b));
	buf_free(&b);
}

/* Number v written in the style of f's family. */
static void
numfam_number(const struct numfam *f, int v, char *out, size_t outlen)
{
	if (f->m.cn)
		cn_format(v, out, outlen);
	else
		snprintf(out, outlen, "%d", v);
}

/* How a marker of f's family with delimiter delim is written: "N.",
 * "一、", "（N）" … */
static void
numfam_pattern(const struct numfam *f, uint32_t delim, char *out, size_t outlen)
{
	const char	*n = f->m.cn ? "一" : "N";

	switch (delim) {
	case '.':
		snprintf(out, outlen, "%s.", n);
		break;
	case 0x3001:
		snprintf(out, outlen, "%s、", n);
		break;
	case ')':
		snprintf(out, outlen, "%s)", n);
		break;
	case '(':
		snprintf(out, outlen, "(%s)", n);
		break;
	case 0xFF08:
		snprintf(out, outlen, "（%s）", n);
		break;
	default:
		snprintf(out, outlen, "%s", n);
		break;
	}
}

/* A hash of what makes m's level (marker_same_level): the style, the
 * lead word of M_LEAD, the delimiter of M_ENUM. */
static size_t
numfam_hash(const struct marker *m)
{
	uint32_t	 h = 2166136261u;
	size_t		 i;

	h = (h ^ (uint32_t)(m->style == M_AR_DUN ? M_AR_DOT : m->style)) *
	    16777619u;
	if (m->style == M_LEAD)
		for (i = 0; i < m->leadlen; i++)
			h = (h ^ (unsigned char)m->lead[i]) * 16777619u;
	if (m->style == M_ENUM)
		h = (h ^ m->delim) * 16777619u;
	return h;
}

/* The slot of m's family in o->fslot: its index + 1, or the empty slot
 * where it goes. */
static size_t *
numfam_slot(const struct outline *o, const struct marker *m)
{
	size_t	 h = numfam_hash(m) & (o->nfslot - 1);

	while (o->fslot[h] != 0 &&
	    !marker_same_level(&o->fams[o->fslot[h] - 1].m, m))
		h = (h + 1) & (o->nfslot - 1);
	return &o->fslot[h];
}

/* The family of m, created when new (a family a level: a document
 * with many lead words 亮点一 附件一 … costs no more per unit). */
static struct numfam *
numfam_get(struct outline *o, const struct marker *m)
{
	struct numfam	*f;
	size_t		 i, *sl;

	if (2 * (o->nfams + 1) >= o->nfslot) {
		free(o->fslot);
		o->nfslot = o->nfslot ? 2 * o->nfslot : 32;
		o->fslot = xcalloc(o->nfslot, sizeof(*o->fslot));
		for (i = 0; i < o->nfams; i++)
			*numfam_slot(o, &o->fams[i].m) = i + 1;
	}
	if (*(sl = numfam_slot(o, m)) != 0)
		return &o->fams[*sl - 1];
	if (o->nfams == o->capfams) {
		o->capfams = o->capfams ? o->capfams * 2 : 16;
		o->fams = xreallocarray(o->fams, o->capfams,
		    sizeof(*o->fams));
	}
	f = &o->fams[o->nfams++];
	*sl = o->nfams;
	memset(f, 0, sizeof(*f));
	f->m = *m;
	f->m.num = NULL;
	if (m->lead)
		f->m.lead = arena_strndup(&o->doc->arena, m->lead,
		    m->leadlen);
	return f;
}

/* Count a delimiter of f. */
static void
numfam_delim(struct numfam *f, uint32_t delim)
{
	int	 i;

	for (i = 0; i < 4; i++) {
		if (f->dcount[i] && f->delim[i] == delim) {
			f->dcount[i]++;
			return;
		}
		if (f->dcount[i] == 0) {
			f->delim[i] = delim;
			f->dcount[i] = 1;
			return;
		}
	}
}

/* The numbering marker that opens unit u (its body starts at *body), or
 * style M_NONE.  A unit that starts with 一是 numbers a block when it
 * does not go on to 二是 itself.  l is scratch space. */
static void
unit_marker(const struct unit *u, struct marker *m, size_t *body,
    struct labels *l)
{
	unit_mark(u, m);
	*body = m->len;
	if (m->style == M_AR_BARE) {
		memset(m, 0, sizeof(*m));
		*body = 0;
	}
	if (m->style != M_NONE)
		return;
	if (enum_parse(u->s, u->len, m) == 0 || m->style != M_ENUM) {
		memset(m, 0, sizeof(*m));
		return;
	}
	unit_labels(u, u->s, u->len, l);
	if (l->n > 0 && l->v[0].at == 0 && l->v[0].group >= 0) {
		memset(m, 0, sizeof(*m));
		return;
	}
	*body = m->len;
}

/* Does numbered unit u (its body from body) read as a heading: short,
 * without a sentence inside, or one short sentence (一、指导思想。) when
 * the unit after it, next, starts a numbering of its own at 1? */
static int
heading_unit(const struct unit *u, size_t body, const struct unit *next)
{
	const char	*s = u->s + body;
	size_t		 len = u->len - body, i = 0, k, n = 0, stop = 0;
	uint32_t	 cp;
	struct marker	 a, b;

	if (heading_like(s, len))
		return 1;
	while (i < len) {
		k = utf8_han_run(s, len, i);
		n += (k - i) / 3;
		if (n > HEADING_MAX / 2)
			return 0;
		if ((i = k) == len)
			break;
		if (++n > HEADING_MAX / 2)
			return 0;
		cp = utf8_step(s, len, &i);
		if (cp_is_stop(cp) || cp == 0xFF1B) {
			if (i < len)
				return 0;
			stop = 1;
		}
	}
	if (!stop || next == NULL || next->m.style == M_NONE ||
	    next->m.style == M_AR_BARE || next->m.value != 1)
		return 0;
	unit_mark(u, &a);
	unit_mark(next, &b);
	return a.style != M_NONE && !marker_same_level(&a, &b);
}

/* Is unit u an entry of a table of contents with its page number
 * (一、 主要职责 3, 第三部分 名词解释……12): numbered, short, a blank or
 * leaders before the number? */
static int
page_entry(const struct unit *u)
{
	size_t		 n = toc_entry_len(u->s, u->len), i = n;
	uint32_t	 cp;

	if (n == 0 || n == u->len || u->m.style == M_NONE ||
	    u->m.style == M_AR_BARE || !heading_like(u->s, n))
		return 0;
	cp = utf8_step(u->s, u->len, &i);
	return cp == ' ' || cp == '.' || cp == 0x2026 || cp == 0x00B7;
}

/* Mark in toc the units of a table of contents: the heading 目录 and
 * the short entries after it, up to the first unit that is not one (a
 * sentence) or, where the body starts with its own headings, up to the
 * heading that repeats the first numbered entry (第一部分单位概况 again).
 * Three entries with page numbers make one without the heading.  The
 * entries are text, never sections. */
static void
mark_toc(const struct units *us, char *toc)
{
	size_t		 i, k, key = 0, klen = 0, n;
	const char	*s;

	for (i = 0; i < us->n; i++) {
		if (us->v[i].len > 0 && toc_heading(us->v[i].s, us->v[i].len))
			break;
		/* Three entries with page numbers, without the heading. */
		if (page_entry(&us->v[i]) && i + 2 < us->n &&
		    page_entry(&us->v[i + 1]) && page_entry(&us->v[i + 2])) {
			i--;
			break;
		}
	}
	if (i == us->n)
		return;
	if (i != (size_t)-1)
		toc[i] = 1;
	for (k = i + 1; k < us->n; k++) {
		s = us->v[k].s;
		if ((n = us->v[k].len) == 0)
			continue;
		n = toc_entry_len(s, n);
		if (n == 0 || !heading_like(s, n))
			break;
		if (klen > 0 && n == klen && memcmp(s, us->v[key].s, n) == 0)
			break;
		if (klen == 0 && us->v[k].m.style != M_NONE &&
		    us->v[k].m.style != M_AR_BARE) {
			key = k;
			klen = n;
		}
		toc[k] = 1;
	}
}

/* The first unit after j that is not blank, or us->n: the look-aheads
 * below go over the next few of them. */
static size_t
next_unit(const struct units *us, size_t j)
{
	while (++j < us->n && us->v[j].len == 0)
		;
	return j;
}

/* Does unit i start with a number that marker_parse() took for a
 * decimal (11.121人才梯队项目: item 11, the project 121人才梯队) but that
 * its neighbours confirm: the numbered unit before is prev (1., 1、) and
 * the next one, a few units on, prev + 2?  Then m is that marker. */
static int
confirmed_number(const struct units *us, size_t i, int prev,
    struct marker *m)
{
	const struct unit	*u = &us->v[i];
	const struct umark	*n;
	size_t			 k = 0, j, seen = 0;
	int			 v = 0;

	while (k < u->len && k < 4 && ascii_isdigit(u->s[k]))
		v = v * 10 + (u->s[k++] - '0');
	if (k == 0 || k == u->len || u->s[k] != '.' || k + 1 == u->len ||
	    !ascii_isdigit(u->s[k + 1]) || prev == 0 || v != prev + 1)
		return 0;
	for (j = next_unit(us, i); j < us->n && seen < 4;
	    j = next_unit(us, j)) {
		seen++;
		n = &us->v[j].m;
		if (n->style == M_NONE)
			continue;
		if ((n->style != M_AR_DOT && n->style != M_AR_DUN) ||
		    n->value != v + 1)
			return 0;
		memset(m, 0, sizeof(*m));
		m->style = M_AR_DOT;
		m->value = v;
		m->num = u->s;
		m->numlen = k;
		m->len = m->lablen = k + 1;
		m->delim = '.';
		return 1;
	}
	return 0;
}

/* May numbered heading i start its sequence above 1: a page of a text
 * published over several pages starts at 三、 when the next numbered
 * unit, a few units on, opens a deeper heading style at 1 (（一）)? */
static int
starts_late(const struct units *us, size_t i)
{
	struct marker	 m, n;
	size_t		 j, seen = 0;

	unit_mark(&us->v[i], &m);
	if (m.value <= 1 || !marker_heading_style(&m))
		return 0;
	for (j = next_unit(us, i); j < us->n && seen < 4;
	    j = next_unit(us, j)) {
		seen++;
		if (us->v[j].m.style == M_NONE ||
		    us->v[j].m.style == M_AR_BARE)
			continue;
		unit_mark(&us->v[j], &n);
		return marker_heading_style(&n) && n.value == 1 &&
		    !marker_same_level(&m, &n);
	}
	return 0;
}

/* Trust the bare numbers (M_AR_BARE) of a list of short headings, each
 * with its text in the paragraphs after it (1 医疗卫生 / 为全省… / 2 教
 * 育助学 / …): three or more, numbered 1, 2, 3 … in order, nothing else
 * numbered between them; they number items, whatever their text
 * (the paragraphs after each are its text).  A number alone
 * on its line (a table's cell) or before a sentence (a table's row) is
 * left to the tables. */
#define BARE_RUN	3
static void
bare_headings(struct units *us)
{
	struct unit	*u;
	size_t		 i, k, first = 0, n = 0;
	int		 ok;

	for (i = 0; i <= us->n; i++) {
		u = i < us->n ? &us->v[i] : NULL;
		if (u != NULL && u->len == 0)
			continue;
		ok = u != NULL && u->m.style == M_AR_BARE &&
		    u->m.len < u->len && u->m.len > u->m.lablen &&
		    heading_like(u->s + u->m.len, u->len - u->m.len);
		if (ok && n > 0 && u->m.value == (int)n + 1) {
			n++;
			continue;
		}
		if (u != NULL && !ok && n > 0 && u->m.style == M_NONE)
			continue;	/* the text under a heading */
		for (k = first; n >= BARE_RUN && k < i; k++)
			if (us->v[k].m.style == M_AR_BARE)
				us->v[k].m.style = M_AR_DOT;
		n = ok && u->m.value == 1;
		first = i;
	}
}

/* First pass: the families the numbered units use, and what they
 * number (sections or items), their usual delimiter.  What it found of
 * each unit replaces what unwrap.c left in it: m is the marker it is
 * placed by (M_NONE: text), heading and late are set. */
static void
survey(struct outline *o, struct units *us, const char *toc,
    struct labels *l)
{
	struct numfam	*f;
	struct marker	 m;
	size_t		 i, body;
	int		 k, best, prev = 0, heading, late;

	for (i = 0; i < us->n; i++) {
		struct unit	*u = &us->v[i];

		if (u->len == 0 || toc[i])
			continue;
		/* The units after u are read as unwrap.c left them. */
		unit_marker(u, &m, &body, l);
		if (m.style == M_NONE && confirmed_number(us, i, prev, &m))
			body = m.len;
		heading = late = 0;
		if (m.style != M_NONE) {
			if (m.style == M_AR_DOT || m.style == M_AR_DUN)
				prev = m.value;
			f = numfam_get(o, &m);
			f->n++;
			if (m.value == 2)
				f->has2 = 1;
			heading = m.style != M_ENUM &&
			    m.style != M_ORDINAL && heading_unit(u, body,
			    i + 1 < us->n ? &us->v[i + 1] : NULL);
			f->headlike += heading;
			late = heading && starts_late(us, i);
			numfam_delim(f, m.delim);
		}
		umark_set(&u->m, &m, u->s, u->len);
		u->heading = heading != 0;
		u->late = late != 0;
	}
	for (i = 0; i < o->nfams; i++) {
		f = &o->fams[i];
		f->items = f->n - f->headlike >= 2 * f->headlike;
		for (k = 0, best = 0; k < 4; k++)
			if (f->dcount[k] > f->dcount[best])
				best = k;
		f->usual = f->delim[best];
		/* Bare numbers (bare_headings()) number items. */
		if (f->m.style == M_AR_DOT && f->usual == 0)
			f->items = 1;
	}
}

/* ---- Building the tree ---- */

/* The node that running text goes into now. */
static struct node *
current(struct outline *o)
{
	return o->depth > 0 ? o->stack[o->depth - 1].node : o->doc->root;
}

/* Close the levels from depth k on. */
static void
pop_to(struct outline *o, int k)
{
	while (o->depth > k) {
		o->depth--;
		o->stack[o->depth].f->memory = o->stack[o->depth].last;
	}
}

/* A word for what a marker numbers, for messages. */
static const char *
what(int section)
{
	return section ? "heading" : "item";
}

/* Warn about the number of m (unit u) against the previous number last
 * of its level. */
static void
check_number(struct outline *o, const struct unit *u, const struct numfam *f,
    const struct marker *m, int last, int section)
{
	char	 a[32], b[32], c[32], d[32];
	int	 v = m->value;

	numfam_number(f, v, a, sizeof(a));
	numfam_number(f, last, b, sizeof(b));
	if (v == last + 2) {
		numfam_number(f, last + 1, c, sizeof(c));
		diag_add_id(o->d, o->doc->source, u->line, u->col,
		    SEV_WARNING, "numbering-gap",
		    "%s %s follows %s: %s is missing", what(section), a, b, c);
	} else if (v > last + 2) {
		numfam_number(f, last + 1, c, sizeof(c));
		numfam_number(f, v - 1, d, sizeof(d));
		diag_add_id(o->d, o->doc->source, u->line, u->col,
		    SEV_WARNING, "numbering-gap",
		    "%s %s follows %s: %s %s %s are missing", what(section), a,
		    b, c, v == last + 3 ? "and" : "to", d);
	} else if (v == last)
		diag_add_id(o->d, o->doc->source, u->line, u->col,
		    SEV_WARNING, "numbering-repeat",
		    "%s %s is numbered like the one before it", what(section), a);
	else if (v < last && v != 1)
		diag_add_id(o->d, o->doc->source, u->line, u->col,
		    SEV_WARNING, "numbering-backwards",
		    "%s %s follows %s: the numbers go backwards", what(section), a,
		    b);
}

/* Warn when m is written with another delimiter than its family. */
static void
check_delim(struct outline *o, const struct unit *u, const struct numfam *f,
    const struct marker *m, int section)
{
	char	 a[32], p[32];

	if (m->delim == f->usual || f->n < 2)
		return;
	numfam_number(f, m->value, a, sizeof(a));
	numfam_pattern(f, f->usual, p, sizeof(p));
	diag_add_id(o->d, o->doc->source, u->line, u->col, SEV_WARNING,
	    "mixed-delimiter",
	    "%s %s is written \"%.*s\"; the other %ss use \"%s\"", what(section), a,
	    (int)m->lablen, u->s + m->labstart, what(section), p);
}

/* Where does marker m go: the index of its level on the stack (an open
 * level continues, or a new one is pushed), or -1 when it does not
 * number anything here.  *section is cleared where a section cannot
 * be (inside an item).  late: the unit may start its sequence above 1
 * (starts_late). */
static int
place(struct outline *o, const struct unit *u, struct numfam *f,
    const struct marker *m, int late, int *section, int *fresh)
{
	int	 k, i, v = m->value, last;

	*fresh = 0;
	for (k = o->depth - 1; k >= 0; k--)
		if (o->stack[k].f == f)
			break;
	if (k >= 0) {
		last = o->stack[k].last;
		if (v > last + GAP_MAX)
			return -1;
		/* Headings numbered again from 1 under the same parent are
		 * a list or table rows (一、 again inside 三、), unless the
		 * title of a new part came between (2024年工作安排). */
		if (*section && o->stack[k].section) {
			if (v == 1 && !o->part_title) {
				o->stack[k].ghost = 1;
				return -1;
			}
			if (o->stack[k].ghost > 0 &&
			    v == o->stack[k].ghost + 1) {
				o->stack[k].ghost = v;
				return -1;
			}
		}
		o->stack[k].ghost = 0;
		for (i = 0; i < k; i++)
			if (!o->stack[i].section)
				*section = 0;
		if (v != last + 1 && v != 1)
			check_number(o, u, f, m, last, *section);
		*fresh = v == 1;
		pop_to(o, k + 1);
		return k;
	}
	if (v == 1) {
		if (weak_style(m->style) && !f->has2)
			return -1;
	} else if (late && o->depth == 0 && o->sections == 0 &&
	    f->memory == 0)
		;	/* the first heading of a page that starts late */
	else if (f->memory == 0 || v < f->memory ||
	    v > f->memory + GAP_MAX)
		return -1;
	else if (v != f->memory + 1)
		check_number(o, u, f, m, f->memory, *section);
	/* Sections never sit inside items. */
	if (*section)
		while (o->depth > 0 && !o->stack[o->depth - 1].section)
			pop_to(o, o->depth - 1);
	if (o->depth == o->maxdepth) {
		if (!o->limit_hit)
			diag_add(o->d, o->doc->source, u->line, u->col,
			    SEV_ERROR, "numbering is nested deeper than %d "
			    "levels ([limits] depth): the rest is read as text",
			    o->maxdepth);
		o->limit_hit = 1;
		return -1;
	}
	k = o->depth++;
	memset(&o->stack[k], 0, sizeof(o->stack[k]));
	o->stack[k].f = f;
	*fresh = 1;
	return k;
}

/* The bare number of m: Chinese as written, Arabic normalised (as
 * printf's %d writes it). */
static const char *
marker_num(struct doc *doc, const struct marker *m)
{
	char		 d[16];
	size_t		 n = sizeof(d);
	unsigned	 v;

	/* "0" to "99", each with its NUL: no copy for the usual numbers. */
	static const char	 small[] = NUMS_0_99;

	if (m->cn && m->num)
		return arena_strndup(&doc->arena, m->num, m->numlen);
	if (m->value >= 0 && m->value < 10)
		return small + 2 * m->value;
	if (m->value >= 10 && m->value < 100)
		return small + 20 + 3 * (m->value - 10);
	v = m->value < 0 ? 0u - (unsigned)m->value : (unsigned)m->value;
	do
		d[--n] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	if (m->value < 0)
		d[--n] = '-';
	return arena_strndup(&doc->arena, d + n, sizeof(d) - n);
}

/* A paragraph of s[off, off+len) (inline lists found) under parent. */
static struct node *
add_paragraph(struct outline *o, struct node *parent, const struct unit *u,
    const char *s, size_t len, struct labels *l)
{
	struct node	*p;

	p = node_append(parent, node_new(o->doc, NODE_PARAGRAPH, u->line));
	p->col = u->col;
	p->text = doc_text(o->doc, s, len);
	unit_labels(u, p->text, len, l);
	add_inline_lists(o->doc, p, p->text, len, l);
	return p;
}

/* Skip a colon at s[*off] (the end of a lead-in). */
static void
skip_colon(const char *s, size_t *off, size_t *len)
{
	size_t		 i = *off;
	uint32_t	 cp;

	if (*len == 0)
		return;
	cp = utf8_step(s, *off + *len, &i);
	if (cp == 0xFF1A || cp == ':') {
		*len -= i - *off;
		*off = i;
	}
}

/* Fill section n from the body of its unit: title (trailing notes cut);
 * a heading that runs on into its text (（一）加强组织领导。各区要…)
 * keeps its first sentence, or a short lead-in before a colon, as the
 * title and the rest as a paragraph; the notes that end the unit are
 * the heading's.  One that runs on without a stop is warned about. */
static void
fill_section(struct outline *o, struct node *n, const struct unit *u,
    size_t body, struct labels *l)
{
	size_t		 off = body, len = u->len - body, t, roff, rlen;
	const char	*s;
	int		 nostop;

	trim(u->s, &off, &len);
	if (heading_like(u->s + off, len)) {
		n->title = cut_notes(o->doc, n, u->s, off, &len, 1);
		return;
	}
	s = cut_notes(o->doc, n, u->s, off, &len, 0);
	t = heading_title(s, len, &nostop);
	if (nostop)
		diag_add_id(o->d, o->doc->source, u->line, u->col,
		    SEV_WARNING, "run-on-heading", RUNON_MESSAGE, n->label);
	roff = t;
	rlen = len - t;
	skip_colon(s, &roff, &rlen);
	trim(s, &roff, &rlen);
	n->title = cut_notes(o->doc, n, s, 0, &t, 1);
	if (rlen > 0)
		add_paragraph(o, n, u, s + roff, rlen, l);
}

/* Fill item n from the body of its unit: text (trailing notes cut),
 * title, inline lists. */
static void
fill_item(struct outline *o, struct node *n, const struct unit *u,
    size_t body, struct labels *l)
{
	size_t	 off = body, len = u->len - body;

	trim(u->s, &off, &len);
	n->text = cut_notes(o->doc, n, u->s, off, &len, 0);
	n->title = title_of(o->doc, n->text, len);
	unit_labels(u, n->text, len, l);
	add_inline_lists(o->doc, n, n->text, len, l);
}

/* Place the numbered unit u (marker m, body from body) at level k. */
static void
add_numbered(struct outline *o, const struct unit *u, const struct marker *m,
    size_t body, int k, int section, int fresh, struct labels *l)
{
	struct level	*lv = &o->stack[k];
	struct node	*parent, *n;
	int		 i, sections = 0;

	parent = k > 0 ? o->stack[k - 1].node : o->doc->root;
	if (section) {
		for (i = 0; i < k; i++)
			sections += o->stack[i].section;
		sections++;
		n = node_append(parent, node_new(o->doc, NODE_SECTION,
		    u->line));
		n->level = sections;
	} else {
		if (fresh || lv->list == NULL || lv->list->parent != parent ||
		    parent->last != lv->list) {
			lv->list = node_append(parent,
			    node_new(o->doc, NODE_LIST, u->line));
			lv->list->style = LIST_BLOCK;
		}
		n = node_append(lv->list, node_new(o->doc, NODE_ITEM,
		    u->line));
	}
	n->col = u->col;
	n->num = marker_num(o->doc, m);
	n->label = arena_strndup(&o->doc->arena, u->s + m->labstart,
	    m->lablen);
	if (section)
		fill_section(o, n, u, body, l);
	else
		fill_item(o, n, u, body, l);
	lv->node = n;
	lv->section = section;
	lv->last = m->value;
	o->sections += section;
	if (section)
		o->part_title = 0;
}

/* Is cp a digit of a year: 0-9, 〇 零 一 二 三 四 五 六 七 八 九? */
static int
year_digit(uint32_t cp)
{
	static const uint32_t	 cn[] = { 0x3007, 0x96F6, 0x4E00, 0x4E8C,
	    0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D };
	size_t			 i;

	if (cp < 0x80)
		return ascii_isdigit(cp);
	for (i = 0; i < sizeof(cn) / sizeof(cn[0]); i++)
		if (cp == cn[i])
			return 1;
	return 0;
}

/* Does s[0..len) name a year: four digits (2024, 二〇二四) before 年? */
static int
names_year(const char *s, size_t len)
{
	size_t		 i = 0, at;
	uint32_t	 cp, prev[4] = { 0, 0, 0, 0 };
	int		 k;

	while (i < len) {
		at = i;
		cp = utf8_step(s, len, &i);
		if (cp == 0x5E74 && at > 0) {		/* 年 */
			for (k = 0; k < 4; k++)
				if (!year_digit(prev[k]))
					break;
			if (k == 4)
				return 1;
		}
		prev[3] = prev[2];
		prev[2] = prev[1];
		prev[1] = prev[0];
		prev[0] = cp;
	}
	return 0;
}

/* Is unit u (marker m) part of the attachments, text rather than
 * items: the list of them (附件：1.… then 2.… 3.…), or anything after
 * the heading of one (附件1, 附件2：…) once the body has had its
 * numbered sections (in a notice that publishes a document, 附件 before
 * the document's own sections introduces the document itself)? */
static int
attachments(struct outline *o, const struct unit *u, const struct marker *m)
{
	struct marker	 lm;
	size_t		 i = 0;
	uint32_t	 cp;

	if (o->attached)
		return 1;
	switch (attachment_line(u->s, u->len)) {
	case ATT_HEAD:
		if (o->sections == 0)
			return 0;
		o->attached = 1;
		pop_to(o, 0);
		return 1;
	case ATT_LIST:
		/* The list's first number, after the colon. */
		while (i < u->len && (cp = utf8_step(u->s, u->len, &i)) !=
		    0xFF1A && cp != ':')
			;
		o->attnext = marker_parse(u->s + i, u->len - i, &lm) &&
		    lm.value == 1 ? 2 : i == u->len ? 1 : 0;
		pop_to(o, 0);
		return 1;
	default:
		break;
	}
	if (o->attnext > 0 && (m->style == M_AR_DOT || m->style == M_AR_DUN) &&
	    m->value == o->attnext) {
		o->attnext++;
		return 1;
	}
	o->attnext = 0;
	return 0;
}

/* Would a new level of f open inside an item (（一） listing the parts of
 * 第四条)?  Not when f is already open: place() decides then. */
static int
in_item(const struct outline *o, const struct numfam *f)
{
	int	 k;

	for (k = 0; k < o->depth; k++)
		if (o->stack[k].f == f)
			return 0;
	return o->depth > 0 && !o->stack[o->depth - 1].section;
}

/* Place unit u (as the survey left it) in the tree. */
static void
add_unit(struct outline *o, const struct unit *u, struct labels *l)
{
	struct marker		 mk, *m = &mk;
	struct numfam		*f;
	int			 k, fresh, section;

	unit_mark(u, m);
	if (attachments(o, u, m)) {
		add_paragraph(o, o->doc->root, u, u->s, u->len, l);
		return;
	}
	if (m->style != M_NONE) {
		f = numfam_get(o, m);
		section = (marker_heading_style(m) && !in_item(o, f)) ||
		    (!f->items && u->heading);
		if ((k = place(o, u, f, m, u->late, &section, &fresh)) >= 0) {
			check_delim(o, u, f, m, section);
			add_numbered(o, u, m, m->len, k, section, fresh, l);
			return;
		}
		if (strong_style(m->style) && !o->limit_hit)
			diag_add_id(o->d, o->doc->source, u->line, u->col,
			    SEV_WARNING, "numbering-break",
			    "\"%.*s\" does not continue the "
			    "numbering before it: read as text",
			    (int)m->lablen, u->s + m->labstart);
	}
	/* A heading without a number ends the items before it; one that
	 * names a year and a kind of document (2024年工作安排) may start a
	 * part. */
	if (heading_like(u->s, u->len) && title_words(u->s, u->len) &&
	    names_year(u->s, u->len))
		o->part_title = 1;
	if (heading_like(u->s, u->len))
		while (o->depth > 0 && !o->stack[o->depth - 1].section)
			pop_to(o, o->depth - 1);
	add_paragraph(o, current(o), u, u->s, u->len, l);
}

/* Build the tree from lines [from, to) of t under the root. */
static void
outline_lines(struct outline *o, const struct text *t, size_t from,
    size_t to)
{
	struct units	 us = { NULL, 0, 0 };
	struct labels	 l = { NULL, 0, 0 };
	const char	*name;
	char		*toc;
	long		 title;
	size_t		 i, ntitle, n, base;
	const struct unit *u;

	text_unwrap(o->doc, t, from, to, &us);
	title = title_unit(o->doc, &us, &name, &ntitle);
	/* A title given in front matter names the title line when the
	 * line is it or starts with it (the headline and its subtitle
	 * run together: 某某项目属全国首次 under title 某某项目); a line
	 * that does not is the body's. */
	if (o->doc->title == NULL)
		o->doc->title = name;
	else if (title >= 0 && name != NULL && (o->doc->title[0] == '\0' ||
	    strncmp(name, o->doc->title, strlen(o->doc->title)) != 0))
		title = -1;
	/* The title line is not part of the body. */
	if (title >= 0)
		for (i = 0; i < ntitle; i++)
			us.v[title + (long)i].len = 0;
	toc = xcalloc(us.n ? us.n : 1, 1);
	mark_toc(&us, toc);
	bare_headings(&us);
	survey(o, &us, toc, &l);
	/* Placing reads each unit once, in order: the units placed go
	 * (the rest moved to a new array whenever they are fewer than
	 * those placed), so they and the tree are not both whole. */
	n = us.n;
	for (i = 0, base = 0; i < n; i++) {
		if (i - base >= UNITS_KEEP && i - base >= n - i) {
			struct unit	*v;

			v = xreallocarray(NULL, n - i, sizeof(*v));
			memcpy(v, us.v + (i - base), (n - i) * sizeof(*v));
			free(us.v);
			us.v = v;
			us.n = us.cap = n - i;
			base = i;
		}
		u = &us.v[i - base];
		if (u->len > 0 && toc[i])
			add_paragraph(o, current(o), u, u->s, u->len, &l);
		else if (u->len > 0)
			add_unit(o, u, &l);
	}
	free(toc);
	free(l.v);
	units_free(&us);
}

/* Build doc->root from the cleaned lines of t. */
int
outline_parse(struct doc *doc, const struct text *t, struct diags *d)
{
	return outline_parse_max(doc, t, OUTLINE_MAX_DEPTH, d);
}

/* outline_parse() with numbering nested at most maxdepth levels (1 to
 * OUTLINE_DEPTH_LIMIT; out of range means OUTLINE_MAX_DEPTH). */
int
outline_parse_max(struct doc *doc, const struct text *t, int maxdepth,
    struct diags *d)
{
	struct outline	 o;
	long		 hdr;

	memset(&o, 0, sizeof(o));
	o.doc = doc;
	o.d = d;
	o.maxdepth = maxdepth >= 1 && maxdepth <= OUTLINE_DEPTH_LIMIT ?
	    maxdepth : OUTLINE_MAX_DEPTH;
	o.stack = xcalloc((size_t)o.maxdepth, sizeof(*o.stack));
	hdr = table_find(t, 0, t->n);
	if (hdr < 0)
		outline_lines(&o, t, 0, t->n);
	else {
		outline_lines(&o, t, 0, (size_t)hdr);
		table_parse(doc, t, (size_t)hdr, t->n, doc->root, d);
	}
	free(o.stack);
	free(o.fams);
	free(o.fslot);
	return o.limit_hit ? -1 : 0;
}
