/*
 * figures.c — the key figures of items: the numbers of an item's text
 * with their units, comparators and subjects (95%以上, 不低于1200元,
 * 3-5个, 床位500张, 覆盖率达到90%).  docs/figures.md gives the rules
 * and what makes two figures the same indicator; the words it reads
 * (units, qualifiers, links, stops) are tables in lexicon.c, numeral
 * values come from numeral.c.
 */
#include <stdlib.h>
#include <string.h>

#include "parse/parse_int.h"

#define SUBJECT_MAX	20	/* code points of a subject at most */
#define AGE_NOUN_MAX	5	/* code points of the people an age
				 * qualifies (儿童, 学前儿童), beyond which
				 * the phrase names more than who */
#define NAME_MAX	16	/* code points of a quoted name at most */
#define TITLE_MAX	120	/* … of a title in 《》 */
#define SENTENCE_SIDE	360	/* bytes of a sentence either side at most */

/* A number read in the text. */
struct num {
	double	 v;
	size_t	 start, end;
	int	 cn;		/* written in Chinese numerals */
};

/* A figure while the text is read: offsets into it. */
struct rawfig {
	size_t		 vstart, vend;	/* the value as written */
	size_t		 nstart;	/* its first number */
	size_t		 ustart, uend;	/* its unit */
	const char	*unit;		/* static, or NULL: in the text */
	const char	*cmp;
	const char	*link;		/* the comparator of a target word
					 * before it (达到), or NULL */
	double		 num, num2;
};

/* Is cp an ASCII letter or digit (the ascii_ macros take bytes)? */
#define CP_ALNUM(cp)	((cp) < 0x80 && ascii_isalnum(cp))
#define CP_DIGIT(cp)	((cp) < 0x80 && ascii_isdigit(cp))
#define CP_ALPHA(cp)	((cp) < 0x80 && ascii_isalpha(cp))

/* The code point at s[i], or 0 at the end. */
static uint32_t
cp_at(const char *s, size_t len, size_t i)
{
	return i < len ? utf8_step(s, len, &i) : 0;
}

/* Can a Chinese numeral of a figure start with cp (一 … 九, 两, 十, not
 * 〇 零 百 千 万: 百人计划, 千名 are names)? */
static int
cn_start(uint32_t cp)
{
	return cp == 0x4E24 || (enum_start(cp) && cp != 0x7B2C &&
	    cp != 0x3007 && cp != 0x96F6);
}

/* Is cp a character of a Chinese numeral (digit or 十百千万亿)? */
static int
cn_char(uint32_t cp)
{
	return enum_start(cp) || cp == 0x4E24 || cp == 0x767E ||
	    cp == 0x5343 || cp == 0x4E07 || cp == 0x4EBF;
}

/* Read the Arabic number at s[i] (1,200 and 2.5 too) into *n.  Return
 * 0, or -1 when there is none. */
static int
arabic(const char *s, size_t len, size_t i, struct num *n)
{
	char	 tmp[40];
	size_t	 k = 0, j = i;
	int	 dot = 0;

	if (j >= len || !ascii_isdigit(s[j]))
		return -1;
	while (j < len && k < sizeof(tmp) - 1) {
		if (ascii_isdigit(s[j]))
			tmp[k++] = s[j++];
		else if (s[j] == '.' && !dot && j + 1 < len &&
		    ascii_isdigit(s[j + 1])) {
			dot = 1;
			tmp[k++] = s[j++];
		} else if (s[j] == ',' && !dot && len - j > 3 &&
		    ascii_isdigit(s[j + 1]) && ascii_isdigit(s[j + 2]) &&
		    ascii_isdigit(s[j + 3]) && (len - j == 4 ||
		    !ascii_isdigit(s[j + 4])))
			j++;
		else
			break;
	}
	tmp[k] = '\0';
	n->v = strtod(tmp, NULL);
	n->start = i;
	n->end = j;
	n->cn = 0;
	return 0;
}

/* Read the number at s[i], Arabic or Chinese (numeral.c reads the
 * latter; 两 alone counts before a unit).  Return 0, or -1. */
static int
number(const char *s, size_t len, size_t i, struct num *n)
{
	size_t		 used, j = i;
	uint32_t	 cp;
	int		 v;

	if (arabic(s, len, i, n) == 0)
		return 0;
	cp = utf8_step(s, len, &j);
	if (!cn_start(cp))
		return -1;
	if ((v = cn_numeral(s + i, len - i, &used)) < 0) {
		if (cp != 0x4E24)
			return -1;
		v = 2;
		used = j - i;
	}
	/* 一 alone is an article (一个, 一次性, 进一步), not a figure. */
	if (v == 1 && used == j - i)
		return -1;
	n->v = v;
	n->start = i;
	n->end = i + used;
	n->cn = 1;
	return 0;
}

/* Does the full-width percent sign ％ start at s[i]? */
static int
word_at_pct(const char *s, size_t len, size_t i)
{
	return len - i >= 3 && i < len && memcmp(s + i, "％", 3) == 0;
}

/* Length of a range's dash at s[i] (- － — ～ ~ 至 到 〜), or 0. */
static size_t
range_dash(const char *s, size_t len, size_t i)
{
	size_t		 j = i;
	uint32_t	 cp = utf8_step(s, len, &j);

	if (i >= len)
		return 0;
	if (cp == '-' || cp == '~' || cp == 0xFF0D || cp == 0x2014 ||
	    cp == 0xFF5E || cp == 0x301C || cp == 0x2013 || cp == 0x81F3 ||
	    cp == 0x5230)
		return j - i;
	return 0;
}

/* Read the figure whose number starts at s[i] into *f.  Return the
 * offset to go on from: past the figure, or past the number when it
 * is not one (no unit, a date, a time frame). */
static size_t
figure_at(const char *s, size_t len, size_t i, struct rawfig *f)
{
	struct num	 a, b, c2;
	size_t		 j, k, d, used, st;
	uint32_t	 cp;
	const char	*cmp = "=", *c;
	double		 mult = 1;
	int		 pct = 0, range = 0, keep, mul = 0;

	memset(f, 0, sizeof(*f));
	if (len - i >= 9 && memcmp(s + i, "百分之", 9) == 0) {
		if (number(s, len, i + 9, &a) == -1)
			return i;
		a.start = i;
		pct = 1;
	} else if (number(s, len, i, &a) == -1)
		return i;
	j = a.end;
	/* A range: 3-5个, 0～36个月, 10%-20%, 三至五个. */
	k = j;
	if (!pct && k < len && (s[k] == '%' || word_at_pct(s, len, k)))
		k += s[k] == '%' ? 1 : 3;
	if ((d = range_dash(s, len, k)) > 0 &&
	    number(s, len, k + d, &b) == 0 && b.cn == a.cn &&
	    b.v >= a.v) {
		j = b.end;
		range = 1;
	} else
		b = a;
	/* A rate per a round number: 10/10万. */
	if (!pct && j + 1 < len && s[j] == '/' && ascii_isdigit(s[j + 1]) &&
	    arabic(s, len, j + 1, &c2) == 0) {
		k = c2.end;
		if (cp_at(s, len, k) == 0x4E07 || cp_at(s, len, k) == 0x5343)
			k += 3;
		f->ustart = j;
		f->uend = j = k;
		goto qualify;
	}
	/* 万 and 亿 after Arabic digits (numeral.c reads 两万). */
	for (;;) {
		cp = cp_at(s, len, j);
		if (cp == 0x4E07 && !a.cn) {
			mult *= 10000;
			j += 3;
		} else if (cp == 0x4EBF) {
			mult *= 100000000;
			j += 3;
		} else
			break;
		mul = 1;
	}
	/* 100余人, 300多家 */
	cp = cp_at(s, len, j);
	if ((cp == 0x4F59 || cp == 0x591A) && fig_unit(s + j + 3,
	    len - j - 3, &used) != NULL) {
		cmp = "≈";
		j += 3;
	}
	f->ustart = j;
	if (pct)
		f->unit = "%";
	else if (j < len && s[j] == '%') {
		f->unit = "%";
		j++;
	} else if (word_at_pct(s, len, j)) {
		f->unit = "%";
		j += 3;
	} else if (len - j >= 3 && memcmp(s + j, "‰", 3) == 0) {
		f->unit = "‰";
		j += 3;
	} else if ((c = fig_unit(s + j, len - j, &used)) != NULL) {
		f->unit = c;
		j += used;
	} else if (!mul)
		return a.end;
	else
		f->unit = "";
	/* 年 is a unit for a length of time only: not 2015年, 5年内. */
	if (strcmp(f->unit, "年") == 0 && (a.v >= 1000 || b.v >= 1000 ||
	    fig_time_frame(s + j, len - j)))
		return j;
	/* A unit per another: 元/人, 人/万. */
	if (j < len && s[j] == '/' && j + 1 < len && (utf8_han(s, len,
	    j + 1) || ascii_isalpha(s[j + 1]))) {
		k = j + 1;
		while (k < len && k - j <= 7) {
			d = k;
			cp = utf8_step(s, len, &d);
			if (!cp_han(cp) && !CP_ALPHA(cp) && cp != 0xB7)
				break;
			k = d;
		}
		j = k;
		f->unit = NULL;
	}
	f->uend = j;
qualify:
	if ((c = fig_suffix(s + j, len - j, &used)) != NULL) {
		cmp = c;
		j += used;
	} else if (range)
		cmp = "range";
	f->vstart = a.start;
	if ((c = fig_prefix(s, a.start, &st, &keep)) != NULL) {
		if (keep) {
			f->vstart = st;
			if (strcmp(cmp, "=") == 0 || strcmp(cmp, "range") == 0)
				cmp = c;
		} else
			f->link = c;
	}
	f->nstart = a.start;
	f->vend = j;
	f->cmp = cmp;
	f->num = a.v * mult;
	f->num2 = b.v * mult;
	return j;
}

/* Is the word w at s[k], before s[end]? */
static int
len_word(const char *s, size_t end, size_t k, const char *w)
{
	size_t	 n = strlen(w);

	return k <= end && end - k >= n && memcmp(s + k, w, n) == 0;
}

/* Does a boundary of a subject written before its figure end at
 * s[end]: a clause's punctuation (，。；：！？、 and ASCII ,;:)? */
static int
clause_mark(uint32_t cp)
{
	return cp_is_stop(cp) || cp == 0xFF0C || cp == 0xFF1B ||
	    cp == 0xFF1A || cp == 0x3001 || cp == ',' || cp == ';' ||
	    cp == ':' || cp == '\n';
}

/* May cp stand in a subject: a Han character, a Latin letter or digit,
 * quotes and brackets (村（社区）, “大学生创业能手”)? */
static int
subject_char(uint32_t cp)
{
	return cp_han(cp) || CP_ALNUM(cp) || cp_is_opener(cp) ||
	    cp_is_closer(cp) || cp == 0xB7 || cp == '+';
}

/* Does a number (Arabic, or a Chinese numeral of a figure) start at
 * s[i]? */
static int
number_starts(const char *s, size_t len, size_t i)
{
	struct num	 n;

	return i < len && number(s, len, i, &n) == 0;
}

/* The subject written after the figure ending at s[i] (3个区级医疗质量
 * 控制和改进中心): [*from, *to), empty when a clause mark or the end
 * follows.  The span runs to a clause mark (、 does not end it: a list
 * of things counted), a number, or 和 before the next figure; a verb
 * (fig_stop) ends it unless it comes first, when a 的 further on
 * takes the head (1000名达到国际服务标准的家庭医生).  A list whose
 * members are modifiers (能够…、带动…的创新人才), or a span longer than
 * SUBJECT_MAX, keeps what follows its last 的. */
static void
subject_after(const char *s, size_t len, size_t i, size_t *from,
    size_t *to)
{
	size_t		 j, n = 0, end, verb = (size_t)-1, de = (size_t)-1;
	size_t		 comma = (size_t)-1, k;
	uint32_t	 cp;

	*from = *to = i;
	/* A closing quote ends the passage the figure stands in; after
	 * 、 comes the next clause of a list. */
	if (i < len && (cp_is_closer(cp_at(s, len, i)) ||
	    cp_at(s, len, i) == 0x3001))
		return;
	if (len - i >= 3 && memcmp(s + i, "的", 3) == 0)
		i += 3;
	*from = *to = i;
	for (end = i; end < len && n < 2 * SUBJECT_MAX; n++) {
		if (verb == (size_t)-1 && fig_stop(s + end, len - end) > 0)
			verb = end;
		j = end;
		cp = utf8_step(s, len, &j);
		if (cp != 0x3001 && (!subject_char(cp) || CP_DIGIT(cp)))
			break;
		/* 5万大学新生和17个村: the next figure's subject. */
		if ((cp == 0x548C || cp == 0x53CA || cp == 0x4E0E ||
		    cp == 0x6216 || cp == 0x3001) && number_starts(s, len, j))
			break;
		if (cp == 0x7684)		/* 的 */
			de = j;
		if (cp == 0x3001)
			comma = end;
		end = j;
	}
	if (verb == i) {
		if (de == (size_t)-1)
			return;
		i = de;
		verb = (size_t)-1;
		for (k = i; k < end; k = j) {
			if (fig_stop(s + k, end - k) > 0) {
				verb = k;
				break;
			}
			j = k;
			(void)utf8_step(s, end, &j);
		}
	}
	if (verb != (size_t)-1 && verb > i) {
		end = verb;
		if (de != (size_t)-1 && de > end) {
			/* the last 的 before the verb */
			de = (size_t)-1;
			for (k = i; k < end; k = j) {
				j = k;
				if (utf8_step(s, end, &j) == 0x7684)
					de = j;
			}
		}
		if (comma != (size_t)-1 && comma >= end)
			comma = (size_t)-1;
	}
	if ((comma != (size_t)-1 && de != (size_t)-1 && de > comma) ||
	    (utf8_count(s + i, end - i) > SUBJECT_MAX && de != (size_t)-1 &&
	    de < end))
		i = de;
	for (n = 0, k = i; k < end && n < SUBJECT_MAX; n++) {
		j = k;
		(void)utf8_step(s, end, &j);
		k = j;
	}
	end = k;
	while (end > i && utf8_prev(s, end, &k) == 0x3001)
		end = k;
	for (k = i; k < end; k = j) {
		j = k;
		if (cp_han(utf8_step(s, end, &j))) {
			*from = i;
			*to = end;
			return;
		}
	}
}

/* The subject written before the figure whose value starts at s[end]
 * (家庭医生签约率达到, 招录全科医生不少于), not reaching back before
 * s[floor]: [*from, *to). */
static void
subject_before(const char *s, size_t floor, size_t end, size_t *from,
    size_t *to)
{
	size_t		 i = end, st, n, k;
	uint32_t	 cp;
	int		 again = 1;

	while (i > floor) {
		cp = utf8_prev(s, i, &st);
		if (clause_mark(cp) || st < floor)
			break;
		i = st;
	}
	end = fig_link_end(s, i, end);
	/* Time frames and words that open the clause: 5年内, 到2025年, 在. */
	while (again && i < end) {
		again = 0;
		while (i < end && (s[i] == ' ' || s[i] == '\t'))
			i++;
		k = i;
		if (len_word(s, end, k, "到") || len_word(s, end, k, "至"))
			k += 3;
		if (k < end && ascii_isdigit(s[k])) {
			while (k < end && (ascii_isdigit(s[k]) || s[k] == '-'))
				k++;
			if (len_word(s, end, k, "年")) {
				k += 3;
				/* one character at a time: 内 底 前 起 */
				while (k < end && fig_time_frame(s + k,
				    end - k < 3 ? end - k : 3))
					k += 3;
				i = k;
				again = 1;
				continue;
			}
		}
		if ((n = fig_lead(s + i, end - i)) > 0 && i + n < end) {
			i += n;
			again = 1;
		}
	}
	/* The end of a long clause holds its head noun. */
	n = 0;
	for (k = end; k > i && n < SUBJECT_MAX; n++)
		(void)utf8_prev(s, k, &k);
	*from = k;
	*to = end;
}

/* The subject of a figure whose noun after it, head[0..hlen), is too
 * general alone (三项工程, 20%政策): the phrase before the figure (as
 * subject_before() reads it back to s[floor], on over a list's 、 —
 * A、B、C三项工程 — without a verb that opens it, a trailing 等 and
 * blanks) and the head, at most SUBJECT_MAX code points (the end of
 * the phrase kept); the head alone when no phrase is before it. */
static const char *
generic_subject(struct doc *doc, const char *s, size_t floor, size_t vstart,
    const char *head, size_t hlen)
{
	size_t		 a, b, k, n, a2, b2;
	uint32_t	 cp;

	subject_before(s, floor, vstart, &a, &b);
	while (a >= floor + 3 && memcmp(s + a - 3, "、", 3) == 0 &&
	    utf8_count(s + a, b - a) < SUBJECT_MAX) {
		subject_before(s, floor, a - 3, &a2, &b2);
		if (a2 == b2 || b2 != a - 3)
			break;
		a = a2;
	}
	if ((n = fig_stop(s + a, b - a)) > 0 && a + n < b)
		a += n;
	for (;;) {
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
			b--;
		if (b - a >= 3 && memcmp(s + b - 3, "等", 3) == 0)
			b -= 3;
		else
			break;
	}
	a2 = a;
	for (n = utf8_count(head, hlen); a < b &&
	    utf8_count(s + a, b - a) + n > SUBJECT_MAX; )
		(void)utf8_step(s, b, &a);
	/* Cut in a list: at its next member, not inside a word. */
	if (a > a2) {
		for (k = a; k + 3 <= b && memcmp(s + k, "、", 3) != 0; )
			(void)utf8_step(s, b, &k);
		if (k + 3 <= b)
			a = k + 3;
	}
	for (k = a; k < b; ) {
		cp = utf8_step(s, b, &k);
		if (cp_han(cp))
			return arena_printf(&doc->arena, "%.*s%.*s",
			    (int)(b - a), s + a, (int)hlen, head);
	}
	return arena_strndup(&doc->arena, head, hlen);
}

/* The sentence around s[from..to): back to the last 。！？； before it
 * and on through the next (SENTENCE_SIDE bytes either side at most, cut
 * at a character): [*a, *b). */
static void
sentence_of(const char *s, size_t len, size_t from, size_t to, size_t *a,
    size_t *b)
{
	size_t		 i = from, st, j;
	uint32_t	 cp;

	while (i > 0 && from - i < SENTENCE_SIDE) {
		cp = utf8_prev(s, i, &st);
		if (cp_is_stop(cp) || cp == 0xFF1B || cp == ';' ||
		    cp == '\n')
			break;
		i = st;
	}
	*a = i;
	i = to;
	while (i < len && i - to < SENTENCE_SIDE) {
		j = i;
		cp = utf8_step(s, len, &j);
		i = j;
		if (cp_is_stop(cp) || cp == 0xFF1B || cp == ';' ||
		    cp == '\n')
			break;
	}
	*b = i;
}

/* Is s[i] inside a name: after 第 (第3个), a Latin letter, a digit or a
 * dot (Windows 7, V2.0), a Chinese numeral (mid-numeral), or a
 * document number's bracket (〔2020〕16号)? */
static int
inside_name(const char *s, size_t i)
{
	uint32_t	 cp = utf8_prev(s, i, NULL);

	return cp == 0x7B2C || CP_ALNUM(cp) || cp == '.' ||
	    cp == '_' || cp == '/' || cp == 0x3015 || cp == 0x3014 ||
	    cn_char(cp);
}

/* The end of a quotation that names something, opened just before
 * s[i]: past its closer when it closes within NAME_MAX code points
 * without a clause mark (a title in 《》 within TITLE_MAX whatever it
 * holds); 0 when it is a passage. */
static size_t
name_end(const char *s, size_t len, size_t i)
{
	size_t		 n;
	uint32_t	 cp;
	int		 title = utf8_prev(s, i, NULL) == 0x300A;

	/* 《…》 always names a text, whatever its length. */
	for (n = 0; i < len && n <= (title ? TITLE_MAX : NAME_MAX); n++) {
		cp = utf8_step(s, len, &i);
		if (cp == 0x201D || cp == 0x300B || cp == 0x300D)
			return i;
		if (!title && clause_mark(cp) && cp != 0x3001)
			return 0;
	}
	return 0;
}

/* The separator of a list of values with one unit (1年、2年或3年) at
 * s[i..j): its length, or 0. */
static size_t
list_sep(const char *s, size_t len, size_t i)
{
	static const char *const seps[] = { "、", "或", "和", "及", NULL };
	size_t	 k;

	for (k = 0; seps[k] != NULL; k++)
		if (len_word(s, len, i, seps[k]))
			return strlen(seps[k]);
	return 0;
}

void
figures_scan(struct doc *doc, const char *s, size_t len,
    struct figure **v, size_t *n, size_t *cap)
{
	struct rawfig	 f, *r = NULL;
	size_t		 nr = 0, rcap = 0, i = 0, j, k, floor, a, b, sep;
	uint32_t	 cp;
	struct figure	*o;
	int		 after;

	while (i < len) {
		j = i;
		cp = utf8_step(s, len, &j);
		/* A short quotation is a name (“重点工作5张报表”, 《…》):
		 * its numbers are not figures; a long one is a passage. */
		if ((cp == 0x201C || cp == 0x300A || cp == 0x300C) &&
		    (k = name_end(s, len, j)) > 0) {
			i = k;
			continue;
		}
		if (!(CP_DIGIT(cp) || cn_start(cp) || cp == 0x767E) ||
		    inside_name(s, i)) {
			i = j;
			continue;
		}
		k = figure_at(s, len, i, &f);
		i = k > i ? k : j;
		if (f.vend == 0)
			continue;
		/* 1年、2年或3年: one figure, a list of values. */
		if (nr > 0 && (sep = list_sep(s, len, r[nr - 1].vend)) > 0 &&
		    r[nr - 1].vend + sep == f.vstart && r[nr - 1].unit &&
		    f.unit && strcmp(r[nr - 1].unit, f.unit) == 0) {
			r[nr - 1].vend = f.vend;
			r[nr - 1].num2 = f.num2;
			r[nr - 1].cmp = "list";
			continue;
		}
		if (nr == rcap) {
			rcap = rcap ? 2 * rcap : 8;
			r = xreallocarray(r, rcap, sizeof(*r));
		}
		r[nr++] = f;
	}
	for (k = 0; k < nr; k++) {
		if (*n == *cap) {
			*cap = *cap ? 2 * *cap : 16;
			*v = xreallocarray(*v, *cap, sizeof(**v));
		}
		o = &(*v)[(*n)++];
		memset(o, 0, sizeof(*o));
		o->value = arena_strndup(&doc->arena, s + r[k].vstart,
		    r[k].vend - r[k].vstart);
		o->unit = r[k].unit ? r[k].unit : arena_strndup(&doc->arena,
		    s + r[k].ustart, r[k].uend - r[k].ustart);
		o->num = r[k].num;
		o->num2 = r[k].num2;
		o->cmp = r[k].cmp;
		subject_after(s, len, r[k].vend, &a, &b);
		/* 2000名40周岁及以上居民: a count right before a figure
		 * that qualifies its noun (an age) counts that noun. */
		if (a == b && k + 1 < nr && r[k + 1].vstart == r[k].vend)
			subject_after(s, len, r[k + 1].vend, &a, &b);
		floor = k > 0 ? r[k - 1].vend : 0;
		if ((after = a < b) == 0) {
			subject_before(s, floor, r[k].vstart, &a, &b);
			/* 覆盖率达到90%: the target's word is the comparator. */
			if (strcmp(o->cmp, "=") == 0 && r[k].link != NULL)
				o->cmp = r[k].link;
		}
		if (after && fig_generic_head(s + a, b - a))
			o->subject = generic_subject(doc, s, floor,
			    r[k].vstart, s + a, b - a);
		else if (after && (strcmp(o->unit, "岁") == 0 ||
		    strcmp(o->unit, "周岁") == 0) &&
		    utf8_count(s + a, b - a) <= AGE_NOUN_MAX)
			/* 3-6岁儿童: the age of the children, not them. */
			o->subject = arena_printf(&doc->arena, "%.*s年龄",
			    (int)(b - a), s + a);
		else
			o->subject = arena_strndup(&doc->arena, s + a, b - a);
		sentence_of(s, len, r[k].vstart, r[k].vend, &a, &b);
		o->sentence = arena_strndup(&doc->arena, s + a, b - a);
	}
	free(r);
}

void
figures_doc(struct doc *doc)
{
	const struct node	*n;
	struct tree_iter	 it;
	struct figure		*v = NULL;
	size_t			 nv = 0, cap = 0, from, i;
	const char		*t;

	if (doc->root == NULL)
		return;
	tree_iter_init(&it, doc->root);
	while ((n = tree_next(&it)) != NULL) {
		if ((n->type != NODE_ITEM && n->type != NODE_PARAGRAPH) ||
		    (n->parent != NULL &&
		    n->parent->type == NODE_LIST &&
		    n->parent->style == LIST_INLINE))
			continue;
		from = nv;
		if ((t = n->text) != NULL || (t = n->title) != NULL)
			figures_scan(doc, t, strlen(t), &v, &nv, &cap);
		else
			for (i = 0; i < n->nfields; i++)
				if (n->fields[i].text != NULL)
					figures_scan(doc, n->fields[i].text,
					    strlen(n->fields[i].text), &v,
					    &nv, &cap);
		for (i = from; i < nv; i++)
			v[i].node = n;
	}
	if (nv > 0) {
		doc->figs = arena_alloc(&doc->arena, nv * sizeof(*v));
		memcpy(doc->figs, v, nv * sizeof(*v));
	}
	doc->nfigs = nv;
	free(v);
}

void
figure_indicator(const char *subject, struct buf *out)
{
	size_t		 len = strlen(subject), i = 0, j, k, from, to;
	uint32_t	 cp;
	int		 depth = 0;
	struct buf	 t = BUF_INIT;

	buf_reset(out);
	/* Without bracketed parts, Latin letters, digits and years. */
	while (i < len) {
		j = i;
		cp = utf8_step(subject, len, &j);
		if (cp == 0xFF08 || cp == '(')
			depth++;
		else if ((cp == 0xFF09 || cp == ')') && depth > 0)
			depth--;
		else if (depth == 0 && CP_DIGIT(cp)) {
			k = j;
			while (k < len && ascii_isdigit(subject[k]))
				k++;
			j = len_word(subject, len, k, "年") ? k + 3 : k;
		} else if (depth == 0 && !CP_ALPHA(cp) && cp != ' ')
			buf_put(&t, subject + i, j - i);
		i = j;
	}
	from = 0;
	to = t.len;
	if (t.len > 0) {
		to = fig_link_end(t.data, 0, t.len);
		while (from < to && (k = fig_lead(t.data + from, to - from)) > 0 &&
		    from + k < to)
			from += k;
	}
	buf_put(out, t.data ? t.data + from : "", to - from);
	buf_free(&t);
}

int
figure_same(const struct figure *a, const struct figure *b)
{
	struct buf	 x = BUF_INIT, y = BUF_INIT;
	int		 same;

	figure_indicator(a->subject, &x);
	figure_indicator(b->subject, &y);
	same = x.len > 0 && strcmp(a->unit, b->unit) == 0 &&
	    x.len == y.len && memcmp(x.data, y.data, x.len) == 0;
	buf_free(&x);
	buf_free(&y);
	return same;
}
