/*
 * text.c — UTF-8 text to clean physical lines.
 *
 * Four passes over the lines, each linear in the input:
 *   1. split (LF, CRLF, lone CR; a page flattened into one line is
 *      split again before its numbering markers) and normalise each
 *      line: full-width digits and Latin letters to ASCII, blanks,
 *      invisible characters, Word bookmarks and field instructions
 *      (PAGEREF _Toc…), runs of '|', rule lines, form feeds;
 *   2. drop page-number lines;
 *   3. drop a page header or footer that repeats through the document;
 *   4. repair regions written with doubled glyphs (PDF bold text).
 * Hard wraps are not rejoined here: outline.c does that, knowing the
 * structure.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/parse_int.h"

/* A line while it is being cleaned. */
struct wline {
	const char	*s;		/* in the document's arena */
	size_t		 len;
	int		 no;
	int		 indent;
	unsigned	 flags;
	int		 drop;		/* not part of the text */
};

struct lines {
	struct wline	*v;
	size_t		 n;
	size_t		 cap;
};

/* ---- Characters ---- */

#define CP_DROP		0xFFFFFFFFu	/* a character that is removed */
#define CP_BLANK	0xFFFFFFFEu	/* a blank of any kind */

/* Map one code point as cleaning wants it: full-width digits and Latin
 * letters to ASCII, blanks to CP_BLANK, invisible and control
 * characters to CP_DROP; '\f' and everything else unchanged. */
static uint32_t
cp_fold(uint32_t cp)
{
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return cp - 0xFF10 + '0';
	if (cp >= 0xFF21 && cp <= 0xFF3A)
		return cp - 0xFF21 + 'A';
	if (cp >= 0xFF41 && cp <= 0xFF5A)
		return cp - 0xFF41 + 'a';
	if (cp == ' ' || cp == '\t' || cp == '\v' || cp == 0xA0 ||
	    cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200A) ||
	    cp == 0x202F || cp == 0x205F || cp == 0x2028 || cp == 0x2029)
		return CP_BLANK;
	if (cp == '\f')
		return cp;
	if (text_invisible(cp))
		return CP_DROP;
	return cp;
}

/* Is cp a character cleaning removes (see gen.h)? */
int
text_invisible(uint32_t cp)
{
	if (cp < 0x20)
		return cp != '\t' && cp != '\n' && cp != '\r';
	if (cp < 0x7F)
		return 0;
	return cp <= 0x9F || cp == 0xAD || cp == 0x061C ||
	    (cp >= 0x200B && cp <= 0x200F) ||		/* ZW*, LRM, RLM */
	    (cp >= 0x202A && cp <= 0x202E) ||		/* LRE..RLO */
	    cp == 0x2060 || (cp >= 0x2066 && cp <= 0x2069) || /* isolates */
	    cp == 0xFEFF || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
	    (cp & 0xFFFE) == 0xFFFE;			/* noncharacters */
}

/* Could the byte c start a character text_invisible() names? */
#define MAY_START_INVISIBLE(c) ((c) < 0x20 || (c) == 0x7F || (c) == 0xC2 || \
	(c) == 0xD8 || (c) == 0xE2 || (c) >= 0xEF)

/* Copy s[0..len) to out without the characters text_invisible() names
 * (tabs and line breaks stay); return the length left.  out is
 * untouched when there is none. */
size_t
text_strip(const char *s, size_t len, struct buf *out)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, from = 0, k;
	uint32_t		 cp;

	while (i < len) {
		if (!MAY_START_INVISIBLE(p[i])) {
			i++;
			continue;
		}
		if (p[i] < 0x80) {
			cp = p[i];
			k = 1;
		} else if ((k = utf8_decode(s + i, len - i, &cp)) == 0) {
			i++;		/* not UTF-8: not ours to judge */
			continue;
		}
		if (text_invisible(cp)) {
			buf_put(out, s + from, i - from);
			from = i + k;
		}
		i += k;
	}
	if (from == 0)
		return len;
	buf_put(out, s + from, len - from);
	return out->len;
}

/* Columns a leading blank stands for. */
static int
blank_width(uint32_t cp)
{
	return cp == 0x3000 ? 2 : cp == '\t' ? 4 : 1;
}

/* Is cp CJK punctuation or a full-width symbol (not a Han ideograph,
 * digit or letter)?  No space is kept next to one. */
static int
cp_is_cjk_punct(uint32_t cp)
{
	return (cp >= 0x3001 && cp <= 0x303F) ||
	    (cp >= 0xFF01 && cp <= 0xFF65) ||
	    (cp >= 0x2018 && cp <= 0x201F) || cp == 0x2014 ||
	    cp == 0x2026 || (cp >= 0xFE30 && cp <= 0xFE4F);
}

static int
cp_is_ascii_alnum(uint32_t cp)
{
	return cp < 0x80 && ascii_isalnum((int)cp);
}

/* Append cp as UTF-8 to b. */
static void
buf_putcp(struct buf *b, uint32_t cp)
{
	char	 tmp[4];

	buf_put(b, tmp, utf8_encode(cp, tmp));
}

/* Decode the code point at s[0..n); return bytes used (an invalid byte
 * counts one, as U+FFFD). */
static size_t
next_cp(const char *s, size_t n, uint32_t *cp)
{
	size_t	 k;

	if ((unsigned char)s[0] < 0x80) {
		*cp = (unsigned char)s[0];
		return 1;
	}
	if ((k = utf8_decode(s, n, cp)) == 0) {
		*cp = 0xFFFD;
		k = 1;
	}
	return k;
}

/* ---- Pass 1: normalise one line ---- */

/* Length of an export artifact "[bookmark: NAME]" or "[]{#NAME ...}"
 * at s, or 0. */
static size_t
bookmark_len(const char *s, size_t n)
{
	const char	*end;
	size_t		 skip;

	if (n >= 10 && strncasecmp(s, "[bookmark:", 10) == 0)
		skip = 10;
	else if (n >= 4 && memcmp(s, "[]{#", 4) == 0)
		skip = 4;
	else
		return 0;
	end = memchr(s + skip, skip == 10 ? ']' : '}',
	    n - skip < 128 ? n - skip : 128);
	return end ? (size_t)(end - s) + 1 : 0;
}

/* Decode the code point at s[0..n), a fast path for the three-byte
 * sequences of CJK text; return bytes used as next_cp() does. */
static size_t
next_cp_fast(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char	*s = (const unsigned char *)str;

	if (n >= 3 && ((s[0] >= 0xE1 && s[0] <= 0xEC) || s[0] >= 0xEE) &&
	    s[0] <= 0xEF && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*cp = (uint32_t)(s[0] & 0x0F) << 12 |
		    (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
		return 3;
	}
	return next_cp(str, n, cp);
}

#define INDENT_MAX	(1 << 20)	/* a wider indent counts as this */

/*
 * The end of the run from s[i] of characters that line_normalize()
 * copies unchanged: visible ASCII but '[', and U+3001-U+9FFF (CJK
 * punctuation, kana, Han), which cp_fold() keeps.  *last is set to the
 * start of the run's last character (left alone when there is none).
 */
static size_t
plain_run(const char *str, size_t n, size_t i, size_t *last)
{
	const unsigned char	*s = (const unsigned char *)str;

	while (i < n) {
		if (s[i] > ' ' && s[i] < 0x7F && s[i] != '[') {
			*last = i++;
			continue;
		}
		/* E3 80 81 (U+3001) ... E9 BF BF (U+9FFF) */
		if (n - i >= 3 && s[i] - 0xE3u <= 0xE9u - 0xE3u &&
		    ((s[i + 1] ^ 0x80u) | (s[i + 2] ^ 0x80u)) < 0x40 &&
		    (s[i] != 0xE3 || s[i + 1] != 0x80 || s[i + 2] != 0x80)) {
			*last = i;
			i += 3;
			continue;
		}
		break;
	}
	return i;
}

/*
 * Normalise the line s[0..n) into o (room for n + 1 bytes: cleaning
 * never lengthens a line), NUL-terminated, its length in *olen:
 * leading blanks removed (their width in *indent), runs of blanks made
 * one space (none next to CJK punctuation), trailing blanks removed,
 * characters folded by cp_fold, bookmarks removed.  Set LINE_PAGE in
 * *flags for a form feed.
 */
static void
line_normalize(const char *s, size_t n, char *o, size_t *olen, int *indent,
    unsigned *flags)
{
	size_t		 i = 0, j, k, last = 0, len = 0;
	uint32_t	 cp, raw, prev = 0;
	int		 pending = 0;

	*indent = 0;
	*flags = 0;
	while (i < n) {
		if ((k = plain_run(s, n, i, &last)) > i) {
			/* Characters cleaning leaves alone: copied. */
			if (pending) {
				j = i;
				cp = utf8_step(s, n, &j);
				if (!cp_is_cjk_punct(prev) &&
				    !cp_is_cjk_punct(cp))
					o[len++] = ' ';
			}
			pending = 0;
			memcpy(o + len, s + i, k - i);
			len += k - i;
			prev = utf8_step(s, n, &last);
			i = k;
			continue;
		}
		if (s[i] == '[' && (k = bookmark_len(s + i, n - i)) > 0) {
			i += k;
			continue;
		}
		k = next_cp_fast(s + i, n - i, &raw);
		i += k;
		if ((raw == 0xFFFD && k == 1) || (cp = cp_fold(raw)) == CP_DROP)
			continue;	/* a byte that is not UTF-8, or invisible */
		if (cp == '\f') {
			*flags |= LINE_PAGE;
			continue;
		}
		if (cp == CP_BLANK) {
			if (prev != 0)
				pending = 1;
			else if (*indent < INDENT_MAX)
				*indent += blank_width(raw);
			continue;
		}
		if (pending && !cp_is_cjk_punct(prev) && !cp_is_cjk_punct(cp))
			o[len++] = ' ';
		pending = 0;
		if (cp == raw) {
			memcpy(o + len, s + i - k, k);
			len += k;
		} else
			len += utf8_encode(cp, o + len);
		prev = cp;
	}
	o[len] = '\0';
	*olen = len;
}

/* ---- Web and word-processor debris ---- */

/* Length of a Word field instruction at s[0..n) (PAGEREF _Toc25831 \h,
 * HYPERLINK \l "_Toc1", TOC \o "1-3" \h \z \u) that an export left in
 * the text, with the blank after it; 0 when there is none.  The page
 * number after PAGEREF is text and stays. */
static size_t
field_len(const char *s, size_t n)
{
	static const char *const keys[] = { "PAGEREF ", "HYPERLINK ",
	    "TOC ", "NOTEREF ", NULL };
	size_t		 i = 0, k, j;
	int		 args = 0;

	for (k = 0; keys[k] != NULL; k++)
		if (n >= strlen(keys[k]) &&
		    memcmp(s, keys[k], strlen(keys[k])) == 0)
			break;
	if (keys[k] == NULL)
		return 0;
	i = strlen(keys[k]);
	for (;;) {
		j = i;
		if (j < n && s[j] == '\\')
			j++;
		if (j < n && s[j] == '_') {
			/* a bookmark name: _Toc25831, _Ref123 */
			while (j < n && (ascii_isalnum(s[j]) || s[j] == '_'))
				j++;
		} else if (j < n && s[j] == '"') {
			/* A switch's argument is short: "1-3", "_Toc1". */
			const char	*q = memchr(s + j + 1, '"',
			    n - j - 1 < 64 ? n - j - 1 : 64);

			if (q == NULL)
				break;
			j = (size_t)(q - s) + 1;
		} else if (j < n && ascii_isalpha(s[j]) &&
		    (j + 1 == n || s[j + 1] == ' '))
			j++;		/* a switch: \h, \o, h */
		else
			break;
		args++;
		i = j;
		if (i < n && s[i] == ' ')
			i++;
		else
			break;
	}
	return args > 0 ? i : 0;
}

/* Whether o[0..n) holds a '|' or a Word field's name (PAGEREF,
 * HYPERLINK, TOC, NOTEREF and a space): one pass, as most lines hold
 * none (four memmem() calls were a tenth of cleaning). */
static int
has_debris(const char *o, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		switch (o[i]) {
		case '|':
			return 1;
		case 'P':
			if (n - i >= 8 && memcmp(o + i, "PAGEREF ", 8) == 0)
				return 1;
			break;
		case 'H':
			if (n - i >= 10 && memcmp(o + i, "HYPERLINK ", 10) == 0)
				return 1;
			break;
		case 'T':
			if (n - i >= 4 && memcmp(o + i, "TOC ", 4) == 0)
				return 1;
			break;
		case 'N':
			if (n - i >= 8 && memcmp(o + i, "NOTEREF ", 8) == 0)
				return 1;
			break;
		default:
			break;
		}
	return 0;
}

/* Remove from the normalised line o[0..*len) the debris that web pages
 * and word processors leave: Word field instructions (field_len) and
 * runs of three or more '|' (a layout table's rules).  Return whether
 * anything was removed. */
static int
strip_debris(char *o, size_t *len)
{
	size_t	 i = 0, w = 0, k, pipes, n = *len;

	if (!has_debris(o, n))
		return 0;
	while (i < n) {
		if ((i == 0 || !ascii_isalnum(o[i - 1])) &&
		    (k = field_len(o + i, n - i)) > 0) {
			i += k;
			continue;
		}
		if (o[i] == '|') {
			for (k = i, pipes = 0; k < n && (o[k] == '|' ||
			    o[k] == ' '); k++)
				pipes += o[k] == '|';
			if (pipes >= 3) {
				i = k;
				continue;
			}
		}
		o[w++] = o[i++];
	}
	while (w > 0 && o[w - 1] == ' ')
		w--;
	o[w] = '\0';
	*len = w;
	return w < n;
}

/* Is s[0..len) nothing but '|' and blanks? */
static int
memspn_pipe(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (s[i] != '|' && s[i] != ' ')
			return 0;
	return 1;
}

/* Is the normalised line s[0..len) a rule drawn with characters (-----,
 * =====, ______, ─────, and the like), three or more and nothing else,
 * or a layout table's lone '|'? */
static int
is_rule_line(const char *s, size_t len)
{
	size_t		 i = 0;
	uint32_t	 cp;
	int		 n = 0;

	while (i < len) {
		cp = utf8_step(s, len, &i);
		if (cp == '-' || cp == '=' || cp == '_' || cp == '+' ||
		    cp == '*' || cp == '|' || (cp >= 0x2500 && cp <= 0x257F))
			n++;
		else if (cp != ' ')
			return 0;
	}
	return n >= 3 || (n > 0 && memspn_pipe(s, len));
}

/* ---- Lines of a flattened page ---- */

#define FLAT_MIN	600	/* bytes of a line that may be a whole page */
#define FLAT_CUTS	512	/* paragraphs split from one line at most */

/* Is cp the end of a Chinese paragraph: a Han character, or CJK
 * punctuation that ends a sentence, a clause or a quotation? */
static int
para_tail(uint32_t cp)
{
	return cp_is_han(cp) || cp_is_stop(cp) || cp == 0xFF1B ||
	    cp == 0xFF1A || cp == 0xFF09 || cp == ')' || cp == 0x201D ||
	    cp == 0x300B;
}

/* Where the raw line s[0..n) breaks into paragraphs, when it is a page
 * whose paragraphs a conversion joined with blanks (…全文公开。
 * 一、本年度… 1.政府信息…): the offsets after each such blank in cuts
 * (at most max), their number returned; 0 unless the line is long and
 * has two or more blanks before a numbering marker.  A blank counts
 * between the end of Chinese text and a marker or a Han character. */
static size_t
flat_breaks(const char *s, size_t n, size_t *cuts, size_t max)
{
	struct marker	 m;
	size_t		 i = 0, b, nc = 0, marked = 0;
	uint32_t	 cp, prev = 0, next;

	if (n < FLAT_MIN)
		return 0;
	while (i < n && nc < max) {
		cp = utf8_step(s, n, &i);
		if (cp != ' ' && cp != 0x3000 && cp != '\t') {
			prev = cp;
			continue;
		}
		/* The whole run of blanks, once. */
		b = i;
		while (b < n && (s[b] == ' ' || s[b] == '\t' ||
		    (n - b >= 3 && memcmp(s + b, "\xE3\x80\x80", 3) == 0)))
			b += s[b] == ' ' || s[b] == '\t' ? 1 : 3;
		i = b;
		if (b == n || !para_tail(prev))
			continue;
		next = utf8_step(s, n, &i);
		i = b;
		if (marker_parse(s + b, n - b, &m) > 0 &&
		    m.style != M_AR_BARE) {
			cuts[nc++] = b;
			marked++;
		} else if (cp_is_han(next) && (cp_is_stop(prev) ||
		    prev == 0xFF1A))
			cuts[nc++] = b;
	}
	return marked >= 2 ? nc : 0;
}

/* Normalise the raw line s[0..n) into w (and, for a page flattened into
 * one line, into further lines of the same number after it), without
 * its debris; a line that held only debris is dropped. */
static void
line_add(struct doc *doc, struct lines *L, struct wline *w, const char *s,
    size_t n)
{
	size_t	 cuts[FLAT_CUTS], nc, k, a, e;
	char	*o;
	int	 no = w->no;

	nc = flat_breaks(s, n, cuts, FLAT_CUTS);
	for (k = 0; k <= nc; k++) {
		a = k ? cuts[k - 1] : 0;
		e = k < nc ? cuts[k] : n;
		if (k > 0) {
			if (L->n == L->cap) {
				L->cap *= 2;
				L->v = xreallocarray(L->v, L->cap,
				    sizeof(*L->v));
			}
			w = &L->v[L->n++];
			memset(w, 0, sizeof(*w));
			w->no = no;
		}
		o = arena_bytes(&doc->arena, e - a + 1);
		line_normalize(s + a, e - a, o, &w->len, &w->indent,
		    &w->flags);
		w->s = o;
		if ((strip_debris(o, &w->len) && w->len == 0) ||
		    is_rule_line(o, w->len))
			w->drop = 1;
	}
}

/* Split utf8 into normalised lines numbered from first_line. */
static void
lines_split(struct doc *doc, const char *s, size_t len, int first_line,
    struct lines *L)
{
	size_t		 i = 0, start;
	struct wline	*w;
	const char	*nl;
	int		 cr = memchr(s, '\r', len) != NULL, no = 0, empties = 0;

	while (i < len) {
		start = i;
		if (!cr) {
			nl = memchr(s + i, '\n', len - i);
			i = nl != NULL ? (size_t)(nl - s) : len;
		} else
			while (i < len && s[i] != '\n' && s[i] != '\r')
				i++;
		no++;
		/* Empty lines after two empty lines say nothing more. */
		empties = i > start ? 0 : empties + 1;
		if (empties > 2)
			goto next;
		if (L->n == L->cap) {
			L->cap = L->cap ? L->cap * 2 : 256;
			L->v = xreallocarray(L->v, L->cap, sizeof(*L->v));
		}
		w = &L->v[L->n];
		memset(w, 0, sizeof(*w));
		w->no = first_line + no - 1;
		L->n++;
		if (i > start)
			line_add(doc, L, w, s + start, i - start);
		else
			w->s = "";
next:
		if (i < len && s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
			i++;
		i++;	/* a final line break does not start another line */
	}
}

/* ---- Pass 2: page numbers ---- */

/* If s starts with one of the literals (NULL-terminated list), advance
 * past it and return 1. */
static int
eat_any(const char **s, const char *e, const char *const *lits)
{
	size_t	 n;

	for (; *lits != NULL; lits++) {
		n = strlen(*lits);
		if ((size_t)(e - *s) >= n && memcmp(*s, *lits, n) == 0) {
			*s += n;
			return 1;
		}
	}
	return 0;
}

static int
eat(const char **s, const char *e, const char *lit)
{
	const char	*lits[2] = { lit, NULL };

	return eat_any(s, e, lits);
}

static void
eat_blanks(const char **s, const char *e)
{
	while (*s < e && **s == ' ')
		(*s)++;
}

/* Advance past 1-4 ASCII digits (or Chinese numerals when cn) and
 * return their value, or -1 when there are none. */
static int
eat_number(const char **s, const char *e, int cn)
{
	static const char *const cnum[] = { "一", "二", "三", "四", "五",
	    "六", "七", "八", "九", "十", "百", "〇", "零", NULL };
	int	 v = 0, n = 0;

	while (*s < e && ascii_isdigit(**s) && n < 5) {
		v = v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	if (n > 0)
		return n <= 4 ? v : -1;
	while (cn && n < 6 && eat_any(s, e, cnum))
		n++;
	return n > 0 ? 1 : -1;
}

/* At *s, word, a number (digits or Chinese numerals) and 页, blanks
 * between: 1 past them, 0 when *s does not start with word (not moved),
 * -1 when it does but the number or 页 is missing. */
static int
eat_page_of(const char **s, const char *e, const char *word)
{
	if (!eat(s, e, word))
		return 0;
	eat_blanks(s, e);
	if (eat_number(s, e, 1) < 0)
		return -1;
	eat_blanks(s, e);
	return eat(s, e, "页") ? 1 : -1;
}

/* Is the line a page number: "- 3 -", "— 3 —", "第 3 页", "第3页 共12页",
 * "共12页 第3页", "3/12", "Page 3 of 12"? */
static int
is_page_number(const char *s, size_t len)
{
	static const char *const dashes[] = { "-", "—", "–", "－", "─",
	    "―", "‒", "﹣", NULL };
	static const char *const seps[] = { "，", ",", "/", "／", "、",
	    NULL };
	const char	*e = s + len, *p = s;
	int		 a, b, dash, k;

	if (len == 0 || len > 64)
		return 0;
	/* - 3 -, — 3 — */
	for (dash = 0; eat_any(&p, e, dashes); dash++)
		eat_blanks(&p, e);
	if (dash > 0) {
		if (eat_number(&p, e, 0) < 0)
			return 0;
		eat_blanks(&p, e);
		for (dash = 0; eat_any(&p, e, dashes); dash++)
			eat_blanks(&p, e);
		return dash > 0 && p == e;
	}
	/* 第 3 页 [，共 12 页]; 共 12 页 第 3 页 */
	p = s;
	if ((k = eat_page_of(&p, e, "共")) < 0)
		return 0;
	if (k > 0) {
		/* 共 12 页 alone is not a page number: 第 must follow */
		eat_blanks(&p, e);
		eat_any(&p, e, seps);
		eat_blanks(&p, e);
		if (p == e)
			return 0;
	}
	if ((k = eat_page_of(&p, e, "第")) < 0)
		return 0;
	if (k > 0) {
		eat_blanks(&p, e);
		if (p == e)
			return 1;
		eat_any(&p, e, seps);
		eat_blanks(&p, e);
		return eat_page_of(&p, e, "共") > 0 && p == e;
	}
	/* Page 3 [of 12] */
	p = s;
	if (len > 4 && strncasecmp(p, "page", 4) == 0) {
		p += 4;
		eat_blanks(&p, e);
		if (eat_number(&p, e, 0) < 0)
			return 0;
		eat_blanks(&p, e);
		if (p == e)
			return 1;
		if (e - p < 2 || strncasecmp(p, "of", 2) != 0)
			return 0;
		p += 2;
		eat_blanks(&p, e);
		return eat_number(&p, e, 0) >= 0 && p == e;
	}
	/* 3/12 */
	p = s;
	if ((a = eat_number(&p, e, 0)) < 1)
		return 0;
	eat_blanks(&p, e);
	if (!eat(&p, e, "/") && !eat(&p, e, "／"))
		return 0;
	eat_blanks(&p, e);
	b = eat_number(&p, e, 0);
	return p == e && b >= a;
}

/* Drop page-number lines and lines that only held a form feed; the
 * next line gets LINE_PAGE. */
static void
drop_page_numbers(struct lines *L)
{
	size_t	 i;

	for (i = 0; i < L->n; i++) {
		if ((L->v[i].len == 0 && (L->v[i].flags & LINE_PAGE)) ||
		    is_page_number(L->v[i].s, L->v[i].len)) {
			L->v[i].drop = 1;
			if (i + 1 < L->n)
				L->v[i + 1].flags |= LINE_PAGE;
		}
	}
}

/* ---- Pass 3: repeated page headers and footers ---- */

/* Does the line start with a numbering marker (1. 一、 （一） ① 第一章)? */
static int
looks_numbered(const char *s, size_t len)
{
	static const char *const cn[] = { "一", "二", "三", "四", "五", "六",
	    "七", "八", "九", "十", NULL };
	static const char *const delim[] = { "、", "．", ".", "是", NULL };
	const char	*p = s, *e = s + len;
	uint32_t	 cp;

	if (len == 0)
		return 0;
	if (ascii_isdigit(s[0]) || s[0] == '(' || eat(&p, e, "（") ||
	    eat(&p, e, "第"))
		return 1;
	next_cp(s, len, &cp);
	if (cp >= 0x2460 && cp <= 0x24FF)
		return 1;
	p = s;
	if (!eat_any(&p, e, cn))
		return 0;
	while (eat_any(&p, e, cn))
		;
	return eat_any(&p, e, delim);
}

/* Does the line end with sentence punctuation or hold a colon (a
 * "label: value" line), so that it is content, not a page header? */
static int
looks_like_content(const char *s, size_t len)
{
	static const char *const ends[] = { "。", "；", "，", "、", "！",
	    "？", ";", ",", NULL };
	const char	*p;
	size_t		 n;
	int		 i;

	if (memmem(s, len, "：", 3) != NULL || memchr(s, ':', len) != NULL)
		return 1;
	for (i = 0; ends[i] != NULL; i++) {
		n = strlen(ends[i]);
		p = s + len - n;
		if (len >= n && memcmp(p, ends[i], n) == 0)
			return 1;
	}
	/* A trailing annotation on its own line: （办实事项目25） */
	return (len >= 6 && (memcmp(s, "（", 3) == 0 || s[0] == '(') &&
	    ((len >= 3 && memcmp(s + len - 3, "）", 3) == 0) ||
	    s[len - 1] == ')'));
}

/* Is the line a table's column header: three or more short words of
 * Han characters, letters or digits, separated by single spaces? */
static int
looks_like_columns(const char *s, size_t len)
{
	size_t		 i = 0, k;
	uint32_t	 cp;
	int		 words = 0, wlen = 0;

	while (i < len) {
		k = next_cp(s + i, len - i, &cp);
		i += k;
		if (cp == ' ') {
			if (wlen == 0)
				return 0;
			words++;
			wlen = 0;
			continue;
		}
		if (!cp_is_han(cp) && !cp_is_ascii_alnum(cp))
			return 0;
		if (++wlen > 12)
			return 0;
	}
	return wlen > 0 && words + 1 >= 3;
}

/* Is line i alone between blank lines, page breaks or the ends of the
 * text? */
static int
standalone(const struct lines *L, size_t i)
{
	size_t	 j;
	int	 before = 1, after = 1;

	if (!(L->v[i].flags & LINE_PAGE))
		for (j = i; j-- > 0; )
			if (!L->v[j].drop) {
				before = L->v[j].len == 0;
				break;
			}
	for (j = i + 1; j < L->n; j++)
		if (!L->v[j].drop) {
			after = L->v[j].len == 0 ||
			    (L->v[j].flags & LINE_PAGE);
			break;
		}
	return before && after;
}

static uint64_t
hash_bytes(const char *s, size_t n)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;

	while (n--)
		h = (h ^ (unsigned char)*s++) * 0x100000001b3ULL;
	return h;
}

/* Is line i next to a blank line, a page break or an end of the text
 * (where page headers and footers are)? */
static int
beside_break(const struct lines *L, size_t i)
{
	return i == 0 || i + 1 == L->n || L->v[i - 1].len == 0 ||
	    L->v[i + 1].len == 0 || L->v[i - 1].drop || L->v[i + 1].drop ||
	    (L->v[i].flags & LINE_PAGE);
}

/*
 * Group the lines that may be page headers (next to a break, 4-60 code
 * points, not numbered, not content) by their text: first[i] is the first line of i's group,
 * nextocc[i] the next line of the same text (or L->n), count[f] the
 * size of the group whose first line is f.  Linear (hash table).
 */
static void
group_lines(const struct lines *L, size_t *first, size_t *nextocc,
    size_t *lastocc, size_t *count)
{
	size_t		 size = 16, mask, i, h, f, cps;
	size_t		*table;

	while (size < 2 * L->n)
		size *= 2;
	mask = size - 1;
	table = xreallocarray(NULL, size, sizeof(*table));
	for (i = 0; i < size; i++)
		table[i] = L->n;
	for (i = 0; i < L->n; i++) {
		first[i] = nextocc[i] = L->n;
		count[i] = 0;
		if (L->v[i].drop || L->v[i].len < 4 || L->v[i].len > 240 ||
		    !beside_break(L, i) ||
		    looks_numbered(L->v[i].s, L->v[i].len) ||
		    looks_like_content(L->v[i].s, L->v[i].len))
			continue;
		cps = utf8_count(L->v[i].s, L->v[i].len);
		if (cps < 4 || cps > 60)
			continue;
		h = (size_t)hash_bytes(L->v[i].s, L->v[i].len) & mask;
		for (;; h = (h + 1) & mask) {
			f = table[h];
			if (f == L->n) {
				table[h] = first[i] = lastocc[i] = i;
				count[i] = 1;
				break;
			}
			if (L->v[f].len == L->v[i].len &&
			    memcmp(L->v[f].s, L->v[i].s, L->v[i].len) == 0) {
				first[i] = f;
				nextocc[lastocc[f]] = i;
				lastocc[f] = i;
				count[f]++;
				break;
			}
		}
	}
	free(table);
}

/*
 * Is the group starting at line f (not numbered, not content: see
 * group_lines) a page header or footer?  It must have 8 code points or
 * more and recur spread over at least a third of the document, never
 * on nearby lines; a line seen only twice must stand alone both times.
 */
static int
is_page_header(const struct lines *L, size_t f, const size_t *nextocc,
    size_t last, size_t count)
{
	size_t	 i, prev;

	if (count < 2 || last - f < L->n / 3)
		return 0;
	if (utf8_count(L->v[f].s, L->v[f].len) < 8)
		return 0;
	for (prev = f, i = nextocc[f]; i < L->n; prev = i, i = nextocc[i])
		if (i - prev < 5)
			return 0;
	if (count == 2)
		return standalone(L, f) && standalone(L, last);
	return 1;
}

/*
 * Drop a page header or footer that repeats through the document,
 * recording the most frequent one in *header.  A table's column header
 * that repeats on every page keeps its first occurrence.
 */
static void
drop_repeated(struct doc *doc, struct lines *L, const char **header)
{
	size_t	*first, *nextocc, *lastocc, *count, f, i, best = L->n;
	int	 columns;

	*header = NULL;
	if (L->n < 3)
		return;
	first = xreallocarray(NULL, L->n, sizeof(*first));
	nextocc = xreallocarray(NULL, L->n, sizeof(*nextocc));
	lastocc = xreallocarray(NULL, L->n, sizeof(*lastocc));
	count = xreallocarray(NULL, L->n, sizeof(*count));
	group_lines(L, first, nextocc, lastocc, count);
	for (f = 0; f < L->n; f++) {
		if (first[f] != f || count[f] < 2)
			continue;
		columns = looks_like_columns(L->v[f].s, L->v[f].len);
		if (!columns && !is_page_header(L, f, nextocc, lastocc[f],
		    count[f]))
			continue;
		for (i = columns ? nextocc[f] : f; i < L->n; i = nextocc[i]) {
			L->v[i].drop = 1;
			if (i + 1 < L->n)
				L->v[i + 1].flags |= LINE_PAGE;
		}
		if (!columns && (best == L->n || count[f] > count[best]))
			best = f;
	}
	if (best < L->n)
		*header = arena_strndup(&doc->arena, L->v[best].s,
		    L->v[best].len);
	free(first);
	free(nextocc);
	free(lastocc);
	free(count);
}

/* ---- Pass 4: doubled glyphs ---- */

/*
 * PDF text set in bold is sometimes extracted with every run of glyphs
 * twice: "22 月月 2828 日日，，我区召开了我区召开了".  A line is doubled
 * when it splits entirely into pairs XX (blanks between pairs allowed);
 * the split with the fewest pairs is found by dynamic programming over
 * code points, with the longest common prefix of suffixes i and j
 * computed a row at a time.
 */
#define DBL_MAXCP	400		/* longer lines are never doubled */
#define DBL_BUDGET	(1u << 26)	/* DP cells for one document */
#define DBL_NONE	0xFFFFu

struct dbl {
	uint32_t	 cp[DBL_MAXCP + 1];
	uint16_t	 best[DBL_MAXCP + 1];	/* fewest pairs for cp[i..m) */
	uint16_t	 pick[DBL_MAXCP + 1];	/* half-length at i; 0 = blank */
	uint16_t	 lcp[2][DBL_MAXCP + 2];
	size_t		 budget;
};

/* What a doubled line holds. */
struct dblstat {
	int	 pairs;		/* pairs XX */
	int	 longpairs;	/* pairs whose X has two code points or more */
	int	 cps;		/* code points once undoubled */
};

/* Can every non-blank code point of cp[0..m) occur an even number of
 * times (a necessary condition for a doubled line)?  Hashed parity, so
 * it may say yes wrongly, never no wrongly. */
static int
even_counts(const uint32_t *cp, size_t m)
{
	uint8_t		 bits[256];
	size_t		 i;
	uint32_t	 h;

	memset(bits, 0, sizeof(bits));
	for (i = 0; i < m; i++) {
		if (cp[i] == ' ')
			continue;
		h = (cp[i] * 2654435761u) >> 21;
		bits[h >> 3] ^= (uint8_t)(1u << (h & 7));
	}
	for (i = 0; i < m; i++) {
		h = (cp[i] * 2654435761u) >> 21;
		if (cp[i] != ' ' && (bits[h >> 3] & (1u << (h & 7))))
			return 0;
	}
	return 1;
}

/* Does every byte value but the space occur an even number of times in
 * s[0..len)?  (True of every doubled line; a first, cheap filter.) */
static int
even_bytes(const char *s, size_t len)
{
	uint64_t	 par[4] = { 0, 0, 0, 0 }, x = 0, w;
	size_t		 i;
	unsigned char	 c;

	/* First the XOR of all bytes, eight at a time: it must come to
	 * 0, or to ' ' when the spaces are odd in number. */
	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		x ^= w;
	}
	for (; i < len; i++)
		x ^= (unsigned char)s[i];
	x ^= x >> 32;
	x ^= x >> 16;
	x ^= x >> 8;
	if ((x & 0xFF) != 0 && (x & 0xFF) != ' ')
		return 0;
	for (i = 0; i < len; i++)
		if ((c = (unsigned char)s[i]) != ' ')
			par[c >> 6] ^= (uint64_t)1 << (c & 63);
	return (par[0] | par[1] | par[2] | par[3]) == 0;
}

/* Split the line s[0..len) into pairs; return 1 and fill st when it is
 * doubled throughout, else 0.  The split is left in D->pick.  When
 * charge is set, the work is taken from D->budget (and the line is not
 * looked at when the budget is spent). */
static int
dbl_split(struct dbl *D, const char *s, size_t len, struct dblstat *st,
    int charge)
{
	size_t		 m = 0, i, j, k, cost;
	uint16_t	*row, *nrow;
	uint32_t	 cand;

	if (!even_bytes(s, len))
		return 0;
	for (i = 0; i < len && m <= DBL_MAXCP; m++)
		i += next_cp_fast(s + i, len - i, &D->cp[m]);
	if (m < 2 || m > DBL_MAXCP || !even_counts(D->cp, m))
		return 0;
	cost = m * m / 2 + m;
	if (charge && cost > D->budget)
		return 0;
	if (charge)
		D->budget -= cost;
	D->best[m] = 0;
	memset(D->lcp, 0, sizeof(D->lcp));
	for (i = m; i-- > 0; ) {
		/* row[j] = common prefix of cp[i..] and cp[j..], j > i */
		row = D->lcp[i % 2];
		nrow = D->lcp[(i + 1) % 2];
		for (j = m; j > i; j--)
			row[j] = j < m && D->cp[i] == D->cp[j] ?
			    (uint16_t)(nrow[j + 1] + 1) : 0;
		D->best[i] = DBL_NONE;
		if (D->cp[i] == ' ' && D->best[i + 1] != DBL_NONE) {
			D->best[i] = D->best[i + 1];
			D->pick[i] = 0;
			continue;
		}
		for (k = (m - i) / 2; k >= 1; k--) {
			if (row[i + k] < k || D->best[i + 2 * k] == DBL_NONE)
				continue;
			cand = D->best[i + 2 * k] + 1u;
			if (cand < D->best[i]) {
				D->best[i] = (uint16_t)cand;
				D->pick[i] = (uint16_t)k;
			}
		}
	}
	if (D->best[0] == DBL_NONE)
		return 0;
	memset(st, 0, sizeof(*st));
	for (i = 0; i < m; i += D->pick[i] ? 2 * D->pick[i] : 1) {
		if (D->pick[i] == 0)
			continue;
		st->pairs++;
		st->longpairs += D->pick[i] >= 2;
		st->cps += D->pick[i];
	}
	return st->pairs > 0;
}

/* Write the undoubled line for the split in D (m code points) to out:
 * one X per pair, a space between pairs only between ASCII letters or
 * digits. */
static void
dbl_join(const struct dbl *D, const char *s, size_t len, struct buf *out)
{
	size_t		 m = 0, i, j, k;
	uint32_t	 cp, prev = 0;
	int		 pending = 0;

	for (i = 0; i < len; m++)
		i += next_cp_fast(s + i, len - i, &cp);
	buf_reset(out);
	for (i = 0; i < m; i += k ? 2 * k : 1) {
		if ((k = D->pick[i]) == 0) {
			pending = 1;
			continue;
		}
		if (pending && cp_is_ascii_alnum(prev) &&
		    cp_is_ascii_alnum(D->cp[i]))
			buf_putc(out, ' ');
		pending = 0;
		for (j = i; j < i + k; j++)
			buf_putcp(out, D->cp[j]);
		prev = D->cp[i + k - 1];
	}
}

/* Is a region of nlines doubled lines holding st clearly doubled text
 * (not 天天, 2020 or 谢谢谢谢 by chance)? */
static int
region_is_doubled(int nlines, const struct dblstat *st)
{
	if (nlines >= 2)
		return st->pairs >= 4 && st->longpairs >= 2 && st->cps >= 8;
	return nlines == 1 && st->pairs >= 3 && st->longpairs >= 2 &&
	    st->cps >= 6;
}

/* Repair the doubled line w (its split recomputed into D). */
static void
dbl_repair(struct doc *doc, struct dbl *D, struct wline *w, struct buf *b)
{
	struct dblstat	 st;

	if (!dbl_split(D, w->s, w->len, &st, 0))
		return;
	dbl_join(D, w->s, w->len, b);
	w->s = arena_strndup(&doc->arena, b->data, b->len);
	w->len = b->len;
	w->flags |= LINE_UNDOUBLED;
}

/*
 * Repair every maximal run of doubled lines (blank lines may sit
 * inside) that region_is_doubled() accepts.  dbl[i] marks doubled
 * lines.
 */
static void
undouble(struct doc *doc, struct lines *L)
{
	struct dbl	*D = xcalloc(1, sizeof(*D));
	struct dblstat	*st, sum;
	struct buf	 b = BUF_INIT;
	unsigned char	*isdbl = xcalloc(L->n ? L->n : 1, 1);
	size_t		 i, j, start, end;
	int		 nlines;

	st = xcalloc(L->n ? L->n : 1, sizeof(*st));
	D->budget = DBL_BUDGET;
	for (i = 0; i < L->n; i++)
		if (!L->v[i].drop && L->v[i].len > 0 &&
		    L->v[i].len <= 4 * DBL_MAXCP &&
		    dbl_split(D, L->v[i].s, L->v[i].len, &st[i], 1))
			isdbl[i] = 1;
	for (i = 0; i < L->n; i = end) {
		end = i + 1;
		if (!isdbl[i])
			continue;
		/* The run: doubled lines, with blank or dropped lines
		 * between them; it ends at its last doubled line. */
		for (j = start = i; j < L->n; j++) {
			if (isdbl[j])
				end = j + 1;
			else if (!L->v[j].drop && L->v[j].len > 0)
				break;
		}
		memset(&sum, 0, sizeof(sum));
		nlines = 0;
		for (j = start; j < end; j++) {
			if (!isdbl[j])
				continue;
			sum.pairs += st[j].pairs;
			sum.longpairs += st[j].longpairs;
			sum.cps += st[j].cps;
			nlines++;
		}
		if (!region_is_doubled(nlines, &sum))
			continue;
		for (j = start; j < end; j++)
			if (isdbl[j])
				dbl_repair(doc, D, &L->v[j], &b);
	}
	buf_free(&b);
	free(st);
	free(isdbl);
	free(D);
}

/* ---- The whole ---- */

/* Split utf8 into cleaned physical lines in doc's arena (see parse_int.h).
 * Return 0, or -1 for a line of 4 GiB or more (error added). */
int
text_clean(struct doc *doc, const char *utf8, size_t len, int first_line,
    struct text *out, struct diags *d)
{
	struct lines	 L = { NULL, 0, 0 };
	size_t		 i, n = 0, blanks = 0;
	unsigned	 carry = 0;

	lines_split(doc, utf8, len, first_line, &L);
	for (i = 0; i < L.n; i++)
		if (L.v[i].len >= UINT32_MAX) {
			diag_add(d, doc->source, L.v[i].no, 0, SEV_ERROR,
			    "line of %zu bytes: a line is at most 4 GiB",
			    L.v[i].len);
			free(L.v);
			return -1;
		}
	drop_page_numbers(&L);
	drop_repeated(doc, &L, &out->header);
	undouble(doc, &L);
	out->v = arena_alloc(&doc->arena, (L.n ? L.n : 1) * sizeof(*out->v));
	for (i = 0; i < L.n; i++) {
		/* Dropped lines go; so do blank lines after two blank
		 * lines (they say no more, and would cost memory). */
		if (L.v[i].drop || (L.v[i].len == 0 && blanks >= 2)) {
			carry |= L.v[i].flags & LINE_PAGE;
			continue;
		}
		blanks = L.v[i].len == 0 ? blanks + 1 : 0;
		out->v[n].s = L.v[i].s;
		out->v[n].len = (uint32_t)L.v[i].len;
		out->v[n].no = L.v[i].no;
		out->v[n].indent = L.v[i].indent;
		out->v[n].flags = L.v[i].flags | carry;
		carry = 0;
		n++;
	}
	out->n = n;
	free(L.v);
	return 0;
}
