/*
 * numeral.c — Chinese numerals and numbering markers (一、 （一） 1. （1）
 * ① 第一章 第一条 亮点一： …) at the start of a line or heading, and the
 * labels of inline enumerations (一是 二是 …, 第一 第二 …).
 *
 * Everything here looks at a few characters at the start of a string:
 * no allocation, no state, linear in what it reads.
 */
#include <string.h>

#include "parse/parse_int.h"

#define CN_MAX_CHARS	16	/* longest Chinese numeral read */
#define AR_MAX_DIGITS	3	/* markers count up to 999 */

/* Code point at s[*i] (U+FFFD when invalid or at the end); advances *i
 * only when a character was there. */
static inline uint32_t
next_cp(const char *s, size_t len, size_t *i)
{
	if (*i >= len)
		return 0;
	return utf8_step(s, len, i);
}

/* Code point at s[i] without moving; 0 at the end. */
static uint32_t
peek_cp(const char *s, size_t len, size_t i)
{
	return next_cp(s, len, &i);
}

/* Is cp a blank (ASCII, no-break or ideographic space)? */
static int
is_blank(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x3000;
}

/* Skip blanks from i; return the new offset. */
static size_t
skip_blanks(const char *s, size_t len, size_t i)
{
	size_t	 j;

	for (;;) {
		j = i;
		if (!is_blank(next_cp(s, len, &j)))
			return i;
		i = j;
	}
}

/* Value of an ASCII or full-width digit, or -1. */
static int
digit_value(uint32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return (int)(cp - '0');
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return (int)(cp - 0xFF10);
	return -1;
}

/* Value of a Chinese digit (〇 零 一 … 九, 两), or -1. */
static int
cn_digit(uint32_t cp)
{
	switch (cp) {
	case 0x3007: /* 〇 */
	case 0x96F6: /* 零 */
		return 0;
	case 0x4E00: return 1;	/* 一 */
	case 0x4E8C: return 2;	/* 二 */
	case 0x4E24: return 2;	/* 两 */
	case 0x4E09: return 3;	/* 三 */
	case 0x56DB: return 4;	/* 四 */
	case 0x4E94: return 5;	/* 五 */
	case 0x516D: return 6;	/* 六 */
	case 0x4E03: return 7;	/* 七 */
	case 0x516B: return 8;	/* 八 */
	case 0x4E5D: return 9;	/* 九 */
	default:
		return -1;
	}
}

/* Value of a Chinese unit (十 百 千 万), or 0. */
static int
cn_unit(uint32_t cp)
{
	switch (cp) {
	case 0x5341: return 10;		/* 十 */
	case 0x767E: return 100;	/* 百 */
	case 0x5343: return 1000;	/* 千 */
	case 0x4E07: return 10000;	/* 万 */
	default:
		return 0;
	}
}

/* Value of the Chinese numeral at s; *used gets its length in bytes.
 * Return -1 when s does not start with one.  Numerals with units are
 * read as written (十五, 二十, 一百零五, 三千); a run of digits alone
 * is positional (二〇一五 = 2015).  两 counts only before a unit. */
int
cn_numeral(const char *s, size_t len, size_t *used)
{
	uint32_t	 cps[CN_MAX_CHARS];
	size_t		 ends[CN_MAX_CHARS];
	size_t		 n = 0, i = 0, k, j;
	int		 units = 0, total = 0, section = 0, pending = -1;
	int		 d, u, value;

	*used = 0;
	while (n < CN_MAX_CHARS && i < len) {
		j = i;
		cps[n] = next_cp(s, len, &j);
		if (cn_digit(cps[n]) < 0 && cn_unit(cps[n]) == 0)
			break;
		if (cn_unit(cps[n]))
			units++;
		ends[n++] = i = j;
	}
	/* 两 is a numeral only before a unit. */
	for (k = 0; k < n; k++)
		if (cps[k] == 0x4E24 && (k + 1 == n || !cn_unit(cps[k + 1]))) {
			n = k;
			break;
		}
	if (n == 0)
		return -1;
	if (units == 0) {
		for (k = 0, value = 0; k < n && value < 10000000; k++)
			value = value * 10 + cn_digit(cps[k]);
		*used = ends[k - 1];
		return value;
	}
	for (k = 0; k < n; k++) {
		d = cn_digit(cps[k]);
		u = cn_unit(cps[k]);
		if (d >= 0) {
			/* Two digits in a row (not after 零) end it. */
			if (pending > 0)
				break;
			pending = d;
		} else if (u == 10000) {
			if (pending > 0)
				section += pending;
			total += (section ? section : 1) * 10000;
			section = 0;
			pending = -1;
		} else {
			section += (pending > 0 ? pending : 1) * u;
			pending = -1;
		}
		if (total > 100000000)
			break;
	}
	if (k == 0)
		return -1;
	if (pending > 0)
		section += pending;
	*used = ends[k - 1];
	return total + section;
}

/* Read 1..AR_MAX_DIGITS ASCII or full-width digits at s[*i]; return the
 * value (advancing *i), or -1 (not moving) when there are none or too
 * many. */
static int
arabic_number(const char *s, size_t len, size_t *i)
{
	size_t	 j = *i, k;
	int	 n = 0, value = 0, d;

	for (;;) {
		k = j;
		if ((d = digit_value(next_cp(s, len, &k))) < 0)
			break;
		if (++n > AR_MAX_DIGITS)
			return -1;
		value = value * 10 + d;
		j = k;
	}
	if (n == 0)
		return -1;
	*i = j;
	return value;
}

/* A numeral, Arabic or Chinese, at s[*i] (advancing *i, filling num and
 * cn); -1 when there is none. */
static int
any_numeral(const char *s, size_t len, size_t *i, struct marker *m)
{
	size_t	 used;
	int	 v;

	m->num = s + *i;
	if ((v = arabic_number(s, len, i)) >= 0) {
		m->numlen = (size_t)(s + *i - m->num);
		m->cn = 0;
		return v;
	}
	if ((v = cn_numeral(s + *i, len - *i, &used)) < 0 || v > 9999)
		return -1;
	*i += used;
	m->numlen = used;
	m->cn = 1;
	return v;
}

/* Does a character that ends a decimal or a quantity follow, so that
 * "2.5", "3个", "2015 年" are not markers? */
static int
quantity_follows(uint32_t cp)
{
	static const char	*units = "年月日号时分秒个人名家项次万亿元岁"
	    "倍台张份篇所条件户例床米吨公里余多";
	char			 enc[4];
	size_t			 n;

	if (digit_value(cp) >= 0 || cp == '%' || cp == 0xFF05 ||
	    cp == 0x2030 || cp == '.' || cp == 0xFF0E)
		return 1;
	if (cp < 0x80)
		return 0;
	n = utf8_encode(cp, enc);
	return memmem(units, strlen(units), enc, n) != NULL;
}

/* Finish m: label from labstart to end (no blanks), then skip the
 * blanks after it; return the marker's length. */
static size_t
finish(const char *s, size_t len, size_t labstart, size_t end,
    struct marker *m, enum mstyle style, int value)
{
	m->style = style;
	m->value = value;
	m->labstart = labstart;
	m->lablen = end - labstart;
	m->len = skip_blanks(s, len, end);
	return m->len;
}

/* Skip an optional 、 or ． after a closing bracket or circled number. */
static size_t
skip_after_close(const char *s, size_t len, size_t i)
{
	size_t		 j = i;
	uint32_t	 cp = next_cp(s, len, &j);

	if (cp == 0x3001 || cp == 0xFF64 || cp == 0xFF0E)
		return j;
	return i;
}

/* Value of a circled digit (① ㉑ ㊱ ❶ ➀ ➊) or one in brackets or with
 * a dot (⑴ ⒈), or -1. */
static int
circled_value(uint32_t cp)
{
	static const struct { uint32_t from, to; int first; } r[] = {
		{ 0x2460, 0x2473, 1 }, { 0x3251, 0x325F, 21 },
		{ 0x32B1, 0x32BF, 36 }, { 0x2776, 0x277F, 1 },
		{ 0x2780, 0x2789, 1 }, { 0x278A, 0x2793, 1 },
		{ 0x2474, 0x2487, 1 }, { 0x2488, 0x249B, 1 },
	};
	size_t	 i;

	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++)
		if (cp >= r[i].from && cp <= r[i].to)
			return (int)(cp - r[i].from) + r[i].first;
	return -1;
}

int
num_value(const char *num)
{
	size_t		 len, i = 0, used;
	long		 total = 0;
	int		 d;

	if (num == NULL || (len = strlen(num)) == 0)
		return -1;
	if (digit_value(peek_cp(num, len, 0)) >= 0) {
		while (i < len) {
			d = digit_value(next_cp(num, len, &i));
			if (d < 0 || total > 99999999)
				return -1;
			total = total * 10 + d;
		}
		return (int)total;
	}
	d = circled_value(next_cp(num, len, &i));
	if (i == len && d > 0)
		return d;
	if ((d = cn_numeral(num, len, &used)) < 0 || used != len)
		return -1;
	return d;
}

/* （一） (1) and mixed brackets. */
static size_t
paren_marker(const char *s, size_t len, size_t start, size_t i,
    struct marker *m)
{
	uint32_t	 open, close;
	int		 v;

	open = next_cp(s, len, &i);
	i = skip_blanks(s, len, i);
	if ((v = any_numeral(s, len, &i, m)) < 1)
		return 0;
	i = skip_blanks(s, len, i);
	close = next_cp(s, len, &i);
	if (close != ')' && close != 0xFF09)
		return 0;
	m->delim = open == '(' ? '(' : 0xFF08;
	i = skip_after_close(s, len, i);
	return finish(s, len, start, i, m, m->cn ? M_CN_PAREN : M_AR_PAREN,
	    v);
}

/* ① ⑴ ⒈ ❶ and their like. */
static size_t
circled_marker(const char *s, size_t len, size_t start, size_t i,
    struct marker *m)
{
	uint32_t	 cp;
	enum mstyle	 style = M_CIRCLED;
	int		 v;

	m->num = s + i;
	cp = next_cp(s, len, &i);
	m->numlen = (size_t)(s + i - m->num);
	if ((v = circled_value(cp)) < 0)
		return 0;
	if (cp >= 0x2474 && cp <= 0x2487) {
		style = M_AR_PAREN;
		m->delim = '(';
	} else if (cp >= 0x2488 && cp <= 0x249B) {
		style = M_AR_DOT;
		m->delim = '.';
	}
	i = skip_after_close(s, len, i);
	return finish(s, len, start, i, m, style, v);
}

/* 1. 1、 1) and a bare row number. */
static size_t
arabic_marker(const char *s, size_t len, size_t start, size_t i,
    struct marker *m)
{
	uint32_t	 cp;
	size_t		 j;
	int		 v;

	if ((v = any_numeral(s, len, &i, m)) < 1 || m->cn)
		return 0;
	j = i;
	cp = next_cp(s, len, &j);
	if (cp == '.' || cp == 0xFF0E) {
		if (digit_value(peek_cp(s, len, j)) >= 0)
			return 0;
		m->delim = '.';
		return finish(s, len, start, j, m, M_AR_DOT, v);
	}
	if (cp == 0x3001 || cp == 0xFF64) {
		if (digit_value(peek_cp(s, len, j)) >= 0)
			return 0;
		m->delim = 0x3001;
		return finish(s, len, start, j, m, M_AR_DUN, v);
	}
	if (cp == ')' || cp == 0xFF09) {
		m->delim = ')';
		return finish(s, len, start, j, m, M_AR_RPAREN, v);
	}
	if (i == len || is_blank(cp)) {
		j = skip_blanks(s, len, i);
		if (j < len && quantity_follows(peek_cp(s, len, j)))
			return 0;
		return finish(s, len, start, i, m, M_AR_BARE, v);
	}
	return 0;
}

/* 一、 一． */
static size_t
cn_marker(const char *s, size_t len, size_t start, size_t i,
    struct marker *m)
{
	uint32_t	 cp;
	int		 v;

	if ((v = any_numeral(s, len, &i, m)) < 1 || !m->cn)
		return 0;
	cp = next_cp(s, len, &i);
	/* "二、三级医院" counts, it does not number. */
	if ((cp == 0x3001 || cp == 0xFF64) &&
	    cn_digit(peek_cp(s, len, i)) == v + 1)
		return 0;
	if (cp == 0x3001 || cp == 0xFF64)
		m->delim = 0x3001;
	else if ((cp == '.' || cp == 0xFF0E) &&
	    digit_value(peek_cp(s, len, i)) < 0)
		m->delim = '.';
	else
		return 0;
	return finish(s, len, start, i, m, M_CN_DUN, v);
}

/* Is cp a delimiter after an ordinal or a lead word: ， 、 ： : */
static int
is_soft_delim(uint32_t cp)
{
	return cp == 0xFF0C || cp == 0x3001 || cp == 0xFF1A || cp == ':' ||
	    cp == 0xFF64;
}

/* 第一章 第一节 第一条 第一部分 第一篇 第一编, and 第一， (ordinal). */
static size_t
di_marker(const char *s, size_t len, size_t start, size_t i,
    struct marker *m)
{
	static const char	*part = "部分";
	uint32_t		 cp;
	enum mstyle		 style;
	size_t			 j;
	int			 v;

	next_cp(s, len, &i);		/* 第 */
	if ((v = any_numeral(s, len, &i, m)) < 1)
		return 0;
	j = i;
	cp = next_cp(s, len, &j);
	switch (cp) {
	case 0x7AE0:			/* 章 */
		style = M_CHAPTER;
		break;
	case 0x8282:			/* 节 */
		style = M_SECTION;
		break;
	case 0x6761:			/* 条 */
		style = M_ARTICLE;
		break;
	case 0x7BC7:			/* 篇 */
	case 0x7F16:			/* 编 */
		style = M_PART;
		break;
	default:
		if (len - i >= strlen(part) &&
		    memcmp(s + i, part, strlen(part)) == 0) {
			style = M_PART;
			j = i + strlen(part);
			break;
		}
		if (is_soft_delim(cp)) {
			m->delim = cp == ':' ? 0xFF1A : cp;
			return finish(s, len, start, j, m, M_ORDINAL, v);
		}
		return 0;
	}
	/* An optional delimiter after the unit: 第一章： 第一条、 */
	i = j;
	cp = next_cp(s, len, &j);
	if (cp == 0xFF1A || cp == ':' || cp == 0x3001 || cp == 0xFF0E ||
	    cp == '.') {
		m->delim = cp;
		i = j;
	}
	return finish(s, len, start, i, m, style, v);
}

/* Is cp a character that can open a Chinese numeral? */
static int
cn_numeral_start(uint32_t cp)
{
	return (cn_digit(cp) >= 0 && cp != 0x4E24) || cn_unit(cp) == 10;
}

/* 亮点一： 附件2： 专栏三 — a word of 2-4 Han characters before a
 * numeral and a delimiter. */
static size_t
lead_marker(const char *s, size_t len, size_t start, size_t i,
    struct marker *m)
{
	uint32_t	 cp;
	size_t		 j, lead = i;
	int		 n = 0, v;

	for (;;) {
		j = i;
		cp = next_cp(s, len, &j);
		if (!cp_han(cp) || cn_numeral_start(cp) ||
		    cn_unit(cp) || cp == 0x7B2C /* 第 */)
			break;
		if (++n > 4)
			return 0;
		i = j;
	}
	if (n < 2)
		return 0;
	m->lead = s + lead;
	m->leadlen = i - lead;
	if ((v = any_numeral(s, len, &i, m)) < 1)
		return 0;
	j = i;
	cp = next_cp(s, len, &j);
	if (is_soft_delim(cp) && cp != 0xFF0C) {
		m->delim = cp == ':' ? 0xFF1A : cp;
		return finish(s, len, start, j, m, M_LEAD, v);
	}
	if (is_blank(cp) && skip_blanks(s, len, i) < len) {
		m->delim = ' ';
		return finish(s, len, start, i, m, M_LEAD, v);
	}
	return 0;
}

/* Recognise a numbering marker at the start of s; return its length
 * (m filled in) or 0 (m->style = M_NONE). */
size_t
marker_parse(const char *s, size_t len, struct marker *m)
{
	size_t		 start, n;
	uint32_t	 cp;

	memset(m, 0, sizeof(*m));
	start = skip_blanks(s, len, 0);
	cp = peek_cp(s, len, start);
	if (cp == 0x7B2C)				/* 第 */
		n = di_marker(s, len, start, start, m);
	else if (cp == '(' || cp == 0xFF08)
		n = paren_marker(s, len, start, start, m);
	else if ((cp >= 0x2460 && cp <= 0x249B) ||
	    (cp >= 0x3251 && cp <= 0x325F) ||
	    (cp >= 0x32B1 && cp <= 0x32BF) ||
	    (cp >= 0x2776 && cp <= 0x2793))
		n = circled_marker(s, len, start, start, m);
	else if (digit_value(cp) >= 0)
		n = arabic_marker(s, len, start, start, m);
	else if (cn_numeral_start(cp))
		n = cn_marker(s, len, start, start, m);
	else if (cp_han(cp))
		n = lead_marker(s, len, start, start, m);
	else
		n = 0;
	if (n == 0) {
		memset(m, 0, sizeof(*m));
		m->style = M_NONE;
	}
	return n;
}

/* Recognise an inline enumeration label (一是 一要 第一) at s; return
 * its length (m filled in) or 0. */
size_t
enum_parse(const char *s, size_t len, struct marker *m)
{
	uint32_t	 cp;
	size_t		 i = 0, used;
	int		 v;

	memset(m, 0, sizeof(*m));
	cp = peek_cp(s, len, 0);
	if (cp == 0x7B2C) {			/* 第 */
		next_cp(s, len, &i);
		m->num = s + i;
		if ((v = cn_numeral(s + i, len - i, &used)) < 1 || v > 99)
			goto none;
		i += used;
		m->numlen = used;
		cp = peek_cp(s, len, i);
		if (cp != 0xFF0C && cp != 0x3001 && cp != 0xFF1A)
			goto none;
		m->delim = cp;
		m->cn = 1;
		m->style = M_ORDINAL;
		m->value = v;
		m->labstart = 0;
		m->lablen = i;
		next_cp(s, len, &i);
		m->len = i;
		return i;
	}
	if (!cn_numeral_start(cp))
		goto none;
	m->num = s;
	if ((v = cn_numeral(s, len, &used)) < 1 || v > 99)
		goto none;
	m->numlen = used;
	i = used;
	cp = next_cp(s, len, &i);
	if (cp != 0x662F && cp != 0x8981)	/* 是 要 */
		goto none;
	m->delim = cp;
	m->cn = 1;
	m->style = M_ENUM;
	m->value = v;
	m->labstart = 0;
	m->lablen = m->len = i;
	return i;
none:
	memset(m, 0, sizeof(*m));
	return 0;
}

/* Are a and b one level of numbering? */
int
marker_same_level(const struct marker *a, const struct marker *b)
{
	enum mstyle	 sa = a->style, sb = b->style;

	if (sa == M_AR_DUN)
		sa = M_AR_DOT;
	if (sb == M_AR_DUN)
		sb = M_AR_DOT;
	if (sa != sb || sa == M_NONE)
		return 0;
	if (sa == M_LEAD)
		return a->leadlen == b->leadlen &&
		    memcmp(a->lead, b->lead, a->leadlen) == 0;
	if (sa == M_ENUM)
		return a->delim == b->delim;
	return 1;
}
